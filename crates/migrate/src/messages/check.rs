//! `plumb migrate check`'s texts: plumb's own command, so plumb's words.

pub const CHECK_MISSING_MIGRATION: &str =
    "The migration that would make them (create it with `plumb migrate dev --name …`):";

pub fn check_schema_not_migrated(schema: &str, migrations: &str) -> String {
    format!("{schema} has changes that no migration in {migrations} makes")
}

/// Where a table that differs was last changed by the folder.
pub fn check_last_change(table: &str, location: &str) -> String {
    format!("`{table}` was last changed at {location}")
}

pub const CHECK_LOCK_FILE_MISSING: &str = "the migrations folder has no migration_lock.toml (plumb and Prisma refuse a folder without one; `plumb migrate dev` writes it)";

pub fn check_lock_provider(provider: &str) -> String {
    if provider.is_empty() {
        "migration_lock.toml names no provider (it should say provider = \"postgresql\")"
            .to_string()
    } else {
        format!("migration_lock.toml is for `{provider}`, not `postgresql`")
    }
}

pub fn check_bad_name(name: &str) -> String {
    format!(
        "`{name}` is not a migration name (`YYYYMMDDHHMMSS_name`, as `plumb migrate dev` writes them); migrations run in name order"
    )
}

pub fn check_missing_script(name: &str) -> String {
    format!("migration `{name}` has no migration.sql")
}

pub fn check_unreadable(name: &str, why: &str) -> String {
    format!("migration `{name}`'s migration.sql cannot be read: {why}")
}

pub fn check_empty(name: &str) -> String {
    format!("migration `{name}`'s migration.sql is empty")
}

pub const CHECK_NO_GIT: &str =
    "not in a git work tree: edited and out-of-order migrations were not checked";

pub fn check_no_base(given: Option<&str>) -> String {
    match given {
        Some(base) => format!("no git branch `{base}` with a common ancestor: edited and out-of-order migrations were not checked"),
        None => "no base branch found (origin/HEAD, origin/main, origin/master, main, master; give one with --base): edited and out-of-order migrations were not checked".to_string(),
    }
}

pub fn check_edited_after_merge(name: &str, base: &str) -> String {
    format!(
        "migration `{name}` was edited after it reached `{base}`: databases that applied it keep the old version"
    )
}

pub fn check_deleted_after_merge(name: &str, base: &str) -> String {
    format!(
        "migration `{name}` was deleted after it reached `{base}`: databases that applied it still have its changes"
    )
}

/// A migration made on a parallel branch, sorted before one of `base`'s
/// it never saw; `tables`: the tables both change, when known.
pub fn check_out_of_order(name: &str, other: &str, base: &str, tables: Option<&str>) -> String {
    match tables {
        Some(tables) => format!(
            "migration `{name}` sorts before `{other}` from `{base}`, which it never saw, and both change {tables}: databases that already ran `{other}` would run it after, in another order than new databases"
        ),
        None => format!(
            "migration `{name}` sorts before `{other}` from `{base}`, which it never saw: databases that already ran `{other}` would run it after, in another order than new databases"
        ),
    }
}

pub fn check_rebase_hint(base: &str) -> String {
    format!(
        "rebase onto `{base}`, delete this migration's folder and create it again with `plumb migrate dev`, so that it comes last"
    )
}

pub const CHECK_NOT_MANAGED: &str = "the database has no migration history (_prisma_migrations): baseline it with `plumb migrate resolve --applied`";

pub fn check_behind(names: &str) -> String {
    format!("the database has not applied {names} (`plumb migrate deploy` applies them)")
}

pub fn check_failed(name: &str) -> String {
    format!("migration `{name}` failed in the database (see `plumb migrate status`)")
}

pub fn check_missing_locally(names: &str) -> String {
    format!("the database has applied {names}, which the migrations folder lacks")
}

pub fn check_edited_after_applied(name: &str) -> String {
    format!("migration `{name}` was edited after the database applied it")
}

pub fn check_drift(database: &str) -> String {
    format!("the database `{database}` differs from what the migrations folder builds (drift)")
}

/// The last line of a clean check.
pub fn check_clean(migrations: &str, count: usize, schema: &str, replayed: &str) -> String {
    format!(
        "{migrations} ({count} {}, replayed {replayed}) builds exactly {schema}.",
        if count == 1 {
            "migration"
        } else {
            "migrations"
        }
    )
}

/// The last line when something was found.
pub fn check_found(count: usize, migrations: &str, replayed: &str) -> String {
    let noun = if count == 1 { "finding" } else { "findings" };
    format!("{count} {noun} in {migrations} (replayed {replayed}).")
}

pub fn lint_unknown_migration(name: &str) -> String {
    format!("The migrations folder has no migration `{name}`.")
}

/// The last line of `migrate lint`.
/// The findings a shortened report leaves out.
pub fn lint_not_shown(count: usize) -> String {
    let noun = if count == 1 { "hazard" } else { "hazards" };
    format!("… and {count} more {noun}, not shown here: `--format json` lists them all.\n\n")
}

pub fn lint_summary(findings: usize, migrations: usize) -> String {
    let noun = if migrations == 1 {
        "migration"
    } else {
        "migrations"
    };
    match findings {
        0 => format!("No hazards found in {migrations} {noun}."),
        1 => format!("1 hazard found in {migrations} {noun}."),
        n => format!("{n} hazards found in {migrations} {noun}."),
    }
}

/// A `-- plumb-lint:` comment that `migrate lint` cannot follow, shown.
pub fn lint_bad_suppression(diagnostic: &str) -> String {
    format!(
        "A suppression comment needs a rule's code and a reason.\n\n{}",
        diagnostic.trim_end()
    )
}
