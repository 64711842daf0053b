//! `plumb migrate deploy` under faults, as separate processes against the
//! testkit's server: eight at once, and killed with SIGKILL in the middle
//! of a statement.

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

mod support;

use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use support::{Project, text};

#[test]
fn eight_deploy_processes_apply_every_migration_exactly_once() {
    let database = plumb_testkit::database();
    let migrations: Vec<(String, String)> = (0..10)
        .map(|i| {
            (
                format!("2024010100000{i}_m{i}"),
                // Not idempotent: a second run would fail.
                format!("CREATE TABLE t{i} (id int);\nSELECT pg_sleep(0.01);\n"),
            )
        })
        .collect();
    let borrowed: Vec<(&str, &str)> = migrations
        .iter()
        .map(|(name, script)| (name.as_str(), script.as_str()))
        .collect();
    let project = Project::new("eight-processes", &borrowed);
    let children: Vec<Child> = (0..8)
        .map(|_| {
            project
                .command(&["migrate", "deploy", "--url", database.url()])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut applying = 0;
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
        applying += text(&output.stdout).matches("Applying migration `").count();
    }
    assert_eq!(
        applying, 10,
        "each migration applied by exactly one process"
    );
    let rows: Vec<(String, i64)> = database
        .connect()
        .query(
            "SELECT migration_name, count(*) FROM _prisma_migrations
             WHERE finished_at IS NOT NULL GROUP BY 1 ORDER BY 1",
            &[],
        )
        .unwrap()
        .iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect();
    let expected: Vec<(String, i64)> = migrations
        .iter()
        .map(|(name, _)| (name.clone(), 1))
        .collect();
    assert_eq!(rows, expected);
}

/// Steps per migration, and the migrations: the third runs statement by
/// statement (CONCURRENTLY), the others in one transaction. Every step is
/// idempotent, so that a migration half-applied outside a transaction can
/// run again once it is resolved as rolled back.
const STEPS: usize = 5;
const MIGRATIONS: [&str; 4] = [
    "20240101000000_one",
    "20240102000000_two",
    "20240103000000_concurrent",
    "20240104000000_four",
];

fn script(migration: usize) -> String {
    let mut script = format!("CREATE TABLE IF NOT EXISTS m{migration} (id int);\n");
    if migration == 2 {
        script.push_str("CREATE INDEX CONCURRENTLY IF NOT EXISTS m2_id ON m2 (id);\n");
    }
    for step in 0..STEPS {
        let n = migration * STEPS + step;
        script.push_str(&format!(
            "INSERT INTO steps VALUES ({n}) ON CONFLICT DO NOTHING;\nSELECT pg_sleep(0.02) /* step {n} */;\n"
        ));
    }
    script
}

/// A small deterministic generator, so that a failing run can be repeated.
fn pick(run: u64) -> usize {
    let mixed = run
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    ((mixed >> 33) % (MIGRATIONS.len() * STEPS) as u64) as usize
}

#[test]
fn a_deploy_killed_at_any_statement_is_explained_and_completed() {
    let mut migrations = vec![(
        "20240100000000_steps".to_string(),
        "CREATE TABLE steps (n int PRIMARY KEY);\n".to_string(),
    )];
    for (i, name) in MIGRATIONS.iter().enumerate() {
        migrations.push(((*name).to_string(), script(i)));
    }
    let borrowed: Vec<(&str, &str)> = migrations
        .iter()
        .map(|(name, script)| (name.as_str(), script.as_str()))
        .collect();
    let project = Project::new("killed", &borrowed);
    for run in 0..20 {
        let step = pick(run);
        let killed_in = MIGRATIONS[step / STEPS];
        let database = plumb_testkit::database();
        let url = database.url();
        let mut watcher = database.connect();
        let mut child = project
            .command(&["migrate", "deploy", "--url", url])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let marker = format!("%/* step {step} */%");
        let started = Instant::now();
        loop {
            let running: i64 = watcher
                .query_one(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE $1",
                    &[&marker],
                )
                .unwrap()
                .get(0);
            if running > 0 {
                break;
            }
            assert!(
                child.try_wait().unwrap().is_none(),
                "run {run}: deploy ended before step {step}"
            );
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "run {run}: step {step} never ran"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
        child.kill().unwrap();
        child.wait().unwrap();
        // Once the server has ended the killed session, a migration that
        // ran in one transaction has left nothing of itself.
        let migration = step / STEPS;
        if migration != 2 {
            let started = Instant::now();
            while watcher
                .query_one(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
                    &[],
                )
                .unwrap()
                .get::<_, i64>(0)
                > 0
            {
                assert!(started.elapsed() < Duration::from_secs(10), "run {run}: the killed session lingers");
                std::thread::sleep(Duration::from_millis(5));
            }
            let range = ((migration * STEPS) as i32, ((migration + 1) * STEPS) as i32);
            let left: i64 = watcher
                .query_one(
                    "SELECT count(*) FROM steps WHERE n >= $1 AND n < $2",
                    &[&range.0, &range.1],
                )
                .unwrap()
                .get(0);
            assert_eq!(left, 0, "run {run}: {killed_in} was half applied");
        }

        // Status explains: the migration that was running has failed.
        let status = project.status(url);
        assert_eq!(status.status.code(), Some(1), "run {run}");
        assert!(
            text(&status.stderr)
                .contains(&format!("Following migration have failed:\n{killed_in}\n")),
            "run {run}, step {step}: {}{}",
            text(&status.stdout),
            text(&status.stderr)
        );
        // Resolve and deploy complete the history.
        let resolve = project.resolve(url, "--rolled-back", killed_in);
        assert_eq!(
            resolve.status.code(),
            Some(0),
            "run {run}: {}",
            text(&resolve.stderr)
        );
        let deploy = project.deploy(url);
        assert_eq!(
            deploy.status.code(),
            Some(0),
            "run {run}: {}",
            text(&deploy.stderr)
        );
        let status = project.status(url);
        assert!(
            text(&status.stdout).ends_with("Database schema is up to date!\n"),
            "run {run}: {}",
            text(&status.stdout)
        );
        let steps: i64 = watcher
            .query_one("SELECT count(*) FROM steps", &[])
            .unwrap()
            .get(0);
        assert_eq!(steps, (MIGRATIONS.len() * STEPS) as i64, "run {run}");
        let finished: i64 = watcher
            .query_one(
                "SELECT count(DISTINCT migration_name) FROM _prisma_migrations
                 WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
                &[],
            )
            .unwrap()
            .get(0);
        assert_eq!(finished, migrations.len() as i64, "run {run}");
    }
}
