//! Every schema in `fixtures/psl/` against Prisma's verdict, one test per
//! case (`valid::<case>`, `invalid::<case>`, `plumb_accepts::<case>`,
//! `plumb_rejects::<case>`).
//!
//! Each `<case>.prisma` has a `<case>.oracle.txt` beside it, written by
//! `fixtures/psl/regenerate.sh` from Prisma's own validator: `valid` and
//! Prisma's warnings, or Prisma's errors. plumb must agree on the verdict
//! and the warnings; its errors must fall on Prisma's lines, its first one
//! in Prisma's words (unless listed in `invalid/messages_that_differ.txt`),
//! and its rendered diagnostics are snapshots beside the case
//! (`<case>.snap`); a deliberate difference may pin plumb's diagnostics
//! (`<case>.plumb.txt`). Adding a case is adding a file.

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

use std::collections::BTreeSet;
use std::path::Path;
use std::process::ExitCode;

use plumb_diagnostics::{ColorChoice, Severity};
use plumb_testkit::cases::{self, Case};

fn main() -> ExitCode {
    let is_schema = |path: &Path| path.extension().is_some_and(|ext| ext == "prisma");
    let mut trials = cases::trials("valid", cases::discover("psl/valid", is_schema), valid);
    trials.extend(cases::trials(
        "invalid",
        cases::discover("psl/invalid", is_schema),
        invalid,
    ));
    for (folder, plumb_accepts) in [("plumb_accepts", true), ("plumb_rejects", false)] {
        trials.extend(cases::trials(
            folder,
            cases::discover(&format!("psl/{folder}"), is_schema),
            move |case| deliberate_difference(case, plumb_accepts),
        ));
    }
    cases::run(trials)
}

/// Prisma's verdict and messages, as recorded by the oracle.
fn oracle(case: &Case) -> Result<String, String> {
    let path = case.path.with_extension("oracle.txt");
    std::fs::read_to_string(&path).map_err(|_| {
        format!(
            "{} is missing: run fixtures/psl/regenerate.sh",
            path.display()
        )
    })
}

fn prisma_says_valid(oracle: &str) -> bool {
    oracle.lines().next() == Some("valid")
}

/// Prisma's warnings on a valid schema (`warning: ...` lines), sorted.
fn prisma_warnings(oracle: &str) -> Vec<String> {
    let mut warnings: Vec<String> = oracle
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
fn prisma_error_lines(oracle: &str) -> BTreeSet<usize> {
    oracle
        .lines()
        .filter_map(|line| line.strip_prefix("  --> schema.prisma:"))
        .map(|n| n.trim().parse().unwrap())
        .collect()
}

/// plumb's diagnostics for a case, rendered as a user sees them.
fn check(case: &Case) -> (plumb_psl::LoadedSchema, String) {
    let mut loaded = plumb_psl::LoadedSchema::default();
    let bytes = std::fs::read(&case.path).unwrap();
    plumb_psl::add_file(&mut loaded, "schema.prisma".to_string(), bytes);
    plumb_psl::validate(&loaded.asts, &mut loaded.diagnostics);
    let rendered = plumb_diagnostics::render_all(
        loaded.diagnostics.sorted(),
        &loaded.files,
        ColorChoice::Never,
    );
    (loaded, rendered)
}

/// Valid for Prisma and plumb, with Prisma's warnings.
fn valid(case: &Case) -> Result<(), String> {
    let oracle = oracle(case)?;
    if !prisma_says_valid(&oracle) {
        return Err("Prisma rejects it; move it to invalid/".to_string());
    }
    let (loaded, rendered) = check(case);
    if loaded.diagnostics.has_errors() {
        return Err(format!("plumb rejects it:\n{rendered}"));
    }
    let mut plumb: Vec<String> = loaded
        .diagnostics
        .sorted()
        .into_iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| d.message.clone())
        .collect();
    plumb.sort();
    let prisma = prisma_warnings(&oracle);
    if plumb != prisma {
        return Err(format!("Prisma warns {prisma:?}\n  plumb warns  {plumb:?}"));
    }
    Ok(())
}

/// Cases allowed to word their first error differently from Prisma, with
/// the reason beside each in `invalid/messages_that_differ.txt`.
fn messages_that_differ() -> BTreeSet<String> {
    let path = cases::fixtures().join("psl/invalid/messages_that_differ.txt");
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| line.split_whitespace().next().map(str::to_string))
        .collect()
}

/// Invalid for Prisma and plumb, on Prisma's lines, in Prisma's words,
/// rendered as the snapshot beside it.
fn invalid(case: &Case) -> Result<(), String> {
    let oracle = oracle(case)?;
    if prisma_says_valid(&oracle) {
        return Err("Prisma accepts it; move it to valid/".to_string());
    }
    let (loaded, rendered) = check(case);
    if !loaded.diagnostics.has_errors() {
        return Err("plumb accepts it".to_string());
    }
    let mut failures = Vec::new();
    // Same place as Prisma: plumb may report fewer lines (one error for a
    // whole bad block where Prisma reports each line), never others.
    let prisma = prisma_error_lines(&oracle);
    let plumb: BTreeSet<usize> = loaded
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
        failures.push(format!("errors on lines {plumb:?}, Prisma on {prisma:?}"));
    }
    // The oracle files keep each message's first line (`error: ...`);
    // plumb's names its own commands.
    if let Some(first) = loaded
        .diagnostics
        .sorted()
        .into_iter()
        .find(|d| d.severity == Severity::Error)
    {
        let first_line = first.message.lines().next().unwrap_or_default();
        let same = oracle.contains(&plumb_testkit::prisma_words(first_line));
        if same == messages_that_differ().contains(&case.name) {
            failures.push(format!(
                "plumb says {:?}; {}",
                first.message,
                if same {
                    "remove it from messages_that_differ.txt"
                } else {
                    "Prisma words it differently"
                }
            ));
        }
    }
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(case.path.parent().unwrap());
    settings.set_prepend_module_to_snapshot(false);
    settings.set_input_file(&case.path);
    settings.set_omit_expression(true);
    let snapshot = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        settings.bind(|| insta::assert_snapshot!(case.name.clone(), rendered));
    }));
    if snapshot.is_err() {
        failures.push(format!(
            "the rendered diagnostics differ from {}.snap",
            case.name
        ));
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n"))
    }
}

/// Deliberate differences (docs/compatibility.md): schemas plumb accepts
/// and Prisma rejects (Prisma 6's datasource URLs), and the reverse (other
/// databases' providers). The recorded verdict must be Prisma's opposite,
/// so a case that stops being a difference is noticed.
fn deliberate_difference(case: &Case, plumb_accepts: bool) -> Result<(), String> {
    if prisma_says_valid(&oracle(case)?) == plumb_accepts {
        return Err("Prisma agrees with plumb; move it".to_string());
    }
    let (loaded, rendered) = check(case);
    if loaded.diagnostics.has_errors() == plumb_accepts {
        return Err(format!("plumb's verdict changed:\n{rendered}"));
    }
    // plumb's own diagnostics, where the case pins them (`<case>.plumb.txt`).
    if let Ok(expected) = std::fs::read_to_string(case.path.with_extension("plumb.txt"))
        && expected != rendered
    {
        return Err(format!(
            "plumb's diagnostics differ from {}:\n{}",
            case.path.with_extension("plumb.txt").display(),
            similar::TextDiff::from_lines(&expected, &rendered).unified_diff()
        ));
    }
    Ok(())
}
