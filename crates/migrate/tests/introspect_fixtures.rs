//! Every case of `fixtures/introspect/`: a hand-written database with what
//! Prisma never generates (`setup.sql`). plumb must read each without
//! error, and where Prisma's engine could read it too, print its bytes:
//! `--from-url DB --to-schema schema.prisma` (`expected.sql`,
//! `expected.txt`) and `--from-url DB --to-empty` (`expected_empty.sql`),
//! written by `fixtures/introspect/regenerate.sh`. Where the oracle fails
//! (`oracle_error.txt`, with the reason in `why.txt`), reading must still
//! succeed. Where plumb differs on purpose (`deviation.md`), the case says
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
    for (to, output, file) in [
        (&schema, Output::Script, "expected.sql"),
        (&schema, Output::Summary, "expected.txt"),
        (&Source::Empty, Output::Script, "expected_empty.sql"),
    ] {
        let actual = match diff(&url, to, output) {
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
        let path = if own.is_file() { own } else { case.join(file) };
        let Ok(expected) = std::fs::read_to_string(&path) else {
            failures.push(format!("no {file} (run regenerate.sh)"));
            continue;
        };
        let comparable = if quotes_doubled {
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
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n"))
    }
}
