//! The online plan (`--online`): the safe forms it writes, and what they
//! spare a running application — a writer inserting into a 200,000-row
//! table while the migration is deployed is held up for the length of
//! scans and index builds by the plain plan, and not by the online one.
//! (That every diff fixture's online script applies and leaves no diff is
//! `diff_fixtures.rs`'s.)

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use support::{Project, one_at_a_time, text};

const SETUP: &str = r#"CREATE TABLE "User" ("id" SERIAL NOT NULL, "name" TEXT, "email" TEXT NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));
CREATE TABLE "Post" ("id" SERIAL NOT NULL, "authorId" INTEGER NOT NULL, "title" TEXT NOT NULL, CONSTRAINT "Post_pkey" PRIMARY KEY ("id"));
CREATE INDEX "Post_authorId_idx" ON "Post"("authorId");
"#;

/// A required name, a unique email, an index on each table, the old
/// index gone, and the relation's foreign key.
const SCHEMA: &str = r#"datasource db {
  provider = "postgresql"
}

model User {
  id    Int    @id @default(autoincrement())
  name  String
  email String @unique
  posts Post[]

  @@index([name])
}

model Post {
  id       Int    @id @default(autoincrement())
  authorId Int
  title    String
  author   User   @relation(fields: [authorId], references: [id])

  @@index([title])
}
"#;

/// What the online plan must be: Prisma's statements in Prisma's order,
/// each in its safe form, each safe to run again after a failure (what a
/// failed run left is dropped first), with `lock_timeout` on for what
/// locks a table in use, off for what runs `CONCURRENTLY` (which waits
/// for older transactions without blocking anyone), reset at the end.
const ONLINE: &str = r#"-- DropIndex
DROP INDEX CONCURRENTLY IF EXISTS "Post_authorId_idx";

-- AlterTable
SET lock_timeout = '5s';
ALTER TABLE "User" DROP CONSTRAINT IF EXISTS "User_name_not_null_check", ADD CONSTRAINT "User_name_not_null_check" CHECK ("name" IS NOT NULL) NOT VALID;
ALTER TABLE "User" VALIDATE CONSTRAINT "User_name_not_null_check";
ALTER TABLE "User" ALTER COLUMN "name" SET NOT NULL;
ALTER TABLE "User" DROP CONSTRAINT "User_name_not_null_check";

-- CreateIndex
SET lock_timeout = 0;
DROP INDEX CONCURRENTLY IF EXISTS "Post_title_idx";
CREATE INDEX CONCURRENTLY "Post_title_idx" ON "Post"("title");

-- CreateIndex
DROP INDEX CONCURRENTLY IF EXISTS "User_email_key";
CREATE UNIQUE INDEX CONCURRENTLY "User_email_key" ON "User"("email");

-- CreateIndex
DROP INDEX CONCURRENTLY IF EXISTS "User_name_idx";
CREATE INDEX CONCURRENTLY "User_name_idx" ON "User"("name");

-- AddForeignKey
SET lock_timeout = '5s';
ALTER TABLE "Post" DROP CONSTRAINT IF EXISTS "Post_authorId_fkey", ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE NOT VALID;
ALTER TABLE "Post" VALIDATE CONSTRAINT "Post_authorId_fkey";

-- ResetLockTimeout
RESET lock_timeout;
"#;

/// Only a required name and the foreign key: no `CONCURRENTLY` that
/// would make the file run statement by statement anyway.
const SCHEMA_KEYS_ONLY: &str = r#"datasource db {
  provider = "postgresql"
}

model User {
  id    Int    @id @default(autoincrement())
  name  String
  email String
  posts Post[]
}

model Post {
  id       Int    @id @default(autoincrement())
  authorId Int
  title    String
  author   User   @relation(fields: [authorId], references: [id])

  @@index([authorId])
}
"#;

fn project(name: &str) -> Project {
    project_with(name, SCHEMA)
}

fn project_with(name: &str, schema: &str) -> Project {
    let project = Project::new(name, &[("20240101000000_setup", SETUP)]);
    std::fs::write(
        project.path().join("prisma/migrations/migration_lock.toml"),
        "provider = \"postgresql\"\n",
    )
    .unwrap();
    std::fs::write(project.path().join("prisma/schema.prisma"), schema).unwrap();
    project
}

/// `migrate diff` from the folder to the schema, with `extra` flags.
fn script(project: &Project, extra: &[&str]) -> String {
    let mut args = vec![
        "diff",
        "--from-migrations",
        "prisma/migrations",
        "--to-schema",
        "prisma/schema.prisma",
        "--script",
        "--no-lint",
    ];
    args.extend_from_slice(extra);
    let output = project.migrate(&args);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    text(&output.stdout)
}

#[test]
fn the_online_plan_writes_each_statement_in_its_safe_form() {
    let project = project("online-forms");
    assert_eq!(script(&project, &["--online"]), ONLINE);
    // plumb.toml can ask for it too.
    std::fs::write(
        project.path().join("plumb.toml"),
        "[migrate]\nonline = true\n",
    )
    .unwrap();
    assert_eq!(script(&project, &[]), ONLINE);
    // The linter finds nothing left that locks.
    let output = project.migrate(&[
        "diff",
        "--from-migrations",
        "prisma/migrations",
        "--to-schema",
        "prisma/schema.prisma",
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let locking: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["category"] == "locking")
        .collect();
    assert!(locking.is_empty(), "{locking:?}");
}

/// How long the writer waited at most while the migration was deployed,
/// and how long the deploy took.
struct UnderLoad {
    longest_insert: Duration,
    deploy: Duration,
}

/// Deploys the setup, fills the tables (1,000 users, `rows` posts),
/// writes the next migration with `flags`, and deploys it while a second
/// connection inserts posts in a loop.
fn deploy_under_load(name: &str, schema: &str, rows: u32, flags: &[&str]) -> UnderLoad {
    let database = plumb_testkit::database();
    let project = project_with(name, schema);
    let migration = script(&project, flags);
    let deployed = project.deploy(database.url());
    assert_eq!(
        deployed.status.code(),
        Some(0),
        "{}",
        text(&deployed.stderr)
    );
    database
        .connect()
        .batch_execute(&format!(
            "INSERT INTO \"User\" (\"name\", \"email\") SELECT 'user ' || n, 'user' || n || '@example.com' FROM generate_series(1, 1000) n;
             INSERT INTO \"Post\" (\"authorId\", \"title\") SELECT 1 + n % 1000, md5(n::text) FROM generate_series(1, {rows}) n;
             ANALYZE;"
        ))
        .unwrap();
    project.add("20240102000000_next", &migration);
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let stop = Arc::clone(&stop);
        let mut client = database.connect();
        std::thread::spawn(move || {
            let mut longest = Duration::ZERO;
            while !stop.load(Ordering::Relaxed) {
                let started = Instant::now();
                client
                    .execute(
                        "INSERT INTO \"Post\" (\"authorId\", \"title\") VALUES (1, 'written during the deploy')",
                        &[],
                    )
                    .unwrap();
                longest = longest.max(started.elapsed());
            }
            longest
        })
    };
    std::thread::sleep(Duration::from_millis(200));
    let started = Instant::now();
    let deployed = project.deploy(database.url());
    let deploy = started.elapsed();
    std::thread::sleep(Duration::from_millis(200));
    stop.store(true, Ordering::Relaxed);
    let longest_insert = writer.join().unwrap();
    assert_eq!(
        deployed.status.code(),
        Some(0),
        "{}",
        text(&deployed.stderr)
    );
    // Either way the database ends as the schema says.
    let settled = project.migrate(&[
        "diff",
        "--from-url",
        database.url(),
        "--to-schema",
        "prisma/schema.prisma",
        "--exit-code",
    ]);
    assert_eq!(settled.status.code(), Some(0), "{}", text(&settled.stdout));
    UnderLoad {
        longest_insert,
        deploy,
    }
}

#[test]
fn under_a_write_load_the_online_plan_does_not_hold_the_writer_up() {
    let _serial = one_at_a_time();
    // A foreign key's check is quicker than an index build: more rows
    // make its lock long enough to tell from the noise.
    for (case, schema, rows) in [
        ("all", SCHEMA, 200_000),
        ("keys", SCHEMA_KEYS_ONLY, 600_000),
    ] {
        compare_under_load(case, schema, rows);
    }
}

#[allow(clippy::print_stderr, reason = "the waits measured, for the docs")]
fn compare_under_load(case: &str, schema: &str, rows: u32) {
    let plain = deploy_under_load(&format!("online-load-{case}-plain"), schema, rows, &[]);
    let online = deploy_under_load(
        &format!("online-load-{case}-online"),
        schema,
        rows,
        &["--online"],
    );
    eprintln!(
        "{case}: longest insert during the deploy: plain plan {:?} (deploy {:?}), online plan {:?} (deploy {:?})",
        plain.longest_insert, plain.deploy, online.longest_insert, online.deploy
    );
    // The plain plan builds an index and checks a foreign key over the
    // 200,000 rows while inserts wait; the online plan never makes them
    // wait longer than its lock_timeout, and in practice far less.
    assert!(
        online.longest_insert < Duration::from_secs(5),
        "{:?}",
        online.longest_insert
    );
    assert!(
        plain.longest_insert > online.longest_insert * 3,
        "{case}: plain {:?}, online {:?}",
        plain.longest_insert,
        online.longest_insert
    );
}

#[test]
fn migrate_dev_online_writes_and_applies_the_safe_forms_and_then_is_in_sync() {
    let _serial = one_at_a_time();
    let database = plumb_testkit::database();
    let url = database.url();
    let project = Project::new("online-dev", &[]);
    std::fs::remove_dir_all(project.path().join("prisma/migrations")).unwrap();
    let first_schema = SCHEMA
        .replace("  @@index([name])\n", "")
        .replace("  @@index([title])\n", "");
    std::fs::write(project.path().join("prisma/schema.prisma"), &first_schema).unwrap();
    let first = project.plumb(&["migrate", "dev", "--name", "init", "--url", url]);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    std::fs::write(project.path().join("prisma/schema.prisma"), SCHEMA).unwrap();
    std::thread::sleep(Duration::from_millis(1100));
    let indexed = project.plumb(&[
        "migrate", "dev", "--name", "indexes", "--online", "--url", url,
    ]);
    assert_eq!(indexed.status.code(), Some(0), "{}", text(&indexed.stderr));
    let folder = project.path().join("prisma/migrations");
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with("_indexes"))
        .collect();
    let written =
        std::fs::read_to_string(folder.join(names.pop().unwrap()).join("migration.sql")).unwrap();
    assert_eq!(
        written,
        "-- CreateIndex\nDROP INDEX CONCURRENTLY IF EXISTS \"Post_title_idx\";\nCREATE INDEX CONCURRENTLY \"Post_title_idx\" ON \"Post\"(\"title\");\n\n-- CreateIndex\nDROP INDEX CONCURRENTLY IF EXISTS \"User_name_idx\";\nCREATE INDEX CONCURRENTLY \"User_name_idx\" ON \"User\"(\"name\");\n"
    );
    // The linter finds nothing in it.
    let linted = project.migrate(&["lint", "--format", "json"]);
    assert_eq!(linted.status.code(), Some(0), "{}", text(&linted.stderr));
    let report: serde_json::Value = serde_json::from_slice(&linted.stdout).unwrap();
    assert_eq!(report["migrations"].as_array().unwrap().len(), 1);
    assert_eq!(report["findings"], serde_json::json!([]));
    // The offline replay reads the online forms as PostgreSQL runs them.
    let offline = project.migrate(&[
        "diff",
        "--from-migrations",
        "prisma/migrations",
        "--to-schema",
        "prisma/schema.prisma",
        "--replay",
        "offline",
        "--exit-code",
    ]);
    assert_eq!(
        offline.status.code(),
        Some(0),
        "{}{}",
        text(&offline.stdout),
        text(&offline.stderr)
    );
    let again = project.plumb(&["migrate", "dev", "--name", "nothing", "--url", url]);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stderr));
    assert!(
        text(&again.stdout).contains("Already in sync"),
        "{}",
        text(&again.stdout)
    );
}
