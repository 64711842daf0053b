//! Benchmark: reading a live database (issue 5). A generated database of
//! 1,000 tables — 5 columns, 2 indexes besides the primary key and 1
//! foreign key each — and one of 100 for the growth:
//! - the introspection itself, in process: time and round trips (which
//!   must not grow with the number of tables);
//! - `plumb migrate diff --from-url DB --to-empty --script` as a whole
//!   process against Prisma's `oracle.mjs diff --from url:DB --to empty
//!   --script`, on the same database in the same run;
//! - `plumb db pull --print` (issue 22: the database written as a schema)
//!   against `oracle.mjs pull`, likewise (target: 1,000 tables well under
//!   a second), and pulled again into the schema that pull wrote
//!   (re-introspection: every table matched to a model) against
//!   `oracle.mjs pull --schema`.
//!
//!   cargo bench -p plumb-cli --bench introspect      (or `just bench`)
//!
//! The databases are the testkit's (it starts its own server); both tools
//! connect without TLS (`sslmode=disable`), as the oracle's driver does by
//! default. The oracle
//! part needs Node and ../shared/tools/prisma-oracle set up; without it,
//! only plumb's figures are printed. Target: ≥10× faster than the oracle.

#![allow(
    clippy::print_stdout,
    reason = "a benchmark reports on standard output"
)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark that cannot run should stop loudly"
)]

use std::fmt::Write as _;
use std::process::Command;
use std::time::{Duration, Instant};

use plumb_testkit::measure::{median, oracle};

const PLUMB: &str = env!("CARGO_BIN_EXE_plumb");

/// The DDL of `tables` tables, each referring to the one before it.
fn ddl(tables: usize) -> String {
    let mut sql = String::new();
    for i in 0..tables {
        let parent = i.saturating_sub(1);
        write!(
            sql,
            "CREATE TABLE \"t{i}\" (\"id\" SERIAL PRIMARY KEY, \"name\" TEXT NOT NULL, \
             \"code\" VARCHAR(32) NOT NULL, \"created_at\" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP, \
             \"parent_id\" INTEGER);\n\
             CREATE UNIQUE INDEX \"t{i}_code_key\" ON \"t{i}\"(\"code\");\n\
             CREATE INDEX \"t{i}_name_idx\" ON \"t{i}\"(\"name\");\n\
             ALTER TABLE \"t{i}\" ADD CONSTRAINT \"t{i}_parent_id_fkey\" FOREIGN KEY (\"parent_id\") REFERENCES \"t{parent}\"(\"id\");\n"
        )
        .unwrap();
    }
    sql
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}

fn main() {
    let oracle = oracle();
    if oracle.is_none() {
        println!("no oracle (../shared/tools/prisma-oracle): plumb only");
    }
    println!(
        "{:<8} {:>12} {:>12} {:>12} {:>10} {:>8} {:>11}",
        "tables", "round trips", "read ms", "plumb ms", "oracle ms", "ratio", "plumb MiB"
    );
    let mut pulls = Vec::new();
    let project = std::env::temp_dir().join(format!("plumb-bench-pull-{}", std::process::id()));
    std::fs::create_dir_all(project.join("prisma")).unwrap();
    std::fs::write(
        project.join("prisma/schema.prisma"),
        "datasource db {\n  provider = \"postgresql\"\n}\n",
    )
    .unwrap();
    for tables in [100, 1_000] {
        let database = plumb_testkit::database();
        let mut client = database.connect();
        client.batch_execute(&ddl(tables)).unwrap();
        client.batch_execute("ANALYZE").unwrap();

        // In process: the read alone, warm, on two connections as
        // `migrate diff` reads.
        let mut second = database.connect();
        let mut reads = Vec::new();
        let mut round_trips = 0;
        for _ in 0..7 {
            let start = Instant::now();
            let read = plumb_introspect::introspect_on_two(
                &mut client,
                &mut second,
                &["public"],
                "public",
            )
            .unwrap();
            reads.push(start.elapsed());
            assert_eq!(read.schema.tables.len(), tables);
            assert_eq!(read.schema.foreign_keys.len(), tables);
            round_trips = read.round_trips;
        }
        reads.sort();

        // Without TLS on both sides: the oracle's driver does not use it
        // unless told, and plumb's default (`prefer`) would.
        let url = format!("{}?sslmode=disable", database.url());
        let (plumb, peak) = median(7, || {
            let mut command = Command::new(PLUMB);
            // Without the hazards report, which Prisma does not make: for
            // a schema dropped whole it adds 1,000 findings and a reading
            // of the tables' sizes (about 0.1 s here).
            command.args([
                "migrate",
                "diff",
                "--from-url",
                &url,
                "--to-empty",
                "--script",
                "--no-lint",
            ]);
            command
        })
        .expect("plumb reads the benchmark database");
        let prisma = oracle.as_ref().and_then(|(script, server)| {
            median(3, || {
                let mut command = Command::new("node");
                command
                    .arg(script)
                    .args([
                        "diff",
                        "--from",
                        &format!("url:{url}"),
                        "--to",
                        "empty",
                        "--script",
                    ])
                    .env("DATABASE_URL", server);
                command
            })
        });
        println!(
            "{:<8} {:>12} {:>12.1} {:>12.1} {:>10} {:>8} {:>11.1}",
            tables,
            round_trips,
            millis(reads[reads.len() / 2]),
            millis(plumb),
            prisma.map_or("-".to_string(), |(p, _)| format!("{:.0}", millis(p))),
            prisma.map_or("-".to_string(), |(p, _)| format!(
                "{:.0}x",
                p.as_secs_f64() / plumb.as_secs_f64()
            )),
            peak as f64 / 1024.0,
        );

        let (plumb_pull, pull_peak) = median(7, || {
            let mut command = Command::new(PLUMB);
            command
                .args(["db", "pull", "--print", "--url", &url])
                .current_dir(&project);
            command
        })
        .expect("plumb pulls the benchmark database");
        let prisma_pull = oracle.as_ref().and_then(|(script, server)| {
            median(3, || {
                let mut command = Command::new("node");
                command
                    .arg(script)
                    .args(["pull", "--url", &url])
                    .env("DATABASE_URL", server);
                command
            })
        });
        pulls.push(("new", tables, plumb_pull, pull_peak, prisma_pull));

        // Re-introspection: into the schema the pull wrote.
        let printed = Command::new(PLUMB)
            .args(["db", "pull", "--print", "--url", &url])
            .current_dir(&project)
            .output()
            .unwrap();
        let existing = project.join(format!("existing-{tables}.prisma"));
        std::fs::write(&existing, &printed.stdout).unwrap();
        let existing = existing.to_str().unwrap().to_string();
        let (plumb_again, again_peak) = median(7, || {
            let mut command = Command::new(PLUMB);
            command
                .args([
                    "db", "pull", "--print", "--schema", &existing, "--url", &url,
                ])
                .current_dir(&project);
            command
        })
        .expect("plumb pulls the benchmark database into a schema");
        let prisma_again = oracle.as_ref().and_then(|(script, server)| {
            median(3, || {
                let mut command = Command::new("node");
                command
                    .arg(script)
                    .args(["pull", "--url", &url, "--schema", &existing])
                    .env("DATABASE_URL", server);
                command
            })
        });
        pulls.push(("into", tables, plumb_again, again_peak, prisma_again));
    }
    println!(
        "\n{:<8} {:<6} {:>14} {:>15} {:>8} {:>11}",
        "tables", "schema", "db pull ms", "oracle pull ms", "ratio", "plumb MiB"
    );
    for (kind, tables, plumb, peak, prisma) in pulls {
        println!(
            "{:<8} {:<6} {:>14.1} {:>15} {:>8} {:>11.1}",
            tables,
            kind,
            millis(plumb),
            prisma.map_or("-".to_string(), |(p, _)| format!("{:.0}", millis(p))),
            prisma.map_or("-".to_string(), |(p, _)| format!(
                "{:.0}x",
                p.as_secs_f64() / plumb.as_secs_f64()
            )),
            peak as f64 / 1024.0,
        );
    }
    let _ = std::fs::remove_dir_all(&project);
}
