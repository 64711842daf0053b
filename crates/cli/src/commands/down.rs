//! `plumb migrate down`: the plan, the data it would lose (asked about on
//! a terminal, refused without one unless `--force`), then the rollback;
//! `--write` saves the scripts it made instead.

use plumb_migrate::down::{self, Options};
use plumb_migrate::messages;

use crate::args::MigrateDownArgs;
use crate::exit::{CANCELLED, Failure, print_text};
use crate::prompt;

pub fn run(args: &MigrateDownArgs) -> Result<u8, Failure> {
    let target = super::database_target(&args.connection)?;
    let options = Options {
        steps: args.steps,
        to: args.to.clone(),
    };
    let planned = down::plan(&target, &options)?;
    if args.write {
        let written = down::write(&target, &planned)?;
        print_text(&messages::down_written(&written))?;
        return Ok(0);
    }
    if planned.undos.is_empty() {
        print_text("Nothing to roll back.\n")?;
        return Ok(0);
    }
    let listed: Vec<(String, bool)> = planned
        .undos
        .iter()
        .map(|u| (u.name.clone(), u.generated))
        .collect();
    print_text(&messages::down_plan(&listed))?;
    for undo in planned.undos.iter().filter(|u| u.generated) {
        print_text(&format!("\n-- {} (made)\n{}", undo.name, undo.script))?;
    }
    if !planned.data_loss.warnings.is_empty() {
        print_text(&messages::dev_warnings(&planned.data_loss))?;
    }
    if !args.force {
        if !prompt::can_prompt_here() {
            return Err(Failure::Message(messages::DOWN_NON_INTERACTIVE.to_string()));
        }
        if !prompt::confirm(messages::DOWN_QUESTION)? {
            return Ok(CANCELLED);
        }
    }
    let done = down::run(planned, &mut |_| {})?;
    print_text(&format!("\n{}", messages::down_done(&done)))?;
    Ok(0)
}
