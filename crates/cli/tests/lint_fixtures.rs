//! `plumb migrate lint` on `fixtures/lint/<code>/`: each rule's fixture is
//! a second migration after `fixtures/lint/setup.sql`; the rule must fire
//! (and the close case written beside it must not), the SQL must run on
//! PostgreSQL, and the human and JSON reports are snapshots.

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

mod support;

use std::process::ExitCode;

use plumb_testkit::cases::{self, Case};
use support::{Project, text};

fn main() -> ExitCode {
    let rules = cases::discover("lint", |path| path.join("migration.sql").is_file());
    cases::run(cases::trials("lint", rules, check))
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
