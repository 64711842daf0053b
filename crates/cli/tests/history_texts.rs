//! Every text and exit code of `migrate deploy`, `status`, `resolve`,
//! `reset` and `db execute`, as snapshots of whole runs (exit code, stdout,
//! stderr), one scenario after another on testkit databases. Database
//! names, the server's port and times are replaced by placeholders. The
//! texts are Prisma's (`docs/reference/prisma-history-commands.md`), plus
//! plumb's own reports, marked in `docs/compatibility.md`: review a changed
//! snapshot against those two.

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

mod support;

use std::process::Output;

use plumb_testkit::TestDatabase;
use support::{Project, text};

/// A run as a snapshot shows it.
fn transcript(output: &Output, database: &TestDatabase) -> String {
    let server = support::server_of(database);
    let clean = |bytes: &[u8]| {
        without_times(
            &text(bytes)
                .replace(database.name(), "<database>")
                .replace(&server, "<server>"),
        )
    };
    format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}--- end",
        output
            .status
            .code()
            .map_or("signal".to_string(), |c| c.to_string()),
        clean(&output.stdout),
        clean(&output.stderr)
    )
}

/// `2024-01-01 10:00:00.123456 UTC` → `<time>`.
fn without_times(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(" UTC") {
        let before = &rest[..at];
        // The time starts at the date: 10 digits and dashes before a space.
        let start = before
            .rfind(|c: char| !(c.is_ascii_digit() || matches!(c, '-' | ':' | '.' | ' ')))
            .map_or(0, |i| i + 1);
        let start = start + before[start..].len() - before[start..].trim_start().len();
        out.push_str(&before[..start]);
        out.push_str("<time>");
        rest = &rest[at + 4..];
    }
    out.push_str(rest);
    out
}

const A: &str = "20240101000000_a";
const B: &str = "20240102000000_b";

macro_rules! snap {
    ($name:expr, $output:expr, $database:expr) => {
        insta::assert_snapshot!($name, transcript(&$output, &$database));
    };
}

#[test]
fn deploy_texts() {
    let database = plumb_testkit::database();
    let url = database.url();
    let project = Project::new(
        "texts-deploy",
        &[
            (A, "CREATE TABLE a (id int);\n"),
            (B, "CREATE TABLE b (id int);\n"),
        ],
    );
    snap!("deploy_applied", project.deploy(url), database);
    snap!("deploy_nothing_pending", project.deploy(url), database);

    project.add(
        "20240103000000_bad",
        "CREATE TABLE c (id int);\nCREATE TABLE d (id nosuchtype);\n",
    );
    snap!(
        "deploy_p3018_one_transaction",
        project.deploy(url),
        database
    );
    snap!("deploy_p3009", project.deploy(url), database);

    let other = plumb_testkit::database();
    let concurrent = Project::new(
        "texts-deploy-concurrent",
        &[(
            A,
            "CREATE TABLE a (id int);\nCREATE INDEX CONCURRENTLY a_id ON a (nope);\n",
        )],
    );
    snap!(
        "deploy_p3018_statement_by_statement",
        concurrent.deploy(other.url()),
        other
    );

    let tables = plumb_testkit::database();
    tables
        .connect()
        .batch_execute("CREATE TABLE legacy (id int)")
        .unwrap();
    snap!("deploy_p3005", project.deploy(tables.url()), tables);

    let empty = Project::new("texts-deploy-empty", &[]);
    let fresh = plumb_testkit::database();
    snap!("deploy_no_migrations", empty.deploy(fresh.url()), fresh);
    std::fs::create_dir_all(empty.path().join("prisma/migrations/20240101000000_nofile")).unwrap();
    snap!("deploy_p3015", empty.deploy(fresh.url()), fresh);
    std::fs::remove_dir(empty.path().join("prisma/migrations/20240101000000_nofile")).unwrap();
    std::fs::write(
        empty.path().join("prisma/migrations/migration_lock.toml"),
        "provider = \"mysql\"\n",
    )
    .unwrap();
    snap!("deploy_p3019", empty.deploy(fresh.url()), fresh);
}

#[test]
fn deploy_creates_a_missing_database_and_reports_an_unreachable_server() {
    let database = plumb_testkit::database();
    let name = format!("plumb_texts_made_{}", std::process::id());
    let url = database.url_of(&name);
    let project = Project::new("texts-create", &[(A, "CREATE TABLE a (id int);\n")]);
    let created = project.deploy(&url);
    database
        .connect()
        .batch_execute(&format!("DROP DATABASE \"{name}\" WITH (FORCE)"))
        .unwrap();
    let shown = transcript(&created, &database).replace(&name, "<created>");
    insta::assert_snapshot!("deploy_created_database", shown);

    // Port 1 on this machine has no server; the password must not show.
    let unreachable = "postgresql://user:secret@127.0.0.1:1/db";
    snap!("deploy_p1001", project.deploy(unreachable), database);
    snap!(
        "reset_p1001",
        project.migrate(&["reset", "--force", "--url", unreachable]),
        database
    );
    snap!("status_p1001", project.status(unreachable), database);
}

#[test]
fn status_texts() {
    let database = plumb_testkit::database();
    let url = database.url();
    let project = Project::new(
        "texts-status",
        &[
            (A, "CREATE TABLE a (id int);\n"),
            (B, "CREATE TABLE b (id int);\n"),
        ],
    );
    let nothing = Project::new("texts-status-nothing", &[]);
    snap!(
        "status_not_managed_no_migrations",
        nothing.status(url),
        database
    );
    snap!("status_not_managed_empty", project.status(url), database);
    database
        .connect()
        .batch_execute("CREATE TABLE legacy (id int)")
        .unwrap();
    snap!("status_not_managed", project.status(url), database);
    database
        .connect()
        .batch_execute("DROP TABLE legacy")
        .unwrap();
    project.deploy(url);
    snap!("status_up_to_date", project.status(url), database);

    project.add("20240103000000_c", "CREATE TABLE c (id int);\n");
    snap!("status_pending", project.status(url), database);
    project.remove("20240103000000_c");

    std::fs::write(
        project
            .path()
            .join("prisma/migrations")
            .join(A)
            .join("migration.sql"),
        "CREATE TABLE a (id int);\r\n",
    )
    .unwrap();
    snap!("status_crlf_is_not_an_edit", project.status(url), database);
    std::fs::write(
        project
            .path()
            .join("prisma/migrations")
            .join(A)
            .join("migration.sql"),
        "CREATE TABLE a (id bigint);\n",
    )
    .unwrap();
    snap!("status_edited", project.status(url), database);

    project.remove(B);
    snap!("status_missing_locally", project.status(url), database);
    project.add("20240104000000_d", "CREATE TABLE d (id int);\n");
    snap!("status_diverged", project.status(url), database);
    project.remove("20240104000000_d");
    project.add(B, "CREATE TABLE b (id int);\n");

    project.add("20240105000000_bad", "CREATE TABLE e (id nosuchtype);\n");
    project.deploy(url);
    snap!("status_failed", project.status(url), database);
    project.add("20240106000000_f", "CREATE TABLE f (id int);\n");
    snap!("status_pending_and_failed", project.status(url), database);
}

#[test]
fn resolve_texts() {
    let database = plumb_testkit::database();
    let url = database.url();
    let project = Project::new(
        "texts-resolve",
        &[
            (A, "CREATE TABLE a (id int);\n"),
            (B, "CREATE TABLE b (id nosuchtype);\n"),
        ],
    );
    snap!(
        "resolve_rolled_back_without_history",
        project.resolve(url, "--rolled-back", A),
        database
    );
    project.deploy(url);
    snap!(
        "resolve_p3008",
        project.resolve(url, "--applied", A),
        database
    );
    snap!(
        "resolve_p3012",
        project.resolve(url, "--rolled-back", A),
        database
    );
    snap!(
        "resolve_p3011",
        project.resolve(url, "--rolled-back", "20240109000000_never"),
        database
    );
    snap!(
        "resolve_p3017",
        project.resolve(url, "--applied", "20240109000000_nowhere"),
        database
    );
    snap!(
        "resolve_rolled_back",
        project.resolve(url, "--rolled-back", B),
        database
    );
    snap!(
        "resolve_applied",
        project.resolve(url, "--applied", B),
        database
    );
    snap!(
        "resolve_neither_flag",
        project.migrate(&["resolve", "--url", url]),
        database
    );
    snap!(
        "resolve_both_flags",
        project.migrate(&["resolve", "--url", url, "--applied", A, "--rolled-back", B]),
        database
    );
}

#[test]
fn reset_texts() {
    let database = plumb_testkit::database();
    let url = database.url();
    let project = Project::new(
        "texts-reset",
        &[
            (A, "CREATE TABLE a (id int);\n"),
            (B, "CREATE TABLE b (id int);\n"),
        ],
    );
    snap!(
        "reset_non_interactive",
        project.migrate(&["reset", "--url", url]),
        database
    );
    snap!(
        "reset_force",
        project.migrate(&["reset", "--force", "--url", url]),
        database
    );
    let empty = Project::new("texts-reset-empty", &[]);
    snap!(
        "reset_force_no_migrations",
        empty.migrate(&["reset", "--force", "--url", url]),
        database
    );
    project.add("20240103000000_bad", "CREATE TABLE c (id nosuchtype);\n");
    snap!(
        "reset_p3018",
        project.migrate(&["reset", "--force", "--url", url]),
        database
    );
}

#[test]
fn db_execute_texts() {
    let database = plumb_testkit::database();
    let url = database.url();
    let project = Project::new("texts-execute", &[]);
    let run = |args: &[&str], input: &str| {
        let mut all = vec!["db", "execute", "--url", url];
        all.extend_from_slice(args);
        project.plumb_with_input(&all, input)
    };
    snap!(
        "execute_success",
        run(&["--stdin"], "CREATE TABLE t (id int);"),
        database
    );
    snap!(
        "execute_sql_error",
        run(&["--stdin"], "SELECT nope;"),
        database
    );
    snap!("execute_no_script", run(&[], ""), database);
    snap!(
        "execute_both_scripts",
        run(&["--stdin", "--file", "x.sql"], ""),
        database
    );
    snap!(
        "execute_missing_file",
        run(&["--file", "x.sql"], ""),
        database
    );
}

#[test]
fn deploy_waits_ten_seconds_for_the_lock_then_p1002() {
    let database = plumb_testkit::database();
    let mut holder = database.connect();
    holder
        .execute("SELECT pg_advisory_lock(72707369)", &[])
        .unwrap();
    let project = Project::new("texts-lock", &[(A, "CREATE TABLE a (id int);\n")]);
    let started = std::time::Instant::now();
    let output = project.deploy(database.url());
    assert!(started.elapsed() >= std::time::Duration::from_secs(10));
    snap!("deploy_p1002", output, database);
    let applied: i64 = holder
        .query_one("SELECT count(*) FROM pg_tables WHERE tablename = 'a'", &[])
        .unwrap()
        .get(0);
    assert_eq!(applied, 0, "nothing ran without the lock");
}
