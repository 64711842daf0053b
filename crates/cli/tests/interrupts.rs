//! Ctrl-C (SIGINT) and SIGTERM while a migration replays in a temporary
//! shadow database: every command that makes one exits 130 and leaves no
//! `prisma_migrate_shadow_db_*` database on the server.

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

mod support;

use std::time::{Duration, Instant};

use plumb_testkit::TestDatabase;
use support::{Project, one_at_a_time};

#[test]
fn migrate_dev_interrupted_during_the_replay() {
    interrupted("dev", &["migrate", "dev", "--name", "x"], libc::SIGINT);
}

#[test]
fn migrate_diff_from_migrations_interrupted_during_the_replay() {
    let args = [
        "migrate",
        "diff",
        "--from-migrations",
        "prisma/migrations",
        "--to-schema",
        "prisma/schema.prisma",
        "--script",
        "--replay",
        "shadow",
    ];
    interrupted("diff-int", &args, libc::SIGINT);
    interrupted("diff-term", &args, libc::SIGTERM);
}

/// Runs `args` in a project whose one migration sleeps for a minute,
/// sends `signal` once the sleep runs in the shadow database, and checks
/// the exit status and the server.
fn interrupted(name: &str, args: &[&str], signal: libc::c_int) {
    let _serial = one_at_a_time();
    let database = plumb_testkit::database();
    let project = Project::new(
        &format!("interrupted-{name}"),
        &[("20240101000000_slow", "SELECT pg_sleep(60);\n")],
    );
    std::fs::write(
        project.path().join("prisma/migrations/migration_lock.toml"),
        "provider = \"postgresql\"\n",
    )
    .unwrap();
    let mut child = project
        .command(args)
        .env("DATABASE_URL", database.url())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while !sleeping_in_a_shadow(&database) {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{name}: the replay never started"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let pid = i32::try_from(child.id()).unwrap();
    // SAFETY: sends a signal to the child this test started.
    assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "{name}");
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{name}: the sleep was not cut short"
    );
    assert_eq!(
        support::shadow_databases(&database),
        Vec::<String>::new(),
        "{name}: a shadow database was left behind"
    );
}

fn sleeping_in_a_shadow(database: &TestDatabase) -> bool {
    database
        .connect()
        .query_one(
            "SELECT count(*) FROM pg_stat_activity WHERE datname LIKE 'prisma_migrate_shadow_db_%' AND query LIKE '%pg_sleep%'",
            &[],
        )
        .unwrap()
        .get::<_, i64>(0)
        > 0
}
