//! `plumb migrate reset`: Prisma's order of events — header, ensure the
//! database exists, confirm (or refuse without a terminal), the AI-agent
//! guard, then reset and re-apply (`docs/reference/prisma-history-commands.md` §5).

use plumb_migrate::deploy::Progress;

use crate::args::MigrateResetArgs;
use crate::exit::{Failure, print_text};
use crate::{ai_guard, interactive};

const NON_INTERACTIVE: &str = "Prisma Migrate has detected that the environment is non-interactive. It is recommended to run this command in an interactive environment.\n\nUse --force to run this command without user interaction.\nSee https://pris.ly/d/migrate-reset";

/// Exit status when the user says no.
const CANCELLED: u8 = 130;

pub fn run(args: &MigrateResetArgs) -> Result<u8, Failure> {
    let target = super::database_target(&args.connection)?;
    let created = match plumb_migrate::database::ensure_exists(&target.url) {
        Ok(created) => created,
        Err(error) => {
            // Prisma's connection check leaves a blank line before its error.
            print_text("\n")?;
            return Err(super::command_failure(error));
        }
    };
    if let Some(created) = created {
        print_text(&format!("\n{created}\n"))?;
    }
    print_text("\n")?;
    if !args.force {
        if !interactive::can_prompt_here() {
            return Err(Failure::Message(NON_INTERACTIVE.to_string()));
        }
        let yes = interactive::confirm(
            "Are you sure you want to reset your database? All data will be lost.",
        )?;
        print_text("\n")?;
        if !yes {
            print_text("Reset cancelled.\n")?;
            return Ok(CANCELLED);
        }
    }
    ai_guard::check(&interactive::process_env).map_err(Failure::Message)?;
    let mut output = Ok(());
    let applied = plumb_migrate::reset::reset(
        &target.url,
        &target.migrations,
        &target.schemas,
        &mut |progress| {
            if let (Progress::Applying(name), Ok(())) = (progress, &output) {
                output = print_text(&format!("Applying migration `{name}`\n"));
            }
        },
    );
    // A failure is reported (and exits 1) even when standard output closed.
    let applied = applied.map_err(super::command_failure)?;
    output?;
    if applied.is_empty() {
        print_text("Database reset successful\n\n\n")?;
    } else {
        print_text(&format!(
            "\nDatabase reset successful\n\nThe following migration(s) have been applied:\n\n{}\n\n",
            super::applied_tree(&applied)
        ))?;
    }
    if !args.skip_seed {
        super::seed::after_migrations()?;
    }
    Ok(0)
}
