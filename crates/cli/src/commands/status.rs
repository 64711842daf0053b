//! `plumb migrate status`: Prisma's texts, streams and exit codes
//! (`docs/reference/prisma-history-commands.md` §3), and the two reports
//! plumb adds (`plumb_migrate::status::Report`).

use plumb_migrate::{messages, status};

use crate::args::MigrateStatusArgs;
use crate::exit::{Failure, print_text, print_texts};

pub fn run(args: &MigrateStatusArgs) -> Result<u8, Failure> {
    if args.fleet.is_fleet() {
        return super::fleet::run(&args.connection, &args.fleet, super::fleet::Work::Status);
    }
    let target = super::database_target(&args.connection)?;
    let diagnosis = status::diagnose(&target.url, &target.migrations)?;
    let folder = super::migrations_as_shown(&target);
    print_text(&format!(
        "\n{}\n",
        messages::found(diagnosis.local.len(), &folder)
    ))?;
    let report = diagnosis.report();
    print_texts(&messages::status(&report))?;
    Ok(report.exit_status())
}
