//! The texts of `migrate dev` (`docs/reference/prisma-dev-commands.md`
//! §1) and of the shadow database it replays the migrations in.

use crate::data_loss::DataLoss;
use crate::datasource::Target;

pub const DEV_NON_INTERACTIVE: &str = "plumb has detected that the environment is non-interactive, which is not supported.

`plumb migrate dev` is an interactive command designed to create new migrations and evolve the database in development.
To apply existing migrations in deployments, use plumb migrate deploy.
See https://pris.ly/d/migrate-deploy";

/// Why the development database must be reset, what would be reset, and
/// how.
pub fn reset_needed(reason: &str, target: &Target) -> String {
    let schemas = if target.schemas.is_empty() {
        format!("the \"{}\" schema", target.url.schema)
    } else {
        format!("the following schemas: \"{}\"", target.schemas.join(", "))
    };
    format!(
        "{reason}\nWe need to reset {schemas} at \"{}\"\n\nYou may use plumb migrate reset to drop the development database.\nAll data will be lost.\n",
        target.url.server()
    )
}

/// The pending migrations `migrate dev` applied before planning.
pub fn pending_applied(tree: &str) -> String {
    format!("\nThe following migration(s) have been applied:\n\n{tree}\n")
}

/// The block listing steps that cannot run on the data, with their step
/// numbers (`migrate dev`).
pub fn unexecutable_steps(loss: &DataLoss) -> String {
    let steps: Vec<String> = loss
        .unexecutable
        .iter()
        .map(|(step, message)| format!("  • Step {step} {message}"))
        .collect();
    format!(
        "\n⚠️ We found changes that cannot be executed:\n\n{}",
        steps.join("\n")
    )
}

/// `migrate dev`'s refusal of unexecutable steps, after the block.
pub fn unexecutable_refused(block: &str) -> String {
    format!(
        "{block}\n\nYou can use plumb migrate dev --create-only to create the migration file, and manually modify it to address the underlying issue(s).\nThen run plumb migrate dev to apply it and verify it works.\n"
    )
}

/// The data-loss warnings of `migrate dev`.
pub fn dev_warnings(loss: &DataLoss) -> String {
    let mut text = "\n⚠️  Warnings for the current datasource:\n\n".to_string();
    for warning in &loss.warnings {
        text.push_str(&format!("  • {warning}\n"));
    }
    text.push('\n');
    text
}

pub fn dev_question(create_only: bool) -> &'static str {
    if create_only {
        "Are you sure you want to create this migration?"
    } else {
        "Are you sure you want to create and apply this migration?"
    }
}

pub const MIGRATION_CANCELLED: &str = "Migration cancelled.\n";

pub const NAME_QUESTION: &str = "Enter a name for the new migration:";

pub const NAME_CANCELLED: &str = "Canceled by user.\n";

/// `--create-only`'s closing text.
pub fn draft_created(directory: &str) -> String {
    format!(
        "plumb created the following migration without applying it {directory}\n\nYou can now edit it and apply it by running plumb migrate dev.\n"
    )
}

/// `migrate dev`'s closing text: what was created and applied, or that
/// nothing needed to be.
pub fn dev_done(created_tree: Option<&str>, applied_pending: bool) -> String {
    let mut text = String::new();
    if applied_pending {
        text.push('\n');
    }
    match created_tree {
        Some(tree) => text.push_str(&format!(
            "\nThe following migration(s) have been created and applied from new schema changes:\n\n{tree}\n\nYour database is now in sync with your schema.\n"
        )),
        None if applied_pending => text.push_str("Your database is now in sync with your schema.\n"),
        None => text.push_str("Already in sync, no schema change or pending migration was found.\n"),
    }
    text.push('\n');
    text
}

/// P3010.
pub const NAME_TOO_LONG: &str =
    "The name of the migration is too long. It must not be longer than 200 characters (bytes).";

pub fn directory_exists(directory: &std::path::Path) -> String {
    format!(
        "The migration directory already exists at {}",
        directory.display()
    )
}

pub fn cannot_create_folder(path: &std::path::Path, error: &std::io::Error) -> String {
    format!("Could not create {}/: {error}", path.display())
}

pub fn cannot_write(path: &std::path::Path, error: &std::io::Error) -> String {
    format!("Could not write {}: {error}", path.display())
}

/// P3014; `code` is Prisma's `Error code: X\n` line.
pub fn shadow_not_created(code: &str, message: &str) -> String {
    format!(
        "plumb could not create the shadow database. Please make sure the database user has permission to create databases. Read more about the shadow database (and workarounds) at https://pris.ly/d/migrate-shadow\n\nOriginal error: {code}\n{message}"
    )
}

/// P3006; `code` is Prisma's `Error code: X\n` line.
pub fn shadow_replay_failed(migration: &str, code: &str, message: &str) -> String {
    format!(
        "Migration `{migration}` failed to apply cleanly to the shadow database. \n{code}Error:\n{message}"
    )
}

pub const SHADOW_IS_MAIN: &str = "The shadow database you configured appears to be the same as the main database. Please specify another shadow database.";

/// A server older than plumb supports.
pub fn unsupported_server(version: &str) -> String {
    format!(
        "This database server runs PostgreSQL {version}; plumb supports PostgreSQL 13 and later. Upgrade the server, or use a tool that supports it."
    )
}
