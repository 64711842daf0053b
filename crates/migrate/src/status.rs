//! `migrate status`: the migrations folder against the database's
//! history, as Prisma's `diagnoseMigrationHistory` sees it, plus two
//! things Prisma does not report: migrations the database has and the
//! folder lacks, and migrations edited after they were applied.

use std::path::Path;

use plumb_introspect::ConnectionUrl;

use crate::database::{CommandError, open};
use crate::history::{checksum, folder, table};

/// What the history looks like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnosis {
    /// The folder's migrations, in order.
    pub local: Vec<String>,
    pub has_table: bool,
    /// In the folder, with no (non-rolled-back) row: not yet applied.
    pub unapplied: Vec<String>,
    /// In the database (and not rolled back), not in the folder.
    pub missing_locally: Vec<String>,
    /// The migration before the first unapplied one, when the histories
    /// diverge (both lists above are non-empty).
    pub last_common: Option<String>,
    /// Rows started and never finished nor rolled back.
    pub failed: Vec<String>,
    /// Applied, and their file changed since (line endings do not count).
    pub edited: Vec<String>,
}

/// Reads the folder and the database's history; changes nothing.
pub fn diagnose(url: &ConnectionUrl, migrations_folder: &Path) -> Result<Diagnosis, CommandError> {
    folder::check_provider(migrations_folder)?;
    let migrations = folder::list(migrations_folder)?;
    let (mut client, _) = open(url, false)?;
    let has_table = table::exists(&mut client)?;
    let rows = if has_table {
        table::load(&mut client)?
    } else {
        Vec::new()
    };
    Ok(classify(&migrations, &rows, has_table))
}

/// The history of `migrations` against the database's `rows`.
pub(crate) fn classify(
    migrations: &[folder::LocalMigration],
    rows: &[table::AppliedMigration],
    has_table: bool,
) -> Diagnosis {
    let local: Vec<String> = migrations.iter().map(|m| m.name.clone()).collect();
    let unapplied: Vec<String> = local
        .iter()
        .filter(|name| {
            !rows
                .iter()
                .any(|row| &row.migration_name == *name && !row.rolled_back)
        })
        .cloned()
        .collect();
    let mut missing_locally: Vec<String> = Vec::new();
    // A rolled-back row is not in the database's history any more.
    for row in rows.iter().filter(|row| !row.rolled_back) {
        if !local.contains(&row.migration_name) && !missing_locally.contains(&row.migration_name) {
            missing_locally.push(row.migration_name.clone());
        }
    }
    let last_common = unapplied.first().and_then(|first| {
        let at = local.iter().position(|name| name == first)?;
        at.checked_sub(1).map(|before| local[before].clone())
    });
    let failed = rows
        .iter()
        .filter(|row| row.failed())
        .map(|row| row.migration_name.clone())
        .collect();
    let edited = migrations
        .iter()
        .filter(|migration| {
            rows.iter()
                .find(|row| row.migration_name == migration.name)
                .is_some_and(|row| !checksum::matches(&row.checksum, &migration.script))
        })
        .map(|migration| migration.name.clone())
        .collect();
    Diagnosis {
        local,
        has_table,
        unapplied,
        missing_locally,
        last_common,
        failed,
        edited,
    }
}
