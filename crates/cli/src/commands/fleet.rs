//! `plumb migrate deploy --fleet`: the fleet read (a file or a query), the
//! databases deployed at once up to `--concurrency`, a line as each
//! finishes, then the report (a table or JSON); exit 1 if any failed or
//! could not be reached. Ctrl-C starts no new database and lets running
//! ones finish.

use std::sync::atomic::Ordering;

use plumb_migrate::fleet::{self, Options, Shard};
use plumb_migrate::messages;

use crate::args::{FleetFormat, MigrateDeployArgs};
use crate::exit::{ERROR, Failure, eprint_text, print_text};

pub fn run(args: &MigrateDeployArgs) -> Result<u8, Failure> {
    // Bad flags first, before anything is read.
    let shard = args.shard.as_deref().map(Shard::parse).transpose()?;
    // The main database is only the one --fleet-query runs on.
    let target = super::quiet_target(&args.connection)?;
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
    let members = fleet::deploy(
        &urls,
        &target.migrations,
        &options,
        cancel,
        &|member, done, total| eprint_text(&messages::fleet_progress(member, done, total)),
    );
    let text = match args.format {
        FleetFormat::Table => messages::fleet_report(&members),
        FleetFormat::Json => fleet::json(&members),
    };
    print_text(&text)?;
    let failed = members.iter().any(|m| m.outcome.is_failure());
    let cancelled = cancel.load(Ordering::SeqCst);
    Ok(if cancelled {
        crate::exit::CANCELLED
    } else if failed {
        ERROR
    } else {
        0
    })
}
