//! Long histories, replayed offline and on PostgreSQL: random schema
//! evolutions chained into 60 migrations (plumb's SQL, with hand-written
//! comments, checks, data fixes, `DO` blocks, functions, triggers and
//! views between them) must give the same IR both ways, after every
//! migration of the history.

#![allow(clippy::print_stderr, reason = "a cut history says where it was cut")]

use std::process::ExitCode;

use libtest_mimic::{Arguments, Failed, Trial};

const SEEDS: std::ops::RangeInclusive<u64> = 1..=20;
const STEPS: usize = 60;

fn main() -> ExitCode {
    let trials = SEEDS
        .map(|seed| Trial::test(format!("history::{seed}"), move || check(seed)))
        .collect();
    libtest_mimic::run(&Arguments::from_args(), trials).exit_code()
}

fn check(seed: u64) -> Result<(), Failed> {
    let history = plumb_soundness::history::history(seed, STEPS, true)?.migrations;
    let database = plumb_testkit::database();
    let mut client = database.connect();
    let mut replay = plumb_replay::Replay::new("public");
    let mut ran = 0;
    for (name, script) in &history {
        if let Err(error) = plumb_migrate::history::apply::run_script(&mut client, script) {
            // plumb's own migration failed: the soundness fuzzer's business;
            // what ran so far is still compared.
            eprintln!(
                "{name} failed on PostgreSQL ({}); comparing the {ran} before it",
                error
                    .as_db_error()
                    .map_or(error.to_string(), |e| e.message().to_string())
            );
            break;
        }
        let migration = plumb_replay::Migration {
            name,
            path: name,
            script,
        };
        replay.apply(&migration).map_err(|refusal| {
            format!(
                "{}\n{script}",
                refusal.render(plumb_diagnostics::ColorChoice::Never)
            )
        })?;
        ran += 1;
        if ran % 10 == 0 || ran == history.len() {
            compare(&mut client, &replay, name)?;
        }
    }
    if ran < STEPS / 2 {
        return Err(format!("only {ran} of {STEPS} migrations ran").into());
    }
    compare(&mut client, &replay, "the last migration")
}

fn compare(
    client: &mut postgres::Client,
    replay: &plumb_replay::Replay,
    after: &str,
) -> Result<(), Failed> {
    let namespaces = ["extra", "public"];
    let online = plumb_introspect::introspect(client, &namespaces, "public")?.schema;
    let offline = replay.schema(&namespaces);
    match plumb_testkit::compare::difference(&online, &offline) {
        None => Ok(()),
        Some(difference) => Err(format!("after {after}:\n{difference}").into()),
    }
}
