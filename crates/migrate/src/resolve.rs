//! `migrate resolve`: records by hand what happened to a migration, as
//! Prisma's `markMigrationApplied` / `markMigrationRolledBack` do, under
//! the same lock.

use std::path::Path;

use plumb_introspect::ConnectionUrl;

use crate::database::{CommandError, open};
use crate::history::{checksum, folder, lock, table};

/// What to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// The migration's changes are in the database (a baseline, a hotfix).
    Applied(String),
    /// A failed migration was undone by hand: deploy may run it again.
    RolledBack(String),
}

pub fn resolve(
    url: &ConnectionUrl,
    migrations_folder: &Path,
    resolution: &Resolution,
) -> Result<(), CommandError> {
    if let Resolution::Applied(_) = resolution {
        folder::check_provider(migrations_folder)?;
    }
    let (mut client, _) = open(url, false)?;
    lock::acquire(&mut client, &url.server())?;
    match resolution {
        Resolution::Applied(name) => applied(&mut client, migrations_folder, name),
        Resolution::RolledBack(name) => rolled_back(&mut client, name),
    }
}

fn applied(
    client: &mut postgres::Client,
    migrations_folder: &Path,
    name: &str,
) -> Result<(), CommandError> {
    // A folder of the migrations folder by its exact name: not a path
    // (`x/`, `../x`), which would record a row deploy never matches.
    let plain = !name.is_empty() && name != "." && name != ".." && !name.contains(['/', '\\']);
    let script = std::fs::read(migrations_folder.join(name).join("migration.sql"))
        .ok()
        .filter(|_| plain)
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .ok_or_else(|| {
            CommandError::new(
                "P3017",
                format!(
                    "The migration {name} could not be found. Please make sure that the migration exists, and that you included the whole name of the directory. (example: \"20201207184859_initial_migration\")"
                ),
            )
        })?;
    // A baseline: the table is made even in a schema that has tables.
    if !table::exists(client)? {
        client.batch_execute(table::CREATE_TABLE)?;
    }
    let rows = table::load(client)?;
    if rows
        .iter()
        .any(|row| row.migration_name == name && row.finished)
    {
        return Err(CommandError::new(
            "P3008",
            format!("The migration `{name}` is already recorded as applied in the database."),
        ));
    }
    let mut transaction = client.transaction()?;
    transaction.execute(
        "UPDATE _prisma_migrations SET rolled_back_at = clock_timestamp()
         WHERE migration_name = $1 AND finished_at IS NULL AND rolled_back_at IS NULL",
        &[&name],
    )?;
    transaction.execute(
        "INSERT INTO _prisma_migrations (id, checksum, started_at, finished_at, migration_name, logs)
         VALUES (gen_random_uuid()::text, $1, clock_timestamp(), clock_timestamp(), $2, '')",
        &[&checksum::checksum(&script), &name],
    )?;
    transaction.commit()?;
    Ok(())
}

fn rolled_back(client: &mut postgres::Client, name: &str) -> Result<(), CommandError> {
    if !table::exists(client)? {
        return Err(CommandError::plain(
            "Invariant violation: called markMigrationRolledBack on a database without migrations table.\n",
        ));
    }
    let rows: Vec<table::AppliedMigration> = table::load(client)?
        .into_iter()
        .filter(|row| row.migration_name == name)
        .collect();
    if rows.is_empty() {
        return Err(CommandError::new(
            "P3011",
            format!(
                "Migration `{name}` cannot be rolled back because it was never applied to the database. Hint: did you pass in the whole migration name? (example: \"20201207184859_initial_migration\")"
            ),
        ));
    }
    if rows.iter().all(|row| row.finished) {
        return Err(CommandError::new(
            "P3012",
            format!(
                "Migration `{name}` cannot be rolled back because it is not in a failed state."
            ),
        ));
    }
    client.execute(
        "UPDATE _prisma_migrations SET rolled_back_at = clock_timestamp()
         WHERE migration_name = $1 AND finished_at IS NULL AND rolled_back_at IS NULL",
        &[&name],
    )?;
    Ok(())
}
