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
    // The flags, else plumb.toml's [fleet].
    let config = plumb_migrate::config::Config::find(std::path::Path::new(""))?;
    let configured = config.as_ref().and_then(|(_, c)| c.fleet.as_ref());
    let config_file = config.as_ref().and_then(|(path, c)| c.fleet_file(path));
    let urls = match (&args.fleet, &args.fleet_query) {
        (Some(file), _) => fleet::read_file(file)?,
        (None, Some(sql)) => fleet::query(&target.url, sql)?,
        (None, None) => match (&config_file, configured.and_then(|f| f.query.as_ref())) {
            (Some(file), _) => fleet::read_file(file)?,
            (None, Some(sql)) => fleet::query(&target.url, sql)?,
            (None, None) => Vec::new(),
        },
    };
    if urls.is_empty() {
        return Err(Failure::Message(messages::FLEET_EMPTY.to_string()));
    }
    let options = Options {
        concurrency: args
            .concurrency
            .or_else(|| configured.and_then(|f| f.concurrency))
            .unwrap_or(4),
        fail_fast: args.fail_fast,
        canary: args.canary,
        shard,
    };
    let cancel = crate::interrupt::stop_flag();
    // On a terminal one line counts up, and only problems stay; in CI
    // (no terminal) each database gets its line.
    let terminal = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let progress = |member: &fleet::Member, done: usize, total: usize| {
        let line = messages::fleet_progress(member, done, total);
        if !terminal {
            eprint_text(&line);
        } else if member.outcome.is_failure() {
            eprint_text(&format!("\r\x1b[K{line}"));
        } else {
            eprint_text(&format!("\r\x1b[K{}", line.trim_end()));
        }
    };
    let members = match work {
        Work::Deploy => fleet::deploy(&urls, &target.migrations, &options, cancel, &progress),
        Work::Status => fleet::status(&urls, &target.migrations, &options, cancel, &progress),
    };
    if terminal {
        eprint_text("\n");
    }
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
