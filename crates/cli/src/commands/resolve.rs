//! `plumb migrate resolve --applied NAME | --rolled-back NAME`.

use plumb_migrate::resolve::{Resolution, resolve};

use crate::args::MigrateResolveArgs;
use crate::exit::{Failure, print_text};

pub fn run(args: &MigrateResolveArgs) -> Result<u8, Failure> {
    let target = super::database_target(&args.connection)?;
    // `--applied ""` counts as missing, as for Prisma.
    let given = |flag: &Option<String>| flag.clone().filter(|name| !name.is_empty());
    let resolution = match (given(&args.applied), given(&args.rolled_back)) {
        (Some(name), None) => Resolution::Applied(name),
        (None, Some(name)) => Resolution::RolledBack(name),
        (Some(_), Some(_)) => {
            return Err(Failure::Message(
                "Pass either --applied or --rolled-back, not both.".to_string(),
            ));
        }
        (None, None) => {
            return Err(Failure::Message(
                "--applied or --rolled-back must be part of the command like:\nprisma migrate resolve --applied 20201231000000_example\nprisma migrate resolve --rolled-back 20201231000000_example".to_string(),
            ));
        }
    };
    resolve(&target.url, &target.migrations, &resolution).map_err(super::command_failure)?;
    let (name, what) = match &resolution {
        Resolution::Applied(name) => (name, "applied"),
        Resolution::RolledBack(name) => (name, "rolled back"),
    };
    print_text(&format!("\nMigration {name} marked as {what}.\n\n"))?;
    Ok(0)
}
