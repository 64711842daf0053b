//! A fixed set of seeds, one test each (`sound::<seed>` with empty
//! tables, `rows::<seed>` with one row in every table): plumb's
//! migrations between the generator's schemas must run and settle.
//! `just fuzz-sound N` tries fresh ones.

use std::process::ExitCode;

use libtest_mimic::{Arguments, Failed, Trial};
use plumb_soundness::check::{Outcome, check};

/// Seeds CI runs; each is a few hundred milliseconds.
const SEEDS: std::ops::RangeInclusive<u64> = 1..=60;

fn main() -> ExitCode {
    let mut trials = Vec::new();
    for seed in SEEDS {
        for rows in [false, true] {
            let kind = if rows { "rows" } else { "sound" };
            trials.push(Trial::test(format!("{kind}::{seed}"), move || {
                verdict(seed, rows)
            }));
        }
    }
    libtest_mimic::run(&Arguments::from_args(), trials).exit_code()
}

fn verdict(seed: u64, rows: bool) -> Result<(), Failed> {
    let case = check(seed, rows).map_err(Failed::from)?;
    match &case.outcome {
        Outcome::Sound | Outcome::Announced { .. } => Ok(()),
        outcome => Err(format!(
            "{}\n{outcome:?}\n--- a.prisma\n{}\n--- b.prisma\n{}\n--- a → b\n{}\n(fuzz-sound --show {seed}{})",
            outcome.class(),
            case.a,
            case.b,
            case.evolve,
            if rows { " --rows" } else { "" }
        )
        .into()),
    }
}
