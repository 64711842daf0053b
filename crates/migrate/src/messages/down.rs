//! `migrate down`'s texts: plumb's own (Prisma has no down migrations).

use crate::history::table::AppliedMigration;

pub const DOWN_NOTHING_APPLIED: &str =
    "No migration has been applied to this database: there is nothing to roll back.";

pub const DOWN_NOT_IN_ORDER: &str = "The migrations applied to the database are not the first ones of the migrations folder: a migration before an applied one is pending. Run plumb migrate status, and plumb migrate deploy, first.";

pub const DOWN_DRIFT: &str = "The database is not what its applied migrations build (it drifted): rolling back from there could lose what the migrations do not know of. Run plumb migrate diff --from-migrations prisma/migrations --to-url … to see the difference.";

pub fn down_after_failure(failed: &[&AppliedMigration]) -> String {
    let names: Vec<String> = failed
        .iter()
        .map(|row| format!("`{}`", row.migration_name))
        .collect();
    format!(
        "The database has failed migrations ({}): resolve them first (plumb migrate resolve), then roll back.",
        names.join(", ")
    )
}

pub fn down_missing_locally(name: &str) -> String {
    format!(
        "The migration `{name}` is applied to the database but not in the migrations folder: plumb cannot undo what it cannot read."
    )
}

pub fn down_unknown_target(name: &str) -> String {
    format!("`{name}` is not a migration applied to this database.")
}

pub fn down_cannot_replay(diagnostic: &str) -> String {
    format!(
        "The migrations folder cannot be replayed offline, which rolling back needs to check the database and write down scripts:\n{diagnostic}"
    )
}

pub fn down_failed(name: &str, error: &postgres::Error) -> String {
    let detail = error
        .as_db_error()
        .map_or_else(|| error.to_string(), |db| db.message().to_string());
    format!(
        "The down script of `{name}` failed, and was rolled back with its transaction: {detail}\nThe migrations after it in the run are rolled back; `{name}` and those before it are still applied."
    )
}

/// The plan, before the question.
pub fn down_plan(undos: &[(String, bool)]) -> String {
    let mut out = String::from("\nThese migrations will be rolled back, newest first:\n");
    for (name, generated) in undos {
        let how = if *generated {
            " (no down.sql: a script made from the replayed folder)"
        } else {
            ""
        };
        out.push_str(&format!("  - {name}{how}\n"));
    }
    out
}

pub const DOWN_QUESTION: &str = "Do you want to roll them back?";

pub const DOWN_NON_INTERACTIVE: &str = "plumb migrate down changes the database and may lose data: run it on a terminal to confirm, or with --force.";

pub fn down_done(names: &[String]) -> String {
    let mut out = String::new();
    for name in names {
        out.push_str(&format!("Rolled back migration `{name}`\n"));
    }
    out.push_str(
        "\nThe migrations rolled back are pending again: plumb migrate deploy applies them.\n",
    );
    out
}

pub fn down_written(paths: &[String]) -> String {
    if paths.is_empty() {
        return "Every migration to roll back already has its down.sql: nothing was written.\n"
            .to_string();
    }
    let mut out = String::from("Wrote the down scripts, for review:\n");
    for path in paths {
        out.push_str(&format!("  {path}\n"));
    }
    out
}

/// `migrate check`: a down script PostgreSQL would refuse after its
/// migration.
pub fn check_down_fails(name: &str, reason: &str) -> String {
    format!("The down script of `{name}` fails after the migration: {reason}")
}

/// `migrate check`: a down script that does not give back the schema
/// before its migration.
pub fn check_down_incomplete(name: &str) -> String {
    format!(
        "The down script of `{name}` does not give back the schema before the migration; after it, this differs:"
    )
}
