//! Where a schema-to-schema diff spends its time and reaches its peak
//! memory, in a fresh process: after each stage, the wall time since the
//! stage before and the process's peak resident set (Linux `VmHWM`). The
//! schemas are read one after the other (a cold first one, a warm second
//! one), each syntax tree dropped once lowered, as `plumb migrate diff`
//! reads big schemas.
//!
//!   cargo run --release -p plumb-migrate --example by_phase -- FROM TO
//!
//! One run is noisy: run it a few times and read the spread.

#![allow(clippy::print_stdout, reason = "a measuring tool reports on stdout")]

use std::path::Path;
use std::time::Instant;

fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("VmHWM:"))
                .map(|value| value.trim().to_string())
        })
        .unwrap_or_else(|| "unknown (needs Linux)".to_string())
}

fn main() -> Result<(), String> {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let [from, to] = paths.as_slice() else {
        return Err("usage: by_phase FROM.prisma TO.prisma".to_string());
    };
    let mut clock = Instant::now();
    let mut report = |stage: &str| {
        let now = Instant::now();
        println!(
            "{stage:<16} {:>8.3} ms   peak RSS {}",
            (now - clock).as_secs_f64() * 1e3,
            peak_rss()
        );
        clock = now;
    };
    report("start");
    let mut irs = Vec::new();
    for (side, path) in [("from", from), ("to", to)] {
        let mut loaded = plumb_psl::load(Path::new(path)).map_err(|error| error.to_string())?;
        report(&format!("{side}: parsed"));
        plumb_psl::validate(&loaded.asts, &mut loaded.diagnostics);
        if loaded.diagnostics.has_errors() {
            return Err(format!("{path} is not a valid schema"));
        }
        report(&format!("{side}: validated"));
        irs.push(plumb_lower::lower(&loaded.asts));
        report(&format!("{side}: lowered"));
    }
    let migration = plumb_diff::diff(&irs[0], &irs[1]);
    report("diffed");
    let script = plumb_render::script(&migration);
    report("rendered");
    println!(
        "{} steps, {} bytes of SQL",
        migration.steps.len(),
        script.len()
    );
    Ok(())
}
