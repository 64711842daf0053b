//! `plumb migrate dev`: Prisma 7's order of events and texts
//! (`docs/reference/prisma-dev-commands.md` §1). Nothing in the database
//! changes before the history is found sound; nothing is destroyed
//! without a yes.

use std::path::Path;

use plumb_migrate::deploy::Progress;
use plumb_migrate::dev::{Dev, Diagnosis, slug};
use plumb_migrate::plan::Plan;

use crate::args::MigrateDevArgs;
use crate::exit::{Failure, eprint_text, print_text};
use crate::interactive;

/// Exit status when a reset is needed or the user says no.
const CANCELLED: u8 = 130;

const NON_INTERACTIVE: &str = "Prisma Migrate has detected that the environment is non-interactive, which is not supported.

`prisma migrate dev` is an interactive command designed to create new migrations and evolve the database in development.
To apply existing migrations in deployments, use prisma migrate deploy.
See https://pris.ly/d/migrate-deploy";

pub fn run(args: &MigrateDevArgs) -> Result<u8, Failure> {
    crate::interrupt::drop_shadow_databases_on_interrupt();
    let (mut target, loaded) = super::schema_and_target(&args.connection)?;
    if let Some(url) = &args.shadow_database_url {
        target.shadow = Some(url.clone());
    }
    print_text("\n")?;
    let mut dev = Dev::open(&target, &loaded).map_err(super::command_failure)?;
    let created_database = dev.created.clone();
    if let Some(created) = &created_database {
        print_text(&format!("{created}\n\n"))?;
    }
    if let Diagnosis::ResetNeeded(reason) = dev.diagnose().map_err(super::command_failure)? {
        print_text(&format!(
            "{reason}\n{}\n\nYou may use prisma migrate reset to drop the development database.\nAll data will be lost.\n",
            plumb_migrate::dev::reset_message(&target)
        ))?;
        return Ok(CANCELLED);
    }
    let pending = apply(&mut dev)?;
    if !pending.is_empty() {
        print_text(&format!(
            "\nThe following migration(s) have been applied:\n\n{}\n",
            super::applied_tree(&pending)
        ))?;
    }
    let plan = dev.plan().map_err(super::command_failure)?;
    if let Some(status) = weigh_data_loss(&plan, args.create_only)? {
        return Ok(status);
    }
    let name = if plan.is_empty && !args.create_only {
        String::new()
    } else {
        match migration_name(args.name.as_deref())? {
            Some(name) => name,
            None => {
                print_text("Canceled by user.\n")?;
                return Ok(CANCELLED);
            }
        }
    };
    let written = dev
        .create(&plan, &name, args.create_only)
        .map_err(super::command_failure)?;
    if args.create_only {
        let written = written.unwrap_or_default();
        print_text(&format!(
            "Prisma Migrate created the following migration without applying it {written}\n\nYou can now edit it and apply it by running prisma migrate dev.\n"
        ))?;
        return Ok(0);
    }
    let created = apply(&mut dev)?;
    if !pending.is_empty() {
        print_text("\n")?;
    }
    if !created.is_empty() {
        print_text(&format!(
            "\nThe following migration(s) have been created and applied from new schema changes:\n\n{}\n\nYour database is now in sync with your schema.\n",
            super::tree(&tree_root(&target.migrations), &created)
        ))?;
    } else if !pending.is_empty() {
        print_text("Your database is now in sync with your schema.\n")?;
    } else {
        print_text("Already in sync, no schema change or pending migration was found.\n")?;
    }
    print_text("\n")?;
    if created_database.is_some() && !args.skip_seed {
        super::seed::after_migrations()?;
    }
    Ok(0)
}

/// Applies what is pending, printing Prisma's line for each migration.
fn apply(dev: &mut Dev<'_>) -> Result<Vec<String>, Failure> {
    let mut output = Ok(());
    let applied = dev.apply_pending(&mut |progress| {
        if let (Progress::Applying(name), Ok(())) = (progress, &output) {
            output = print_text(&format!("Applying migration `{name}`\n"));
        }
    });
    // A failure is reported even when standard output closed.
    let applied = applied.map_err(super::command_failure)?;
    output?;
    Ok(applied)
}

/// Prints what the migration cannot do or would destroy; refuses
/// unexecutable steps (unless drafting) and asks before data loss. The
/// exit status when the run ends here.
fn weigh_data_loss(plan: &Plan, create_only: bool) -> Result<Option<u8>, Failure> {
    let loss = &plan.data_loss;
    if !loss.unexecutable.is_empty() {
        print_text("\n")?;
        let steps: Vec<String> = loss
            .unexecutable
            .iter()
            .map(|(step, message)| format!("  • Step {step} {message}"))
            .collect();
        let block = format!(
            "\n⚠️ We found changes that cannot be executed:\n\n{}",
            steps.join("\n")
        );
        if !create_only {
            return Err(Failure::Message(format!(
                "{block}\n\nYou can use prisma migrate dev --create-only to create the migration file, and manually modify it to address the underlying issue(s).\nThen run prisma migrate dev to apply it and verify it works.\n"
            )));
        }
        eprint_text(&format!("{block}\n\n"));
    }
    if !loss.warnings.is_empty() {
        let mut text = "\n⚠️  Warnings for the current datasource:\n\n".to_string();
        for warning in &loss.warnings {
            text.push_str(&format!("  • {warning}\n"));
        }
        text.push('\n');
        print_text(&text)?;
        if !interactive::can_prompt_here() {
            return Err(Failure::Message(NON_INTERACTIVE.to_string()));
        }
        let question = if create_only {
            "Are you sure you want to create this migration?"
        } else {
            "Are you sure you want to create and apply this migration?"
        };
        if !interactive::confirm(question)? {
            print_text("Migration cancelled.\n")?;
            return Ok(Some(CANCELLED));
        }
    }
    Ok(None)
}

/// The new migration's name: `--name` slugified, else asked for on a
/// terminal; without one (CI, a pipe) it is empty, and the directory is
/// the timestamp alone. `None` when the user cancelled.
fn migration_name(given: Option<&str>) -> Result<Option<String>, Failure> {
    if let Some(name) = given.filter(|name| !name.is_empty()) {
        return Ok(Some(slug::slugify(name)));
    }
    if !interactive::can_prompt_here() {
        return Ok(Some(String::new()));
    }
    Ok(interactive::ask("Enter a name for the new migration:")?.map(|name| slug::slugify(&name)))
}

/// The folder as the closing tree names it: relative to where the user
/// is, with `/`.
fn tree_root(folder: &Path) -> String {
    let base = std::env::current_dir().unwrap_or_default();
    let relative = folder.strip_prefix(&base).unwrap_or(folder);
    relative
        .components()
        .map(|part| part.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
