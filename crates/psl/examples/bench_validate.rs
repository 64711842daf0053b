//! Benchmark: parse + validate generated schemas of 1,000 to 5,000 models,
//! and Prisma's own `prisma validate` (the oracle) on the 5,000-model one.
//!
//!   cargo run --release -p plumb-psl --example bench_validate [ORACLE_DIR]
//!
//! ORACLE_DIR defaults to ../shared/tools/prisma-oracle beside the project;
//! without Node or the oracle, only plumb's times are printed. Each figure
//! is the median of several runs; the ratio is what to quote (machines are
//! noisy). Target (issue 3): under 100 ms per 1,000 models, linear growth.

#![allow(
    clippy::print_stdout,
    reason = "a benchmark reports on standard output"
)]
#![allow(
    clippy::unwrap_used,
    reason = "a benchmark that cannot run should stop loudly"
)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn generate(models: usize) -> String {
    plumb_testkit::generated::schema(models, plumb_testkit::generated::Version::Base)
}

fn parse_and_validate(text: &str) -> usize {
    let mut loaded = plumb_psl::LoadedSchema::default();
    plumb_psl::add_file(&mut loaded, "schema.prisma".to_string(), text.as_bytes());
    plumb_psl::validate(&loaded.asts, &mut loaded.diagnostics);
    assert!(
        !loaded.diagnostics.has_errors(),
        "the generated schema must be valid"
    );
    loaded.asts.len()
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn time(runs: usize, mut job: impl FnMut()) -> Duration {
    job(); // warm-up
    median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                job();
                start.elapsed()
            })
            .collect(),
    )
}

fn oracle_dir() -> PathBuf {
    std::env::args().nth(1).map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/tools/prisma-oracle"),
        PathBuf::from,
    )
}

fn main() {
    if std::env::var_os("PLUMB_BENCH_SPLIT").is_some() {
        let text = generate(5_000);
        let parse = time(5, || {
            let mut loaded = plumb_psl::LoadedSchema::default();
            plumb_psl::add_file(&mut loaded, "schema.prisma".to_string(), text.as_bytes());
        });
        println!(
            "parse only, 5,000 models: {:.1} ms",
            parse.as_secs_f64() * 1e3
        );
    }
    println!("plumb parse + validate (median of 7 runs)");
    let mut plumb_5000 = Duration::ZERO;
    for models in [1_000, 2_000, 5_000] {
        let text = generate(models);
        let elapsed = time(7, || {
            parse_and_validate(&text);
        });
        println!(
            "  {models:>5} models ({:>5} KiB): {:>8.1} ms  ({:.1} ms per 1,000 models)",
            text.len() / 1024,
            elapsed.as_secs_f64() * 1e3,
            elapsed.as_secs_f64() * 1e6 / models as f64
        );
        if models == 5_000 {
            plumb_5000 = elapsed;
        }
    }
    // Emulated referential actions are checked for cycles: a 5,000-model
    // cascade chain is the worst case for that walk.
    let emulated = generate(5_000).replacen(
        "provider = \"postgresql\"",
        "provider = \"postgresql\"\n  relationMode = \"prisma\"",
        1,
    );
    let elapsed = time(7, || {
        parse_and_validate(&emulated);
    });
    println!(
        "   5000 models, relationMode = \"prisma\": {:>8.1} ms",
        elapsed.as_secs_f64() * 1e3
    );

    let oracle = oracle_dir().join("oracle.mjs");
    if !oracle.exists() {
        println!("no oracle at {}: skipping the comparison", oracle.display());
        return;
    }
    let work = std::env::temp_dir().join(format!("plumb-bench-{}", std::process::id()));
    std::fs::create_dir_all(&work).unwrap();
    std::fs::write(work.join("schema.prisma"), generate(5_000)).unwrap();
    let mut failed = false;
    let prisma = time(3, || {
        let status = Command::new("node")
            .arg(&oracle)
            .args(["validate", "schema.prisma"])
            .current_dir(&work)
            .output();
        failed |= !status.is_ok_and(|o| o.status.success());
    });
    let _ = std::fs::remove_dir_all(&work);
    if failed {
        println!("the oracle failed on the generated schema: no comparison");
        return;
    }
    println!(
        "prisma validate (oracle, median of 3, includes Node start-up): {:.0} ms",
        prisma.as_secs_f64() * 1e3
    );
    println!(
        "ratio on 5,000 models: plumb is {:.0}x faster",
        prisma.as_secs_f64() / plumb_5000.as_secs_f64()
    );
}
