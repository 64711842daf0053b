//! Benchmark: replaying a long migrations folder (issue 20), as whole
//! processes, on a real-world-shaped history of 240 migrations — the
//! 78-model real-world schema created, 238 random evolutions of other
//! tables chained by plumb's diff with hand-written SQL between them
//! (comments, checks, `DO` blocks, functions, triggers, views), then the
//! real-world schema's own evolution:
//! - `plumb migrate check` (offline, no database): target under 30 ms;
//! - `plumb migrate diff --from-migrations … --to-schema …` offline and
//!   in a shadow database (the testkit's server), and Prisma's engine
//!   (`oracle.mjs diff --from migrations:…`) when it is set up;
//! - the offline replay at 60, 120 and 240 migrations: time per
//!   migration, which stays flat when the replay is linear.
//!
//!   cargo bench -p plumb-cli --bench replay      (or `just bench`)

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

use plumb_migrate::diff::{Output, Source, diff};
use plumb_testkit::measure::{median, oracle};

const PLUMB: &str = env!("CARGO_BIN_EXE_plumb");
const MIGRATIONS: usize = 240;
const RUNS: usize = 15;

fn bench_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/bench")
        .join(name)
}

/// A schema in a project whose datasource lists `public` and `extra`:
/// every model and enum placed in `public`, the datasource listing both.
fn in_public(schema: &str) -> String {
    let mut out = String::new();
    let mut in_block = false;
    for line in schema.lines() {
        if line.starts_with("model ") || line.starts_with("enum ") {
            in_block = true;
        }
        if line == "}" && in_block {
            out.push_str("  @@schema(\"public\")\n");
            in_block = false;
        }
        out.push_str(line);
        out.push('\n');
        if line.starts_with("datasource ") {
            out.push_str("  schemas  = [\"extra\", \"public\"]\n");
        }
    }
    out
}

/// A project of `total` migrations (the first `total` of the full
/// history); its schema folder is what the full history builds.
fn project(name: &str, total: usize) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("plumb-bench-replay-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let schema = dir.join("prisma/schema");
    let migrations = schema.join("migrations");
    std::fs::create_dir_all(&migrations).unwrap();
    let history = plumb_soundness::history::history(1, MIGRATIONS - 2, true).unwrap();
    // The generated models may live in two schemas; the real-world ones
    // then go in `public`, listed with `extra` in the one datasource.
    let place = |text: String| {
        if history.multi_schema {
            in_public(&text)
        } else {
            text
        }
    };
    let scratch = dir.join("scratch");
    std::fs::create_dir_all(&scratch).unwrap();
    let realworld = scratch.join("realworld.prisma");
    let evolved = scratch.join("realworld_evolved.prisma");
    for (from, to) in [
        ("realworld.prisma", &realworld),
        ("realworld_evolved.prisma", &evolved),
    ] {
        std::fs::write(
            to,
            place(std::fs::read_to_string(bench_fixture(from)).unwrap()),
        )
        .unwrap();
    }
    let script = |from: &Source, to: &Path| {
        diff(from, &Source::Schema(to.to_path_buf()), Output::Script)
            .unwrap()
            .text
    };
    let mut all = vec![(
        "20230101000000_realworld".to_string(),
        script(&Source::Empty, &realworld),
    )];
    all.extend(history.migrations);
    all.push((
        "20250101000000_realworld_evolved".to_string(),
        script(&Source::Schema(realworld.clone()), &evolved),
    ));
    for (name, sql) in all.iter().take(total) {
        std::fs::create_dir_all(migrations.join(name)).unwrap();
        std::fs::write(migrations.join(name).join("migration.sql"), sql).unwrap();
    }
    std::fs::write(
        migrations.join("migration_lock.toml"),
        plumb_migrate::history::folder::LOCK_FILE_TEXT,
    )
    .unwrap();
    std::fs::copy(&evolved, schema.join("realworld.prisma")).unwrap();
    let _ = std::fs::remove_dir_all(&scratch);
    let generated_models = history
        .schema
        .split_once("}\n")
        .map_or(String::new(), |(_, rest)| rest.to_string());
    std::fs::write(schema.join("generated.prisma"), generated_models).unwrap();
    dir
}

fn plumb(project: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(PLUMB);
    command
        .args(args)
        .current_dir(project)
        .env_remove("DATABASE_URL");
    command
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}

fn main() {
    let full = project("full", MIGRATIONS);
    let bytes: u64 = walk(&full.join("prisma/schema/migrations"));
    println!(
        "history: {MIGRATIONS} migrations, {} KiB of SQL",
        bytes / 1024
    );

    // The folder must build its schema exactly: `migrate check` is clean.
    let check = plumb(&full, &["migrate", "check"]).output().unwrap();
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let (check_time, check_peak) = median(RUNS, || {
        plumb(&full, &["migrate", "check", "--format", "json"])
    })
    .unwrap();

    let diff_args = [
        "migrate",
        "diff",
        "--from-migrations",
        "prisma/schema/migrations",
        "--to-schema",
        "prisma/schema",
        "--script",
    ];
    let (offline, _) = median(RUNS, || {
        let mut command = plumb(&full, &diff_args);
        command.args(["--replay", "offline"]);
        command
    })
    .unwrap();

    let server = plumb_testkit::database();
    let (shadow, _) = median(5, || {
        let mut command = plumb(&full, &diff_args);
        command
            .args(["--replay", "shadow"])
            .env("DATABASE_URL", server.url());
        command
    })
    .expect("plumb replays the folder in a shadow database");

    let prisma = oracle().and_then(|(script, url)| {
        median(3, || {
            let mut command = Command::new("node");
            command
                .arg(&script)
                .args(["diff", "--from"])
                .arg(format!(
                    "migrations:{}",
                    full.join("prisma/schema/migrations").display()
                ))
                .arg("--to")
                .arg(format!("schema:{}", full.join("prisma/schema").display()))
                .env("DATABASE_URL", url.clone());
            command
        })
    });

    println!("{:<44} {:>10}", "240 migrations", "ms");
    println!(
        "{:<44} {:>10.1}",
        "plumb migrate check (offline, no database)",
        millis(check_time)
    );
    println!(
        "{:<44} {:>10.1}",
        "plumb migrate diff --replay offline",
        millis(offline)
    );
    println!(
        "{:<44} {:>10.1}",
        "plumb migrate diff --replay shadow",
        millis(shadow)
    );
    match prisma {
        Some((time, _)) => println!(
            "{:<44} {:>10.1}",
            "Prisma's engine (shadow database)",
            millis(time)
        ),
        None => println!("{:<44} {:>10}", "Prisma's engine (no oracle)", "-"),
    }
    println!(
        "offline vs shadow: {:.0}x; check peak memory {:.1} MiB",
        shadow.as_secs_f64() / offline.as_secs_f64(),
        check_peak as f64 / 1024.0
    );

    // `migrate lint --all`: every migration linted against the folder
    // replayed up to it (it finds hazards, so it exits 2: timed by hand).
    let mut lint_times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let run = plumb_testkit::measure::run(&mut plumb(
                &full,
                &["migrate", "lint", "--all", "--format", "json"],
            ))
            .unwrap();
            run.elapsed
        })
        .collect();
    lint_times.sort();
    let lint_all = lint_times[RUNS / 2];
    let findings = plumb(&full, &["migrate", "lint", "--all", "--format", "json"])
        .output()
        .unwrap();
    let report: String = String::from_utf8_lossy(&findings.stdout).into_owned();
    println!(
        "{:<44} {:>10.1}   ({} findings)",
        "plumb migrate lint --all",
        millis(lint_all),
        report.matches("\"code\"").count()
    );

    println!("\n{:<12} {:>10} {:>14}", "migrations", "ms", "ms/migration");
    for total in [60, 120, 240] {
        let project = project(&format!("prefix-{total}"), total);
        let (time, _) = median(RUNS, || {
            plumb(
                &project,
                &[
                    "migrate",
                    "diff",
                    "--from-migrations",
                    "prisma/schema/migrations",
                    "--to-empty",
                    "--replay",
                    "offline",
                ],
            )
        })
        .unwrap();
        println!(
            "{total:<12} {:>10.1} {:>14.3}",
            millis(time),
            millis(time) / total as f64
        );
        let _ = std::fs::remove_dir_all(&project);
    }
    // PLUMB_BENCH_KEEP=1 keeps the project, to profile a run by hand.
    if std::env::var_os("PLUMB_BENCH_KEEP").is_none() {
        let _ = std::fs::remove_dir_all(&full);
    } else {
        println!("kept {}", full.display());
    }
}

fn walk(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| {
            let path = e.path();
            if path.is_dir() {
                walk(&path)
            } else {
                std::fs::metadata(&path).map_or(0, |m| m.len())
            }
        })
        .sum()
}
