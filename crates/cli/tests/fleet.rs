//! Fleet deploy (issue 24) against real databases on the testkit's server:
//! a failing database and an unreachable one do not stop the others, the
//! report names both, a second run finishes the fixed one; two fleet runs
//! at once apply each migration once per database.

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

mod support;

use std::process::Stdio;

use support::{Project, one_at_a_time, text};

const MIGRATIONS: [(&str, &str); 2] = [
    (
        "20240101000000_init",
        "CREATE TABLE \"User\" (\"id\" SERIAL NOT NULL, \"email\" TEXT NOT NULL, CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\"));\n",
    ),
    (
        "20240102000000_post",
        "CREATE TABLE \"Post\" (\"id\" SERIAL NOT NULL, \"title\" TEXT NOT NULL, CONSTRAINT \"Post_pkey\" PRIMARY KEY (\"id\"));\n",
    ),
];

/// `_prisma_migrations`, as Prisma creates it.
const HISTORY_TABLE: &str = "CREATE TABLE _prisma_migrations (id VARCHAR(36) PRIMARY KEY NOT NULL, checksum VARCHAR(64) NOT NULL, finished_at TIMESTAMPTZ, migration_name VARCHAR(255) NOT NULL, logs TEXT, rolled_back_at TIMESTAMPTZ, started_at TIMESTAMPTZ NOT NULL DEFAULT now(), applied_steps_count INTEGER NOT NULL DEFAULT 0);";

fn history(database: &plumb_testkit::TestDatabase) -> Vec<(String, bool)> {
    let mut client = database.connect();
    let exists: bool = client
        .query_one("SELECT to_regclass('_prisma_migrations') IS NOT NULL", &[])
        .unwrap()
        .get(0);
    if !exists {
        return Vec::new();
    }
    client
        .query(
            "SELECT migration_name, finished_at IS NOT NULL FROM _prisma_migrations ORDER BY migration_name, started_at",
            &[],
        )
        .unwrap()
        .iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect()
}

/// `count` fresh databases, listed in the project's `fleet.txt`.
fn fleet_of(project: &Project, count: usize) -> Vec<plumb_testkit::TestDatabase> {
    let databases: Vec<plumb_testkit::TestDatabase> =
        (0..count).map(|_| plumb_testkit::database()).collect();
    let fleet: String = databases.iter().map(|d| format!("{}\n", d.url())).collect();
    std::fs::write(project.path().join("fleet.txt"), fleet).unwrap();
    databases
}

fn applied() -> Vec<(String, bool)> {
    MIGRATIONS
        .iter()
        .map(|(name, _)| (name.to_string(), true))
        .collect()
}

#[test]
fn a_failing_and_an_unreachable_database_do_not_stop_the_fleet() {
    let _server = one_at_a_time();
    let project = Project::new("fleet", &MIGRATIONS);
    let databases: Vec<plumb_testkit::TestDatabase> =
        (0..49).map(|_| plumb_testkit::database()).collect();
    // One database, managed but empty, already has the table the first
    // migration creates: that migration fails there.
    let conflicting = &databases[17];
    conflicting
        .connect()
        .batch_execute(&format!(
            "{HISTORY_TABLE}\nCREATE TABLE \"User\" (id integer)"
        ))
        .unwrap();
    let unreachable = "postgresql://tenant:s3cr3t-pw@127.0.0.1:1/nowhere";
    let mut fleet = String::from("# the tenants\n\n");
    for (i, database) in databases.iter().enumerate() {
        if i == 3 {
            // A URL from the environment.
            fleet.push_str("env(TENANT_THREE)  # from a variable\n");
        } else {
            fleet.push_str(&format!("{}\n", database.url()));
        }
    }
    fleet.push_str(&format!("{unreachable}\n"));
    std::fs::write(project.path().join("fleet.txt"), fleet).unwrap();

    let run = |format: &str| {
        let mut command = project.command(&[
            "migrate",
            "deploy",
            "--fleet",
            "fleet.txt",
            "--concurrency",
            "8",
            "--format",
            format,
            "--url",
            databases[0].url(),
        ]);
        command.env("TENANT_THREE", databases[3].url());
        command.output().unwrap()
    };
    let first = run("table");
    assert_eq!(first.status.code(), Some(1), "{}", text(&first.stderr));
    let report = text(&first.stdout);
    assert!(
        report.contains(&format!(
            "{} FAILED at 20240101000000_init",
            plumb_introspect::redacted(conflicting.url())
        )),
        "{report}"
    );
    assert!(report.contains("127.0.0.1:1/nowhere"), "{report}");
    assert!(report.contains("UNREACHABLE"), "{report}");
    assert!(
        report.contains("50 database(s): 48 applied migrations, 0 already up to date, 1 failed, 1 unreachable, 0 not run."),
        "{report}"
    );
    for output in [&report, &text(&first.stderr)] {
        assert!(
            !output.contains("s3cr3t-pw"),
            "a password was printed:\n{output}"
        );
    }
    for (i, database) in databases.iter().enumerate() {
        if i != 17 {
            assert_eq!(history(database), applied(), "database {i}");
        }
    }
    assert_eq!(
        history(conflicting),
        [("20240101000000_init".to_string(), false)]
    );

    // migrate status --fleet says the same.
    let mut status = project.command(&[
        "migrate",
        "status",
        "--fleet",
        "fleet.txt",
        "--format",
        "json",
        "--url",
        databases[0].url(),
    ]);
    status.env("TENANT_THREE", databases[3].url());
    let status = status.output().unwrap();
    assert_eq!(status.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_str(&text(&status.stdout)).unwrap();
    assert_eq!(report["summary"]["upToDate"], 48, "{report}");
    assert_eq!(report["summary"]["failed"], 1);
    assert_eq!(report["summary"]["unreachable"], 1);
    assert_eq!(
        report["databases"][17]["failedMigration"],
        "20240101000000_init"
    );

    // Fixed by hand, as after a failed deploy; the second run finishes it.
    conflicting
        .connect()
        .batch_execute("DROP TABLE \"User\"")
        .unwrap();
    let resolved = project.plumb(&[
        "migrate",
        "resolve",
        "--rolled-back",
        "20240101000000_init",
        "--url",
        conflicting.url(),
    ]);
    assert_eq!(
        resolved.status.code(),
        Some(0),
        "{}",
        text(&resolved.stderr)
    );
    let second = run("json");
    let report: serde_json::Value = serde_json::from_str(&text(&second.stdout)).unwrap();
    assert_eq!(report["version"], 1);
    assert_eq!(report["summary"]["applied"], 1);
    assert_eq!(report["summary"]["upToDate"], 48);
    assert_eq!(report["summary"]["unreachable"], 1);
    assert_eq!(
        report["databases"][17]["applied"],
        serde_json::json!(["20240101000000_init", "20240102000000_post"])
    );
    assert_eq!(
        second.status.code(),
        Some(1),
        "the unreachable one is still there"
    );
}

#[test]
fn two_fleet_runs_at_once_apply_each_migration_once() {
    let _server = one_at_a_time();
    let project = Project::new("fleet-twice", &MIGRATIONS);
    let databases = fleet_of(&project, 12);
    let spawn = || {
        let mut command = project.command(&[
            "migrate",
            "deploy",
            "--fleet",
            "fleet.txt",
            "--concurrency",
            "6",
            "--url",
            databases[0].url(),
        ]);
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
        command.spawn().unwrap()
    };
    let (one, two) = (spawn(), spawn());
    for run in [
        one.wait_with_output().unwrap(),
        two.wait_with_output().unwrap(),
    ] {
        assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    }
    for (i, database) in databases.iter().enumerate() {
        assert_eq!(history(database), applied(), "database {i}");
    }
    // plumb.toml's [fleet] makes the fleet the default.
    std::fs::write(
        project.path().join("plumb.toml"),
        "[fleet]\nfile = \"fleet.txt\"\nconcurrency = 3\n",
    )
    .unwrap();
    let status = project.plumb(&["migrate", "status", "--url", databases[0].url()]);
    assert_eq!(status.status.code(), Some(0), "{}", text(&status.stderr));
    assert!(
        text(&status.stdout)
            .contains("12 database(s): 0 applied migrations, 12 already up to date"),
        "{}",
        text(&status.stdout)
    );
}

#[test]
fn shards_split_the_fleet_and_a_canary_stops_a_bad_rollout() {
    let _server = one_at_a_time();
    let project = Project::new("fleet-shards", &MIGRATIONS);
    let databases = fleet_of(&project, 6);
    // A canary of two, the first of which fails: nothing else is touched.
    databases[0]
        .connect()
        .batch_execute("CREATE TABLE \"User\" (id integer)")
        .unwrap();
    let canary = project.plumb(&[
        "migrate",
        "deploy",
        "--fleet",
        "fleet.txt",
        "--canary",
        "2",
        "--concurrency",
        "1",
        "--url",
        databases[0].url(),
    ]);
    assert_eq!(canary.status.code(), Some(1));
    assert!(
        text(&canary.stdout).contains("4 not run."),
        "{}",
        text(&canary.stdout)
    );
    for database in &databases[2..] {
        assert!(history(database).is_empty());
    }
    databases[0]
        .connect()
        .batch_execute("DROP TABLE \"User\"; DROP TABLE IF EXISTS _prisma_migrations")
        .unwrap();
    // Three shards cover the fleet once.
    let mut deployed = 0;
    for shard in ["1/3", "2/3", "3/3"] {
        let run = project.plumb(&[
            "migrate",
            "deploy",
            "--fleet",
            "fleet.txt",
            "--shard",
            shard,
            "--format",
            "json",
            "--url",
            databases[0].url(),
        ]);
        assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
        let report: serde_json::Value = serde_json::from_str(&text(&run.stdout)).unwrap();
        deployed += report["databases"].as_array().unwrap().len();
    }
    assert_eq!(deployed, databases.len());
    for database in &databases {
        assert_eq!(history(database), applied());
    }
    let bad = project.plumb(&[
        "migrate",
        "deploy",
        "--fleet",
        "fleet.txt",
        "--shard",
        "4/3",
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(text(&bad.stderr).contains("is not a shard"));
}

/// Ctrl-C starts no new database: the running ones finish (each migration
/// whole, in its transaction), the report says what was done and what was
/// not run, and the exit status is 130.
#[test]
fn ctrl_c_lets_running_deploys_finish_and_reports() {
    let _server = one_at_a_time();
    let project = Project::new(
        "fleet-interrupted",
        &[(
            "20240101000000_slow",
            "CREATE TABLE \"T\" (id integer);\nSELECT pg_sleep(0.4);\n",
        )],
    );
    let databases = fleet_of(&project, 20);
    let mut command = project.command(&[
        "migrate",
        "deploy",
        "--fleet",
        "fleet.txt",
        "--concurrency",
        "2",
        "--url",
        databases[0].url(),
    ]);
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    let child = command.spawn().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1000));
    let pid = i32::try_from(child.id()).unwrap();
    // SAFETY: sends a signal to the child this test started.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(130), "{}", text(&output.stderr));
    let report = text(&output.stdout);
    assert!(report.contains("not run"), "{report}");
    let mut deployed = 0;
    for database in &databases {
        match history(database).as_slice() {
            [] => {}
            [(_, true)] => deployed += 1,
            other => panic!("a deploy was cut short: {other:?}"),
        }
    }
    assert!(
        deployed > 0 && deployed < databases.len(),
        "{deployed} deployed"
    );
    assert!(
        report.contains(&format!("{deployed} applied migrations")),
        "{report}"
    );
}
