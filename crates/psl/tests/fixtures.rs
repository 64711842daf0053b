//! Every schema in `fixtures/psl/{valid,invalid}` against Prisma's verdict.
//!
//! Each `<case>.prisma` has a `<case>.oracle.txt` beside it, written by
//! `fixtures/psl/regenerate.sh` from Prisma's own validator: `valid`, or
//! Prisma's errors. plumb must agree on the verdict; its rendered
//! diagnostics for invalid cases are snapshots beside the fixture
//! (`<case>.snap`). Adding a case is adding a file.

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

use std::path::{Path, PathBuf};

use plumb_diagnostics::ColorChoice;

fn fixtures(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/psl")
        .join(kind);
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "prisma"))
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no fixtures in {}", dir.display());
    cases
}

/// Prisma's verdict, as recorded by the oracle.
fn prisma_says_valid(case: &Path) -> bool {
    let verdict = case.with_extension("oracle.txt");
    let text = std::fs::read_to_string(&verdict).unwrap_or_else(|_| {
        panic!(
            "{} is missing: run fixtures/psl/regenerate.sh",
            verdict.display()
        )
    });
    text.lines().next() == Some("valid")
}

/// Prisma's warnings on a valid schema (`warning: ...` lines).
fn prisma_warnings(case: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(case.with_extension("oracle.txt")).unwrap();
    let mut warnings: Vec<String> = text
        .lines()
        .filter_map(|line| line.strip_prefix("warning: "))
        // One of Prisma's texts ends in a stray `"` (a slip in its source);
        // plumb's does not.
        .map(|warning| {
            warning
                .strip_suffix("indexes\"")
                .map_or(warning.to_string(), |w| format!("{w}indexes"))
        })
        .collect();
    warnings.sort();
    warnings
}

/// The lines Prisma reports errors on (`  --> schema.prisma:7`).
fn prisma_error_lines(case: &Path) -> std::collections::BTreeSet<usize> {
    let text = std::fs::read_to_string(case.with_extension("oracle.txt")).unwrap();
    text.lines()
        .filter_map(|line| line.strip_prefix("  --> schema.prisma:"))
        .map(|n| n.trim().parse().unwrap())
        .collect()
}

/// plumb's diagnostics for a case, rendered as a user sees them.
fn check(case: &Path) -> (plumb_psl::LoadedSchema, String) {
    let mut loaded = plumb_psl::LoadedSchema::default();
    let bytes = std::fs::read(case).unwrap();
    plumb_psl::add_file(&mut loaded, "schema.prisma".to_string(), bytes);
    plumb_psl::validate(&loaded.asts, &mut loaded.diagnostics);
    let rendered = plumb_diagnostics::render_all(
        loaded.diagnostics.sorted(),
        &loaded.files,
        ColorChoice::Never,
    );
    (loaded, rendered)
}

#[test]
fn valid_fixtures_warn_like_prisma() {
    let mut failures = Vec::new();
    for case in fixtures("valid") {
        let (loaded, _) = check(&case);
        let mut plumb: Vec<String> = loaded
            .diagnostics
            .sorted()
            .into_iter()
            .filter(|d| d.severity == plumb_diagnostics::Severity::Warning)
            .map(|d| d.message.clone())
            .collect();
        plumb.sort();
        let prisma = prisma_warnings(&case);
        if plumb != prisma {
            failures.push(format!(
                "{}:\n  Prisma warns {prisma:?}\n  plumb warns  {plumb:?}",
                case.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn valid_fixtures_are_valid_for_prisma_and_plumb() {
    let mut failures = Vec::new();
    for case in fixtures("valid") {
        if !prisma_says_valid(&case) {
            failures.push(format!(
                "{}: Prisma rejects it; move it to invalid/",
                case.display()
            ));
        }
        let (loaded, rendered) = check(&case);
        if loaded.diagnostics.has_errors() {
            failures.push(format!("{}: plumb rejects it:\n{rendered}", case.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Cases allowed to word their first error differently from Prisma, with
/// the reason beside each in `invalid/messages_that_differ.txt`.
fn messages_that_differ() -> std::collections::BTreeSet<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/psl/invalid/messages_that_differ.txt");
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| line.split_whitespace().next().map(str::to_string))
        .collect()
}

#[test]
fn first_errors_use_prismas_words() {
    let allowed = messages_that_differ();
    let mut failures = Vec::new();
    for case in fixtures("invalid") {
        let name = case.file_stem().unwrap().to_str().unwrap().to_string();
        let (loaded, _) = check(&case);
        let first = loaded
            .diagnostics
            .sorted()
            .into_iter()
            .find(|d| d.severity == plumb_diagnostics::Severity::Error);
        let Some(first) = first else { continue };
        let prisma = std::fs::read_to_string(case.with_extension("oracle.txt")).unwrap();
        // The oracle files keep each message's first line (`error: ...`);
        // plumb's names its own commands.
        let first_line = first.message.lines().next().unwrap_or_default();
        let same = prisma.contains(&plumb_testkit::prisma_words(first_line));
        if same == allowed.contains(&name) {
            failures.push(format!(
                "{name}: plumb says {:?}; {}",
                first.message,
                if same {
                    "remove it from messages_that_differ.txt"
                } else {
                    "Prisma words it differently"
                }
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn invalid_fixtures_are_invalid_for_prisma_and_plumb() {
    let mut failures = Vec::new();
    for case in fixtures("invalid") {
        if prisma_says_valid(&case) {
            failures.push(format!(
                "{}: Prisma accepts it; move it to valid/",
                case.display()
            ));
        }
        let (loaded, rendered) = check(&case);
        if !loaded.diagnostics.has_errors() {
            failures.push(format!("{}: plumb accepts it", case.display()));
            continue;
        }
        // Same place as Prisma: plumb may report fewer lines (one error for
        // a whole bad block where Prisma reports each line), never others.
        let prisma = prisma_error_lines(&case);
        let plumb: std::collections::BTreeSet<usize> = loaded
            .diagnostics
            .errors()
            .map(|d| {
                loaded
                    .files
                    .line_col(d.span.file, d.span.start as usize)
                    .line
            })
            .collect();
        if !plumb.is_subset(&prisma) || plumb.first() != prisma.first() {
            failures.push(format!(
                "{}: errors on lines {plumb:?}, Prisma on {prisma:?}",
                case.display()
            ));
        }
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(case.parent().unwrap());
        settings.set_prepend_module_to_snapshot(false);
        settings.set_input_file(&case);
        settings.set_omit_expression(true);
        let name = case.file_stem().unwrap().to_str().unwrap().to_string();
        settings.bind(|| insta::assert_snapshot!(name, rendered));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Deliberate differences (docs/compatibility.md): schemas plumb accepts and
/// Prisma rejects (Prisma 6's datasource URLs), and the reverse (other
/// databases' providers). The recorded verdict must be Prisma's opposite,
/// so a case that stops being a difference is noticed.
#[test]
fn deliberate_differences_stay_deliberate() {
    let mut failures = Vec::new();
    for (folder, plumb_accepts) in [("plumb_accepts", true), ("plumb_rejects", false)] {
        for case in fixtures(folder) {
            if prisma_says_valid(&case) == plumb_accepts {
                failures.push(format!(
                    "{}: Prisma agrees with plumb; move it",
                    case.display()
                ));
            }
            let (loaded, rendered) = check(&case);
            if loaded.diagnostics.has_errors() == plumb_accepts {
                failures.push(format!(
                    "{}: plumb's verdict changed:\n{rendered}",
                    case.display()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
