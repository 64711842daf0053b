//! Introspection against Prisma's engine, over every case of
//! `fixtures/diff/`: a database made with Prisma's own SQL for `to.prisma`
//! (its `from.sql`, then its `expected.sql`) must read back as Prisma's
//! engine reads it, so that `migrate diff --from-url DB --to-schema
//! to.prisma` prints Prisma's bytes (`roundtrip.sql`, `roundtrip.txt`,
//! written by `fixtures/diff/regenerate-roundtrip.sh`). Nearly always that
//! is "no difference"; where Prisma's engine itself finds one (its DDL does
//! not read back exactly), plumb must find the same.

mod support;

use std::path::Path;
use std::process::ExitCode;

use plumb_migrate::diff::Source;
use plumb_testkit::cases::{self, Case};
use support::{against_roundtrip, message};

fn main() -> ExitCode {
    // Cases where Prisma's SQL does not run (plumb writes its own,
    // `plumb.sql`) have no roundtrip recording.
    let runnable = support::cases(|case| !case.join("plumb.sql").is_file());
    cases::run(cases::trials("round_trip", runnable, check))
}

/// A database built from Prisma's SQL for the case's `to.prisma`.
fn database_for(case: &Path) -> Result<plumb_testkit::TestDatabase, String> {
    let database = plumb_testkit::database();
    let mut client = database.connect();
    for file in ["setup.sql", "from.sql", "expected.sql"] {
        if let Ok(sql) = std::fs::read_to_string(case.join(file)) {
            // As deploy runs a migration (and psql ran it for the oracle).
            plumb_migrate::history::apply::run_script(&mut client, &sql)
                .map_err(|error| format!("Prisma's {file} failed: {}", message(&error)))?;
        }
    }
    Ok(database)
}

/// Plumb's outputs against Prisma's. A case that asks for an extension
/// version the server does not ship (`hstore(version: "1.8")` on
/// PostgreSQL 13) cannot be built there: it is skipped, and says so.
fn check(case: &Case) -> Result<(), String> {
    let database = plumb_testkit::database();
    if let Some(missing) = unavailable_extension(&case.path, &mut database.connect()) {
        #[allow(clippy::print_stderr, reason = "a skipped case says why")]
        {
            eprintln!("{}: skipped, the server has no {missing}", case.name);
        }
        return Ok(());
    }
    drop(database);
    let database = database_for(&case.path)?;
    let from = Source::Url(database.url().to_string());
    let to = Source::Schema(case.path.join("to.prisma"));
    against_roundtrip(&case.path, &from, &to, true)
}

/// The first `name(version: "x")` of the case's schemas that the server
/// does not offer.
fn unavailable_extension(case: &Path, client: &mut postgres::Client) -> Option<String> {
    for file in ["from.prisma", "to.prisma"] {
        let text = std::fs::read_to_string(case.join(file)).unwrap_or_default();
        let mut rest = text.as_str();
        while let Some(at) = rest.find("(version: \"") {
            let name = rest[..at]
                .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .next()
                .unwrap_or_default()
                .to_string();
            let after = &rest[at + "(version: \"".len()..];
            let version = after.split('"').next().unwrap_or_default().to_string();
            rest = after;
            let available: bool = client
                .query_one(
                    "SELECT EXISTS (SELECT 1 FROM pg_available_extension_versions WHERE name = $1 AND version = $2)",
                    &[&name, &version],
                )
                .map(|row| row.get(0))
                .unwrap_or(true);
            if !available {
                return Some(format!("{name} {version}"));
            }
        }
    }
    None
}
