//! `migrate diff --from-migrations`, over every case of `fixtures/diff/`:
//! a folder of two migrations — the case's `from.sql`, then Prisma's
//! `expected.sql` — replayed in a shadow database must diff against
//! `to.prisma` exactly as Prisma's engine diffs the database those scripts
//! build (`roundtrip.sql` / `roundtrip.txt`). For Prisma's engine the two
//! are the same reading: `oracle.mjs diff --from migrations:…` printed the
//! `roundtrip.sql` bytes on the cases checked by hand (add_and_drop_enums,
//! arity_scalar_to_list, bundled_example, column_add_list_default,
//! combo_ecommerce_checkout). The shadow database here is a configured one
//! (reset, then reused); the CLI tests cover the temporary kind.

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

mod support;

use std::path::PathBuf;
use std::process::ExitCode;

use plumb_migrate::diff::Source;
use plumb_testkit::cases::{self, Case};
use support::against_roundtrip;

fn main() -> ExitCode {
    // A case whose server needs preparing (`setup.sql`: an extension) would
    // need it in the shadow database too.
    let runnable = support::cases(|case| {
        case.join("roundtrip.sql").is_file() && !case.join("setup.sql").is_file()
    });
    cases::run(cases::trials("migrations_diff", runnable, check))
}

/// The case's scripts as a migrations folder, in a temporary directory.
fn folder_for(case: &Case) -> PathBuf {
    let read = |file: &str| std::fs::read_to_string(case.path.join(file)).unwrap_or_default();
    support::migrations_folder(
        &format!("migrations-diff-{}", case.name),
        &[
            ("20240101000000_from", &read("from.sql")),
            ("20240102000000_to", &read("expected.sql")),
        ],
    )
}

fn check(case: &Case) -> Result<(), String> {
    let shadow = plumb_testkit::database();
    let folder = folder_for(case);
    let from = Source::Migrations {
        folder: folder.clone(),
        shadow: Some(shadow.url().to_string()),
    };
    let to = Source::Schema(case.path.join("to.prisma"));
    let outcome = against_roundtrip(&case.path, &from, &to, false);
    let _ = std::fs::remove_dir_all(&folder);
    outcome
}
