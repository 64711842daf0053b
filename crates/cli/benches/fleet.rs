//! Benchmark: `plumb migrate deploy --fleet` (issue 24) to 1,000 databases
//! on one local server (the testkit's), at concurrency 16:
//! - 3 pending migrations each: the time, and the server's peak number of
//!   connections (sampled from `pg_stat_activity` while it runs);
//! - nothing pending: the time (median of 3). Target: under 10 s.
//!
//!   cargo bench -p plumb-cli --bench fleet      (or `just bench`)

#![allow(
    clippy::print_stdout,
    reason = "a benchmark reports on standard output"
)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark that cannot run should stop loudly"
)]

use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const PLUMB: &str = env!("CARGO_BIN_EXE_plumb");
const DATABASES: usize = 1_000;
const CONCURRENCY: &str = "16";

fn main() {
    let project = std::env::temp_dir().join(format!("plumb-bench-fleet-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&project);
    let migrations = project.join("prisma/migrations");
    for i in 0..3 {
        let folder = migrations.join(format!("2024010100000{i}_m{i}"));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(
            folder.join("migration.sql"),
            format!(
                "CREATE TABLE \"T{i}\" (\"id\" SERIAL NOT NULL, \"name\" TEXT NOT NULL, CONSTRAINT \"T{i}_pkey\" PRIMARY KEY (\"id\"));\nCREATE INDEX \"T{i}_name_idx\" ON \"T{i}\"(\"name\");\n"
            ),
        )
        .unwrap();
    }
    std::fs::write(
        project.join("prisma/schema.prisma"),
        "datasource db {\n  provider = \"postgresql\"\n}\n",
    )
    .unwrap();

    let started = Instant::now();
    let databases: Vec<plumb_testkit::TestDatabase> =
        (0..DATABASES).map(|_| plumb_testkit::database()).collect();
    println!(
        "{DATABASES} databases created in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    // Without TLS: the testkit's server has none to offer.
    let fleet: String = databases
        .iter()
        .map(|d| format!("{}?sslmode=disable\n", d.url()))
        .collect();
    std::fs::write(project.join("fleet.txt"), fleet).unwrap();
    let main = format!("{}?sslmode=disable", databases[0].url());
    let deploy = || {
        let mut command = Command::new(PLUMB);
        command
            .current_dir(&project)
            .args([
                "migrate",
                "deploy",
                "--fleet",
                "fleet.txt",
                "--concurrency",
                CONCURRENCY,
                "--url",
                &main,
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        command
    };

    // Pending: sample the server's connections meanwhile.
    let running = AtomicBool::new(true);
    let (elapsed, peak) = std::thread::scope(|scope| {
        let sampler = scope.spawn(|| {
            let mut client = databases[0].connect();
            let mut peak = 0_i64;
            while running.load(Ordering::SeqCst) {
                let now: i64 = client
                    .query_one("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'", &[])
                    .unwrap()
                    .get(0);
                peak = peak.max(now);
                std::thread::sleep(Duration::from_millis(5));
            }
            peak
        });
        let start = Instant::now();
        let status = deploy().status().unwrap();
        let elapsed = start.elapsed();
        running.store(false, Ordering::SeqCst);
        assert!(status.success(), "the fleet deploy failed");
        (elapsed, sampler.join().unwrap())
    });
    println!(
        "3 pending migrations each: {:.2} s at concurrency {CONCURRENCY}, peak {peak} client connections (the sampler's own included)",
        elapsed.as_secs_f64()
    );

    let mut runs: Vec<Duration> = (0..3)
        .map(|_| {
            let start = Instant::now();
            assert!(deploy().status().unwrap().success());
            start.elapsed()
        })
        .collect();
    runs.sort();
    println!(
        "nothing pending: {:.2} s (median of 3; target under 10 s)",
        runs[1].as_secs_f64()
    );
    let _ = std::fs::remove_dir_all(&project);
}
