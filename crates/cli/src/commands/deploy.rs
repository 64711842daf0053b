//! `plumb migrate deploy`: Prisma's output around the library's deploy,
//! blank lines where Prisma's CLI puts them
//! (`docs/reference/prisma-history-commands.md` §2).

use plumb_migrate::deploy::{Progress, deploy};
use plumb_migrate::messages;

use crate::args::{ConnectionArgs, MigrateDeployArgs};
use crate::exit::{Failure, print_text};

pub fn run(args: &MigrateDeployArgs) -> Result<u8, Failure> {
    if args.fleet.is_fleet() {
        return super::fleet::run(&args.connection, &args.fleet, super::fleet::Work::Deploy);
    }
    single(&args.connection)
}

fn single(args: &ConnectionArgs) -> Result<u8, Failure> {
    let target = super::database_target(args)?;
    let folder = super::migrations_as_shown(&target);
    let mut output = Ok(());
    let mut connected = false;
    let mut write = |text: String| {
        if output.is_ok() {
            output = print_text(&text);
        }
    };
    let applied = deploy(
        &target.url,
        &target.migrations,
        &mut |progress| match progress {
            Progress::Connected(created) => {
                connected = true;
                if let Some(line) = created {
                    write(format!("\n{line}\n"));
                }
            }
            Progress::Found(count) => {
                write(format!("\n{}\n\n", messages::found(count, &folder)));
            }
            Progress::Applying(name) => write(messages::applying(&name)),
        },
    );
    // A failure is reported (and exits 1) even when standard output closed.
    let applied = match applied {
        Ok(applied) => applied,
        Err(error) if output.is_ok() && !connected => return Err(super::after_blank_line(error)),
        Err(error) => return Err(error.into()),
    };
    output?;
    print_text(&messages::deployed(&applied))?;
    Ok(0)
}
