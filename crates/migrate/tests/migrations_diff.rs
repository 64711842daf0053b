//! `migrate diff --from-migrations`, over every case of `fixtures/diff/`:
//! a folder of two migrations — the case's `from.sql`, then Prisma's
//! `expected.sql` — replayed in a shadow database must diff against
//! `to.prisma` exactly as Prisma's engine diffs the database those scripts
//! build (`roundtrip.sql` / `roundtrip.txt`). For Prisma's engine the two
//! are the same reading: `oracle.mjs diff --from migrations:…` printed the
//! `roundtrip.sql` bytes on the cases checked by hand (add_and_drop_enums,
//! arity_scalar_to_list, bundled_example, column_add_list_default,
//! combo_ecommerce_checkout). The folder is replayed both ways: in a
//! shadow database (a configured one, reset, then reused; the CLI tests
//! cover the temporary kind) and offline — the two must print the same.

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

mod support;

use std::path::PathBuf;
use std::process::ExitCode;

use plumb_migrate::diff::{ReplayMode, Source};
use plumb_testkit::cases::{self, Case};
use support::against_roundtrip;

fn main() -> ExitCode {
    // A case whose server needs preparing (`setup.sql`: an extension) would
    // need it in the shadow database too.
    let runnable = support::cases(|case| {
        case.join("roundtrip.sql").is_file() && !case.join("setup.sql").is_file()
    });
    let mut trials = cases::trials("migrations_diff", runnable.clone(), |case| {
        check(case, ReplayMode::Shadow)
    });
    trials.extend(cases::trials("migrations_diff_offline", runnable, |case| {
        check(case, ReplayMode::Offline)
    }));
    cases::run(trials)
}

/// The case's scripts as a migrations folder, in a temporary directory.
fn folder_for(case: &Case, replay: ReplayMode) -> PathBuf {
    let read = |file: &str| std::fs::read_to_string(case.path.join(file)).unwrap_or_default();
    support::migrations_folder(
        &format!("migrations-diff-{replay:?}-{}", case.name),
        &[
            ("20240101000000_from", &read("from.sql")),
            ("20240102000000_to", &read("expected.sql")),
        ],
    )
}

fn check(case: &Case, replay: ReplayMode) -> Result<(), String> {
    let shadow = (replay == ReplayMode::Shadow).then(plumb_testkit::database);
    let folder = folder_for(case, replay);
    let from = Source::Migrations {
        folder: folder.clone(),
        shadow: shadow.as_ref().map(|s| s.url().to_string()),
        replay,
    };
    let to = Source::Schema(case.path.join("to.prisma"));
    let outcome = against_roundtrip(&case.path, &from, &to, false);
    let _ = std::fs::remove_dir_all(&folder);
    outcome
}
