//! `migrate deploy` against the testkit's server: Prisma's bookkeeping,
//! one transaction per migration, failures recorded and blocking, the
//! lock under concurrency.

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

use std::path::{Path, PathBuf};

use plumb_introspect::ConnectionUrl;
use plumb_migrate::Code;
use plumb_migrate::deploy::{Progress, deploy};
use plumb_migrate::history::checksum;

/// A migrations folder with the given (name, script) migrations.
struct Folder(PathBuf);

impl Folder {
    fn new(name: &str, migrations: &[(&str, &str)]) -> Folder {
        let dir = std::env::temp_dir().join(format!("plumb-deploy-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (name, script) in migrations {
            std::fs::create_dir_all(dir.join(name)).unwrap();
            std::fs::write(dir.join(name).join("migration.sql"), script).unwrap();
        }
        std::fs::create_dir_all(&dir).unwrap();
        Folder(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn url(database: &plumb_testkit::TestDatabase) -> ConnectionUrl {
    ConnectionUrl::parse(database.url()).unwrap()
}

fn quiet(_: Progress) {}

/// (name, finished, rolled back, steps, checksum) of every history row.
fn history(client: &mut postgres::Client) -> Vec<(String, bool, i32, String)> {
    client
        .query(
            "SELECT migration_name, finished_at IS NOT NULL, applied_steps_count, checksum
             FROM _prisma_migrations ORDER BY started_at",
            &[],
        )
        .unwrap()
        .iter()
        .map(|row| (row.get(0), row.get(1), row.get(2), row.get(3)))
        .collect()
}

const FIRST: (&str, &str) = (
    "20240101000000_init",
    "-- CreateTable\nCREATE TABLE \"User\" (\"id\" SERIAL NOT NULL, CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\"));\n",
);
const SECOND: (&str, &str) = (
    "20240102000000_posts",
    "-- CreateTable\nCREATE TABLE \"Post\" (\"id\" SERIAL NOT NULL);\n",
);

#[test]
fn applies_pending_migrations_once_with_prismas_bookkeeping() {
    let database = plumb_testkit::database();
    let folder = Folder::new("once", &[FIRST, SECOND]);
    let mut said = Vec::new();
    let applied = deploy(&url(&database), folder.path(), &mut |progress| {
        said.push(progress)
    })
    .unwrap();
    assert_eq!(applied, [FIRST.0, SECOND.0]);
    assert_eq!(
        said,
        [
            Progress::Connected(None),
            Progress::Found(2),
            Progress::Applying(FIRST.0.to_string()),
            Progress::Applying(SECOND.0.to_string()),
        ]
    );
    let mut client = database.connect();
    assert_eq!(
        history(&mut client),
        [
            (FIRST.0.to_string(), true, 1, checksum::checksum(FIRST.1)),
            (SECOND.0.to_string(), true, 1, checksum::checksum(SECOND.1)),
        ]
    );
    let id: String = client
        .query_one("SELECT id FROM _prisma_migrations LIMIT 1", &[])
        .unwrap()
        .get(0);
    assert_eq!(id.len(), 36, "a UUID: {id}");
    // Nothing is pending the second time.
    assert!(
        deploy(&url(&database), folder.path(), &mut quiet)
            .unwrap()
            .is_empty()
    );
    assert_eq!(history(&mut client).len(), 2);
}

#[test]
fn a_failing_migration_is_rolled_back_recorded_and_blocks_the_next_deploy() {
    let database = plumb_testkit::database();
    let broken = (
        "20240102000000_broken",
        "CREATE TABLE \"Kept\" (id int);\nINSERT INTO \"Missing\" VALUES (1);\n",
    );
    let folder = Folder::new("failing", &[FIRST, broken, SECOND]);
    let error = deploy(&url(&database), folder.path(), &mut quiet).unwrap_err();
    assert_eq!(error.code(), Some(Code::P3018));
    let message = error.to_string();
    assert!(
        message.contains("Migration name: 20240102000000_broken"),
        "{}",
        message
    );
    assert!(
        message.contains("Database error code: 42P01"),
        "{}",
        message
    );
    assert!(
        message.contains(">   2 INSERT INTO \"Missing\""),
        "{}",
        message
    );
    assert!(
        message.contains("in one transaction: none of it was applied"),
        "{}",
        message
    );
    let mut client = database.connect();
    let rows = history(&mut client);
    assert_eq!(rows.len(), 2);
    assert!(rows[0].1, "the first migration stays applied");
    assert!(!rows[1].1, "the broken one is recorded as failed");
    let kept: Option<String> = client
        .query_one("SELECT to_regclass('\"Kept\"')::text", &[])
        .unwrap()
        .get(0);
    assert_eq!(
        kept, None,
        "the failed migration's first statement was rolled back"
    );
    let logs: Option<String> = client
        .query_one(
            "SELECT logs FROM _prisma_migrations WHERE migration_name = $1",
            &[&broken.0],
        )
        .unwrap()
        .get(0);
    assert!(logs.unwrap().contains("Database error code: 42P01"));
    let blocked = deploy(&url(&database), folder.path(), &mut quiet).unwrap_err();
    assert_eq!(blocked.code(), Some(Code::P3009));
    let blocked = blocked.to_string();
    assert!(
        blocked.contains("The `20240102000000_broken` migration started at "),
        "{}",
        blocked
    );
}

#[test]
fn concurrent_indexes_run_statement_by_statement() {
    let database = plumb_testkit::database();
    let concurrent = (
        "20240102000000_index",
        "CREATE TABLE \"T\" (a int);\nCREATE INDEX CONCURRENTLY \"T_a_idx\" ON \"T\"(a);\n",
    );
    let folder = Folder::new("concurrently", &[FIRST, concurrent]);
    deploy(&url(&database), folder.path(), &mut quiet).unwrap();
    let mut client = database.connect();
    let index: Option<String> = client
        .query_one("SELECT to_regclass('\"T_a_idx\"')::text", &[])
        .unwrap()
        .get(0);
    assert_eq!(index.as_deref(), Some("\"T_a_idx\""));
}

#[test]
fn a_schema_with_tables_but_no_history_is_p3005() {
    let database = plumb_testkit::database();
    database
        .connect()
        .batch_execute("CREATE TABLE legacy (id int)")
        .unwrap();
    let folder = Folder::new("p3005", &[FIRST]);
    let error = deploy(&url(&database), folder.path(), &mut quiet).unwrap_err();
    assert_eq!(error.code(), Some(Code::P3005));
}

#[test]
fn eight_deploys_at_once_apply_every_migration_exactly_once() {
    let database = plumb_testkit::database();
    let migrations: Vec<(String, String)> = (0..10)
        .map(|i| {
            (
                format!("2024010100{i:04}_m{i}"),
                format!("CREATE TABLE t{i} (id int);\n"),
            )
        })
        .collect();
    let pairs: Vec<(&str, &str)> = migrations
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let folder = Folder::new("concurrent", &pairs);
    let url = url(&database);
    std::thread::scope(|scope| {
        for _ in 0..8 {
            scope.spawn(|| deploy(&url, folder.path(), &mut quiet).unwrap());
        }
    });
    let mut client = database.connect();
    let counts: Vec<i64> = client
        .query(
            "SELECT count(*) FROM _prisma_migrations GROUP BY migration_name",
            &[],
        )
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect();
    assert_eq!(counts, vec![1; 10]);
}
