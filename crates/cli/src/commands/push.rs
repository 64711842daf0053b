//! `plumb db push`: Prisma 7's order of events and texts
//! (`docs/reference/prisma-dev-commands.md` §3). Unexecutable steps stop
//! it; data loss needs `--accept-data-loss` or a yes.

use std::time::Instant;

use plumb_migrate::push::Push;

use crate::args::DbPushArgs;
use crate::exit::{Failure, print_text};
use crate::{ai_guard, interactive};

/// Exit status when the user says no.
const CANCELLED: u8 = 130;

pub fn run(args: &DbPushArgs) -> Result<u8, Failure> {
    let (target, loaded) = super::schema_and_target(&args.connection)?;
    let mut push = match Push::open(&target, &loaded) {
        Ok(push) => push,
        Err(error) => {
            print_text("\n")?;
            return Err(super::command_failure(error));
        }
    };
    if let Some(created) = &push.created {
        print_text(&format!("\n{created}\n"))?;
    }
    if args.force_reset {
        print_text("\n")?;
        ai_guard::check(&interactive::process_env).map_err(Failure::Message)?;
        push.reset().map_err(super::command_failure)?;
        print_text(&format!("{}\n", push.reset_line()))?;
    }
    if args.accept_data_loss {
        ai_guard::check(&interactive::process_env).map_err(Failure::Message)?;
    }
    let started = Instant::now();
    let plan = push.plan().map_err(super::command_failure)?;
    let loss = &plan.data_loss;
    if !loss.unexecutable.is_empty() {
        print_text("\n")?;
        let mut parts = vec!["\n⚠️ We found changes that cannot be executed:\n".to_string()];
        parts.extend(
            loss.unexecutable
                .iter()
                .map(|(_, message)| format!("  • {message}")),
        );
        return Err(Failure::Message(format!(
            "{}\n\nYou may use the --force-reset flag to drop the database before push like prisma db push --force-reset\nAll data will be lost.\n      ",
            parts.join("\n")
        )));
    }
    if !loss.warnings.is_empty() {
        let mut text = "\n⚠️  There might be data loss when applying the changes:\n\n".to_string();
        for warning in &loss.warnings {
            text.push_str(&format!("  • {warning}\n\n"));
        }
        text.push('\n');
        print_text(&text)?;
        if !args.accept_data_loss {
            if !interactive::can_prompt_here() {
                return Err(Failure::Message(
                    "Use the --accept-data-loss flag to ignore the data loss warnings like prisma db push --accept-data-loss"
                        .to_string(),
                ));
            }
            print_text("\n")?;
            if !interactive::confirm("Do you want to ignore the warning(s)?")? {
                print_text("Push cancelled.\n")?;
                return Ok(CANCELLED);
            }
            ai_guard::check(&interactive::process_env).map_err(Failure::Message)?;
        }
    }
    push.apply(&plan).map_err(super::command_failure)?;
    if !args.force_reset && loss.warnings.is_empty() && plan.is_empty {
        print_text("\nThe database is already in sync with the Prisma schema.\n\n")?;
    } else {
        print_text(&format!(
            "\n🚀  Your database is now in sync with your Prisma schema. Done in {}\n\n",
            elapsed(started)
        ))?;
    }
    Ok(0)
}

/// Prisma's duration: whole milliseconds under a second, else seconds
/// with two decimals.
fn elapsed(started: Instant) -> String {
    let millis = started.elapsed().as_millis();
    if millis < 1000 {
        format!("{millis}ms")
    } else {
        format!("{:.2}s", millis as f64 / 1000.0)
    }
}
