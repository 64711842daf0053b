//! What the tests over `fixtures/diff/` share: the cases, their sources,
//! and the comparison with Prisma's reading of a database.

#![allow(dead_code, reason = "each test file uses a part")]
#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

use std::path::{Path, PathBuf};

use plumb_migrate::diff::{Output, Source, diff};
use plumb_testkit::cases::{self, Case};

/// The cases of `fixtures/diff/` that `keep` accepts.
pub fn cases(keep: impl Fn(&Path) -> bool) -> Vec<Case> {
    let cases = cases::discover("diff", |path| {
        path.join("to.prisma").is_file() && keep(path)
    });
    assert!(cases.len() > 200, "only {} diff cases found", cases.len());
    cases
}

pub fn sources(case: &Path) -> (Source, Source) {
    let from = case.join("from.prisma");
    let from = if from.is_file() {
        Source::Schema(from)
    } else {
        Source::Empty
    };
    (from, Source::Schema(case.join("to.prisma")))
}

/// PostgreSQL's own message, not just "db error".
pub fn message(error: &postgres::Error) -> String {
    error
        .as_db_error()
        .map_or_else(|| error.to_string(), |e| e.message().to_string())
}

/// `from` → `to` as a script and as a summary against Prisma's
/// `roundtrip.sql` and `roundtrip.txt` in `case`; what differs, as diffs.
/// `missing_is_failure`: whether a case without those files fails.
pub fn against_roundtrip(
    case: &Path,
    from: &Source,
    to: &Source,
    missing_is_failure: bool,
) -> Result<(), String> {
    let mut failures = Vec::new();
    for (output, file) in [
        (Output::Script, "roundtrip.sql"),
        (Output::Summary, "roundtrip.txt"),
    ] {
        // Where Prisma's verdict never settles (the difference it reports
        // is one its own migration leaves), plumb's: `plumb_<file>`, with
        // the reason in the case's README.md.
        let own = case.join(format!("plumb_{file}"));
        let path = if own.is_file() { own } else { case.join(file) };
        let Ok(expected) = std::fs::read_to_string(path) else {
            if missing_is_failure {
                failures.push(format!("no {file} (run regenerate-roundtrip.sh)"));
            }
            continue;
        };
        match diff(from, to, output) {
            Ok(actual) if actual.text == expected => {}
            Ok(actual) => failures.push(format!(
                "{file}:\n{}",
                similar::TextDiff::from_lines(&expected, &actual.text)
                    .unified_diff()
                    .header("Prisma", "plumb")
            )),
            Err(error) => failures.push(format!("{error:?}")),
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n"))
    }
}

/// A migrations folder in a temporary directory named after `label`: each
/// `(name, script)` a migration, and Prisma's lock file.
pub fn migrations_folder(label: &str, migrations: &[(&str, &str)]) -> PathBuf {
    let folder = std::env::temp_dir().join(format!("plumb-{label}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    for (name, script) in migrations {
        let dir = folder.join(name);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("migration.sql"), script).unwrap();
    }
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("migration_lock.toml"),
        plumb_migrate::history::folder::LOCK_FILE_TEXT,
    )
    .unwrap();
    folder
}
