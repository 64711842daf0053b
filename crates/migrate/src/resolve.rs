//! `migrate resolve`: records by hand what happened to a migration, as
//! Prisma's `markMigrationApplied` / `markMigrationRolledBack` do, under
//! the same lock.

use std::path::Path;

use plumb_codes::Code;
use plumb_introspect::ConnectionUrl;

use crate::database::open;
use crate::history::{checksum, folder, lock, table};
use crate::{Error, messages};

/// What to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// The migration's changes are in the database (a baseline, a hotfix).
    Applied(String),
    /// A failed migration was undone by hand: deploy may run it again.
    RolledBack(String),
}

impl Resolution {
    /// `--applied` or `--rolled-back`, exactly one; an empty name counts
    /// as missing, as for Prisma.
    pub fn from_flags(
        applied: Option<&str>,
        rolled_back: Option<&str>,
    ) -> Result<Resolution, Error> {
        let given = |flag: Option<&str>| flag.filter(|name| !name.is_empty()).map(str::to_string);
        match (given(applied), given(rolled_back)) {
            (Some(name), None) => Ok(Resolution::Applied(name)),
            (None, Some(name)) => Ok(Resolution::RolledBack(name)),
            (Some(_), Some(_)) => Err(Error::plain(messages::RESOLVE_WITH_BOTH_FLAGS)),
            (None, None) => Err(Error::plain(messages::RESOLVE_WITHOUT_FLAG)),
        }
    }
}

pub fn resolve(
    url: &ConnectionUrl,
    migrations_folder: &Path,
    resolution: &Resolution,
) -> Result<(), Error> {
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
) -> Result<(), Error> {
    // A folder of the migrations folder by its exact name: not a path
    // (`x/`, `../x`), which would record a row deploy never matches.
    let plain = !name.is_empty() && name != "." && name != ".." && !name.contains(['/', '\\']);
    let script = std::fs::read(migrations_folder.join(name).join("migration.sql"))
        .ok()
        .filter(|_| plain)
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .ok_or_else(|| Error::coded(Code::P3017, messages::migration_not_found(name)))?;
    // A baseline: the table is made even in a schema that has tables.
    if !table::exists(client)? {
        client.batch_execute(table::CREATE_TABLE)?;
    }
    let rows = table::load(client)?;
    if rows
        .iter()
        .any(|row| row.migration_name == name && row.finished)
    {
        return Err(Error::coded(Code::P3008, messages::already_applied(name)));
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

fn rolled_back(client: &mut postgres::Client, name: &str) -> Result<(), Error> {
    if !table::exists(client)? {
        return Err(Error::plain(messages::ROLLED_BACK_WITHOUT_HISTORY));
    }
    let rows: Vec<table::AppliedMigration> = table::load(client)?
        .into_iter()
        .filter(|row| row.migration_name == name)
        .collect();
    if rows.is_empty() {
        return Err(Error::coded(Code::P3011, messages::never_applied(name)));
    }
    if rows.iter().all(|row| row.finished) {
        return Err(Error::coded(Code::P3012, messages::not_failed(name)));
    }
    client.execute(
        "UPDATE _prisma_migrations SET rolled_back_at = clock_timestamp()
         WHERE migration_name = $1 AND finished_at IS NULL AND rolled_back_at IS NULL",
        &[&name],
    )?;
    Ok(())
}
