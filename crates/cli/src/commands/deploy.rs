//! `plumb migrate deploy`: Prisma's output around the library's deploy,
//! blank lines where Prisma's CLI puts them
//! (`docs/reference/prisma-history-commands.md` §2).

use plumb_migrate::deploy::{Progress, deploy, found_line};

use crate::args::ConnectionArgs;
use crate::exit::{Failure, print_text};

pub fn run(args: &ConnectionArgs) -> Result<u8, Failure> {
    let target = super::database_target(args)?;
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
            Progress::Found(count) => write(format!("\n{}\n\n", found_line(count))),
            Progress::Applying(name) => write(format!("Applying migration `{name}`\n")),
        },
    );
    // A failure is reported (and exits 1) even when standard output closed.
    let applied = match applied {
        Ok(applied) => applied,
        Err(error) => {
            if output.is_ok() && !connected {
                // Prisma's connection check leaves a blank line before its error.
                let _ = print_text("\n");
            }
            return Err(super::command_failure(error));
        }
    };
    output?;
    print_text(&format!("\n{}\n", applied_text(&applied)))?;
    Ok(0)
}

/// Prisma's closing lines: the migrations applied, as a tree, or none.
fn applied_text(applied: &[String]) -> String {
    if applied.is_empty() {
        return "No pending migrations to apply.".to_string();
    }
    format!(
        "The following migration(s) have been applied:\n\n{}\n\nAll migrations have been successfully applied.",
        super::applied_tree(applied)
    )
}
