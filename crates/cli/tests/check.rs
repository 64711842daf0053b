//! `plumb migrate check` on the bundled example, as CI runs it — no
//! database: clean after `migrate dev` made the first migration; exit 2
//! naming the change after an edit of schema.prisma; exit 2 naming the
//! migration after an edit of that (merged) migration. Each state in the
//! three formats.

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

mod support;

use std::path::Path;
use std::process::Command;

use support::{Project, text};

/// The folder name `migrate dev` gave, timestamp and all, made stable.
fn redacted(output: &str, migration: &str) -> String {
    output.replace(migration, "[TIMESTAMP]_init")
}

fn git(project: &Project, args: &[&str]) {
    let status = Command::new("git")
        .args([
            "-c",
            "user.name=plumb",
            "-c",
            "user.email=plumb@example.com",
        ])
        .args(args)
        .current_dir(project.path())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", project.path())
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "git {args:?}: {}",
        text(&status.stderr)
    );
}

/// `migrate check` in each format: the exit status (the same for all) and
/// the three outputs, redacted.
fn check(project: &Project, migration: &str) -> (i32, [String; 3]) {
    let mut code = None;
    let outputs = ["human", "json", "github"].map(|format| {
        let output = project.migrate(&["check", "--format", format]);
        assert_eq!(text(&output.stderr), "", "{format}");
        let status = output.status.code().unwrap();
        assert_eq!(*code.get_or_insert(status), status, "{format}");
        redacted(&text(&output.stdout), migration)
    });
    (code.unwrap(), outputs)
}

#[test]
fn check_on_the_bundled_example() {
    let database = plumb_testkit::database();
    let project = Project::new("check-example", &[]);
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schema/schema.prisma");
    let schema = std::fs::read_to_string(example).unwrap();
    std::fs::write(project.path().join("prisma/schema.prisma"), &schema).unwrap();
    let created = project.migrate(&["dev", "--name", "init", "--url", database.url()]);
    assert_eq!(created.status.code(), Some(0), "{}", text(&created.stderr));
    let migrations = project.path().join("prisma/migrations");
    let migration = std::fs::read_dir(&migrations)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|name| name.ends_with("_init"))
        .unwrap();
    git(&project, &["init", "-q", "-b", "main"]);
    git(&project, &["add", "-A"]);
    git(&project, &["commit", "-q", "-m", "first migration"]);

    // Clean: the folder builds the schema.
    let (code, [human, json, github]) = check(&project, &migration);
    assert_eq!(code, 0, "{human}");
    insta::assert_snapshot!("check_clean_human", human);
    insta::assert_snapshot!("check_clean_json", json);
    insta::assert_snapshot!("check_clean_github", github);

    // The schema changes without a migration.
    let edited = schema.replacen(
        "  @@index([managerId])\n  @@map(\"users\")",
        "  nickname      String?\n\n  @@index([managerId])\n  @@map(\"users\")",
        1,
    );
    assert_ne!(edited, schema);
    std::fs::write(project.path().join("prisma/schema.prisma"), &edited).unwrap();
    let (code, [human, json, github]) = check(&project, &migration);
    assert_eq!(code, 2, "{human}");
    assert!(human.contains("Added column `nickname`"), "{human}");
    insta::assert_snapshot!("check_schema_edited_human", human);
    insta::assert_snapshot!("check_schema_edited_json", json);
    insta::assert_snapshot!("check_schema_edited_github", github);
    std::fs::write(project.path().join("prisma/schema.prisma"), &schema).unwrap();

    // An old, merged migration is edited on a branch.
    git(&project, &["checkout", "-q", "-b", "feature"]);
    let script_path = migrations.join(&migration).join("migration.sql");
    let script = std::fs::read_to_string(&script_path).unwrap();
    let changed = script.replacen(
        "\"display_name\" TEXT,",
        "\"display_name\" VARCHAR(100),",
        1,
    );
    assert_ne!(changed, script);
    std::fs::write(&script_path, changed).unwrap();
    let (code, [human, json, github]) = check(&project, &migration);
    assert_eq!(code, 2, "{human}");
    assert!(human.contains("error[migration-edited]"), "{human}");
    assert!(human.contains("[TIMESTAMP]_init/migration.sql"), "{human}");
    insta::assert_snapshot!("check_migration_edited_human", human);
    insta::assert_snapshot!("check_migration_edited_json", json);
    insta::assert_snapshot!("check_migration_edited_github", github);
}

const SCHEMA: &str = "datasource db {\n  provider = \"postgresql\"\n}\n\nmodel A {\n  id   Int    @id\n  name String\n}\n\nmodel B {\n  id Int @id\n}\n";

/// The codes of a JSON report, in order, and its exit status.
fn codes(project: &Project, extra: &[&str]) -> (i32, Vec<String>, serde_json::Value) {
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(extra);
    let output = project.migrate(&args);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| panic!("{}{}", text(&output.stdout), text(&output.stderr)));
    let codes = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect();
    (output.status.code().unwrap(), codes, report)
}

/// A project with `SCHEMA` and its first migration, `20240101000000_init`.
fn small_project(name: &str) -> Project {
    let project = Project::new(name, &[]);
    std::fs::write(project.path().join("prisma/schema.prisma"), SCHEMA).unwrap();
    let init = project.migrate(&[
        "diff",
        "--from-empty",
        "--to-schema",
        "prisma/schema.prisma",
        "--script",
    ]);
    project.add("20240101000000_init", &text(&init.stdout));
    std::fs::write(
        project.path().join("prisma/migrations/migration_lock.toml"),
        plumb_migrate::history::folder::LOCK_FILE_TEXT,
    )
    .unwrap();
    project
}

fn with_column(schema: &str, model: &str, column: &str) -> String {
    schema.replacen(
        &format!("model {model} {{\n"),
        &format!("model {model} {{\n  {column} String?\n"),
        1,
    )
}

#[test]
fn migrations_from_parallel_branches_that_change_one_table_are_found() {
    let project = small_project("check-branches");
    let (code, found, _) = codes(&project, &[]);
    assert_eq!(
        (code, found.as_slice()),
        (0, &[][..]),
        "outside git: clean, with a note"
    );
    git(&project, &["init", "-q", "-b", "main"]);
    git(&project, &["add", "-A"]);
    git(&project, &["commit", "-q", "-m", "init"]);

    // A branch adds a column to A (created first), another to B.
    git(&project, &["checkout", "-q", "-b", "feature"]);
    project.add(
        "20240201000000_feature_a",
        "ALTER TABLE \"A\" ADD COLUMN \"x\" TEXT;\n",
    );
    project.add(
        "20240202000000_feature_b",
        "ALTER TABLE \"B\" ADD COLUMN \"z\" TEXT;\n",
    );
    let schema = with_column(&with_column(SCHEMA, "A", "x"), "B", "z");
    std::fs::write(project.path().join("prisma/schema.prisma"), &schema).unwrap();
    git(&project, &["add", "-A"]);
    git(&project, &["commit", "-q", "-m", "feature"]);
    let (code, found, _) = codes(&project, &[]);
    assert_eq!(
        (code, found.as_slice()),
        (0, &[][..]),
        "the branch alone is clean"
    );

    // Meanwhile main gets a later migration that changes A too.
    git(&project, &["checkout", "-q", "main"]);
    project.add(
        "20240301000000_main_a",
        "ALTER TABLE \"A\" ADD COLUMN \"y\" TEXT;\n",
    );
    std::fs::write(
        project.path().join("prisma/schema.prisma"),
        with_column(SCHEMA, "A", "y"),
    )
    .unwrap();
    git(&project, &["add", "-A"]);
    git(&project, &["commit", "-q", "-m", "main"]);

    // CI checks the pull request's merge commit.
    git(&project, &["checkout", "-q", "feature"]);
    git(
        &project,
        &["merge", "-q", "--no-edit", "-X", "theirs", "main"],
    );
    std::fs::write(
        project.path().join("prisma/schema.prisma"),
        with_column(&schema, "A", "y"),
    )
    .unwrap();
    let (code, found, report) = codes(&project, &["--base", "main"]);
    assert_eq!(code, 2, "{report:#}");
    assert_eq!(found, ["migration-order"], "{report:#}");
    let finding = &report["findings"][0];
    assert_eq!(
        finding["file"],
        "prisma/migrations/20240201000000_feature_a/migration.sql"
    );
    let message = finding["message"].as_str().unwrap();
    assert!(
        message.contains("`20240301000000_main_a` from `main`")
            && message.contains("both change `A`"),
        "{message}"
    );

    // A merged migration deleted on a branch.
    git(&project, &["checkout", "-q", "-f", "-b", "cleanup", "main"]);
    project.remove("20240301000000_main_a");
    let (code, found, report) = codes(&project, &["--base", "main"]);
    assert_eq!(code, 2);
    assert!(
        found.contains(&"migration-deleted".to_string()),
        "{report:#}"
    );
}

#[test]
fn a_broken_folder_is_found_before_it_is_replayed() {
    let project = small_project("check-folder");
    let migrations = project.path().join("prisma/migrations");
    std::fs::remove_file(migrations.join("migration_lock.toml")).unwrap();
    project.add("add_column", "ALTER TABLE \"A\" ADD COLUMN \"x\" TEXT;\n");
    project.add("20240301000000_nothing", "");
    std::fs::create_dir_all(migrations.join("20240401000000_no_script")).unwrap();
    std::fs::write(
        project.path().join("prisma/schema.prisma"),
        with_column(SCHEMA, "A", "x"),
    )
    .unwrap();
    let (code, found, report) = codes(&project, &[]);
    assert_eq!(code, 2);
    assert_eq!(
        found,
        [
            "lock-file-missing",
            "migration-empty",
            "migration-missing-script",
            "migration-name"
        ],
        "{report:#}"
    );

    // A migration PostgreSQL would refuse: where, and why.
    std::fs::write(
        migrations.join("migration_lock.toml"),
        "provider = \"mysql\"\n",
    )
    .unwrap();
    project.add("20240501000000_again", "CREATE TABLE \"A\" (id int);\n");
    let (_, found, report) = codes(&project, &[]);
    assert!(
        found.contains(&"lock-file-provider".to_string()),
        "{report:#}"
    );
    let fails = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "migration-fails")
        .unwrap_or_else(|| panic!("{report:#}"));
    assert_eq!(
        fails["file"],
        "prisma/migrations/20240501000000_again/migration.sql"
    );
    assert_eq!(
        (fails["line"].as_u64(), fails["column"].as_u64()),
        (Some(1), Some(1))
    );
    assert!(
        fails["message"]
            .as_str()
            .unwrap()
            .contains("relation \"A\" already exists")
    );
}

#[test]
fn with_a_database_its_history_and_drift_are_checked() {
    let database = plumb_testkit::database();
    let project = small_project("check-database");
    let url = database.url();
    let (code, found, report) = codes(&project, &["--url", url]);
    assert_eq!(
        (code, found.as_slice()),
        (2, &["database-not-managed".to_string()][..]),
        "{report:#}"
    );
    let deployed = project.migrate(&["deploy", "--url", url]);
    assert_eq!(
        deployed.status.code(),
        Some(0),
        "{}",
        text(&deployed.stderr)
    );
    let (code, found, report) = codes(&project, &["--url", url]);
    assert_eq!((code, found.as_slice()), (0, &[][..]), "{report:#}");
    assert_eq!(report["database"], true);

    project.add(
        "20240201000000_x",
        "ALTER TABLE \"A\" ADD COLUMN \"x\" TEXT;\n",
    );
    std::fs::write(
        project.path().join("prisma/schema.prisma"),
        with_column(SCHEMA, "A", "x"),
    )
    .unwrap();
    let (code, found, _) = codes(&project, &["--url", url]);
    assert_eq!(
        (code, found.as_slice()),
        (2, &["database-behind".to_string()][..])
    );

    let deployed = project.migrate(&["deploy", "--url", url]);
    assert_eq!(deployed.status.code(), Some(0));
    database
        .connect()
        .batch_execute("ALTER TABLE \"B\" ADD COLUMN \"by_hand\" int")
        .unwrap();
    let (code, found, report) = codes(&project, &["--url", url]);
    assert_eq!(
        (code, found.as_slice()),
        (2, &["database-drift".to_string()][..]),
        "{report:#}"
    );
    assert!(
        report["findings"][0]["details"]
            .as_str()
            .unwrap()
            .contains("by_hand"),
        "{report:#}"
    );
}
