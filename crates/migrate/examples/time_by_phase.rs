//! Where a schema-to-schema diff spends its time in a fresh process: the
//! wall time of each stage, for each schema, read one after the other (a
//! cold first schema, a warm second one).
//!
//!   cargo run --release -p plumb-migrate --example time_by_phase -- FROM TO
//!
//! One run is noisy: run it a few times and read the spread.

#![allow(clippy::print_stdout, reason = "a measuring tool reports on stdout")]

use std::path::Path;
use std::time::Instant;

fn main() -> Result<(), String> {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let [from, to] = paths.as_slice() else {
        return Err("usage: time_by_phase FROM.prisma TO.prisma".to_string());
    };
    let mut clock = Instant::now();
    let mut report = |stage: &str| {
        let now = Instant::now();
        println!("{stage:<16} {:>8.3} ms", (now - clock).as_secs_f64() * 1e3);
        clock = now;
    };
    let mut irs = Vec::new();
    for (side, path) in [("from", from), ("to", to)] {
        let mut loaded = plumb_psl::load(Path::new(path))?;
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
    println!("{} bytes of SQL", script.len());
    Ok(())
}
