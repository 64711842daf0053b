//! What the tests over `fixtures/diff/` share: finding the cases, their
//! sources, and running a check on every case on a few threads.

#![allow(dead_code, reason = "each test file uses a part")]

use std::path::{Path, PathBuf};

use plumb_migrate::diff::{Output, Source, diff};

pub fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/diff");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("fixtures/diff exists")
        .map(|entry| entry.expect("a readable entry").path())
        .filter(|path| path.join("to.prisma").is_file())
        .collect();
    cases.sort();
    assert!(cases.len() >= 30, "only {} diff cases found", cases.len());
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

pub fn name(case: &Path) -> String {
    case.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

/// Runs `check` on every case on a few threads (each case has its own
/// database); the failures, by case.
pub fn on_every_case(
    cases: Vec<PathBuf>,
    check: impl Fn(&Path) -> Option<String> + Sync,
) -> Vec<String> {
    let chunks: Vec<&[PathBuf]> = cases.chunks(cases.len().div_ceil(4).max(1)).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                let check = &check;
                scope.spawn(move || {
                    chunk
                        .iter()
                        .filter_map(|case| check(case).map(|f| format!("{}: {f}", name(case))))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| handle.join().expect("a fixture thread panicked"))
            .collect()
    })
}

/// `from` → `to` as a script and as a summary against Prisma's
/// `roundtrip.sql` and `roundtrip.txt` in `case`; what differs, as diffs.
/// `missing_is_failure`: whether a case without those files fails.
pub fn against_roundtrip(
    case: &Path,
    from: &Source,
    to: &Source,
    missing_is_failure: bool,
) -> Vec<String> {
    let mut failures = Vec::new();
    for (output, file) in [
        (Output::Script, "roundtrip.sql"),
        (Output::Summary, "roundtrip.txt"),
    ] {
        let Ok(expected) = std::fs::read_to_string(case.join(file)) else {
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
    failures
}
