//! `plumb migrate reset`: Prisma's order of events — header, ensure the
//! database exists, confirm (or refuse without a terminal), the AI-agent
//! guard, then reset and re-apply (`docs/reference/prisma-history-commands.md` §5).

use plumb_migrate::consent::{self, Situation, Verdict};
use plumb_migrate::interaction::process_env;
use plumb_migrate::{database, guard, messages, reset};

use crate::args::MigrateResetArgs;
use crate::exit::{CANCELLED, Failure, print_text};
use crate::prompt;

pub fn run(args: &MigrateResetArgs) -> Result<u8, Failure> {
    let target = super::database_target(&args.connection)?;
    let created = database::ensure_exists(&target.url).map_err(super::after_blank_line)?;
    if let Some(created) = created {
        print_text(&format!("\n{created}\n"))?;
    }
    print_text("\n")?;
    let situation = Situation {
        accepted: args.force,
        can_prompt: prompt::can_prompt_here(),
        drafting: false,
    };
    match consent::destructive(situation) {
        Verdict::RefuseNonInteractive => {
            return Err(Failure::Message(
                messages::RESET_NON_INTERACTIVE.to_string(),
            ));
        }
        Verdict::Ask => {
            let yes = prompt::confirm(messages::RESET_QUESTION)?;
            print_text("\n")?;
            if !yes {
                print_text(messages::RESET_CANCELLED)?;
                return Ok(CANCELLED);
            }
        }
        Verdict::Apply | Verdict::RefuseUnexecutable => {}
    }
    guard::check(&process_env)?;
    let applied = super::applying(|progress| {
        reset::reset(&target.url, &target.migrations, &target.schemas, progress)
    })?;
    print_text(&messages::reset_done(&applied))?;
    if !args.skip_seed {
        super::seed::after_migrations()?;
    }
    Ok(0)
}
