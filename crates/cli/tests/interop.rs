//! Interop with Prisma's engine, both ways, from what
//! `fixtures/history/regenerate.sh` recorded with the real engine:
//! - a database Prisma migrated (dumped) is up to date for plumb, and plumb's
//!   deploy applies nothing;
//! - plumb writes the same history rows as Prisma, and the rows plumb wrote
//!   when the oracle last judged them are the rows it writes today, with the
//!   oracle's verdict: nothing pending, failed, edited or diverged.

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

mod support;

use std::path::{Path, PathBuf};

use support::{Project, one_at_a_time, shadow_databases, text};

fn case() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/history/interop")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(case().join(path)).unwrap()
}

/// The history rows as the script dumps them: tab-separated, no ids or times.
fn rows(client: &mut postgres::Client) -> String {
    client
        .query(
            "SELECT migration_name, checksum, finished_at IS NOT NULL, coalesce(logs, '<null>'),
                    rolled_back_at IS NOT NULL, applied_steps_count
             FROM _prisma_migrations ORDER BY started_at, migration_name",
            &[],
        )
        .unwrap()
        .iter()
        .map(|row| {
            let flag = |b: bool| if b { "t" } else { "f" };
            format!(
                "{}\t{}\t{}\t{}\t{}\t{}\n",
                row.get::<_, String>(0),
                row.get::<_, String>(1),
                flag(row.get(2)),
                row.get::<_, String>(3),
                flag(row.get(4)),
                row.get::<_, i32>(5)
            )
        })
        .collect()
}

fn ids_and_times(client: &mut postgres::Client) -> Vec<String> {
    client
        .query(
            "SELECT id || started_at::text || coalesce(finished_at::text, '') FROM _prisma_migrations ORDER BY id",
            &[],
        )
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect()
}

#[test]
fn a_database_prisma_migrated_is_up_to_date_for_plumb() {
    let database = plumb_testkit::database();
    let url = database.url();
    // The dump empties its session's search path: load it on its own one.
    database
        .connect()
        .batch_execute(&read("prisma/database.sql"))
        .unwrap();
    let mut client = database.connect();
    let before = ids_and_times(&mut client);
    assert_eq!(before.len(), 6, "the dump holds Prisma's six rows");
    let project = Project::with_folder("interop-from-prisma", &case().join("migrations"));

    let status = project.status(url);
    assert_eq!(
        text(&status.stderr),
        "Prisma schema loaded from prisma/schema.prisma.\n",
        "no edited or missing migration"
    );
    assert!(
        text(&status.stdout).ends_with(
            "\n6 migrations found in prisma/migrations\n\nDatabase schema is up to date!\n"
        ),
        "{}",
        text(&status.stdout)
    );
    assert_eq!(status.status.code(), Some(0));

    let deploy = project.deploy(url);
    assert!(
        text(&deploy.stdout).ends_with("\nNo pending migrations to apply.\n"),
        "{}",
        text(&deploy.stdout)
    );
    assert_eq!(deploy.status.code(), Some(0));
    assert_eq!(ids_and_times(&mut client), before, "the rows are untouched");
}

#[test]
fn plumb_writes_the_history_prisma_writes_and_prisma_accepts_it() {
    let database = plumb_testkit::database();
    let project = Project::with_folder("interop-to-prisma", &case().join("migrations"));
    let deploy = project.deploy(database.url());
    assert_eq!(deploy.status.code(), Some(0), "{}", text(&deploy.stderr));
    let written = rows(&mut database.connect());
    assert_eq!(written, read("prisma/rows.tsv"), "the rows Prisma writes");
    assert_eq!(
        written,
        read("plumb/rows.tsv"),
        "the rows the oracle judged"
    );
    // The oracle's verdict on those rows, as recorded.
    let status = read("plumb/status.json");
    for clean in [
        "\"editedMigrationNames\": []",
        "\"failedMigrationNames\": []",
        "\"hasMigrationsTable\": true",
        "\"history\": null",
    ] {
        assert!(status.contains(clean), "{clean} in {status}");
    }
    assert!(read("plumb/deploy.json").contains("\"appliedMigrationNames\": []"));
}

#[test]
fn plumb_and_prisma_build_the_same_database_from_the_folder() {
    let prisma = plumb_testkit::database();
    prisma
        .connect()
        .batch_execute(&read("prisma/database.sql"))
        .unwrap();
    let plumb = plumb_testkit::database();
    let project = Project::with_folder("interop-same-database", &case().join("migrations"));
    assert_eq!(project.deploy(plumb.url()).status.code(), Some(0));
    let diff = project.migrate(&[
        "diff",
        "--from-url",
        prisma.url(),
        "--to-url",
        plumb.url(),
        "--exit-code",
    ]);
    assert_eq!(
        text(&diff.stdout),
        "No difference detected.\n",
        "{}",
        text(&diff.stderr)
    );
    assert_eq!(diff.status.code(), Some(0));
    let data = |database: &plumb_testkit::TestDatabase| -> Vec<String> {
        database
            .connect()
            .query(
                "SELECT (SELECT string_agg(email || role, ',' ORDER BY id) FROM \"User\")
                     || (SELECT string_agg(title, ',' ORDER BY id) FROM \"Post\")
                     || (SELECT string_agg(name, ',' ORDER BY id) FROM \"Tag\")
                     || obj_description('\"Post\"'::regclass)",
                &[],
            )
            .unwrap()
            .iter()
            .map(|row| row.get(0))
            .collect()
    };
    assert_eq!(data(&prisma), data(&plumb));
}

/// `plumb migrate diff --from-migrations FOLDER --to-empty [FLAG]`, the
/// temporary shadow database made on `main`'s server (`DATABASE_URL`);
/// the hazards of a script (every table dropped) are not printed.
fn diff_to_empty(
    project: &Project,
    folder: &str,
    main: &plumb_testkit::TestDatabase,
    flag: Option<&str>,
    replay: &str,
) -> std::process::Output {
    let mut args = vec![
        "migrate",
        "diff",
        "--from-migrations",
        folder,
        "--to-empty",
        "--replay",
        replay,
    ];
    args.extend(flag);
    if flag == Some("--script") {
        args.push("--no-lint");
    }
    project
        .command(&args)
        .env("DATABASE_URL", main.url())
        .output()
        .unwrap()
}

#[test]
fn a_folder_replayed_in_a_temporary_shadow_database_diffs_as_prismas_does() {
    let _serial = one_at_a_time();
    let main = plumb_testkit::database();
    let project = Project::new("interop-diff-migrations", &[]);
    let folder = case().join("migrations");
    let folder = folder.to_str().unwrap();
    // In a shadow database, and offline (the default): Prisma's bytes.
    for replay in ["shadow", "auto", "offline"] {
        for (flag, file) in [
            (Some("--script"), "prisma/from_migrations_to_empty.sql"),
            (None, "prisma/from_migrations_to_empty.txt"),
        ] {
            let output = diff_to_empty(&project, folder, &main, flag, replay);
            assert_eq!(
                text(&output.stdout),
                read(file),
                "{replay}: {}",
                text(&output.stderr)
            );
            assert_eq!(text(&output.stderr), "", "{replay}");
            assert_eq!(output.status.code(), Some(0));
        }
    }
    assert_eq!(
        shadow_databases(&main),
        Vec::<String>::new(),
        "shadow databases left behind"
    );

    // A migration that fails in the shadow database: Prisma's P3006, and
    // the temporary database is dropped all the same.
    let broken = Project::new(
        "interop-diff-broken",
        &[("20240101000000_bad", "CREATE TABLE t (id nosuchtype);\n")],
    );
    std::fs::write(
        broken.path().join("prisma/migrations/migration_lock.toml"),
        "provider = \"postgresql\"\n",
    )
    .unwrap();
    let output = diff_to_empty(&broken, "prisma/migrations", &main, None, "shadow");
    assert_eq!(
        text(&output.stderr),
        "Error: P3006\n\nMigration `20240101000000_bad` failed to apply cleanly to the shadow database. \nError code: 42704\nError:\nERROR: type \"nosuchtype\" does not exist\n"
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        shadow_databases(&main),
        Vec::<String>::new(),
        "shadow databases left behind"
    );

    // Without migration_lock.toml, Prisma refuses the folder.
    std::fs::remove_file(broken.path().join("prisma/migrations/migration_lock.toml")).unwrap();
    let output = diff_to_empty(&broken, "prisma/migrations", &main, None, "auto");
    assert_eq!(
        text(&output.stderr),
        "Error: Could not determine the connector from the migrations directory (missing migration_lock.toml).\n"
    );
}

#[test]
fn the_main_database_is_never_used_as_the_shadow_database() {
    let main = plumb_testkit::database();
    main.connect()
        .batch_execute("CREATE TABLE precious (id int); INSERT INTO precious VALUES (1)")
        .unwrap();
    let project = Project::new("interop-shadow-is-main", &[]);
    let folder = case().join("migrations");
    // Another schema of the same database is the same database.
    for shadow in [
        main.url().to_string(),
        format!("{}?schema=other", main.url()),
    ] {
        let output = project
            .command(&[
                "migrate",
                "diff",
                "--from-migrations",
                folder.to_str().unwrap(),
                "--to-empty",
                "--shadow-database-url",
                &shadow,
                "--replay",
                "shadow",
            ])
            .env("DATABASE_URL", main.url())
            .output()
            .unwrap();
        assert_eq!(
            text(&output.stderr),
            "Error: The shadow database you configured appears to be the same as the main database. Please specify another shadow database.\n"
        );
        assert_eq!(output.status.code(), Some(1));
    }
    let kept: i64 = main
        .connect()
        .query_one("SELECT count(*) FROM precious", &[])
        .unwrap()
        .get(0);
    assert_eq!(kept, 1);
}

#[test]
fn the_shadow_database_replays_what_deploy_applies() {
    let _serial = one_at_a_time();
    let main = plumb_testkit::database();
    // Deploy runs this statement by statement; sent as one query it fails
    // (CREATE INDEX CONCURRENTLY cannot run inside a transaction block).
    let project = Project::new(
        "interop-shadow-concurrently",
        &[(
            "20240101000000_a",
            "CREATE TABLE a (id int);\nCREATE INDEX CONCURRENTLY a_id ON a (id);\n",
        )],
    );
    std::fs::write(
        project.path().join("prisma/migrations/migration_lock.toml"),
        "provider = \"postgresql\"\n",
    )
    .unwrap();
    for replay in ["shadow", "offline"] {
        let output = diff_to_empty(&project, "prisma/migrations", &main, None, replay);
        assert_eq!(
            text(&output.stdout),
            "\n[-] Removed tables\n  - a\n",
            "{replay}: {}",
            text(&output.stderr)
        );
        assert_eq!(output.status.code(), Some(0));
    }
}

#[test]
fn a_statement_the_offline_replay_cannot_model_falls_back_to_a_shadow_database() {
    let _serial = one_at_a_time();
    let main = plumb_testkit::database();
    let project = Project::new(
        "interop-replay-fallback",
        &[(
            "20240101000000_a",
            "CREATE TABLE a (id int);\nDO $$ BEGIN EXECUTE 'CREATE TABLE b (id int)'; END $$;\n",
        )],
    );
    std::fs::write(
        project.path().join("prisma/migrations/migration_lock.toml"),
        "provider = \"postgresql\"\n",
    )
    .unwrap();
    // auto, with a server at hand: said on stderr, then the shadow's answer.
    let output = diff_to_empty(&project, "prisma/migrations", &main, None, "auto");
    assert_eq!(text(&output.stdout), "\n[-] Removed tables\n  - a\n  - b\n");
    assert_eq!(
        text(&output.stderr),
        "The offline replay stopped at prisma/migrations/20240101000000_a/migration.sql:2:1: a DO block that runs dynamic SQL (EXECUTE) may change the schema.\nReplaying the migrations folder in a shadow database instead.\n"
    );
    assert_eq!(output.status.code(), Some(0));
    // Offline only, or no server: the located diagnostic and the way out.
    let offline = project
        .command(&[
            "migrate",
            "diff",
            "--from-migrations",
            "prisma/migrations",
            "--to-empty",
        ])
        .output()
        .unwrap();
    assert_eq!(
        text(&offline.stderr),
        "Error: error[R0001]: the offline replay cannot model this statement\n --> prisma/migrations/20240101000000_a/migration.sql:2:1\n  |\n2 | DO $$ BEGIN EXECUTE 'CREATE TABLE b (id int)'; END $$;\n  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ a DO block that runs dynamic SQL (EXECUTE) may change the schema\nhelp: to replay it in a shadow database instead, pass --shadow-database-url (or set SHADOW_DATABASE_URL or DATABASE_URL).\n"
    );
    assert_eq!(offline.status.code(), Some(1));
    let check = project.command(&["migrate", "check"]).output().unwrap();
    assert_eq!(check.status.code(), Some(1), "{}", text(&check.stdout));
    assert!(
        text(&check.stderr).contains("error[R0001]"),
        "{}",
        text(&check.stderr)
    );
}

/// After `plumb migrate down --steps 2` on a folder with `down.sql` files,
/// the history rows are those of the first migration alone; Prisma's
/// engine, reading that database (`fixtures/history/down/plumb/`,
/// recorded), finds the two pending again and applies them.
#[test]
fn prisma_sees_migrations_plumb_rolled_back_as_pending() {
    let _server = one_at_a_time();
    let down = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/history/down");
    let database = plumb_testkit::database();
    let project = Project::with_folder("interop-down", &down.join("migrations"));
    let deploy = project.deploy(database.url());
    assert_eq!(deploy.status.code(), Some(0), "{}", text(&deploy.stderr));
    let rolled_back = project.plumb(&[
        "migrate",
        "down",
        "--steps",
        "2",
        "--force",
        "--url",
        database.url(),
    ]);
    assert_eq!(
        rolled_back.status.code(),
        Some(0),
        "{}",
        text(&rolled_back.stderr)
    );
    let left: Vec<String> = database
        .connect()
        .query("SELECT migration_name FROM _prisma_migrations", &[])
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect();
    assert_eq!(left, ["20240101000000_a"]);
    let status: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(down.join("plumb/status.json")).unwrap())
            .unwrap();
    assert_eq!(status["history"]["diagnostic"], "databaseIsBehind");
    assert_eq!(
        status["history"]["unappliedMigrationNames"],
        serde_json::json!(["20240102000000_b", "20240103000000_c"])
    );
    let deploy: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(down.join("plumb/deploy.json")).unwrap())
            .unwrap();
    assert_eq!(
        deploy["appliedMigrationNames"],
        serde_json::json!(["20240102000000_b", "20240103000000_c"])
    );
}
