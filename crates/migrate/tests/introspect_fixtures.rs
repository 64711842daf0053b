//! Every case of `fixtures/introspect/`: a hand-written database with what
//! Prisma never generates (`setup.sql`). plumb must read each without
//! error, and where Prisma's engine could read it too, print its bytes:
//! `--from-url DB --to-schema schema.prisma` (`expected.sql`,
//! `expected.txt`) and `--from-url DB --to-empty` (`expected_empty.sql`),
//! written by `fixtures/introspect/regenerate.sh`. Where the oracle fails
//! (`oracle_error.txt`, with the reason in `why.txt`), reading must still
//! succeed. Where plumb differs on purpose (`deviation.md`), the case says
//! how.

mod support;

use std::path::{Path, PathBuf};

use plumb_migrate::diff::{Output, Source, diff};
use support::{message, on_every_case};

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/introspect");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("fixtures/introspect exists")
        .map(|entry| entry.expect("a readable entry").path())
        .filter(|path| path.join("setup.sql").is_file())
        .collect();
    cases.sort();
    cases
}

fn check(case: &Path) -> Option<String> {
    let database = plumb_testkit::database();
    let setup = std::fs::read_to_string(case.join("setup.sql")).ok()?;
    if let Err(error) = database.connect().batch_execute(&setup) {
        return Some(format!("setup.sql failed: {}", message(&error)));
    }
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
        let Ok(expected) = std::fs::read_to_string(case.join(file)) else {
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
    (!failures.is_empty()).then(|| failures.join("\n"))
}

#[test]
fn hand_written_databases_read_as_prismas_engine_reads_them() {
    let cases = cases();
    assert!(cases.len() >= 40, "only {} cases", cases.len());
    let with_oracle = cases
        .iter()
        .filter(|case| !case.join("oracle_error.txt").is_file())
        .count();
    assert!(
        with_oracle >= 40,
        "only {with_oracle} cases with Prisma's output"
    );
    let failures = on_every_case(cases, check);
    assert!(
        failures.is_empty(),
        "{} cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
