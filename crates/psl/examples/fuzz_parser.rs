//! The robustness test's mutation fuzzer, run for a while:
//!
//!   cargo run --release -p plumb-psl --example fuzz_parser [--differential] [SECONDS] [SEED]
//!
//! With `--differential`, each input is also parsed by the pest grammar
//! (`tests/support/pest_reference.rs`) and the two parses must agree.
//!
//! Also feeds a 10 MB line and 100,000-deep brackets once. A panic stops it
//! with the input saved to fuzz-crash.prisma.

#![allow(clippy::print_stdout, reason = "a fuzzer reports on standard output")]
#![allow(
    clippy::unwrap_used,
    reason = "a fuzzer that cannot run should stop loudly"
)]

#[path = "../tests/support/mutate.rs"]
mod mutate;

#[path = "../tests/support/pest_reference.rs"]
mod pest_reference;

use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1).peekable();
    let differential = args.next_if(|arg| arg == "--differential").is_some();
    let seconds: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(60);
    let seed: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);

    let start = Instant::now();
    let mut huge = b"model A {\n  id Int @id\n}\n".to_vec();
    huge.extend(std::iter::repeat_n(b'x', 10 << 20));
    mutate::exercise(&huge);
    println!("10 MB line: {:.2} s", start.elapsed().as_secs_f64());
    let deep = format!(
        "model A {{\n  x Int @default({}1{})\n}}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    mutate::exercise(deep.as_bytes());

    let seeds = mutate::seeds();
    let mut rng = mutate::Rng::new(seed);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut runs = 0u64;
    let mut slowest = Duration::ZERO;
    while Instant::now() < deadline {
        let input = mutate::mutate(&seeds[rng.below(seeds.len())], &mut rng);
        let one = Instant::now();
        if differential
            && let Err(difference) = pest_reference::compare(&String::from_utf8_lossy(&input))
        {
            std::fs::write("fuzz-difference.prisma", &input).unwrap();
            println!("{difference}\nafter {runs} inputs: input saved to fuzz-difference.prisma");
            std::process::exit(1);
        }
        if std::panic::catch_unwind(|| mutate::exercise(&input)).is_err() {
            std::fs::write("fuzz-crash.prisma", &input).unwrap();
            println!("panic after {runs} inputs: input saved to fuzz-crash.prisma");
            std::process::exit(1);
        }
        slowest = slowest.max(one.elapsed());
        runs += 1;
    }
    println!(
        "{runs} inputs in {seconds} s from {} seeds (seed {seed}); slowest input {:.1} ms; no panic",
        seeds.len(),
        slowest.as_secs_f64() * 1e3
    );
}
