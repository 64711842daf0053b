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
