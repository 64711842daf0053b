//! Every case of `fixtures/diff/`: plumb's `migrate diff` output must be
//! byte-identical to Prisma's (`expected.sql`, `expected.txt`, written by
//! `fixtures/diff/regenerate.sh` from Prisma's own engine), and plumb's
//! script must run on PostgreSQL after the `from` schema's SQL.

use std::path::{Path, PathBuf};

use plumb_migrate::diff::{Output, Source, diff};

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/diff");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("fixtures/diff exists")
        .map(|entry| entry.expect("a readable entry").path())
        .filter(|path| path.join("to.prisma").is_file())
        .collect();
    cases.sort();
    assert!(cases.len() >= 30, "only {} diff cases found", cases.len());
    cases
}

fn sources(case: &Path) -> (Source, Source) {
    let from = case.join("from.prisma");
    let from = if from.is_file() {
        Source::Schema(from)
    } else {
        Source::Empty
    };
    (from, Source::Schema(case.join("to.prisma")))
}

/// PostgreSQL's own message, not just "db error".
fn message(error: &postgres::Error) -> String {
    error
        .as_db_error()
        .map_or_else(|| error.to_string(), |e| e.message().to_string())
}

fn name(case: &Path) -> String {
    case.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

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

#[test]
fn scripts_run_on_postgresql_after_the_from_schema() {
    let mut failures = Vec::new();
    for case in cases() {
        if case.join("not_executable.txt").is_file() {
            continue;
        }
        let (from, to) = sources(&case);
        let script = match diff(&from, &to, Output::Script) {
            Ok(script) => script.text,
            Err(error) => {
                failures.push(format!("{}: {error:?}", name(&case)));
                continue;
            }
        };
        let database = plumb_testkit::database();
        let mut client = database.connect();
        if let Ok(from_sql) = std::fs::read_to_string(case.join("from.sql"))
            && let Err(error) = client.batch_execute(&from_sql)
        {
            failures.push(format!(
                "{}: Prisma's from.sql failed: {}",
                name(&case),
                message(&error)
            ));
            continue;
        }
        if let Err(error) = client.batch_execute(&script) {
            failures.push(format!(
                "{}: plumb's script failed: {}",
                name(&case),
                message(&error)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn cases_marked_not_executable_do_fail_on_postgresql() {
    // The mark must stay true: a case that runs after all loses it.
    for case in cases() {
        if !case.join("not_executable.txt").is_file() {
            continue;
        }
        let (from, to) = sources(&case);
        let script = diff(&from, &to, Output::Script)
            .expect("the case diffs")
            .text;
        let database = plumb_testkit::database();
        let mut client = database.connect();
        assert!(
            client.batch_execute(&script).is_err(),
            "{} runs: remove its not_executable.txt",
            name(&case)
        );
    }
}
