//! `plumb migrate resolve --applied NAME | --rolled-back NAME`.

use plumb_migrate::messages;
use plumb_migrate::resolve::{Resolution, resolve};

use crate::args::MigrateResolveArgs;
use crate::exit::{Failure, print_text};

pub fn run(args: &MigrateResolveArgs) -> Result<u8, Failure> {
    let target = super::database_target(&args.connection)?;
    let resolution = Resolution::from_flags(args.applied.as_deref(), args.rolled_back.as_deref())?;
    resolve(&target.url, &target.migrations, &resolution)?;
    print_text(&messages::resolved(&resolution))?;
    Ok(0)
}
