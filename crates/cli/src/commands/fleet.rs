//! `plumb migrate deploy --fleet`: the fleet read (a file or a query), the
//! databases deployed at once up to `--concurrency`, a line as each
//! finishes, then the report (a table or JSON); exit 1 if any failed or
//! could not be reached. Ctrl-C starts no new database and lets running
//! ones finish.

use std::sync::atomic::Ordering;

use plumb_migrate::fleet::{self, Options, Shard};
use plumb_migrate::messages;

use crate::args::{ConnectionArgs, FleetArgs, FleetFormat};
use crate::exit::{ERROR, Failure, eprint_text, print_text};

/// What is done on each database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Work {
    Deploy,
    Status,
}

pub fn run(connection: &ConnectionArgs, args: &FleetArgs, work: Work) -> Result<u8, Failure> {
    // Bad flags first, before anything is read.
    let shard = args.shard.as_deref().map(Shard::parse).transpose()?;
    // The main database is only the one --fleet-query runs on.
    let target = super::quiet_target(connection)?;
    let urls = match (&args.fleet, &args.fleet_query) {
        (Some(file), _) => fleet::read_file(file)?,
        (None, Some(sql)) => fleet::query(&target.url, sql)?,
        (None, None) => Vec::new(),
    };
    if urls.is_empty() {
        return Err(Failure::Message(messages::FLEET_EMPTY.to_string()));
    }
    let options = Options {
        concurrency: args.concurrency,
        fail_fast: args.fail_fast,
        canary: args.canary,
        shard,
    };
    let cancel = crate::interrupt::stop_flag();
    let progress = |member: &fleet::Member, done: usize, total: usize| {
        eprint_text(&messages::fleet_progress(member, done, total));
    };
    let members = match work {
        Work::Deploy => fleet::deploy(&urls, &target.migrations, &options, cancel, &progress),
        Work::Status => fleet::status(&urls, &target.migrations, &options, cancel, &progress),
    };
    let text = match args.format {
        FleetFormat::Table => messages::fleet_report(&members),
        FleetFormat::Json => fleet::json(&members),
    };
    print_text(&text)?;
    // Deploy fails on a failure; status, as for one database, unless
    // every database is up to date.
    let failed = match work {
        Work::Deploy => members.iter().any(|m| m.outcome.is_failure()),
        Work::Status => members.iter().any(|m| !m.outcome.is_up_to_date()),
    };
    let cancelled = cancel.load(Ordering::SeqCst);
    Ok(if cancelled {
        crate::exit::CANCELLED
    } else if failed {
        ERROR
    } else {
        0
    })
}
