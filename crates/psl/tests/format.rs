//! Every case in `fixtures/format`, one test each (`format::<case>`):
//! `<case>.prisma` formatted by plumb must equal `<case>.formatted.prisma`,
//! which Prisma's own formatter wrote (`fixtures/format/regenerate.sh`),
//! and formatting the result again must change nothing.

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

use std::path::Path;
use std::process::ExitCode;

use plumb_testkit::cases::{self, Case};

fn main() -> ExitCode {
    let cases = cases::discover("format", |path: &Path| {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        name.ends_with(".prisma") && !name.ends_with(".formatted.prisma")
    });
    assert!(cases.len() >= 40, "only {} format cases", cases.len());
    cases::run(cases::trials("format", cases, formats_like_prisma))
}

fn formats_like_prisma(case: &Case) -> Result<(), String> {
    let expected_path = case.path.with_extension("formatted.prisma");
    let expected = std::fs::read_to_string(&expected_path).map_err(|_| {
        format!(
            "{} is missing: run fixtures/format/regenerate.sh",
            expected_path.display()
        )
    })?;
    let input = std::fs::read_to_string(&case.path).unwrap();
    let once = plumb_psl::format(&input).ok_or("plumb could not parse the case")?;
    if once != expected {
        return Err(similar::TextDiff::from_lines(&expected, &once)
            .unified_diff()
            .header("prisma", "plumb")
            .to_string());
    }
    let twice = plumb_psl::format(&once).ok_or("plumb could not parse its own output")?;
    if twice != once {
        return Err("formatting is not idempotent".to_string());
    }
    Ok(())
}
