//! Every case in `fixtures/format`: `<case>.prisma` formatted by plumb must
//! equal `<case>.formatted.prisma`, which Prisma's own formatter wrote
//! (`fixtures/format/regenerate.sh`). Formatting the result again must
//! change nothing.

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

use std::path::{Path, PathBuf};

fn cases() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/format");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            let name = path.file_name().unwrap().to_str().unwrap();
            name.ends_with(".prisma") && !name.ends_with(".formatted.prisma")
        })
        .collect();
    cases.sort();
    assert!(cases.len() >= 40, "only {} format cases", cases.len());
    cases
}

fn expected(case: &Path) -> String {
    let path = case.with_extension("formatted.prisma");
    std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{} is missing: run fixtures/format/regenerate.sh",
            path.display()
        )
    })
}

#[test]
fn plumb_formats_every_case_like_prisma() {
    let mut failures = Vec::new();
    for case in cases() {
        let input = std::fs::read_to_string(&case).unwrap();
        let expected = expected(&case);
        let actual = plumb_psl::format(&input).unwrap();
        if actual != expected {
            let diff = similar::TextDiff::from_lines(&expected, &actual)
                .unified_diff()
                .header("prisma", "plumb")
                .to_string();
            failures.push(format!("{}:\n{diff}", case.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn formatting_is_idempotent() {
    let mut failures = Vec::new();
    for case in cases() {
        let once = plumb_psl::format(&std::fs::read_to_string(&case).unwrap()).unwrap();
        let twice = plumb_psl::format(&once).unwrap();
        if once != twice {
            failures.push(case.display().to_string());
        }
    }
    assert!(failures.is_empty(), "not idempotent: {failures:?}");
}
