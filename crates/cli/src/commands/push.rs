//! `plumb db push`: Prisma 7's order of events and texts
//! (`docs/reference/prisma-dev-commands.md` §3). Unexecutable steps stop
//! it; data loss needs `--accept-data-loss` or a yes
//! (`plumb_migrate::consent`).

use std::time::Instant;

use plumb_migrate::consent::{self, Situation, Verdict};
use plumb_migrate::interaction::process_env;
use plumb_migrate::push::Push;
use plumb_migrate::{guard, messages};

use crate::args::DbPushArgs;
use crate::exit::{CANCELLED, Failure, print_text};
use crate::prompt;

pub fn run(args: &DbPushArgs) -> Result<u8, Failure> {
    let (target, loaded) = super::schema_and_target(&args.connection)?;
    let mut push = Push::open(&target, &loaded).map_err(super::after_blank_line)?;
    if let Some(created) = &push.created {
        print_text(&format!("\n{created}\n"))?;
    }
    if args.force_reset {
        print_text("\n")?;
        guard::check(&process_env)?;
        push.reset()?;
        print_text(&messages::push_reset(&target))?;
    }
    if args.accept_data_loss {
        guard::check(&process_env)?;
    }
    let started = Instant::now();
    let mut decide = crate::renames::decider(&args.rename, &loaded)?;
    let plan = push.plan(&mut decide)?;
    crate::renames::report(&plan.renames)?;
    let loss = &plan.data_loss;
    let situation = Situation {
        drafting: false,
        accepted: args.accept_data_loss,
        can_prompt: prompt::can_prompt_here(),
    };
    let verdict = consent::verdict(loss, situation);
    if verdict == Verdict::RefuseUnexecutable {
        print_text("\n")?;
        return Err(Failure::Message(messages::push_unexecutable(loss)));
    }
    if !loss.warnings.is_empty() {
        print_text(&messages::push_warnings(loss))?;
    }
    match verdict {
        Verdict::RefuseNonInteractive => {
            return Err(Failure::Message(messages::PUSH_NON_INTERACTIVE.to_string()));
        }
        Verdict::Ask => {
            print_text("\n")?;
            if !prompt::confirm(messages::PUSH_QUESTION)? {
                print_text(messages::PUSH_CANCELLED)?;
                return Ok(CANCELLED);
            }
            guard::check(&process_env)?;
        }
        Verdict::Apply | Verdict::RefuseUnexecutable => {}
    }
    push.apply(&plan)?;
    let changed = args.force_reset || !loss.warnings.is_empty() || !plan.is_empty;
    print_text(&messages::pushed(changed, started.elapsed()))?;
    Ok(0)
}
