//! Diff cases with a database on one side (`fixtures/diff/<case>/from_url.sql`
//! and `to_url.sql`, from `fixtures/diff/regenerate-sides.sh`): Prisma spells
//! some names as the side they come from does — a side read from a database
//! names its default schema (`"public"."Role_old"`), a schema file does not —
//! and plumb must write the same bytes:
//! - from a database built by `from.sql`, and from a migrations folder of
//!   `from.sql` replayed in a shadow database (what `migrate dev` diffs
//!   from), to `to.prisma`: `from_url.sql`;
//! - from `from.prisma` to a database built by `to.sql`: `to_url.sql`.

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

mod support;

use std::process::ExitCode;

use plumb_migrate::diff::ReplayMode;
use plumb_migrate::diff::{Output, Source, diff};
use plumb_migrate::history::apply::run_script;
use plumb_testkit::cases::{self, Case};

fn main() -> ExitCode {
    let with_sides = cases::discover("diff", |case| case.join("from_url.sql").is_file());
    assert!(
        with_sides.len() >= 9,
        "only {} cases with database sides",
        with_sides.len()
    );
    cases::run(cases::trials("sides", with_sides, check))
}

fn check(case: &Case) -> Result<(), String> {
    let dir = &case.path;
    let read = |file: &str| std::fs::read_to_string(dir.join(file)).unwrap();
    let (from_schema, to_schema) = support::sources(dir);
    let mut failures = Vec::new();

    let from_database = database_with(&read("from.sql"));
    let from_url = Source::Url(from_database.url().to_string());
    compare(
        &from_url,
        &to_schema,
        &read("from_url.sql"),
        "from a database",
        &mut failures,
    );

    let folder = support::migrations_folder(
        &format!("sides-{}", case.name),
        &[("20240101000000_from", &read("from.sql"))],
    );
    let shadow = plumb_testkit::database();
    for (replay, what) in [
        (
            ReplayMode::Shadow,
            "from a migrations folder in a shadow database",
        ),
        (
            ReplayMode::Offline,
            "from a migrations folder replayed offline",
        ),
    ] {
        let from_folder = Source::Migrations {
            folder: folder.clone(),
            shadow: Some(shadow.url().to_string()),
            replay,
        };
        compare(
            &from_folder,
            &to_schema,
            &read("from_url.sql"),
            what,
            &mut failures,
        );
    }
    let _ = std::fs::remove_dir_all(&folder);

    let to_database = database_with(&read("to.sql"));
    let to_url = Source::Url(to_database.url().to_string());
    compare(
        &from_schema,
        &to_url,
        &read("to_url.sql"),
        "to a database",
        &mut failures,
    );

    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n"))
    }
}

fn compare(from: &Source, to: &Source, expected: &str, what: &str, failures: &mut Vec<String>) {
    match diff(from, to, Output::Script) {
        Ok(actual) if actual.text == expected => {}
        Ok(actual) => failures.push(format!(
            "{what}:\n{}",
            similar::TextDiff::from_lines(expected, &actual.text)
                .unified_diff()
                .header("Prisma", "plumb")
        )),
        Err(error) => failures.push(format!("{what}: {error:?}")),
    }
}

/// A fresh database that `script` has built.
fn database_with(script: &str) -> plumb_testkit::TestDatabase {
    let database = plumb_testkit::database();
    run_script(&mut database.connect(), script).unwrap();
    database
}
