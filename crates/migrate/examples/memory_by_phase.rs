//! Where a schema-to-schema diff reaches its peak memory: the process's
//! peak resident set (Linux `VmHWM`) after each stage, for each schema.
//!
//!   cargo run --release -p plumb-migrate --example memory_by_phase -- FROM TO
//!
//! The stages run as `plumb migrate diff` runs them for big schemas (one
//! schema after the other, each syntax tree dropped once lowered).

#![allow(clippy::print_stdout, reason = "a measuring tool reports on stdout")]

use std::path::Path;

fn peak_kib() -> String {
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

fn report(stage: &str) {
    println!("{stage:<24} peak RSS {}", peak_kib());
}

fn main() -> Result<(), String> {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let [from, to] = paths.as_slice() else {
        return Err("usage: memory_by_phase FROM.prisma TO.prisma".to_string());
    };
    report("start");
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
    println!(
        "{} steps, {} bytes of SQL",
        migration.steps.len(),
        script.len()
    );
    Ok(())
}
