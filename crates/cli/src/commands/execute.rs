//! `plumb db execute --file F | --stdin`: runs a SQL script on the
//! database, with Prisma's checks and texts (`docs/reference/prisma-history-commands.md` §6).
//! No header lines: Prisma prints neither the schema nor the datasource.

use plumb_migrate::{execute, messages};

use crate::args::DbExecuteArgs;
use crate::exit::{Failure, print_text};

pub fn run(args: &DbExecuteArgs) -> Result<u8, Failure> {
    let (script, database) = execute::arguments(
        args.file.as_deref(),
        args.stdin,
        args.connection.url.as_deref(),
        args.connection.schema.schema.as_deref(),
    )?;
    let script = execute::read(&script, &mut std::io::stdin())?;
    let url = execute::url(&database)?;
    execute::execute(&url, &script)?;
    print_text(messages::EXECUTED)?;
    Ok(0)
}
