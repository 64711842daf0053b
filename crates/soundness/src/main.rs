//! `fuzz-sound`: the soundness check on many seeds.
//!
//! ```text
//! fuzz-sound 500              500 fresh seeds (from the clock)
//! fuzz-sound --seeds 1-200    seeds 1 to 200
//! fuzz-sound --seeds 7,19     seeds 7 and 19
//! fuzz-sound --rows …         one row in every table before `a → b`
//! fuzz-sound --show 7         seed 7's schemas, scripts and outcome
//! ```
//!
//! Exit status: 0 when every seed is sound, 2 when some are not (a
//! finding), 1 when the harness itself fails.

#![allow(clippy::print_stdout, reason = "a report is what this tool prints")]

use std::collections::BTreeMap;
use std::process::ExitCode;

use plumb_soundness::check::{Case, check};

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(2),
        Err(error) => {
            #[allow(clippy::print_stderr, reason = "the error is the output")]
            {
                eprintln!("fuzz-sound: {error}");
            }
            ExitCode::from(1)
        }
    }
}

fn run(args: Vec<String>) -> Result<bool, String> {
    let mut rows = false;
    let mut seeds = Vec::new();
    let mut show = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--rows" => rows = true,
            "--seeds" => seeds.extend(parse_seeds(&args.next().ok_or("--seeds needs a list")?)?),
            "--show" => {
                let seed = args.next().ok_or("--show needs a seed")?;
                show = Some(seed.parse::<u64>().map_err(|e| format!("{seed}: {e}"))?);
            }
            count => {
                let count: u64 = count
                    .parse()
                    .map_err(|_| format!("unknown argument {count:?} (see the source's header)"))?;
                let start = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(1, |d| d.as_secs() * 1000);
                seeds.extend(start..start + count);
            }
        }
    }
    if let Some(seed) = show {
        let case = check(seed, rows)?;
        print_case(&case);
        return Ok(case.outcome.is_sound());
    }
    if seeds.is_empty() {
        return Err("no seeds: give a count, --seeds or --show".to_string());
    }
    let mut classes: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    let mut sound = 0;
    let mut announced = 0;
    let mut invalid = 0;
    for &seed in &seeds {
        let case = check(seed, rows)?;
        match &case.outcome {
            plumb_soundness::check::Outcome::Sound => sound += 1,
            plumb_soundness::check::Outcome::Announced { .. } => announced += 1,
            plumb_soundness::check::Outcome::Invalid { .. } => invalid += 1,
            _ => {}
        }
        if !matches!(case.outcome, plumb_soundness::check::Outcome::Sound) {
            classes.entry(case.outcome.class()).or_default().push(seed);
        }
    }
    let total = seeds.len();
    let valid = total - invalid;
    println!(
        "seeds: {total}, rows: {rows}; sound: {sound}/{valid} ({:.1}%), failed as announced: {announced}, generator's invalid schemas: {invalid}",
        100.0 * (sound + announced) as f64 / valid.max(1) as f64
    );
    for (class, seeds) in &classes {
        let shown: Vec<String> = seeds.iter().take(5).map(u64::to_string).collect();
        println!("{:5}  {class}  (seeds {})", seeds.len(), shown.join(","));
    }
    Ok(sound + announced == total)
}

/// `1-200`, `7,19`, or both mixed.
fn parse_seeds(list: &str) -> Result<Vec<u64>, String> {
    let mut seeds = Vec::new();
    for part in list.split(',') {
        let number = |s: &str| s.trim().parse::<u64>().map_err(|e| format!("{s}: {e}"));
        match part.split_once('-') {
            Some((low, high)) => seeds.extend(number(low)?..=number(high)?),
            None => seeds.push(number(part)?),
        }
    }
    Ok(seeds)
}

fn print_case(case: &Case) {
    println!("seed {}: {:?}\n", case.seed, case.outcome);
    println!("--- a.prisma\n{}\n--- b.prisma\n{}", case.a, case.b);
    println!("--- empty → a\n{}\n--- a → b\n{}", case.create, case.evolve);
}
