//! The development commands' edges that the scenarios do not walk: the
//! prompts of `migrate dev` and `db push` on a terminal, `db push
//! --force-reset`, seeding (`db seed`, and `migrate dev` after it created
//! the database), and `init`. Texts are Prisma's
//! (`docs/reference/prisma-dev-commands.md`) unless compatibility.md says
//! otherwise.

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

mod support;

use support::{Project, one_at_a_time, text};

const USER: &str = "datasource db {\n  provider = \"postgresql\"\n}\n\nmodel User {\n  id    Int     @id @default(autoincrement())\n  email String  @unique\n  bio   String?\n}\n";

const USER_WITHOUT_BIO: &str = "datasource db {\n  provider = \"postgresql\"\n}\n\nmodel User {\n  id    Int    @id @default(autoincrement())\n  email String @unique\n}\n";

fn with_schema(name: &str, schema: &str) -> Project {
    let project = Project::new(name, &[]);
    std::fs::remove_dir_all(project.path().join("prisma/migrations")).unwrap();
    std::fs::write(project.path().join("prisma/schema.prisma"), schema).unwrap();
    project
}

/// A project whose `User` table has a `bio` with data, and whose schema
/// now drops it.
fn dropping_bio(name: &str, database: &plumb_testkit::TestDatabase) -> Project {
    let project = with_schema(name, USER);
    let url = database.url();
    let first = project.plumb(&["migrate", "dev", "--name", "init", "--url", url]);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    database
        .connect()
        .batch_execute("INSERT INTO \"User\" (email, bio) VALUES ('a@example.com', 'Hi')")
        .unwrap();
    std::fs::write(
        project.path().join("prisma/schema.prisma"),
        USER_WITHOUT_BIO,
    )
    .unwrap();
    // The next migration's directory must not share the first one's second.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    project
}

/// The single number a counting query returns.
fn count(database: &plumb_testkit::TestDatabase, query: &str) -> i64 {
    database.connect().query_one(query, &[]).unwrap().get(0)
}

fn migrations(project: &Project) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(project.path().join("prisma/migrations"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "migration_lock.toml")
        .collect();
    names.sort();
    names
}

#[test]
fn migrate_dev_asks_before_losing_data_and_a_no_changes_nothing() {
    let _serial = one_at_a_time();
    let database = plumb_testkit::database();
    let project = dropping_bio("dev-prompt-no", &database);
    let output = project.plumb_on_a_terminal(
        &format!("migrate dev --name drop_bio --url '{}'", database.url()),
        "n\n",
    );
    let shown = text(&output.stdout);
    assert_eq!(output.status.code(), Some(130), "{shown}");
    assert!(
        shown.contains("⚠️  Warnings for the current datasource:"),
        "{shown}"
    );
    assert!(
        shown.contains("? Are you sure you want to create and apply this migration? › (y/N)"),
        "{shown}"
    );
    assert!(shown.contains("Migration cancelled."), "{shown}");
    assert_eq!(migrations(&project).len(), 1);
    let bio = count(
        &database,
        "SELECT count(*) FROM \"User\" WHERE bio IS NOT NULL",
    );
    assert_eq!(bio, 1);
}

#[test]
fn migrate_dev_applies_after_a_yes_and_asks_for_a_name() {
    let _serial = one_at_a_time();
    let database = plumb_testkit::database();
    let project = dropping_bio("dev-prompt-yes", &database);
    let output = project.plumb_on_a_terminal(
        &format!("migrate dev --url '{}'", database.url()),
        "y\nDrop the Bio\n",
    );
    let shown = text(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{shown}");
    assert!(
        shown.contains("? Enter a name for the new migration: › "),
        "{shown}"
    );
    let names = migrations(&project);
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names[1].ends_with("_drop_the_bio"), "{names:?}");
    let script = std::fs::read_to_string(
        project
            .path()
            .join("prisma/migrations")
            .join(&names[1])
            .join("migration.sql"),
    )
    .unwrap();
    assert!(
        script.starts_with("/*\n  Warnings:\n\n  - You are about to drop the column `bio` on the `User` table. All the data in the column will be lost.\n\n*/\n-- AlterTable\n"),
        "{script}"
    );
    let columns = count(
        &database,
        "SELECT count(*) FROM information_schema.columns WHERE table_name = 'User' AND column_name = 'bio'",
    );
    assert_eq!(columns, 0);
}

#[test]
fn db_push_asks_on_a_terminal_and_force_reset_empties_first() {
    let _serial = one_at_a_time();
    let database = plumb_testkit::database();
    let url = database.url();
    let project = with_schema("push-prompt", USER);
    assert_eq!(
        project.plumb(&["db", "push", "--url", url]).status.code(),
        Some(0)
    );
    database
        .connect()
        .batch_execute("INSERT INTO \"User\" (email, bio) VALUES ('a@example.com', 'Hi')")
        .unwrap();
    std::fs::write(
        project.path().join("prisma/schema.prisma"),
        USER_WITHOUT_BIO,
    )
    .unwrap();
    let declined = project.plumb_on_a_terminal(&format!("db push --url '{url}'"), "n\n");
    assert_eq!(declined.status.code(), Some(130));
    assert!(text(&declined.stdout).contains("? Do you want to ignore the warning(s)? › (y/N)"));
    assert!(text(&declined.stdout).contains("Push cancelled."));

    std::fs::write(project.path().join("prisma/schema.prisma"), USER).unwrap();
    let reset = project.plumb(&["db", "push", "--force-reset", "--url", url]);
    let shown = text(&reset.stdout);
    assert_eq!(reset.status.code(), Some(0), "{}", text(&reset.stderr));
    let server = support::server_of(&database);
    assert!(
        shown.contains(&format!(
            "\nThe PostgreSQL database \"{}\" schema \"public\" at \"{server}\" was successfully reset.\n\n🚀  Your database is now in sync with your Prisma schema. Done in ",
            database.name()
        )),
        "{shown}"
    );
    let rows = count(&database, "SELECT count(*) FROM \"User\"");
    assert_eq!(rows, 0);
}

#[test]
fn db_seed_runs_the_configured_command_with_its_arguments() {
    let _serial = one_at_a_time();
    let project = Project::new("seed", &[]);
    let none = project.plumb(&["db", "seed"]);
    assert_eq!(none.status.code(), Some(0));
    assert!(text(&none.stdout).starts_with("⚠️ No seed command configured\n"));

    std::fs::write(
        project.path().join("package.json"),
        r#"{"name": "app", "prisma": {"seed": "touch from-package"}}"#,
    )
    .unwrap();
    let from_package = project.plumb(&["db", "seed"]);
    assert_eq!(
        from_package.status.code(),
        Some(0),
        "{}",
        text(&from_package.stderr)
    );
    assert_eq!(
        text(&from_package.stdout),
        "Running seed command `touch from-package` ...\n\n🌱  The seed command has been executed.\n"
    );
    assert!(project.path().join("from-package").exists());

    std::fs::write(
        project.path().join("plumb.toml"),
        "[migrations]\nseed = \"echo seeded > from-plumb.txt; exit 3\"\n",
    )
    .unwrap();
    let failing = project.plumb(&["db", "seed"]);
    assert_eq!(failing.status.code(), Some(1));
    assert!(
        text(&failing.stdout)
            .starts_with("Running seed command `echo seeded > from-plumb.txt; exit 3` ...\n")
    );
    assert_eq!(
        text(&failing.stderr),
        "\nAn error occurred while running the seed command:\nError: Command failed with exit code 3: echo seeded > from-plumb.txt; exit 3\n"
    );
    assert_eq!(
        std::fs::read_to_string(project.path().join("from-plumb.txt")).unwrap(),
        "seeded\n"
    );
}

#[test]
fn db_seed_passes_arguments_whole() {
    let _serial = one_at_a_time();
    let project = Project::new("seed-arguments", &[]);
    std::fs::write(
        project.path().join("plumb.toml"),
        "[migrations]\nseed = \"printf '%s|' > arguments.txt\"\n",
    )
    .unwrap();
    let output = project.plumb(&["db", "seed", "--", "a b", "c"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(
        std::fs::read_to_string(project.path().join("arguments.txt")).unwrap(),
        "a b|c|"
    );
}

#[test]
fn migrate_dev_seeds_the_database_it_created_unless_told_not_to() {
    let _serial = one_at_a_time();
    let database = plumb_testkit::database();
    for (skip, seeded) in [(false, true), (true, false)] {
        let project = with_schema(&format!("dev-seed-{skip}"), USER);
        std::fs::write(
            project.path().join("plumb.toml"),
            "[migrations]\nseed = \"touch seeded\"\n",
        )
        .unwrap();
        // Short: a name past 63 bytes would be cut to the test database's.
        let fresh_name = format!("plumb_seed_{}_{skip}", std::process::id());
        let fresh = database.url_of(&fresh_name);
        let mut args = vec!["migrate", "dev", "--name", "init", "--url", &fresh];
        if skip {
            args.push("--skip-seed");
        }
        let output = project.plumb(&args);
        assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
        let shown = text(&output.stdout);
        assert!(shown.contains("created at"), "{shown}");
        assert_eq!(project.path().join("seeded").exists(), seeded, "{shown}");
        assert_eq!(
            shown.contains("Running seed command `touch seeded` ..."),
            seeded
        );
        // A database that existed is not seeded.
        let again = project.plumb(&["migrate", "dev", "--url", &fresh]);
        assert!(!text(&again.stdout).contains("Running seed command"));
        database
            .connect()
            .batch_execute(&format!("DROP DATABASE \"{fresh_name}\" WITH (FORCE)"))
            .unwrap();
    }
}

#[test]
fn init_writes_a_project_and_refuses_to_overwrite_one() {
    let _serial = one_at_a_time();
    let project = Project::new("init", &[]);
    std::fs::remove_dir_all(project.path().join("prisma")).unwrap();
    std::fs::write(project.path().join(".gitignore"), "target/\n").unwrap();
    let output = project.plumb(&["init", "--url", "postgresql://me@localhost/app"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let read = |path: &str| std::fs::read_to_string(project.path().join(path)).unwrap();
    // Prisma 7.9's schema for PostgreSQL, as its bundle writes it.
    assert_eq!(
        read("prisma/schema.prisma"),
        "// This is your Prisma schema file,\n// learn more about it in the docs: https://pris.ly/d/prisma-schema\n\n// Get a free hosted Postgres database in seconds: `npx create-db`\n\ngenerator client {\n  provider = \"prisma-client\"\n  output   = \"../generated/prisma\"\n}\n\ndatasource db {\n  provider = \"postgresql\"\n}\n"
    );
    assert!(read(".env").ends_with("\nDATABASE_URL=\"postgresql://me@localhost/app\""));
    assert_eq!(
        read(".gitignore"),
        "target/\n# Keep environment variables out of version control\n.env\n\n/generated/prisma\n"
    );
    let valid = project.plumb(&["validate"]);
    assert_eq!(valid.status.code(), Some(0), "{}", text(&valid.stderr));

    let again = project.plumb(&["init"]);
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(
        text(&again.stdout),
        " ERROR  A folder called prisma already exists in your project.\n        Please try again in a project that is not yet using Prisma.\n      \n"
    );
    std::fs::rename(
        project.path().join("prisma/schema.prisma"),
        project.path().join("schema.prisma"),
    )
    .unwrap();
    let beside = project.plumb(&["init"]);
    assert_eq!(beside.status.code(), Some(1));
    assert!(
        text(&beside.stdout)
            .starts_with(" ERROR  File schema.prisma already exists in your project.\n")
    );
}

#[test]
fn migrate_dev_reports_a_migration_that_does_not_replay_as_p3006() {
    let _serial = one_at_a_time();
    let database = plumb_testkit::database();
    let project = with_schema("dev-p3006", USER);
    let folder = project
        .path()
        .join("prisma/migrations/20240101000000_broken");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("migration.sql"),
        "CREATE TABLE t (id nosuchtype);\n",
    )
    .unwrap();
    let output = project.plumb(&["migrate", "dev", "--name", "x", "--url", database.url()]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stderr),
        "Prisma schema loaded from prisma/schema.prisma.\nError: P3006\n\nMigration `20240101000000_broken` failed to apply cleanly to the shadow database. \nError code: 42704\nError:\nERROR: type \"nosuchtype\" does not exist\n\n"
    );
    assert_eq!(
        count(
            &database,
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
        ),
        0
    );
    assert_eq!(support::shadow_databases(&database), Vec::<String>::new());
}

#[test]
fn migrate_dev_without_the_right_to_create_databases_is_p3014() {
    let _serial = one_at_a_time();
    let database = plumb_testkit::database();
    let role = format!("plumb_nocreatedb_{}", std::process::id());
    let owned = format!("plumb_p3014_{}", std::process::id());
    let mut admin = database.connect();
    admin
        .batch_execute(&format!(
            "DROP ROLE IF EXISTS {role}; CREATE ROLE {role} LOGIN NOCREATEDB"
        ))
        .unwrap();
    admin
        .batch_execute(&format!("CREATE DATABASE {owned} OWNER {role}"))
        .unwrap();
    let url = database.url_as(&role, &owned);
    let project = with_schema("dev-p3014", USER);
    let output = project.plumb(&["migrate", "dev", "--name", "init", "--url", &url]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stdout));
    let shown = text(&output.stderr);
    assert!(
        shown.contains("Error: P3014\n\nplumb could not create the shadow database. Please make sure the database user has permission to create databases. Read more about the shadow database (and workarounds) at https://pris.ly/d/migrate-shadow\n\nOriginal error: Error code: 42501\n"),
        "{shown}"
    );
    admin
        .batch_execute(&format!("DROP DATABASE {owned} WITH (FORCE)"))
        .unwrap();
    admin.batch_execute(&format!("DROP ROLE {role}")).unwrap();
}

#[test]
fn migrate_dev_prints_the_hazards_of_the_migration_it_writes_unless_told_not_to() {
    let _serial = one_at_a_time();
    let database = plumb_testkit::database();
    let project = with_schema("dev-lint", USER);
    let url = database.url();
    let first = project.plumb(&["migrate", "dev", "--name", "init", "--url", url]);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    // An index on the existing table: built under a lock that blocks writes.
    std::fs::write(
        project.path().join("prisma/schema.prisma"),
        USER.replace("bio   String?\n", "bio   String?\n\n  @@index([bio])\n"),
    )
    .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let indexed = project.plumb(&["migrate", "dev", "--name", "index_bio", "--url", url]);
    assert_eq!(indexed.status.code(), Some(0), "{}", text(&indexed.stderr));
    let findings = text(&indexed.stderr);
    let created = migrations(&project).pop().unwrap();
    assert!(
        findings.contains(&format!(
            "warning[create-index-blocking]: the index is built without CONCURRENTLY: writes to `User` wait until it is done\n --> prisma/migrations/{created}/migration.sql:"
        )),
        "{findings}"
    );
    assert!(
        findings.ends_with("1 hazard found in 1 migration.\n"),
        "{findings}"
    );
    // Back to no index, quietly: the drop is a hazard too.
    std::fs::write(project.path().join("prisma/schema.prisma"), USER).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let quiet = project.plumb(&[
        "migrate",
        "dev",
        "--name",
        "unindex",
        "--no-lint",
        "--url",
        url,
    ]);
    assert_eq!(quiet.status.code(), Some(0), "{}", text(&quiet.stderr));
    assert!(
        !text(&quiet.stderr).contains("create-index-blocking"),
        "{}",
        text(&quiet.stderr)
    );
    assert_eq!(migrations(&project).len(), 3);
}
