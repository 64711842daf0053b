//! Every case of `fixtures/diff/`, one test each (`diff::<case>`), run as
//! a user runs it: `plumb migrate diff --from-schema from.prisma (or
//! --from-empty) --to-schema to.prisma` must print Prisma's bytes, as a
//! script (`expected.sql`) and as a summary (`expected.txt`), both written
//! by `fixtures/diff/regenerate.sh` from Prisma's own engine; the warnings
//! block `migrate dev` would write must be Prisma's
//! (`expected_warnings.txt`); and the script must run on PostgreSQL after
//! the `from` schema's SQL — or, for a case marked `not_executable.txt`,
//! still fail, so the mark stays true.

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

use std::path::Path;
use std::process::{Command, ExitCode};

use plumb_migrate::diff::{Source, warnings};
use plumb_testkit::cases::{self, Case};

fn main() -> ExitCode {
    let cases = cases::discover("diff", |path| path.join("to.prisma").is_file());
    assert!(cases.len() > 200, "only {} diff cases found", cases.len());
    let with_warnings = cases
        .iter()
        .filter(|case| case.path.join("expected_warnings.txt").is_file())
        .count();
    assert!(
        with_warnings >= 100,
        "only {with_warnings} cases have expected warnings"
    );
    cases::run(cases::trials("diff", cases, check))
}

fn check(case: &Case) -> Result<(), String> {
    let mut failures = Vec::new();
    for (flag, file) in [(Some("--script"), "expected.sql"), (None, "expected.txt")] {
        if let Err(failure) = prints_prismas_bytes(&case.path, flag, file) {
            failures.push(failure);
        }
    }
    if let Err(failure) = warns_as_prisma(&case.path) {
        failures.push(failure);
    }
    if let Err(failure) = runs_on_postgresql(&case.path) {
        failures.push(failure);
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n"))
    }
}

/// `plumb migrate diff` for the case, with `flag`; its standard output.
fn plumb_diff(case: &Path, flag: Option<&str>) -> Result<String, String> {
    let from = case.join("from.prisma");
    let mut command = Command::new(env!("CARGO_BIN_EXE_plumb"));
    command.args(["migrate", "diff"]);
    if from.is_file() {
        command.arg("--from-schema").arg(&from);
    } else {
        command.arg("--from-empty");
    }
    command.arg("--to-schema").arg(case.join("to.prisma"));
    command.args(flag);
    let output = command.env("NO_COLOR", "1").output().unwrap();
    if !output.status.success() {
        return Err(format!(
            "plumb migrate diff {flag:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    String::from_utf8(output.stdout).map_err(|error| error.to_string())
}

fn prints_prismas_bytes(case: &Path, flag: Option<&str>, file: &str) -> Result<(), String> {
    let expected = std::fs::read_to_string(case.join(file))
        .map_err(|_| format!("no {file} (run regenerate.sh)"))?;
    let actual = plumb_diff(case, flag)?;
    if actual == expected {
        return Ok(());
    }
    Err(format!(
        "{file}:\n{}",
        similar::TextDiff::from_lines(&expected, &actual)
            .unified_diff()
            .header("Prisma", "plumb")
    ))
}

/// The warnings block `migrate dev` would write, against Prisma's
/// (`expected_warnings.txt`, from `fixtures/diff/regenerate-warnings.sh`).
/// Prisma's `createMigration` reads the previous schema back from a
/// database, where tables come sorted by name, so its lines may come in
/// another order than a diff between two schema files gives; the lines
/// must be the same. Where Prisma's database-read previous state cannot
/// match a schema file's, `warnings_differ.txt` says why.
fn warns_as_prisma(case: &Path) -> Result<(), String> {
    let Ok(expected) = std::fs::read_to_string(case.join("expected_warnings.txt")) else {
        return Ok(());
    };
    if case.join("warnings_differ.txt").is_file() {
        return Ok(());
    }
    let from = case.join("from.prisma");
    let from = if from.is_file() {
        Source::Schema(from)
    } else {
        Source::Empty
    };
    let actual = warnings(&from, &Source::Schema(case.join("to.prisma")))
        .map_err(|error| format!("warnings: {error}"))?;
    if sorted(&actual) == sorted(&expected) {
        return Ok(());
    }
    Err(format!(
        "expected_warnings.txt:\n{}",
        similar::TextDiff::from_lines(&expected, &actual)
            .unified_diff()
            .header("Prisma", "plumb")
    ))
}

/// A text's lines, sorted.
fn sorted(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort_unstable();
    lines
}

/// Prisma's `from.sql` (when the case has one), then plumb's script, on a
/// fresh database. A case marked `not_executable.txt` must fail in
/// plumb's script (or, from empty, anywhere: the whole script is the case).
fn runs_on_postgresql(case: &Path) -> Result<(), String> {
    let marked = case.join("not_executable.txt").is_file();
    match execute(case) {
        Ok(()) if marked => Err("runs: remove its not_executable.txt".to_string()),
        Ok(()) => Ok(()),
        Err(_) if marked && !case.join("from.prisma").is_file() => Ok(()),
        Err(error) if marked && error.starts_with("plumb's script failed") => Ok(()),
        Err(error) => Err(error),
    }
}

fn execute(case: &Path) -> Result<(), String> {
    let script = plumb_diff(case, Some("--script"))?;
    let database = plumb_testkit::database();
    let mut client = database.connect();
    if let Ok(from_sql) = std::fs::read_to_string(case.join("from.sql")) {
        client
            .batch_execute(&from_sql)
            .map_err(|error| format!("Prisma's from.sql failed: {}", message(&error)))?;
    }
    client
        .batch_execute(&script)
        .map_err(|error| format!("plumb's script failed: {}", message(&error)))
}

/// PostgreSQL's own message, not just "db error".
fn message(error: &postgres::Error) -> String {
    error
        .as_db_error()
        .map_or_else(|| error.to_string(), |e| e.message().to_string())
}
