//! Benchmark: `plumb migrate diff` as a user runs it (a whole process,
//! `--script`), against Prisma's engine (`oracle.mjs diff`) on the same
//! files in the same run: empty → schema and schema → evolved schema, on
//! the 78-model real-world schema of `fixtures/bench/` and on generated
//! 1,000- and 5,000-model schemas. Reports medians, the ratios, the time
//! per 1,000 models (linear growth) and plumb's peak memory.
//!
//!   cargo bench -p plumb-cli --bench diff      (or `just bench`)
//!
//! The oracle part needs Node and ../shared/tools/prisma-oracle set up, and
//! a PostgreSQL server for it (DATABASE_URL, else the dev-postgres script
//! starts one); without them only plumb's figures are printed.
//! `PLUMB_BENCH_INPUTS=DIR` writes the generated schemas to DIR and stops.
//! Targets (issue 4): ≥50× faster than the oracle at 78 models, linear
//! growth, under 50 MiB peak at 5,000 models.

#![allow(
    clippy::print_stdout,
    reason = "a benchmark reports on standard output"
)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark that cannot run should stop loudly"
)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use plumb_testkit::generated::{Version, schema};
use plumb_testkit::measure::{median as measure, oracle};

const PLUMB: &str = env!("CARGO_BIN_EXE_plumb");

/// One input: a schema and its evolved version.
struct Input {
    label: String,
    models: usize,
    base: PathBuf,
    evolved: PathBuf,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn inputs(work: &Path) -> Vec<Input> {
    let mut inputs = Vec::new();
    let bench = root().join("fixtures/bench");
    if bench.join("realworld.prisma").is_file() {
        inputs.push(Input {
            label: "real-world".to_string(),
            models: 78,
            base: bench.join("realworld.prisma"),
            evolved: bench.join("realworld_evolved.prisma"),
        });
    }
    for models in [1_000, 5_000] {
        let base = work.join(format!("generated_{models}.prisma"));
        let evolved = work.join(format!("generated_{models}_evolved.prisma"));
        std::fs::write(&base, schema(models, Version::Base)).unwrap();
        std::fs::write(&evolved, schema(models, Version::Evolved)).unwrap();
        inputs.push(Input {
            label: "generated".to_string(),
            models,
            base,
            evolved,
        });
    }
    inputs
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}

fn main() {
    // PLUMB_BENCH_INPUTS=DIR: write the generated schemas there and stop,
    // for profiling by hand.
    if let Some(dir) = std::env::var_os("PLUMB_BENCH_INPUTS") {
        std::fs::create_dir_all(&dir).unwrap();
        for input in inputs(Path::new(&dir)) {
            println!("{}", input.base.display());
        }
        return;
    }
    let work = std::env::temp_dir().join(format!("plumb-bench-diff-{}", std::process::id()));
    std::fs::create_dir_all(&work).unwrap();
    let oracle = oracle();
    if oracle.is_none() {
        println!("no oracle (../shared/tools/prisma-oracle) or server: plumb only");
    }
    println!(
        "{:<22} {:<18} {:>10} {:>10} {:>9} {:>12} {:>10}",
        "input", "diff", "plumb ms", "oracle ms", "ratio", "ms/1k models", "plumb MiB"
    );
    for input in inputs(&work) {
        let base = input.base.to_str().unwrap().to_string();
        let evolved = input.evolved.to_str().unwrap().to_string();
        let cases = [
            (
                "empty → schema",
                vec![
                    "--from-empty".to_string(),
                    "--to-schema".to_string(),
                    base.clone(),
                ],
                ("empty".to_string(), format!("schema:{base}")),
            ),
            (
                "schema → evolved",
                vec![
                    "--from-schema".to_string(),
                    base.clone(),
                    "--to-schema".to_string(),
                    evolved.clone(),
                ],
                (format!("schema:{base}"), format!("schema:{evolved}")),
            ),
        ];
        for (name, arguments, (from, to)) in cases {
            let runs = if input.models >= 5_000 { 5 } else { 9 };
            let (plumb, peak) = measure(runs, || {
                let mut command = Command::new(PLUMB);
                command
                    .args(["migrate", "diff"])
                    .args(&arguments)
                    .arg("--script");
                command
            })
            .expect("plumb migrate diff succeeds on the benchmark inputs");
            let prisma = oracle.as_ref().and_then(|(script, url)| {
                measure(3, || {
                    let mut command = Command::new("node");
                    command
                        .arg(script)
                        .args(["diff", "--from", &from, "--to", &to, "--script"])
                        .env("DATABASE_URL", url);
                    command
                })
            });
            println!(
                "{:<22} {:<18} {:>10.1} {:>10} {:>9} {:>12.1} {:>10.1}",
                format!("{} ({} models)", input.label, input.models),
                name,
                millis(plumb),
                prisma.map_or("-".to_string(), |(p, _)| format!("{:.0}", millis(p))),
                prisma.map_or("-".to_string(), |(p, _)| format!(
                    "{:.0}x",
                    p.as_secs_f64() / plumb.as_secs_f64()
                )),
                millis(plumb) * 1_000.0 / input.models as f64,
                peak as f64 / 1024.0,
            );
        }
    }
    let _ = std::fs::remove_dir_all(&work);
}
