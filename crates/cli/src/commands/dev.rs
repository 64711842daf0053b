//! `plumb migrate dev`: Prisma 7's order of events and texts
//! (`docs/reference/prisma-dev-commands.md` §1). Nothing in the database
//! changes before the history is found sound; nothing is destroyed
//! without a yes (`plumb_migrate::consent`).

use plumb_diagnostics::ColorChoice;
use plumb_migrate::consent::{self, Situation, Verdict};
use plumb_migrate::dev::{self, Dev, Diagnosis, NameChoice, slug};
use plumb_migrate::{lint, messages};

use crate::args::MigrateDevArgs;
use crate::exit::{CANCELLED, Failure, eprint_text, print_text};
use crate::prompt;

pub fn run(args: &MigrateDevArgs) -> Result<u8, Failure> {
    crate::interrupt::drop_shadow_databases_on_interrupt();
    let (mut target, loaded) = super::schema_and_target(&args.connection)?;
    if let Some(url) = &args.shadow_database_url {
        target.shadow = Some(url.clone());
    }
    print_text("\n")?;
    let mut dev = Dev::open(&target, &loaded)?;
    let created_database = dev.created.clone();
    if let Some(created) = &created_database {
        print_text(&format!("{created}\n\n"))?;
    }
    if let Diagnosis::ResetNeeded(reason) = dev.diagnose()? {
        print_text(&messages::reset_needed(&reason, &target))?;
        return Ok(CANCELLED);
    }
    let pending = super::applying(|progress| dev.apply_pending(progress))?;
    if !pending.is_empty() {
        let tree = messages::applied_tree(&pending);
        print_text(&messages::pending_applied(&tree))?;
    }
    let mut decide = crate::renames::decider(&args.rename, &loaded)?;
    let plan = dev.plan(
        plumb_migrate::config::Config::script_plan(args.online)?,
        &mut decide,
    )?;
    crate::renames::report(&plan.renames)?;
    let loss = &plan.data_loss;
    let can_prompt = prompt::can_prompt_here();
    let situation = Situation {
        drafting: args.create_only,
        accepted: false,
        can_prompt,
    };
    let verdict = consent::verdict(loss, situation);
    if !loss.unexecutable.is_empty() {
        print_text("\n")?;
        let block = messages::unexecutable_steps(loss);
        if verdict == Verdict::RefuseUnexecutable {
            return Err(Failure::Message(messages::unexecutable_refused(&block)));
        }
        eprint_text(&format!("{block}\n\n"));
    }
    if !loss.warnings.is_empty() {
        print_text(&messages::dev_warnings(loss))?;
    }
    match verdict {
        Verdict::RefuseNonInteractive => {
            return Err(Failure::Message(messages::DEV_NON_INTERACTIVE.to_string()));
        }
        Verdict::Ask if !prompt::confirm(messages::dev_question(args.create_only))? => {
            print_text(messages::MIGRATION_CANCELLED)?;
            return Ok(CANCELLED);
        }
        _ => {}
    }
    let name = if plan.is_empty && !args.create_only {
        String::new()
    } else {
        match dev::migration_name(args.name.as_deref(), can_prompt) {
            NameChoice::Given(name) => name,
            NameChoice::Unnamed => String::new(),
            NameChoice::Ask => match prompt::ask(messages::NAME_QUESTION)? {
                Some(answer) => slug::slugify(&answer),
                None => {
                    print_text(messages::NAME_CANCELLED)?;
                    return Ok(CANCELLED);
                }
            },
        }
    };
    let written = dev.create(&plan, &name, args.create_only)?;
    let working_directory = std::env::current_dir().unwrap_or_default();
    let root = dev::folder_as_shown(&target.migrations, &working_directory);
    // The hazards of the new file, before it is applied (or edited).
    if let Some(directory) = written.as_deref().filter(|_| !args.no_lint) {
        let report = dev.lint(&plan, directory, &root)?;
        if !report.is_empty() {
            eprint_text(&lint::human_at_most(
                &report,
                ColorChoice::for_stderr(),
                lint::SHOWN_BESIDE_OUTPUT,
            ));
        }
    }
    if args.create_only {
        print_text(&messages::draft_created(&written.unwrap_or_default()))?;
        return Ok(0);
    }
    let created = super::applying(|progress| dev.apply_pending(progress))?;
    let tree = (!created.is_empty()).then(|| messages::tree(&root, &created));
    print_text(&messages::dev_done(tree.as_deref(), !pending.is_empty()))?;
    if created_database.is_some() && !args.skip_seed {
        super::seed::after_migrations()?;
    }
    Ok(0)
}
