//! `plumb db seed`, and the seeding `migrate dev` (after creating the
//! database) and `migrate reset` do, with Prisma 6's texts.

use std::path::Path;

use plumb_migrate::interaction::process_env;
use plumb_migrate::{messages, seed};

use crate::args::DbSeedArgs;
use crate::exit::{ERROR, Failure, eprint_text, print_text};

pub fn run(args: &DbSeedArgs) -> Result<u8, Failure> {
    match seed::command(Path::new(""))? {
        Some(command) => run_seed(&command, &args.args).map(|()| 0),
        None => print_text(messages::SEED_NOT_CONFIGURED).map(|()| 0),
    }
}

/// Runs the seed command, if one is configured and not skipped, as
/// `migrate dev` and `migrate reset` do: after a blank line.
pub fn after_migrations() -> Result<(), Failure> {
    if let Some(command) = seed::after_migrations(Path::new(""), &process_env)? {
        print_text("\n")?;
        run_seed(&command, &[])?;
    }
    Ok(())
}

fn run_seed(command: &str, args: &[String]) -> Result<(), Failure> {
    print_text(&messages::seed_running(command))?;
    let status = seed::run(command, args)?;
    if status.success() {
        return print_text(messages::SEEDED);
    }
    eprint_text(&messages::seed_failed(command, args, status.code()));
    Err(Failure::Exit(ERROR))
}
