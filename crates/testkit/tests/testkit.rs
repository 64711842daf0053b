//! The testkit's promises: isolated databases, cleanup of databases, and no
//! server left running after the test process ends.

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use plumb_testkit::database;

#[test]
fn concurrent_tests_get_isolated_databases() {
    let workers: Vec<_> = ["left", "right"]
        .into_iter()
        .map(|marker| {
            std::thread::spawn(move || {
                let db = database();
                let mut client = db.connect();
                // The same table name in both databases: no clash if isolated.
                client
                    .batch_execute(&format!(
                        "CREATE TABLE t (marker text); INSERT INTO t VALUES ('{marker}')"
                    ))
                    .unwrap();
                std::thread::sleep(Duration::from_millis(200));
                let rows: Vec<String> = client
                    .query("SELECT marker FROM t", &[])
                    .unwrap()
                    .iter()
                    .map(|r| r.get(0))
                    .collect();
                assert_eq!(rows, [marker]);
                db.name().to_string()
            })
        })
        .collect();
    let names: Vec<String> = workers.into_iter().map(|w| w.join().unwrap()).collect();
    assert_ne!(names[0], names[1]);
}

#[test]
fn a_database_starts_empty() {
    let db = database();
    let tables: i64 = db
        .connect()
        .query_one(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(tables, 0);
}

#[test]
fn dropping_the_handle_drops_the_database() {
    let observer = database();
    let doomed = database();
    let name = doomed.name().to_string();
    let exists = |name: &str| -> bool {
        observer
            .connect()
            .query_one(
                "SELECT EXISTS (SELECT FROM pg_database WHERE datname = $1)",
                &[&name],
            )
            .unwrap()
            .get(0)
    };
    // A session still open on it must not stop the drop.
    let _open_session = doomed.connect();
    assert!(exists(&name));
    drop(doomed);
    assert!(!exists(&name));
}

#[test]
fn the_url_names_the_database() {
    let db = database();
    let current: String = db
        .connect()
        .query_one("SELECT current_database()", &[])
        .unwrap()
        .get(0);
    assert_eq!(current, db.name());
    assert!(db.url().starts_with("postgresql://"), "{}", db.name());
    assert!(
        db.url().contains(&format!("/{}", db.name())),
        "{}",
        db.name()
    );
}

// --- the cluster does not outlive its test process -----------------------
//
// These start this very test binary again as a child that runs only
// `helper_cluster_report`, which starts a local cluster and prints its
// postmaster's pid and directory; then they end the child and look.

const HELPER_ENV: &str = "PLUMB_TESTKIT_HELPER";

#[test]
#[ignore = "run by the cleanup tests in a child process"]
fn helper_cluster_report() {
    let Ok(mode) = std::env::var(HELPER_ENV) else {
        return;
    };
    let _db = database();
    let (pid, dir) = plumb_testkit::local_cluster_process().expect("a local cluster");
    println!("cluster pid={pid} dir={}", dir.display());
    if mode == "hang" {
        std::thread::sleep(Duration::from_secs(120));
    }
}

struct Helper {
    child: std::process::Child,
    pid: u32,
    dir: String,
}

fn start_helper(mode: &str) -> Helper {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "helper_cluster_report",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(HELPER_ENV, mode)
        // The cleanup being tested is the local cluster's.
        .env_remove("PLUMB_TEST_DATABASE_URL")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    while let Some(line) = lines.next() {
        let line = line.unwrap();
        // libtest prints `test helper_cluster_report ... ` on the same line.
        if let Some((_, rest)) = line.split_once("cluster pid=") {
            let (pid, dir) = rest.split_once(" dir=").unwrap();
            // Keep reading: a closed pipe would make the helper's last words fail.
            std::thread::spawn(move || lines.for_each(drop));
            return Helper {
                child,
                pid: pid.parse().unwrap(),
                dir: dir.to_string(),
            };
        }
    }
    panic!(
        "the helper exited without reporting its cluster: {:?}",
        child.wait()
    );
}

/// Gone, or a zombie waiting for a parent that will never reap it.
fn process_is_gone(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z')),
    }
}

fn wait_until_gone(pid: u32, within: Duration) -> bool {
    let deadline = Instant::now() + within;
    while Instant::now() < deadline {
        if process_is_gone(pid) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    process_is_gone(pid)
}

#[test]
fn the_cluster_stops_when_the_test_process_exits() {
    let mut helper = start_helper("exit");
    let status = helper.child.wait().unwrap();
    assert!(status.success(), "helper failed: {status}");
    // The exit handler waits for the server, so it is gone already.
    assert!(
        process_is_gone(helper.pid),
        "postmaster {} survived its test process",
        helper.pid
    );
    assert!(
        !Path::new(&helper.dir).exists(),
        "{} was left behind",
        helper.dir
    );
}

#[test]
fn the_cluster_stops_when_the_test_process_is_killed() {
    let mut helper = start_helper("hang");
    assert!(
        !process_is_gone(helper.pid),
        "the postmaster should run while its process lives"
    );
    helper.child.kill().unwrap();
    helper.child.wait().unwrap();
    assert!(
        wait_until_gone(helper.pid, Duration::from_secs(20)),
        "postmaster {} survived the SIGKILL of its test process",
        helper.pid
    );
    // Nothing could clean up after a SIGKILL; the next cluster to start does.
    let _ = std::fs::remove_dir_all(&helper.dir);
}
