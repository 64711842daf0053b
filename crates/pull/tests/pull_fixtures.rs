//! `fixtures/pull/<case>/`: the database `database.sql` builds, read back
//! and pulled, must be the schema Prisma's engine pulled from it
//! (`expected.prisma`, from `fixtures/pull/regenerate.sh`), byte for byte.

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

use std::process::ExitCode;

use plumb_testkit::cases::{self, Case};

fn main() -> ExitCode {
    let found = cases::discover("pull", |path| path.join("database.sql").is_file());
    cases::run(cases::trials("pull", found, check))
}

fn check(case: &Case) -> Result<(), String> {
    let sql = std::fs::read_to_string(case.path.join("database.sql")).unwrap();
    let expected = std::fs::read_to_string(case.path.join("expected.prisma"))
        .map_err(|_| "no expected.prisma (run fixtures/pull/regenerate.sh)".to_string())?;
    let database = plumb_testkit::database();
    let mut client = database.connect();
    client
        .batch_execute(&sql)
        .map_err(|error| format!("database.sql does not apply: {error}"))?;
    let ir = plumb_introspect::introspect(&mut client, &["public"], "public")
        .map_err(|error| error.to_string())?
        .schema;
    let pulled = plumb_pull::pull(&ir, plumb_pull::DATASOURCE);
    // Prisma's engine returns the text without its last newline; the file
    // it writes has one.
    let expected = format!("{}\n", expected.trim_end_matches('\n'));
    if pulled.text == expected {
        return Ok(());
    }
    Err(similar::TextDiff::from_lines(&expected, &pulled.text)
        .unified_diff()
        .header("expected.prisma", "plumb")
        .to_string())
}
