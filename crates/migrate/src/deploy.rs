//! `migrate deploy`: applies the pending migrations of the folder, with
//! Prisma's bookkeeping and lock. Never prompts, never resets.

use std::path::Path;

use plumb_codes::Code;
use plumb_introspect::ConnectionUrl;

use crate::database::open;
use crate::history::{apply, folder, lock, table};
use crate::{Error, messages};

/// What happens during a deploy, as it happens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    /// Connected; with Prisma's line when the database did not exist and
    /// was created.
    Connected(Option<String>),
    /// How many migrations the folder has.
    Found(usize),
    /// A migration is about to run.
    Applying(String),
}

/// Applies what is pending; `progress` hears of each step as it happens.
/// The names applied, in order.
pub fn deploy(
    url: &ConnectionUrl,
    migrations_folder: &Path,
    progress: &mut dyn FnMut(Progress),
) -> Result<Vec<String>, Error> {
    let (mut client, created) = open(url, true)?;
    progress(Progress::Connected(created));
    let migrations = folder::list(migrations_folder)?;
    progress(Progress::Found(migrations.len()));
    folder::check_provider(migrations_folder)?;
    lock::acquire(&mut client, &url.server())?;
    initialize(&mut client, &url.schema)?;
    let rows = table::load(&mut client)?;
    let failed: Vec<&table::AppliedMigration> = rows.iter().filter(|row| row.failed()).collect();
    if !failed.is_empty() {
        return Err(Error::coded(
            Code::P3009,
            messages::failed_migrations_block_deploy(&failed),
        ));
    }
    apply_pending(&mut client, &migrations, &rows, progress)
}

/// Applies, in order, every migration that `rows` do not show as applied
/// (a rolled-back row does not count); the names applied.
pub(crate) fn apply_pending(
    client: &mut postgres::Client,
    migrations: &[folder::LocalMigration],
    rows: &[table::AppliedMigration],
    progress: &mut dyn FnMut(Progress),
) -> Result<Vec<String>, Error> {
    let mut applied = Vec::new();
    for migration in migrations {
        let done = rows
            .iter()
            .any(|row| row.migration_name == migration.name && !row.rolled_back);
        if done {
            continue;
        }
        progress(Progress::Applying(migration.name.clone()));
        apply::apply(client, migration)
            .map_err(|failed| Error::coded(Code::P3018, failed.message))?;
        applied.push(migration.name.clone());
    }
    Ok(applied)
}

/// Creates `_prisma_migrations` in an empty schema; a schema with tables
/// but no history is Prisma's P3005.
pub(crate) fn initialize(client: &mut postgres::Client, schema: &str) -> Result<(), Error> {
    if table::exists(client)? {
        return Ok(());
    }
    let tables: i64 = client
        .query_one(
            "SELECT count(*) FROM pg_catalog.pg_class c
             JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')
               AND lower(c.relname) NOT IN ('_prisma_migrations', 'spatial_ref_sys',
                   'geometry_columns', 'geography_columns', 'raster_columns', 'raster_overviews')",
            &[&schema],
        )?
        .get(0);
    if tables > 0 {
        return Err(Error::coded(Code::P3005, messages::NOT_EMPTY));
    }
    client.batch_execute(table::CREATE_TABLE)?;
    Ok(())
}
