//! Every case of `fixtures/diff/`, one test each (`diff::<case>`), run as
//! a user runs it: `plumb migrate diff --from-schema from.prisma (or
//! --from-empty) --to-schema to.prisma` must print Prisma's bytes, as a
//! script (`expected.sql`) and as a summary (`expected.txt`), both written
//! by `fixtures/diff/regenerate.sh` from Prisma's own engine; the warnings
//! block `migrate dev` would write must be Prisma's
//! (`expected_warnings.txt`). The script must be sound: it runs on
//! PostgreSQL after the `from` schema's SQL, and then
//! `plumb migrate diff --from-url <that database> --to-schema to.prisma
//! --exit-code` finds nothing.
//!
//! Where Prisma's script is not sound, plumb writes its own: the case has
//! `plumb.sql` (and `plumb.txt` when the summary differs too) and a
//! `README.md` saying what Prisma does wrong; Prisma's script must then
//! still fail or leave a difference, so the case stays true.

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

use std::path::Path;
use std::process::{Command, ExitCode};

use plumb_migrate::diff::{Source, warnings};
use plumb_migrate::history::apply::run_script;
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
    let plumb_differs = case.path.join("plumb.sql").is_file();
    let script_file = if plumb_differs {
        "plumb.sql"
    } else {
        "expected.sql"
    };
    let summary_file = if case.path.join("plumb.txt").is_file() {
        "plumb.txt"
    } else {
        "expected.txt"
    };
    for (flag, file) in [(Some("--script"), script_file), (None, summary_file)] {
        if let Err(failure) = prints_expected_bytes(&case.path, flag, file) {
            failures.push(failure);
        }
    }
    if let Err(failure) = warns_as_prisma(&case.path) {
        failures.push(failure);
    }
    let plain = plumb_diff(&case.path, &["--script"]);
    match &plain {
        Ok(script) => {
            if let Err(failure) = sound(&case.path, script) {
                failures.push(format!("plumb's script: {failure}"));
            }
        }
        Err(failure) => failures.push(failure.clone()),
    }
    // The online plan's script must apply and settle too (where it says
    // anything else).
    match plumb_diff(&case.path, &["--script", "--online"]) {
        Ok(online) if Some(&online) != plain.as_ref().ok() => {
            if let Err(failure) = sound(&case.path, &online) {
                failures.push(format!("plumb's online script: {failure}\n{online}"));
            }
        }
        Ok(_) => {}
        Err(failure) => failures.push(failure),
    }
    if plumb_differs && let Err(failure) = prisma_is_unsound(&case.path) {
        failures.push(failure);
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n"))
    }
}

/// `plumb migrate diff` for the case, with `flags`; its standard output.
fn plumb_diff(case: &Path, flags: &[&str]) -> Result<String, String> {
    let from = case.join("from.prisma");
    let mut command = Command::new(env!("CARGO_BIN_EXE_plumb"));
    command.args(["migrate", "diff"]);
    if from.is_file() {
        command.arg("--from-schema").arg(&from);
    } else {
        command.arg("--from-empty");
    }
    command.arg("--to-schema").arg(case.join("to.prisma"));
    command.args(flags);
    let output = command.env("NO_COLOR", "1").output().unwrap();
    if !output.status.success() {
        return Err(format!(
            "plumb migrate diff {flags:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    String::from_utf8(output.stdout).map_err(|error| error.to_string())
}

fn prints_expected_bytes(case: &Path, flag: Option<&str>, file: &str) -> Result<(), String> {
    let expected = std::fs::read_to_string(case.join(file))
        .map_err(|_| format!("no {file} (run regenerate.sh)"))?;
    let actual = plumb_diff(case, flag.as_slice())?;
    if actual == expected {
        return Ok(());
    }
    Err(format!(
        "{file}:\n{}",
        similar::TextDiff::from_lines(&expected, &actual)
            .unified_diff()
            .header(file, "plumb")
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
    // Where plumb's steps differ from Prisma's, so may the warnings; and
    // plumb warns of a new foreign key over existing rows, Prisma does not.
    let file = if case.join("plumb_warnings.txt").is_file() {
        "plumb_warnings.txt"
    } else {
        "expected_warnings.txt"
    };
    let Ok(expected) = std::fs::read_to_string(case.join(file)) else {
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
        "{file}:\n{}",
        similar::TextDiff::from_lines(&expected, &actual)
            .unified_diff()
            .header(file, "plumb")
    ))
}

/// A text's lines, sorted.
fn sorted(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort_unstable();
    lines
}

/// Prisma's `from.sql` (when the case has one), then `script`, on a fresh
/// database, each run as `migrate deploy` runs a migration (one
/// transaction, or statement by statement where it must: Prisma's engine
/// splits scripts too); then nothing left to diff against `to.prisma`.
fn sound(case: &Path, script: &str) -> Result<(), String> {
    let database = plumb_testkit::database();
    let mut client = database.connect();
    // What the server must have first (an extension a type needs).
    if let Ok(setup) = std::fs::read_to_string(case.join("setup.sql")) {
        client
            .batch_execute(&setup)
            .map_err(|error| format!("setup.sql failed: {}", message(&error)))?;
    }
    if let Ok(from_sql) = std::fs::read_to_string(case.join("from.sql")) {
        run_script(&mut client, &from_sql)
            .map_err(|error| format!("Prisma's from.sql failed: {}", message(&error)))?;
    }
    run_script(&mut client, script).map_err(|error| format!("fails: {}", message(&error)))?;
    let output = Command::new(env!("CARGO_BIN_EXE_plumb"))
        .args([
            "migrate",
            "diff",
            "--from-url",
            database.url(),
            "--to-schema",
        ])
        .arg(case.join("to.prisma"))
        .args(["--script", "--exit-code"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    match output.status.code() {
        Some(0) => Ok(()),
        Some(2) => Err(format!(
            "does not settle: afterwards, the database still differs from to.prisma:\n{}",
            String::from_utf8_lossy(&output.stdout)
        )),
        _ => Err(format!(
            "reading the database back failed: {}",
            String::from_utf8_lossy(&output.stderr)
        )),
    }
}

/// A case where plumb writes its own SQL must say why, and Prisma's SQL
/// must still be unsound.
fn prisma_is_unsound(case: &Path) -> Result<(), String> {
    let readme = std::fs::read_to_string(case.join("README.md")).unwrap_or_default();
    if readme.trim().is_empty() {
        return Err("plumb.sql without a README.md saying what Prisma does wrong".to_string());
    }
    let prisma = std::fs::read_to_string(case.join("expected.sql"))
        .map_err(|_| "no expected.sql (run regenerate.sh)".to_string())?;
    match sound(case, &prisma) {
        Ok(()) => Err(
            "Prisma's expected.sql is sound here: plumb must write it byte for byte (remove plumb.sql)"
                .to_string(),
        ),
        Err(_) => Ok(()),
    }
}

/// PostgreSQL's own message, not just "db error".
fn message(error: &postgres::Error) -> String {
    error
        .as_db_error()
        .map_or_else(|| error.to_string(), |e| e.message().to_string())
}
