//! `plumb migrate deploy` and `migrate status` as a user runs them: Prisma's output and exit
//! codes, on a database the testkit makes.

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

use std::process::Output;

mod support;

use support::{Project, text};

#[test]
fn deploy_applies_then_finds_nothing_pending() {
    let database = plumb_testkit::database();
    let url = database.url();
    let project = Project::new(
        "twice",
        &[
            ("20240101000000_init", "CREATE TABLE a (id int);\n"),
            ("20240102000000_more", "CREATE TABLE b (id int);\n"),
        ],
    );
    let server = url.split('@').nth(1).unwrap().split('/').next().unwrap();
    let header = format!(
        "Datasource \"db\": PostgreSQL database \"{}\", schema \"public\" at \"{server}\"\n\n2 migrations found in prisma/migrations\n\n",
        database.name()
    );
    let first = project.deploy(url);
    assert_eq!(
        text(&first.stderr),
        "Prisma schema loaded from prisma/schema.prisma.\n"
    );
    assert_eq!(
        text(&first.stdout),
        format!(
            "{header}Applying migration `20240101000000_init`\nApplying migration `20240102000000_more`\n\n\
             The following migration(s) have been applied:\n\nmigrations/\n  └─ 20240101000000_init/\n    └─ migration.sql\n  \
             └─ 20240102000000_more/\n    └─ migration.sql\n\nAll migrations have been successfully applied.\n"
        )
    );
    assert_eq!(first.status.code(), Some(0));
    let second = project.deploy(url);
    assert_eq!(
        text(&second.stdout),
        format!("{header}\nNo pending migrations to apply.\n")
    );
    assert_eq!(second.status.code(), Some(0));
}

#[test]
fn a_failed_migration_exits_1_with_p3018_then_p3009() {
    let database = plumb_testkit::database();
    let project = Project::new(
        "failing",
        &[("20240101000000_bad", "CREATE TABLE a (id nosuchtype);\n")],
    );
    let first = project.deploy(database.url());
    assert_eq!(first.status.code(), Some(1));
    assert!(
        text(&first.stderr).contains("Error: P3018\n\nA migration failed to apply."),
        "{}",
        text(&first.stderr)
    );
    let second = project.deploy(database.url());
    assert_eq!(second.status.code(), Some(1));
    assert!(
        text(&second.stderr).contains("Error: P3009\n\nmigrate found failed migrations"),
        "{}",
        text(&second.stderr)
    );
}

/// stdout after the datasource line.
fn body(output: &Output) -> String {
    let stdout = text(&output.stdout);
    stdout.split_once('\n').unwrap().1.to_string()
}

#[test]
fn status_says_what_prisma_says_and_what_it_misses() {
    let database = plumb_testkit::database();
    let url = database.url();
    let project = Project::new(
        "status",
        &[("20240101000000_init", "CREATE TABLE a (id int);\n")],
    );

    // No history table yet: everything local is unapplied.
    let output = project.status(url);
    assert_eq!(
        body(&output),
        "\n1 migration found in prisma/migrations\nFollowing migration have not yet been applied:\n20240101000000_init\n\nTo apply migrations in development run plumb migrate dev.\nTo apply migrations in production run plumb migrate deploy.\n"
    );
    assert_eq!(output.status.code(), Some(1));

    assert_eq!(project.deploy(url).status.code(), Some(0));
    let output = project.status(url);
    assert_eq!(
        body(&output),
        "\n1 migration found in prisma/migrations\n\nDatabase schema is up to date!\n"
    );
    assert_eq!(
        text(&output.stderr),
        "Prisma schema loaded from prisma/schema.prisma.\n"
    );
    assert_eq!(output.status.code(), Some(0));

    // A CRLF checkout of the same file is not an edit...
    project.add("20240101000000_init", "CREATE TABLE a (id int);\r\n");
    let output = project.status(url);
    assert_eq!(
        text(&output.stderr),
        "Prisma schema loaded from prisma/schema.prisma.\n"
    );
    // ...a changed statement is, reported beyond Prisma, still exit 0.
    project.add("20240101000000_init", "CREATE TABLE a (id bigint);\n");
    let output = project.status(url);
    assert!(
        text(&output.stderr).contains("modified after it was applied"),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(output.status.code(), Some(0));

    // A migration applied but gone from the folder: Prisma says up to date.
    project.add("20240102000000_second", "CREATE TABLE b (id int);\n");
    assert_eq!(project.deploy(url).status.code(), Some(0));
    project.remove("20240102000000_second");
    let output = project.status(url);
    assert!(
        text(&output.stderr).contains("applied to the database but missing from the local migrations directory:\n20240102000000_second"),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(output.status.code(), Some(1));

    // Both ways at once: the histories diverge.
    project.add("20240103000000_third", "CREATE TABLE c (id int);\n");
    let output = project.status(url);
    assert_eq!(
        text(&output.stderr).split_once('\n').unwrap().1,
        "Your local migration history and the migrations table from your database are different:\n\nThe last common migration is: 20240101000000_init\n\nThe migration have not yet been applied:\n20240103000000_third\n\nThe migration from the database are not found locally in prisma/migrations:\n20240102000000_second\n"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn status_reports_a_failed_migration_with_the_resolve_hints() {
    let database = plumb_testkit::database();
    let project = Project::new(
        "status-failed",
        &[("20240101000000_bad", "CREATE TABLE a (id nosuchtype);\n")],
    );
    assert_eq!(project.deploy(database.url()).status.code(), Some(1));
    let output = project.status(database.url());
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("Following migration have failed:\n20240101000000_bad\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("plumb migrate resolve --rolled-back \"20240101000000_bad\""),
        "{stderr}"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn resolve_rolls_back_a_failed_migration_so_deploy_runs_the_fixed_one() {
    let database = plumb_testkit::database();
    let url = database.url();
    let name = "20240101000000_bad";
    let project = Project::new("resolve", &[(name, "CREATE TABLE a (id nosuchtype);\n")]);
    assert_eq!(project.deploy(url).status.code(), Some(1));
    // Applied it was not: only a failed one can be rolled back.
    let output = project.resolve(url, "--rolled-back", name);
    assert_eq!(
        body(&output),
        "\nMigration 20240101000000_bad marked as rolled back.\n\n"
    );
    assert_eq!(output.status.code(), Some(0));
    // Fixed, it deploys.
    project.add(name, "CREATE TABLE a (id int);\n");
    assert_eq!(project.deploy(url).status.code(), Some(0));
    // A migration that only ever succeeded is not in a failed state.
    project.add("20240102000000_good", "CREATE TABLE b (id int);\n");
    assert_eq!(project.deploy(url).status.code(), Some(0));
    let again = project.resolve(url, "--rolled-back", "20240102000000_good");
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("Error: P3012\n\nMigration `20240102000000_good` cannot be rolled back because it is not in a failed state.\n\n"));
    let never = project.resolve(url, "--rolled-back", "20990101000000_never");
    assert!(
        text(&never.stderr).contains("Error: P3011\n\n"),
        "{}",
        text(&never.stderr)
    );
    let applied = project.resolve(url, "--applied", name);
    assert!(text(&applied.stderr).contains("Error: P3008\n\nThe migration `20240101000000_bad` is already recorded as applied in the database.\n\n"));
    let missing = project.resolve(url, "--applied", "20990101000000_nowhere");
    assert!(
        text(&missing.stderr)
            .contains("Error: P3017\n\nThe migration 20990101000000_nowhere could not be found.")
    );
}

#[test]
fn resolve_applied_baselines_a_database_that_has_tables() {
    let database = plumb_testkit::database();
    let url = database.url();
    database
        .connect()
        .batch_execute("CREATE TABLE legacy (id int)")
        .unwrap();
    let baseline = "20240101000000_baseline";
    let project = Project::new(
        "baseline",
        &[
            (baseline, "CREATE TABLE legacy (id int);\n"),
            ("20240102000000_next", "CREATE TABLE next (id int);\n"),
        ],
    );
    // Deploy refuses a schema with tables and no history...
    assert!(text(&project.deploy(url).stderr).contains("Error: P3005"));
    // A path is not a migration's name, even when it leads to one.
    for path in [format!("{baseline}/"), format!("../migrations/{baseline}")] {
        let refused = project.resolve(url, "--applied", &path);
        assert!(
            text(&refused.stderr).contains("Error: P3017"),
            "{path}: {}",
            text(&refused.stderr)
        );
    }
    // ...until the baseline is marked applied; then only the next one runs.
    let output = project.resolve(url, "--applied", baseline);
    assert_eq!(
        body(&output),
        "\nMigration 20240101000000_baseline marked as applied.\n\n"
    );
    let deploy = project.deploy(url);
    assert!(text(&deploy.stdout).contains("Applying migration `20240102000000_next`"));
    assert!(!text(&deploy.stdout).contains("Applying migration `20240101000000_baseline`"));
    assert_eq!(deploy.status.code(), Some(0));
}

#[test]
fn plumb_toml_moves_the_migrations_folder() {
    let database = plumb_testkit::database();
    let project = Project::new("config", &[]);
    let moved = project.path().join("db/migrations/20240101000000_init");
    std::fs::create_dir_all(&moved).unwrap();
    std::fs::write(
        moved.join("migration.sql"),
        "CREATE TABLE moved (id int);\n",
    )
    .unwrap();
    std::fs::write(
        project.path().join("plumb.toml"),
        "[migrations]\npath = \"db/migrations\"\n",
    )
    .unwrap();
    let deploy = project.deploy(database.url());
    assert!(
        text(&deploy.stdout).contains("Applying migration `20240101000000_init`"),
        "{}",
        text(&deploy.stdout)
    );
    assert_eq!(deploy.status.code(), Some(0));

    std::fs::write(
        project.path().join("plumb.toml"),
        "[migrations]\nfolder = \"x\"\n",
    )
    .unwrap();
    let invalid = project.status(database.url());
    assert_eq!(invalid.status.code(), Some(1));
    assert!(
        text(&invalid.stderr).contains("Error: plumb.toml:2:1: unknown field `folder`, expected `path` or `seed`\n  folder = \"x\"\n  ^\n"),
        "{}",
        text(&invalid.stderr)
    );
}

/// Prisma 6's migrate commands connect through `directUrl` when there is
/// one: `url` here points at a server that does not exist (as a pooler's
/// address would be the wrong place for DDL).
#[test]
fn deploy_connects_through_direct_url() {
    let database = plumb_testkit::database();
    let project = Project::new(
        "direct_url",
        &[("20240101000000_init", "CREATE TABLE a (id int);\n")],
    );
    std::fs::write(
        project.path().join("prisma/schema.prisma"),
        format!(
            "datasource db {{\n  provider  = \"postgresql\"\n  url       = \"postgresql://nobody@127.0.0.1:1/pooled\"\n  directUrl = \"{}\"\n}}\n",
            database.url()
        ),
    )
    .unwrap();
    let deployed = project.migrate(&["deploy"]);
    assert_eq!(
        deployed.status.code(),
        Some(0),
        "{}",
        text(&deployed.stderr)
    );
    let tables = database
        .connect()
        .query_one("SELECT count(*) FROM pg_tables WHERE tablename = 'a'", &[])
        .unwrap()
        .get::<_, i64>(0);
    assert_eq!(tables, 1);
}

/// An unset `shadowDatabaseUrl` variable is no shadow database, as in
/// Prisma: commands that need none run.
#[test]
fn an_unset_shadow_database_variable_is_no_error_where_none_is_needed() {
    let database = plumb_testkit::database();
    let project = Project::new("unset_shadow", &[]);
    std::fs::write(
        project.path().join("prisma/schema.prisma"),
        format!(
            "datasource db {{\n  provider          = \"postgresql\"\n  url               = \"{}\"\n  shadowDatabaseUrl = env(\"PLUMB_TEST_UNSET_SHADOW\")\n}}\n",
            database.url()
        ),
    )
    .unwrap();
    for command in ["deploy", "status"] {
        let output = project.migrate(&[command]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "migrate {command}: {}",
            text(&output.stderr)
        );
    }
}

/// A schema folder whose migrations sit beside it, as Prisma 6.5 and
/// earlier kept them (`prisma/schema/` and `prisma/migrations/`): found
/// there, said so, and the count line names the folder.
#[test]
fn migrations_beside_a_schema_folder_are_found_and_named() {
    let database = plumb_testkit::database();
    let project = Project::new(
        "schema_folder",
        &[("20240101000000_init", "CREATE TABLE beside (id int);\n")],
    );
    let folder = project.path().join("prisma/schema");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::rename(
        project.path().join("prisma/schema.prisma"),
        folder.join("main.prisma"),
    )
    .unwrap();

    let deploy = project.deploy(database.url());
    assert_eq!(deploy.status.code(), Some(0), "{}", text(&deploy.stderr));
    assert!(
        text(&deploy.stderr).contains(
            "Migrations are read from prisma/migrations, beside the schema folder (where Prisma 6.5 and earlier keeps them).\n"
        ),
        "{}",
        text(&deploy.stderr)
    );
    assert!(
        text(&deploy.stdout).contains("1 migration found in prisma/migrations\n"),
        "{}",
        text(&deploy.stdout)
    );
    assert!(text(&deploy.stdout).contains("Applying migration `20240101000000_init`"));

    // Once Prisma 7's place holds migrations, it is the one used.
    let newer = folder.join("migrations/20240102000000_next");
    std::fs::create_dir_all(&newer).unwrap();
    std::fs::write(newer.join("migration.sql"), "SELECT 1;\n").unwrap();
    let status = project.status(database.url());
    assert!(
        text(&status.stdout).contains("1 migration found in prisma/schema/migrations\n"),
        "{}",
        text(&status.stdout)
    );
    assert!(!text(&status.stderr).contains("Migrations are read from"));
}
