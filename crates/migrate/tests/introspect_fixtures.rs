//! Every case of `fixtures/introspect/`: a hand-written database with what
//! Prisma never generates (`setup.sql`). plumb must read each without
//! error, and where Prisma's engine could read it too, print its bytes:
//! `--from-url DB --to-schema schema.prisma` (`expected.sql`,
//! `expected.txt`), `--from-url DB --to-empty` (`expected_empty.sql`)
//! and `--from-empty --to-url DB` (`expected_create.sql`), written by `fixtures/introspect/regenerate.sh`. Where the oracle fails
//! (`oracle_error.txt`, with the reason in `why.txt`), reading must still
//! succeed. plumb's script that creates the database from nothing must
//! build the same database again, except where `create_fails.txt` says
//! why it cannot. Where plumb differs on purpose (`deviation.md`), the case says
//! how; where Prisma's answer never settles (it reports a difference the
//! migration it writes does not remove), `plumb_expected.*` hold plumb's
//! and README.md says why.

mod support;

use std::process::ExitCode;

use plumb_migrate::diff::{Output, Source, diff};
use plumb_testkit::cases::{self, Case};
use support::message;

fn main() -> ExitCode {
    let cases = cases::discover("introspect", |path| path.join("setup.sql").is_file());
    assert!(cases.len() >= 40, "only {} cases", cases.len());
    let with_oracle = cases
        .iter()
        .filter(|case| !case.path.join("oracle_error.txt").is_file())
        .count();
    assert!(
        with_oracle >= 40,
        "only {with_oracle} cases with Prisma's output"
    );
    cases::run(cases::trials("introspect", cases, check))
}

fn check(case: &Case) -> Result<(), String> {
    let case = &case.path;
    let database = plumb_testkit::database();
    let setup = std::fs::read_to_string(case.join("setup.sql"))
        .map_err(|error| format!("setup.sql: {error}"))?;
    database
        .connect()
        .batch_execute(&setup)
        .map_err(|error| format!("setup.sql failed: {}", message(&error)))?;
    let url = Source::Url(database.url().to_string());
    let schema = Source::Schema(case.join("schema.prisma"));
    let oracle_failed = case.join("oracle_error.txt").is_file();
    // Prisma leaves `"` inside names undoubled, which plumb does not
    // (deviation.md): then only that may differ.
    let quotes_doubled = case.join("deviation.md").is_file();
    let mut failures = Vec::new();
    for (from, to, output, file) in [
        (&url, &schema, Output::Script, "expected.sql"),
        (&url, &schema, Output::Summary, "expected.txt"),
        (&url, &Source::Empty, Output::Script, "expected_empty.sql"),
        (&Source::Empty, &url, Output::Script, "expected_create.sql"),
    ] {
        let actual = match diff(from, to, output) {
            Ok(actual) => actual.text,
            Err(error) => {
                failures.push(format!("{file}: {error:?}"));
                continue;
            }
        };
        if oracle_failed {
            continue;
        }
        // Where Prisma's reading never settles, plumb's own answer
        // (`plumb_<file>`, with the reason in README.md).
        let own = case.join(format!("plumb_{file}"));
        let plumbs_own = own.is_file();
        let path = if plumbs_own { own } else { case.join(file) };
        let Ok(expected) = std::fs::read_to_string(&path) else {
            failures.push(format!("no {file} (run regenerate.sh)"));
            continue;
        };
        let comparable = if quotes_doubled && !plumbs_own {
            actual.replace("\"\"", "\"")
        } else {
            actual
        };
        if comparable != expected {
            failures.push(format!(
                "{file}:\n{}",
                similar::TextDiff::from_lines(&expected, &comparable)
                    .unified_diff()
                    .header("Prisma", "plumb")
            ));
        }
    }
    // Where a database holds what no migration of plumb's (or Prisma's)
    // creates, `create_fails.txt`: the error (first line), then why.
    let known_failure = std::fs::read_to_string(case.join("create_fails.txt")).ok();
    match (created_again(&setup, &url), known_failure) {
        (Ok(()), None) => {}
        (Err(error), None) => failures.push(format!("expected_create.sql: {error}")),
        (Ok(()), Some(_)) => {
            failures.push("create_fails.txt, yet the created database is the same".to_string())
        }
        (Err(error), Some(known)) => {
            let expected = known.lines().next().unwrap_or_default();
            if !error.contains(expected) {
                failures.push(format!(
                    "expected_create.sql fails otherwise than create_fails.txt says: {error}"
                ));
            }
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n"))
    }
}

/// plumb's script that creates the database from nothing runs on a fresh
/// database (with the extensions `setup.sql` creates: a diff without
/// `postgresqlExtensions` writes none) and builds one that diffs empty
/// against the original.
fn created_again(setup: &str, original: &Source) -> Result<(), String> {
    let script = diff(&Source::Empty, original, Output::Script)
        .map_err(|error| format!("{error:?}"))?
        .text;
    let copy = plumb_testkit::database();
    let mut client = copy.connect();
    for line in setup.lines() {
        if line.to_lowercase().starts_with("create extension") {
            client
                .batch_execute(line)
                .map_err(|error| format!("{line}: {}", message(&error)))?;
        }
    }
    plumb_migrate::history::apply::run_script(&mut client, &script)
        .map_err(|error| format!("does not run: {}", message(&error)))?;
    let left = diff(
        &Source::Url(copy.url().to_string()),
        original,
        Output::Script,
    )
    .map_err(|error| format!("{error:?}"))?;
    if left.differs {
        return Err(format!(
            "the database it builds differs from the original:\n{}",
            left.text
        ));
    }
    Ok(())
}
