//! `plumb migrate deploy`: Prisma's output around the library's deploy.

use plumb_migrate::database::CommandError;
use plumb_migrate::deploy::deploy;

use crate::args::ConnectionArgs;
use crate::exit::{Failure, print_text};

pub fn run(args: &ConnectionArgs) -> Result<u8, Failure> {
    let target = super::database_target(args)?;
    let mut failed_output = None;
    let applied = deploy(&target.url, &target.migrations, &mut |line| {
        if let Err(failure) = print_text(&format!("{line}\n")) {
            failed_output.get_or_insert(failure);
        }
    })
    .map_err(command_failure)?;
    if let Some(failure) = failed_output {
        return Err(failure);
    }
    print_text(&applied_text(&applied))?;
    Ok(0)
}

/// Prisma's closing lines: the migrations applied, as a tree, or none.
fn applied_text(applied: &[String]) -> String {
    if applied.is_empty() {
        return "No pending migrations to apply.\n".to_string();
    }
    let noun = if applied.len() == 1 {
        "migration has"
    } else {
        "migrations have"
    };
    let mut text = format!("\nThe following {noun} been applied:\n\nmigrations/\n");
    for name in applied {
        text.push_str(&format!("  └─ {name}/\n    └─ migration.sql\n"));
    }
    text.push_str("\nAll migrations have been successfully applied.\n");
    text
}

pub(crate) fn command_failure(error: CommandError) -> Failure {
    Failure::Message(error.to_string())
}
