//! `plumb migrate lint` end to end. On `fixtures/lint/<code>/`: each
//! rule's fixture is a second migration after `fixtures/lint/setup.sql`;
//! the rule must fire, the SQL must run on PostgreSQL, and the human and
//! JSON reports are snapshots. Then the command's options: which
//! migrations (`--url`, names), `--deny`, `plumb.toml`'s `[lint.rules]`,
//! suppression comments, the GitHub format.

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

mod support;

use std::process::ExitCode;

use plumb_testkit::cases::{self, Case, Trial};
use support::{Project, text};

fn main() -> ExitCode {
    let rules = cases::discover("lint", |path| path.join("migration.sql").is_file());
    let mut trials = cases::trials("lint", rules, check);
    for (name, test) in [
        ("options::which_migrations", which_migrations as fn()),
        ("options::deny", deny),
        ("options::plumb_toml", plumb_toml),
        ("options::suppressions", suppressions),
        ("options::github", github),
        ("options::table_sizes", table_sizes),
        ("options::diff", diff),
        ("options::shadow_fallback", shadow_fallback),
        ("options::many_findings", many_findings),
    ] {
        trials.push(Trial::test(name, move || {
            test();
            Ok(())
        }));
    }
    cases::run(trials)
}

const SETUP: &str = "CREATE TABLE \"User\" (\"id\" SERIAL PRIMARY KEY, \"name\" TEXT);\nCREATE TABLE \"Post\" (\"id\" SERIAL PRIMARY KEY, \"title\" TEXT);\n";
const RENAME: &str = "ALTER TABLE \"User\" RENAME COLUMN \"name\" TO \"fullName\";\n";
const DROP: &str = "ALTER TABLE \"Post\" DROP COLUMN \"title\";\n";

/// A project of three migrations: the setup, a rename (a warning), a
/// dropped column (an error).
fn project(name: &str) -> Project {
    Project::new(
        &format!("lint-options-{name}"),
        &[
            ("20240101000000_setup", SETUP),
            ("20240102000000_rename", RENAME),
            ("20240103000000_drop", DROP),
        ],
    )
}

/// The codes and files of `--format json`'s findings, and the exit status.
fn findings(project: &Project, args: &[&str]) -> (Option<i32>, Vec<(String, String)>) {
    let mut all = vec!["lint", "--format", "json"];
    all.extend_from_slice(args);
    let output = project.migrate(&all);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| panic!("{}{}", text(&output.stdout), text(&output.stderr)));
    let found = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let file = f["file"].as_str().unwrap();
            let migration = file.split('/').nth(2).unwrap_or(file);
            (
                f["code"].as_str().unwrap().to_string(),
                migration.to_string(),
            )
        })
        .collect();
    (output.status.code(), found)
}

fn pair(code: &str, migration: &str) -> (String, String) {
    (code.to_string(), migration.to_string())
}

fn which_migrations() {
    let project = project("which");
    // The newest by default; those named; all.
    assert_eq!(
        findings(&project, &[]),
        (Some(2), vec![pair("drop-column", "20240103000000_drop")])
    );
    assert_eq!(
        findings(&project, &["20240102000000_rename"]),
        (Some(0), vec![pair("rename", "20240102000000_rename")])
    );
    assert_eq!(findings(&project, &["--all"]).1.len(), 2);
    let unknown = project.migrate(&["lint", "20240109000000_nope"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(
        text(&unknown.stderr).contains("20240109000000_nope"),
        "{}",
        text(&unknown.stderr)
    );
    // With a database: those it has not applied.
    let database = plumb_testkit::database();
    let setup_only = Project::new(
        "lint-options-which-deployed",
        &[
            ("20240101000000_setup", SETUP),
            ("20240102000000_rename", RENAME),
        ],
    );
    assert_eq!(setup_only.deploy(database.url()).status.code(), Some(0));
    assert_eq!(
        findings(&project, &["--url", database.url()]),
        (Some(2), vec![pair("drop-column", "20240103000000_drop")])
    );
}

fn deny() {
    let project = project("deny");
    assert_eq!(findings(&project, &["20240102000000_rename"]).0, Some(0));
    assert_eq!(
        findings(&project, &["20240102000000_rename", "--deny", "warning"]).0,
        Some(2)
    );
}

fn plumb_toml() {
    let project = project("toml");
    let config = project.path().join("plumb.toml");
    std::fs::write(
        &config,
        "[lint.rules]\ndrop-column = \"off\"\nrename = \"error\"\n",
    )
    .unwrap();
    assert_eq!(
        findings(&project, &["--all"]),
        (Some(2), vec![pair("rename", "20240102000000_rename")])
    );
    std::fs::write(&config, "[lint.rules]\ndrop-colum = \"off\"\n").unwrap();
    let output = project.migrate(&["lint"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stderr),
        "Error: plumb.toml:2:1: no lint rule is called `drop-colum` (`plumb migrate lint --help` lists them)\n  drop-colum = \"off\"\n  ^\n"
    );
}

fn suppressions() {
    let ignored = Project::new(
        "lint-options-ignore",
        &[
            ("20240101000000_setup", SETUP),
            (
                "20240102000000_drop",
                &format!(
                    "-- plumb-lint: ignore drop-column the titles live in Revision now\n{DROP}"
                ),
            ),
        ],
    );
    assert_eq!(findings(&ignored, &[]), (Some(0), vec![]));
    let bad = Project::new(
        "lint-options-bad-ignore",
        &[
            ("20240101000000_setup", SETUP),
            (
                "20240102000000_drop",
                &format!("-- plumb-lint: ignore drop-column\n{DROP}"),
            ),
        ],
    );
    let output = bad.migrate(&["lint"]);
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!("lint_options_bad_suppression", text(&output.stderr));
}

fn github() {
    let output = project("github").migrate(&["lint", "--format", "github"]);
    assert_eq!(output.status.code(), Some(2));
    insta::assert_snapshot!("lint_options_github", text(&output.stdout));
}

fn table_sizes() {
    let indexes = "CREATE INDEX \"User_name_idx\" ON \"User\"(\"name\");\nCREATE INDEX \"Post_title_idx\" ON \"Post\"(\"title\");\n";
    let project = Project::new(
        "lint-options-sizes",
        &[
            ("20240101000000_setup", SETUP),
            ("20240102000000_indexes", indexes),
        ],
    );
    let offline = project.migrate(&["lint", "--format", "json"]);
    let offline: serde_json::Value = serde_json::from_slice(&offline.stdout).unwrap();
    let severities = |report: &serde_json::Value| -> Vec<(String, String)> {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["table"].as_str().unwrap().to_string(),
                    f["severity"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    assert_eq!(
        severities(&offline),
        [
            ("User".into(), "warning".into()),
            ("Post".into(), "warning".into())
        ]
    );
    assert!(offline["findings"][0]["rows"].is_null());
    // A million users: an index built under lock there blocks writes for
    // seconds, an error; the empty Post table stays a warning.
    let database = plumb_testkit::database();
    let setup_only = Project::new(
        "lint-options-sizes-deployed",
        &[("20240101000000_setup", SETUP)],
    );
    assert_eq!(setup_only.deploy(database.url()).status.code(), Some(0));
    let mut client = database.connect();
    client
        .batch_execute(
            "INSERT INTO \"User\" (\"name\") SELECT 'user ' || n FROM generate_series(1, 1000000) n; ANALYZE \"User\"; ANALYZE \"Post\";",
        )
        .unwrap();
    let output = project.migrate(&["lint", "--format", "json", "--url", database.url()]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
    let online: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        severities(&online),
        [
            ("User".into(), "error".into()),
            ("Post".into(), "warning".into())
        ]
    );
    let user = &online["findings"][0];
    let rows = user["rows"].as_u64().unwrap();
    assert!((900_000..1_100_000).contains(&rows), "{rows}");
    assert!(user["bytes"].as_i64().unwrap() > 10 << 20);
    let message = user["message"].as_str().unwrap();
    assert!(message.contains("— `User` holds about "), "{message}");
    assert_eq!(online["findings"][1]["rows"].as_u64(), Some(0));
    // `migrate diff` from that database weighs its script's hazards alike.
    std::fs::write(
        project.path().join("prisma/schema.prisma"),
        "datasource db {\n  provider = \"postgresql\"\n}\n\nmodel User {\n  id   Int     @id @default(autoincrement())\n  name String?\n\n  @@index([name])\n}\n\nmodel Post {\n  id    Int     @id @default(autoincrement())\n  title String?\n}\n",
    )
    .unwrap();
    let diff = project.migrate(&[
        "diff",
        "--from-url",
        database.url(),
        "--to-schema",
        "prisma/schema.prisma",
        "--format",
        "json",
    ]);
    assert_eq!(diff.status.code(), Some(0), "{}", text(&diff.stderr));
    let diff: serde_json::Value = serde_json::from_slice(&diff.stdout).unwrap();
    assert_eq!(severities(&diff), [("User".into(), "error".into())]);
    assert!(diff["findings"][0]["rows"].as_u64().unwrap() > 900_000);
    // A rule the project set keeps the severity it was given.
    std::fs::write(
        project.path().join("plumb.toml"),
        "[lint.rules]\ncreate-index-blocking = \"warning\"\n",
    )
    .unwrap();
    let configured = project.migrate(&["lint", "--format", "json", "--url", database.url()]);
    assert_eq!(
        configured.status.code(),
        Some(0),
        "{}",
        text(&configured.stderr)
    );
}

/// `migrate diff --script` prints the hazards of its script on standard
/// error; `--format json|markdown` prints the report instead of the SQL.
fn diff() {
    let project = Project::new("lint-options-diff", &[("20240101000000_setup", SETUP)]);
    std::fs::write(
        project.path().join("prisma/migrations/migration_lock.toml"),
        "provider = \"postgresql\"\n",
    )
    .unwrap();
    std::fs::write(
        project.path().join("prisma/schema.prisma"),
        "datasource db {\n  provider = \"postgresql\"\n}\n\nmodel User {\n  id   Int     @id @default(autoincrement())\n  name String? @unique\n}\n",
    )
    .unwrap();
    let diff = |extra: &[&str]| {
        let mut args = vec![
            "diff",
            "--from-migrations",
            "prisma/migrations",
            "--to-schema",
            "prisma/schema.prisma",
        ];
        args.extend_from_slice(extra);
        project.migrate(&args)
    };
    let script = diff(&["--script"]);
    assert_eq!(script.status.code(), Some(0), "{}", text(&script.stderr));
    assert!(text(&script.stdout).contains("DROP TABLE \"Post\";"));
    insta::assert_snapshot!("lint_options_diff_stderr", text(&script.stderr));
    let quiet = diff(&["--script", "--no-lint"]);
    assert_eq!(text(&quiet.stdout), text(&script.stdout));
    assert_eq!(text(&quiet.stderr), "");
    // Nothing to say about a summary, which has no SQL to point at.
    assert_eq!(text(&diff(&[]).stderr), "");
    let to_file = diff(&["--script", "-o", "next.sql"]);
    assert!(
        text(&to_file.stderr).contains(" --> next.sql:"),
        "{}",
        text(&to_file.stderr)
    );
    let json = diff(&["--format", "json"]);
    assert_eq!(json.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["script"].as_str().unwrap(), text(&script.stdout));
    let codes: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "drop-table",
            "unique-on-existing-data",
            "create-index-blocking"
        ]
    );
    let markdown = diff(&["--format", "markdown"]);
    assert_eq!(markdown.status.code(), Some(0));
    insta::assert_snapshot!("lint_options_diff_markdown", text(&markdown.stdout));
}

/// A DO block that runs DDL: the offline replay cannot know what it
/// made, so the migrations after it are linted against a shadow database.
fn shadow_fallback() {
    let added =
        "DO $$\nBEGIN\n    EXECUTE 'ALTER TABLE \"Post\" ADD COLUMN \"extra\" TEXT';\nEND $$;\n";
    let project = Project::new(
        "lint-options-fallback",
        &[
            ("20240101000000_setup", SETUP),
            ("20240102000000_dynamic", added),
            (
                "20240103000000_drop",
                "ALTER TABLE \"Post\" DROP COLUMN \"extra\";\n",
            ),
        ],
    );
    let lint = |extra: &[&str]| {
        let mut args = vec!["migrate", "lint", "--format", "json"];
        args.extend_from_slice(extra);
        let mut command = project.command(&args);
        command
            .env_remove("DATABASE_URL")
            .env_remove("SHADOW_DATABASE_URL");
        command.output().unwrap()
    };
    let refused = lint(&[]);
    assert_eq!(refused.status.code(), Some(1));
    let stderr = text(&refused.stderr);
    assert!(
        stderr.contains("20240102000000_dynamic/migration.sql:1:1")
            && stderr.contains("--shadow-database-url"),
        "{stderr}"
    );
    let _serial = support::one_at_a_time();
    let shadow = plumb_testkit::database();
    let fell_back = lint(&["--shadow-database-url", shadow.url()]);
    assert_eq!(
        fell_back.status.code(),
        Some(2),
        "{}",
        text(&fell_back.stderr)
    );
    assert!(
        text(&fell_back.stderr).starts_with("The offline replay stopped at prisma/migrations/20240102000000_dynamic/migration.sql:1:1"),
        "{}",
        text(&fell_back.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&fell_back.stdout).unwrap();
    assert_eq!(report["findings"][0]["code"], "drop-column");
    assert!(
        report["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("`Post`.`extra`"),
        "{report}"
    );
    // In a shadow database from the start, the same; offline only, the
    // refusal again.
    let shadow_only = lint(&["--replay", "shadow", "--shadow-database-url", shadow.url()]);
    assert_eq!(
        shadow_only.status.code(),
        Some(2),
        "{}",
        text(&shadow_only.stderr)
    );
    assert_eq!(text(&shadow_only.stdout), text(&fell_back.stdout));
    let offline = lint(&["--replay", "offline", "--shadow-database-url", shadow.url()]);
    assert_eq!(offline.status.code(), Some(1));
}

/// Beside `migrate diff`'s script, the first findings and a count of the
/// rest: 25 dropped tables would bury the output.
fn many_findings() {
    let tables: String = (0..25)
        .map(|i| format!("CREATE TABLE \"t{i}\" (\"id\" INTEGER PRIMARY KEY);\n"))
        .collect();
    let project = Project::new("lint-options-many", &[("20240101000000_tables", &tables)]);
    std::fs::write(
        project.path().join("prisma/migrations/migration_lock.toml"),
        "provider = \"postgresql\"\n",
    )
    .unwrap();
    let output = project.migrate(&[
        "diff",
        "--from-migrations",
        "prisma/migrations",
        "--to-schema",
        "prisma/schema.prisma",
        "--script",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let stderr = text(&output.stderr);
    assert_eq!(stderr.matches("error[drop-table]").count(), 20, "{stderr}");
    assert!(
        // 25 drops, and the lock-timeout finding about them all.
        stderr.ends_with("… and 6 more hazards, not shown here: `--format json` lists them all.\n\n26 hazards found in 1 migration.\n"),
        "{stderr}"
    );
    // `migrate lint` shows them all.
    std::fs::create_dir_all(project.path().join("prisma/migrations/20240102000000_drop")).unwrap();
    let drops: String = (0..25).map(|i| format!("DROP TABLE \"t{i}\";\n")).collect();
    std::fs::write(
        project
            .path()
            .join("prisma/migrations/20240102000000_drop/migration.sql"),
        drops,
    )
    .unwrap();
    let linted = text(&project.migrate(&["lint"]).stdout);
    assert_eq!(linted.matches("error[drop-table]").count(), 25, "{linted}");
}

fn check(case: &Case) -> Result<(), String> {
    let setup = std::fs::read_to_string(case.path.join("../setup.sql")).unwrap();
    let migration = std::fs::read_to_string(case.path.join("migration.sql")).unwrap();
    let database = plumb_testkit::database();
    let mut client = database.connect();
    for script in [&setup, &migration] {
        plumb_migrate::history::apply::run_script(&mut client, script)
            .map_err(|error| format!("the fixture does not run on PostgreSQL: {error:?}"))?;
    }

    let project = Project::new(
        &format!("lint-{}", case.name),
        &[
            ("20240101000000_setup", setup.as_str()),
            ("20240102000000_change", migration.as_str()),
        ],
    );
    std::fs::write(
        project.path().join("prisma/migrations/migration_lock.toml"),
        plumb_migrate::history::folder::LOCK_FILE_TEXT,
    )
    .unwrap();
    let human = project.migrate(&["lint"]);
    let json = project.migrate(&["lint", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout)
        .map_err(|_| format!("{}{}", text(&json.stdout), text(&json.stderr)))?;
    let codes: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    if !codes.contains(&case.name.as_str()) {
        return Err(format!("`{}` did not fire: {codes:?}", case.name));
    }
    let errors = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["severity"] == "error");
    let expected = if errors { 2 } else { 0 };
    if human.status.code() != Some(expected) {
        return Err(format!(
            "exit {:?}, expected {expected}",
            human.status.code()
        ));
    }
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        insta::assert_snapshot!(format!("lint_{}_human", case.name), text(&human.stdout));
        insta::assert_snapshot!(format!("lint_{}_json", case.name), text(&json.stdout));
    });
    Ok(())
}
