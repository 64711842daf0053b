//! Introspection against Prisma's engine, over every case of
//! `fixtures/diff/`: a database made with Prisma's own SQL for `to.prisma`
//! (its `from.sql`, then its `expected.sql`) must read back as Prisma's
//! engine reads it, so that `migrate diff --from-url DB --to-schema
//! to.prisma` prints Prisma's bytes (`roundtrip.sql`, `roundtrip.txt`,
//! written by `fixtures/diff/regenerate-roundtrip.sh`). Nearly always that
//! is "no difference"; where Prisma's engine itself finds one (its DDL does
//! not read back exactly), plumb must find the same.

mod support;

use std::path::{Path, PathBuf};

use plumb_migrate::diff::Source;
use support::{against_roundtrip, cases, message, on_every_case};

/// A database built from Prisma's SQL for the case's `to.prisma`.
fn database_for(case: &Path) -> Result<plumb_testkit::TestDatabase, String> {
    let database = plumb_testkit::database();
    let mut client = database.connect();
    for file in ["from.sql", "expected.sql"] {
        if let Ok(sql) = std::fs::read_to_string(case.join(file)) {
            client
                .batch_execute(&sql)
                .map_err(|error| format!("Prisma's {file} failed: {}", message(&error)))?;
        }
    }
    Ok(database)
}

/// Plumb's outputs against Prisma's; `None` when they are the same.
fn check(case: &Path) -> Option<String> {
    let database = match database_for(case) {
        Ok(database) => database,
        Err(error) => return Some(error),
    };
    let from = Source::Url(database.url().to_string());
    let to = Source::Schema(case.join("to.prisma"));
    let failures = against_roundtrip(case, &from, &to, true);
    (!failures.is_empty()).then(|| failures.join("\n"))
}

#[test]
fn databases_read_back_as_prismas_engine_reads_them() {
    let runnable: Vec<PathBuf> = cases()
        .into_iter()
        .filter(|case| !case.join("not_executable.txt").is_file())
        .collect();
    assert!(runnable.len() > 200, "only {} cases", runnable.len());
    let failures = on_every_case(runnable, check);
    assert!(
        failures.is_empty(),
        "{} cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
