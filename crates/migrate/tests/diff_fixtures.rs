//! Every case of `fixtures/diff/`: plumb's `migrate diff` output must be
//! byte-identical to Prisma's (`expected.sql`, `expected.txt`, written by
//! `fixtures/diff/regenerate.sh` from Prisma's own engine), and plumb's
//! script must run on PostgreSQL after the `from` schema's SQL.

mod support;

use std::path::{Path, PathBuf};

use plumb_migrate::diff::{Output, diff, warnings};
use support::{cases, message, name, on_every_case, sources};

#[test]
fn diffs_are_byte_identical_to_prismas() {
    let mut failures = Vec::new();
    for case in cases() {
        let (from, to) = sources(&case);
        for (output, file) in [
            (Output::Script, "expected.sql"),
            (Output::Summary, "expected.txt"),
        ] {
            let Ok(expected) = std::fs::read_to_string(case.join(file)) else {
                failures.push(format!("{}: no {file} (run regenerate.sh)", name(&case)));
                continue;
            };
            match diff(&from, &to, output) {
                Ok(actual) if actual.text == expected => {}
                Ok(actual) => failures.push(format!(
                    "{}/{file}:\n{}",
                    name(&case),
                    similar::TextDiff::from_lines(&expected, &actual.text)
                        .unified_diff()
                        .header("Prisma", "plumb")
                )),
                Err(error) => failures.push(format!("{}: {error:?}", name(&case))),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The warnings block `migrate dev` would write, against Prisma's
/// (`expected_warnings.txt`, from `fixtures/diff/regenerate-warnings.sh`).
/// Prisma's `createMigration` reads the previous schema back from a
/// database, where tables come sorted by name, so its lines may come in
/// another order than a diff between two schema files gives; the lines
/// must be the same.
#[test]
fn warnings_are_prismas() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for case in cases() {
        let Ok(expected) = std::fs::read_to_string(case.join("expected_warnings.txt")) else {
            continue;
        };
        // Where Prisma's database-read previous state cannot match a
        // schema file's, the case says why.
        if case.join("warnings_differ.txt").is_file() {
            continue;
        }
        checked += 1;
        let (from, to) = sources(&case);
        match warnings(&from, &to) {
            Ok(actual) if sorted(&actual) == sorted(&expected) => {}
            Ok(actual) => failures.push(format!(
                "{}/expected_warnings.txt:\n{}",
                name(&case),
                similar::TextDiff::from_lines(&expected, &actual)
                    .unified_diff()
                    .header("Prisma", "plumb")
            )),
            Err(error) => failures.push(format!("{}: {error:?}", name(&case))),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        checked >= 100,
        "only {checked} cases have expected warnings"
    );
}

/// A text's lines, sorted.
fn sorted(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort_unstable();
    lines
}

/// Applies Prisma's `from.sql` (when the case has one), then plumb's script,
/// on a fresh database: `Err` says which failed.
fn execute(case: &Path) -> Result<(), String> {
    let (from, to) = sources(case);
    let script = diff(&from, &to, Output::Script)
        .map_err(|error| format!("{error:?}"))?
        .text;
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

#[test]
fn scripts_run_on_postgresql_after_the_from_schema() {
    let runnable: Vec<PathBuf> = cases()
        .into_iter()
        .filter(|case| !case.join("not_executable.txt").is_file())
        .collect();
    let failures = on_every_case(runnable, |case| execute(case).err());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn cases_marked_not_executable_do_fail_on_postgresql() {
    // The mark must stay true: a case whose script runs after all loses it.
    // Prisma's from.sql must run; plumb's script (Prisma's too) must not.
    let marked: Vec<PathBuf> = cases()
        .into_iter()
        .filter(|case| case.join("not_executable.txt").is_file())
        .collect();
    let failures = on_every_case(marked, |case| match execute(case) {
        Ok(()) => Some("runs: remove its not_executable.txt".to_string()),
        Err(error) if error.starts_with("plumb's script failed") => None,
        Err(error) if case.join("from.prisma").is_file() => Some(error),
        // From empty, the whole script is the case.
        Err(_) => None,
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
