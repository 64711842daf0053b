//! The offline replay against PostgreSQL: every case of `fixtures/diff/`
//! as a migrations folder (its `setup.sql`, `from.sql`, then the
//! migration that passed there — Prisma's `expected.sql`, or plumb's
//! `plumb.sql` where Prisma's does not run) is run on a real database and
//! introspected, and replayed offline; the two IRs must be equal.

mod support;

use std::path::Path;
use std::process::ExitCode;

use plumb_testkit::cases::{self, Case};

fn main() -> ExitCode {
    let all = support::cases(|_| true);
    cases::run(cases::trials("offline_replay", all, check))
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
    let scripts = scripts(&case.path);
    let database = plumb_testkit::database();
    let mut client = database.connect();
    for (file, script) in &scripts {
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
