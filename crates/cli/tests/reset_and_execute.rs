//! `plumb migrate reset` and `plumb db execute` as a user runs them:
//! Prisma's texts and exit codes, and what the database holds afterwards.

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

mod support;

use std::process::Output;

use support::{Project, text};

const INIT: &str = "20240101000000_init";
const SECOND: &str = "20240102000000_second";

fn two_migrations(name: &str) -> Project {
    Project::new(
        name,
        &[
            (INIT, "CREATE TABLE a (id int);\n"),
            (SECOND, "CREATE TABLE b (id int);\n"),
        ],
    )
}

fn server_of(url: &str) -> &str {
    url.split('@').nth(1).unwrap().split('/').next().unwrap()
}

fn header(database: &plumb_testkit::TestDatabase) -> String {
    format!(
        "Datasource \"db\": PostgreSQL database \"{}\", schema \"public\" at \"{}\"\n",
        database.name(),
        server_of(database.url())
    )
}

/// The public tables, sorted.
fn tables(client: &mut postgres::Client) -> Vec<String> {
    client
        .query(
            "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
            &[],
        )
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect()
}

fn rows_in_a(database: &plumb_testkit::TestDatabase) -> i64 {
    database
        .connect()
        .query_one("SELECT count(*) FROM a", &[])
        .unwrap()
        .get(0)
}

fn history(client: &mut postgres::Client) -> Vec<(String, bool)> {
    client
        .query(
            "SELECT migration_name, finished_at IS NOT NULL FROM _prisma_migrations ORDER BY started_at",
            &[],
        )
        .unwrap()
        .iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect()
}

const RESET_TREE: &str = "Applying migration `20240101000000_init`\nApplying migration `20240102000000_second`\n\n\
    Database reset successful\n\nThe following migration(s) have been applied:\n\nmigrations/\n  \
    └─ 20240101000000_init/\n    └─ migration.sql\n  └─ 20240102000000_second/\n    └─ migration.sql\n\n";

#[test]
fn reset_force_drops_everything_and_applies_every_migration_again() {
    let database = plumb_testkit::database();
    let url = database.url();
    let project = two_migrations("reset-force");
    assert_eq!(project.deploy(url).status.code(), Some(0));
    let mut client = database.connect();
    client
        .batch_execute(
            "INSERT INTO a VALUES (1); CREATE TABLE by_hand (x int); CREATE TYPE mood AS ENUM ('ok');",
        )
        .unwrap();

    let output = project.migrate(&["reset", "--force", "--url", url]);
    assert_eq!(
        text(&output.stderr),
        "Prisma schema loaded from prisma/schema.prisma.\n"
    );
    assert_eq!(
        text(&output.stdout),
        format!("{}\n{RESET_TREE}", header(&database))
    );
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(tables(&mut client), ["_prisma_migrations", "a", "b"]);
    let rows: i64 = client
        .query_one("SELECT count(*) FROM a", &[])
        .unwrap()
        .get(0);
    assert_eq!(rows, 0);
    let types: i64 = client
        .query_one("SELECT count(*) FROM pg_type WHERE typname = 'mood'", &[])
        .unwrap()
        .get(0);
    assert_eq!(types, 0);
    assert_eq!(
        history(&mut client),
        [(INIT.to_string(), true), (SECOND.to_string(), true)]
    );
    // The history is Prisma's: status agrees nothing is pending.
    assert_eq!(project.status(url).status.code(), Some(0));
}

#[test]
fn reset_without_migrations_says_so_in_prisma_words() {
    let database = plumb_testkit::database();
    let project = Project::new("reset-empty", &[]);
    database
        .connect()
        .batch_execute("CREATE TABLE t (id int)")
        .unwrap();
    let output = project.migrate(&["reset", "--force", "--url", database.url()]);
    assert_eq!(
        text(&output.stdout),
        format!("{}\nDatabase reset successful\n\n\n", header(&database))
    );
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(tables(&mut database.connect()), ["_prisma_migrations"]);
}

#[test]
fn reset_without_a_terminal_refuses_and_touches_nothing() {
    let database = plumb_testkit::database();
    let project = two_migrations("reset-refused");
    project.deploy(database.url());
    let output = project.migrate(&["reset", "--url", database.url()]);
    assert_eq!(
        text(&output.stderr),
        "Prisma schema loaded from prisma/schema.prisma.\n\
         Error: plumb has detected that the environment is non-interactive. It is recommended to run this command in an interactive environment.\n\n\
         Use --force to run this command without user interaction.\nSee https://pris.ly/d/migrate-reset\n"
    );
    assert_eq!(text(&output.stdout), format!("{}\n", header(&database)));
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(history(&mut database.connect()).len(), 2);
}

/// Runs `plumb migrate reset` on a pseudo-terminal, answering `answer`.
fn reset_on_a_terminal(project: &Project, url: &str, answer: &str) -> Output {
    project.plumb_on_a_terminal(&format!("migrate reset --url '{url}'"), answer)
}

#[test]
fn reset_on_a_terminal_asks_and_a_no_cancels_with_130() {
    let database = plumb_testkit::database();
    let url = database.url();
    let project = two_migrations("reset-asked");
    project.deploy(url);
    database
        .connect()
        .batch_execute("INSERT INTO a VALUES (1)")
        .unwrap();

    let no = reset_on_a_terminal(&project, url, "n\n");
    let shown = text(&no.stdout).replace("\r\n", "\n");
    assert!(
        shown.contains(
            "\n\n? Are you sure you want to reset your database? All data will be lost. › (y/N) "
        ),
        "{shown}"
    );
    assert!(shown.ends_with("\nReset cancelled.\n"), "{shown}");
    assert_eq!(no.status.code(), Some(130));
    let kept = rows_in_a(&database);
    assert_eq!(kept, 1);

    let yes = reset_on_a_terminal(&project, url, "y\n");
    let shown = text(&yes.stdout).replace("\r\n", "\n");
    assert!(shown.ends_with(RESET_TREE), "{shown}");
    assert_eq!(yes.status.code(), Some(0));
    let kept = rows_in_a(&database);
    assert_eq!(kept, 0);
}

#[test]
fn an_ai_agent_needs_the_users_consent_even_with_force() {
    let database = plumb_testkit::database();
    let url = database.url();
    let project = two_migrations("reset-agent");
    project.deploy(url);
    database
        .connect()
        .batch_execute("INSERT INTO a VALUES (1)")
        .unwrap();
    let refused = project
        .command(&["migrate", "reset", "--force", "--url", url])
        .env("CLAUDECODE", "1")
        .output()
        .unwrap();
    assert!(
        text(&refused.stderr)
            .contains("Error: plumb detected that it was invoked by Claude Code.\n\n"),
        "{}",
        text(&refused.stderr)
    );
    assert_eq!(refused.status.code(), Some(1));
    let kept = rows_in_a(&database);
    assert_eq!(kept, 1);
    let consented = project
        .command(&["migrate", "reset", "--force", "--url", url])
        .env("CLAUDECODE", "1")
        .env(
            "PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION",
            "yes, reset my dev database",
        )
        .output()
        .unwrap();
    assert_eq!(
        consented.status.code(),
        Some(0),
        "{}",
        text(&consented.stderr)
    );
}

#[test]
fn reset_checks_the_folder_before_dropping_anything() {
    let database = plumb_testkit::database();
    let url = database.url();
    let project = two_migrations("reset-bad-folder");
    project.deploy(url);
    std::fs::remove_file(
        project
            .path()
            .join("prisma/migrations")
            .join(SECOND)
            .join("migration.sql"),
    )
    .unwrap();
    let output = project.migrate(&["reset", "--force", "--url", url]);
    assert!(
        text(&output.stderr).contains("Error: P3015\n\n"),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        tables(&mut database.connect()),
        ["_prisma_migrations", "a", "b"]
    );
}

#[test]
fn reset_creates_a_missing_database_and_never_runs_on_a_bad_url() {
    let database = plumb_testkit::database();
    // Short: PostgreSQL cuts names at 63 bytes.
    let missing = format!("plumb_reset_made_{}", std::process::id());
    let url = database.url_of(&missing);
    let project = two_migrations("reset-create");
    let output = project.migrate(&["reset", "--force", "--url", &url]);
    let server = server_of(&url);
    assert_eq!(
        text(&output.stdout),
        format!(
            "Datasource \"db\": PostgreSQL database \"{missing}\", schema \"public\" at \"{server}\"\n\n\
             PostgreSQL database {missing} created at {server}\n\n{RESET_TREE}"
        )
    );
    assert_eq!(output.status.code(), Some(0));
    database
        .connect()
        .batch_execute(&format!("DROP DATABASE \"{missing}\" WITH (FORCE)"))
        .unwrap();

    let bad = project.migrate(&[
        "reset",
        "--force",
        "--url",
        "postgresql://u:secret@[oops/db",
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(text(&bad.stderr).contains("P1013"), "{}", text(&bad.stderr));
    assert!(!text(&bad.stderr).contains("secret"));
}

#[test]
fn reset_drops_every_schema_the_datasource_manages() {
    let database = plumb_testkit::database();
    let url = database.url();
    let project = Project::new(
        "reset-multi",
        &[(
            INIT,
            "CREATE TABLE public.a (id int);\nCREATE TABLE audit.log (id int);\n",
        )],
    );
    std::fs::write(
        project.path().join("prisma/schema.prisma"),
        "datasource db {\n  provider = \"postgresql\"\n  schemas  = [\"public\", \"audit\"]\n}\n",
    )
    .unwrap();
    let mut client = database.connect();
    client
        .batch_execute("CREATE SCHEMA audit; CREATE TABLE audit.stale (id int); CREATE SCHEMA other; CREATE TABLE other.kept (id int);")
        .unwrap();
    let output = project.migrate(&["reset", "--force", "--url", url]);
    assert!(
        text(&output.stdout).starts_with(&format!(
            "Datasource \"db\": PostgreSQL database \"{}\", schemas \"public, audit\" at",
            database.name()
        )),
        "{}",
        text(&output.stdout)
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let audit: Vec<String> = client
        .query(
            "SELECT tablename::text FROM pg_tables WHERE schemaname = 'audit' ORDER BY 1",
            &[],
        )
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect();
    assert_eq!(audit, ["log"]);
    let kept: i64 = client
        .query_one(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'other'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(
        kept, 1,
        "a schema the datasource does not name is left alone"
    );
}

fn execute(project: &Project, args: &[&str]) -> Output {
    let mut all = vec!["db", "execute"];
    all.extend_from_slice(args);
    project.plumb(&all)
}

#[test]
fn db_execute_runs_a_file_or_standard_input_as_one_transaction() {
    let database = plumb_testkit::database();
    let url = database.url();
    let project = Project::new("execute", &[]);
    std::fs::write(
        project.path().join("script.sql"),
        "CREATE TABLE t (id int);\nINSERT INTO t VALUES (1), (2);\n",
    )
    .unwrap();
    let output = execute(&project, &["--url", url, "--file", "script.sql"]);
    assert_eq!(text(&output.stdout), "Script executed successfully.\n");
    assert_eq!(text(&output.stderr), "");
    assert_eq!(output.status.code(), Some(0));

    let piped = project.plumb_with_input(
        &["db", "execute", "--url", url, "--stdin"],
        "INSERT INTO t VALUES (3);",
    );
    assert_eq!(text(&piped.stdout), "Script executed successfully.\n");
    let count = |client: &mut postgres::Client| -> i64 {
        client
            .query_one("SELECT count(*) FROM t", &[])
            .unwrap()
            .get(0)
    };
    assert_eq!(count(&mut database.connect()), 3);

    // A failing statement undoes the whole script.
    let failed = project.plumb_with_input(
        &["db", "execute", "--url", url, "--stdin"],
        "INSERT INTO t VALUES (4);\nSELECT nope FROM t;",
    );
    assert_eq!(
        text(&failed.stderr),
        "Error: ERROR: column \"nope\" does not exist\n\n\n"
    );
    assert_eq!(text(&failed.stdout), "");
    assert_eq!(failed.status.code(), Some(1));
    assert_eq!(count(&mut database.connect()), 3);
}

#[test]
fn db_execute_finds_the_url_in_the_schema_and_never_creates_the_database() {
    let database = plumb_testkit::database();
    let project = Project::new("execute-schema", &[]);
    std::fs::write(
        project.path().join("prisma/schema.prisma"),
        "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"APP_DB\")\n}\n",
    )
    .unwrap();
    std::fs::write(
        project.path().join("prisma/.env"),
        format!("APP_DB={}\n", database.url()),
    )
    .unwrap();
    let output = execute(
        &project,
        &["--schema", "prisma/schema.prisma", "--file", "/dev/null"],
    );
    assert_eq!(
        text(&output.stdout),
        "Script executed successfully.\n",
        "{}",
        text(&output.stderr)
    );

    let missing = database.url_of("plumb_never_created");
    let output = execute(&project, &["--url", &missing, "--file", "/dev/null"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).starts_with("Error: P1003"),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn db_execute_argument_errors_are_prismas() {
    let project = Project::new("execute-args", &[]);
    let cases: [(&[&str], &str); 4] = [
        (
            &[],
            "Error: Either --stdin or --file must be provided.\nSee `plumb db execute -h`\n",
        ),
        (
            &["--stdin", "--file", "x.sql"],
            "Error: --stdin and --file cannot be used at the same time. Only 1 must be provided.\nSee `plumb db execute -h`\n",
        ),
        (
            &[
                "--file",
                "x.sql",
                "--url",
                "postgresql://h/db",
                "--schema",
                "prisma/schema.prisma",
            ],
            "Error: --url and --schema cannot be used at the same time. Only 1 must be provided.\nSee `plumb db execute -h`\n",
        ),
        (
            &["--file", "nope.sql", "--url", "postgresql://h/db"],
            "Error: Provided --file at nope.sql doesn't exist.\n",
        ),
    ];
    for (args, expected) in cases {
        let output = execute(&project, args);
        assert_eq!(text(&output.stderr), expected, "{args:?}");
        assert_eq!(text(&output.stdout), "");
        assert_eq!(output.status.code(), Some(1), "{args:?}");
    }
}
