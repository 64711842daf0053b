//! The texts of the history commands — `migrate deploy`, `status`,
//! `resolve`, `reset` — and of the errors the history gives
//! (`docs/reference/prisma-history-commands.md`).

use super::{Text, migrations_noun};
use crate::history::folder::PROVIDER;
use crate::history::table::AppliedMigration;
use crate::migrations_folder::Layout;
use crate::resolve::Resolution;
use crate::status::Report;

/// Prisma's line for the number of migrations in the folder, naming the
/// folder as shown (Prisma always says `prisma/migrations`).
pub fn found(count: usize, folder: &str) -> String {
    match count {
        0 => format!("No migration found in {folder}"),
        1 => format!("1 migration found in {folder}"),
        n => format!("{n} migrations found in {folder}"),
    }
}

/// Said when the migrations folder is where an older Prisma kept it, not
/// in the schema's folder; `None` otherwise.
pub fn migrations_folder_note(layout: Layout, folder: &str) -> Option<String> {
    match layout {
        Layout::Configured | Layout::SchemaFolder => None,
        Layout::DatasourceFile => Some(format!(
            "Migrations are read from {folder}, beside the file with the datasource (where Prisma 6.6 to 6.19 keeps them).\n"
        )),
        Layout::AboveSchemaFolder => Some(format!(
            "Migrations are read from {folder}, beside the schema folder (where Prisma 6.5 and earlier keeps them).\n"
        )),
    }
}

/// The line before each migration runs.
pub fn applying(name: &str) -> String {
    format!("Applying migration `{name}`\n")
}

/// Prisma's tree of applied migrations, without a final newline.
pub fn applied_tree(applied: &[String]) -> String {
    tree("migrations", applied)
}

/// The tree of migrations under `root`, without a final newline.
pub fn tree(root: &str, applied: &[String]) -> String {
    let mut tree = format!("{root}/");
    for name in applied {
        tree.push_str(&format!("\n  └─ {name}/\n    └─ migration.sql"));
    }
    tree
}

/// `migrate deploy`'s closing lines.
pub fn deployed(applied: &[String]) -> String {
    if applied.is_empty() {
        return "\nNo pending migrations to apply.\n".to_string();
    }
    format!(
        "\nThe following migration(s) have been applied:\n\n{}\n\nAll migrations have been successfully applied.\n",
        applied_tree(applied)
    )
}

/// `migrate status`'s report, after the line that counts the folder.
pub fn status(report: &Report) -> Vec<Text> {
    match report {
        Report::Behind { unapplied, failed } => {
            let mut texts = vec![Text::Out(format!(
                "Following {} have not yet been applied:\n{}\n\nTo apply migrations in development run plumb migrate dev.\nTo apply migrations in production run plumb migrate deploy.\n",
                migrations_noun(unapplied.len()),
                unapplied.join("\n")
            ))];
            texts.extend(also_failed(failed));
            texts
        }
        Report::Diverged {
            last_common,
            unapplied,
            missing,
            failed,
        } => {
            let mut texts = vec![Text::Err(format!(
                "Your local migration history and the migrations table from your database are different:\n\nThe last common migration is: {}\n\nThe {} have not yet been applied:\n{}\n\nThe {} from the database are not found locally in prisma/migrations:\n{}\n",
                last_common.as_deref().unwrap_or("null"),
                migrations_noun(unapplied.len()),
                unapplied.join("\n"),
                migrations_noun(missing.len()),
                missing.join("\n")
            ))];
            texts.extend(also_failed(failed));
            texts
        }
        Report::NotManaged => vec![Text::Err(
            "The current database is not managed by plumb.\n\nRead more about how to baseline an existing production database:\nhttps://pris.ly/d/migrate-baseline\n"
                .to_string(),
        )],
        Report::Failed(failed) => failed_texts(failed),
        Report::MissingLocally(missing) => vec![Text::Err(format!(
            "The following {} applied to the database but missing from the local migrations directory:\n{}\n\nRestore them in prisma/migrations (from version control), or the database and the folder no longer tell the same history.\n",
            if missing.len() > 1 {
                "migrations are"
            } else {
                "migration is"
            },
            missing.join("\n")
        ))],
        Report::UpToDate { edited } => {
            let mut texts = vec![Text::Out("\nDatabase schema is up to date!\n".to_string())];
            if !edited.is_empty() {
                let (were, they) = if edited.len() > 1 {
                    ("migrations were", "they were")
                } else {
                    ("migration was", "it was")
                };
                texts.push(Text::Err(format!(
                    "\nWarning: the following {were} modified after {they} applied (the file's checksum differs from the one recorded; line endings do not count):\n{}\n",
                    edited.join("\n")
                )));
            }
            texts
        }
    }
}

/// Prisma's failed-migrations text, with the resolve hints for the first.
fn failed_texts(failed: &[String]) -> Vec<Text> {
    let Some(first) = failed.first() else {
        return Vec::new();
    };
    vec![
        Text::Err(format!(
            "Following {} have failed:\n{}\n\nDuring development if the failed migration(s) have not been deployed to a production database you can then fix the migration(s) and run plumb migrate dev.\n\n",
            migrations_noun(failed.len()),
            failed.join("\n")
        )),
        Text::Err(format!(
            "The failed migration(s) can be marked as rolled back or applied:\n\n- If you rolled back the migration(s) manually:\nplumb migrate resolve --rolled-back \"{first}\"\n\n- If you fixed the database manually (hotfix):\nplumb migrate resolve --applied \"{first}\"\n\nRead more about how to resolve migration issues in a production database:\nhttps://pris.ly/d/migrate-resolve\n"
        )),
    ]
}

/// Beyond Prisma: failed migrations reported after pending or diverged
/// ones, which hide them in Prisma's report.
fn also_failed(failed: &[String]) -> Vec<Text> {
    if failed.is_empty() {
        return Vec::new();
    }
    let mut texts = vec![Text::Err("\n".to_string())];
    texts.extend(failed_texts(failed));
    texts
}

/// `migrate resolve`'s success.
pub fn resolved(resolution: &Resolution) -> String {
    let (name, what) = match resolution {
        Resolution::Applied(name) => (name, "applied"),
        Resolution::RolledBack(name) => (name, "rolled back"),
    };
    format!("\nMigration {name} marked as {what}.\n\n")
}

pub const RESOLVE_WITHOUT_FLAG: &str = "--applied or --rolled-back must be part of the command like:\nplumb migrate resolve --applied 20201231000000_example\nplumb migrate resolve --rolled-back 20201231000000_example";

pub const RESOLVE_WITH_BOTH_FLAGS: &str = "Pass either --applied or --rolled-back, not both.";

pub const RESET_NON_INTERACTIVE: &str = "plumb has detected that the environment is non-interactive. It is recommended to run this command in an interactive environment.\n\nUse --force to run this command without user interaction.\nSee https://pris.ly/d/migrate-reset";

pub const RESET_QUESTION: &str =
    "Are you sure you want to reset your database? All data will be lost.";

pub const RESET_CANCELLED: &str = "Reset cancelled.\n";

/// `migrate reset`'s closing lines.
pub fn reset_done(applied: &[String]) -> String {
    if applied.is_empty() {
        return "Database reset successful\n\n\n".to_string();
    }
    format!(
        "\nDatabase reset successful\n\nThe following migration(s) have been applied:\n\n{}\n\n",
        applied_tree(applied)
    )
}

/// The line `migrate deploy`, `reset`, `dev` and `db push` print when
/// they created the database.
pub fn database_created(database: &str, server: &str) -> String {
    format!("PostgreSQL database {database} created at {server}")
}

/// P3005.
pub const NOT_EMPTY: &str = "The database schema is not empty. Read more about how to baseline an existing production database: https://pris.ly/d/migrate-baseline";

/// P3009: the failed migrations, with their logs.
pub fn failed_migrations_block_deploy(failed: &[&AppliedMigration]) -> String {
    let mut text = "migrate found failed migrations in the target database, new migrations will not be applied. Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve\n".to_string();
    for row in failed {
        text.push_str(&format!(
            "The `{}` migration started at {} failed",
            row.migration_name, row.started_at
        ));
        match row.logs.as_deref() {
            Some(logs) if !logs.is_empty() => {
                text.push_str(" with the following logs:\n");
                text.push_str(logs);
            }
            _ => {}
        }
        text.push('\n');
    }
    text
}

/// P3018: the migration, the server's SQLSTATE and what it said (with
/// the statement's place and how plumb ran the script).
pub fn migration_failed(name: &str, code: &str, database_error: &str) -> String {
    format!(
        "A migration failed to apply. New migrations cannot be applied before the error is recovered from. Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve\n\nMigration name: {name}\n\nDatabase error code: {code}\n\nDatabase error:\n{database_error}\n"
    )
}

/// What plumb adds to P3018 for a migration run in one transaction.
pub const RAN_IN_ONE_TRANSACTION: &str =
    "plumb ran this migration in one transaction: none of it was applied.";

/// What plumb adds to P3018 for a migration run statement by statement.
pub fn ran_statement_by_statement(reason: &str) -> String {
    format!(
        "plumb ran this migration statement by statement (it contains {reason}): the statements before the failing one were applied."
    )
}

/// P3017.
pub fn migration_not_found(name: &str) -> String {
    format!(
        "The migration {name} could not be found. Please make sure that the migration exists, and that you included the whole name of the directory. (example: \"20201207184859_initial_migration\")"
    )
}

/// P3008.
pub fn already_applied(name: &str) -> String {
    format!("The migration `{name}` is already recorded as applied in the database.")
}

/// P3011.
pub fn never_applied(name: &str) -> String {
    format!(
        "Migration `{name}` cannot be rolled back because it was never applied to the database. Hint: did you pass in the whole migration name? (example: \"20201207184859_initial_migration\")"
    )
}

/// P3012.
pub fn not_failed(name: &str) -> String {
    format!("Migration `{name}` cannot be rolled back because it is not in a failed state.")
}

/// Prisma's uncoded error for `--rolled-back` without a history table.
pub const ROLLED_BACK_WITHOUT_HISTORY: &str =
    "Invariant violation: called markMigrationRolledBack on a database without migrations table.\n";

/// P1002.
pub fn lock_timed_out(server: &str, key: i64) -> String {
    format!(
        "The database server at `{server}` was reached but timed out.\n\nPlease try again.\n\nPlease make sure your database server is running at `{server}`.\n\nContext: Timed out trying to acquire a postgres advisory lock (SELECT pg_advisory_lock({key})). Timeout: 10000ms. See https://pris.ly/d/migrate-advisory-locking for details."
    )
}

/// P3015.
pub fn migration_file_missing(file: &std::path::Path) -> String {
    format!(
        "Could not find the migration file at {}. Please delete the directory or restore the migration file.",
        file.display()
    )
}

/// P3019.
pub fn provider_mismatch(provider: &str) -> String {
    format!(
        "The datasource provider `{PROVIDER}` specified in your schema does not match the one specified in the migration_lock.toml, `{provider}`. Please remove your current migration directory and start a new migration history with plumb migrate dev. Read more: https://pris.ly/d/migrate-provider-switch"
    )
}
