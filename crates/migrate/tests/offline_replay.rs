//! The offline replay against PostgreSQL: every case of `fixtures/diff/`
//! as a migrations folder (its `setup.sql`, `from.sql`, then the
//! migration that passed there — Prisma's `expected.sql`, or plumb's
//! `plumb.sql` where Prisma's does not run), every folder of
//! `fixtures/replay/` (hand-written SQL) and of `fixtures/history/` (a
//! folder written by Prisma, with CRLF line ends, a function, a concurrent
//! index, data and a new enum value) is run on a real database and
//! introspected, and replayed offline; the two IRs must be equal.

mod support;

use std::path::Path;
use std::process::ExitCode;

use plumb_testkit::cases::{self, Case};

fn main() -> ExitCode {
    let mut trials = cases::trials("offline_replay", support::cases(|_| true), check);
    let folders = cases::discover("replay", |path| path.join("migrations").is_dir());
    trials.extend(cases::trials(
        "offline_replay_folder",
        folders,
        check_folder,
    ));
    let histories = cases::discover("history", |path| path.join("migrations").is_dir());
    trials.extend(cases::trials(
        "offline_replay_history",
        histories,
        check_folder,
    ));
    let refused = cases::discover("replay/refused", |path| {
        path.join("migration.sql").is_file()
    });
    trials.extend(cases::trials(
        "offline_replay_refused",
        refused,
        check_refused,
    ));
    cases::run(trials)
}

/// A script the replay must refuse, where `expected.txt` says and why: as
/// not modelled when PostgreSQL runs it, as failing when PostgreSQL fails.
fn check_refused(case: &Case) -> Result<(), String> {
    let script =
        std::fs::read_to_string(case.path.join("migration.sql")).map_err(|e| e.to_string())?;
    let expected =
        std::fs::read_to_string(case.path.join("expected.txt")).map_err(|e| e.to_string())?;
    let database = plumb_testkit::database();
    let runs = plumb_migrate::history::apply::run_script(&mut database.connect(), &script).is_ok();
    let migration = plumb_replay::Migration {
        name: "case",
        path: "migration.sql",
        script: &script,
    };
    let Err(refusal) = plumb_replay::replay(&[migration], "public", &[]) else {
        return Err("the replay did not refuse".into());
    };
    let kind = if runs {
        plumb_replay::RefusalKind::Unsupported
    } else {
        plumb_replay::RefusalKind::Fails
    };
    if refusal.kind != kind {
        return Err(format!(
            "refused as {:?}, but PostgreSQL {}",
            refusal.kind,
            if runs { "runs it" } else { "fails" }
        ));
    }
    let got = format!("{}:{} {}", refusal.line, refusal.column, refusal.reason);
    if got.trim() != expected.trim() {
        return Err(format!("expected {expected}\n     got {got}"));
    }
    Ok(())
}

/// A migrations folder's scripts, in order.
fn folder_scripts(case: &Path) -> Vec<(String, String)> {
    let folder = case.join("migrations");
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap_or_else(|error| panic!("{}: {error}", folder.display()))
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().join("migration.sql").is_file())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let script = std::fs::read_to_string(folder.join(&name).join("migration.sql"))
                .unwrap_or_else(|error| panic!("{name}: {error}"));
            (name, script)
        })
        .collect()
}

fn check_folder(case: &Case) -> Result<(), String> {
    compare(&folder_scripts(&case.path))
}

/// The case's scripts, in the order they run.
fn scripts(case: &Path) -> Vec<(String, String)> {
    let last = if case.join("plumb.sql").is_file() {
        "plumb.sql"
    } else {
        "expected.sql"
    };
    ["setup.sql", "from.sql", last]
        .into_iter()
        .filter_map(|file| {
            let script = std::fs::read_to_string(case.join(file)).ok()?;
            Some((file.to_string(), script))
        })
        .collect()
}

fn check(case: &Case) -> Result<(), String> {
    compare(&scripts(&case.path))
}

/// Runs `scripts` on a new database and offline; what differs.
fn compare(scripts: &[(String, String)]) -> Result<(), String> {
    let database = plumb_testkit::database();
    let mut client = database.connect();
    for (file, script) in scripts {
        plumb_migrate::history::apply::run_script(&mut client, script).map_err(|error| {
            format!("{file} failed on PostgreSQL: {}", support::message(&error))
        })?;
    }
    let namespaces: Vec<String> = client
        .query(
            "SELECT nspname::text FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY 1",
            &[],
        )
        .map_err(|e| e.to_string())?
        .iter()
        .map(|row| row.get(0))
        .collect();
    let names: Vec<&str> = namespaces.iter().map(String::as_str).collect();
    let online = plumb_introspect::introspect(&mut client, &names, "public")
        .map_err(|e| e.to_string())?
        .schema;
    let migrations: Vec<plumb_replay::Migration<'_>> = scripts
        .iter()
        .map(|(file, script)| plumb_replay::Migration {
            name: file,
            path: file,
            script,
        })
        .collect();
    let offline = plumb_replay::replay(&migrations, "public", &names).map_err(|refusal| {
        format!(
            "the replay refused:\n{}",
            refusal.render(plumb_diagnostics::ColorChoice::Never)
        )
    })?;
    match plumb_testkit::compare::difference(&online, &offline) {
        None => Ok(()),
        Some(difference) => Err(difference),
    }
}
