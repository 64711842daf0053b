//! Down migrations (plumb's own): `down.sql` beside a migration undoes it,
//! and `plumb migrate down` runs them, newest first.
//!
//! A down script is the diff from the schema after its migration back to
//! the schema before it — renames made the other way, what the migration
//! created dropped, what it dropped made again — after the `/* Warnings */`
//! block saying what cannot come back. `migrate dev` writes one with each
//! migration; for a migration without one (written by Prisma, or by hand)
//! it is made from the folder replayed offline.

use std::path::Path;

use plumb_diff::renames::{self, Rename};
use plumb_ir::Schema;

use crate::data_loss::{self, DataLoss};
use crate::datasource::Target;
use crate::history::{folder, lock, table};
use crate::{Error, messages};

/// The file beside `migration.sql` that undoes it.
pub const DOWN_FILE: &str = "down.sql";

/// The script that takes a database from `after` back to `before`, where
/// `renames` were made on the way up.
pub fn script(after: &Schema, before: &Schema, renames: &[Rename]) -> String {
    let back = renames::reversed(renames);
    let renamed = renames::apply(after, &back);
    let migration = plumb_diff::diff(&renamed, before);
    let checks = plumb_diff::checks::check(&migration);
    let steps = crate::plan::with_renames(
        plumb_render::renames(after, &back),
        plumb_render::script(&migration),
    );
    let steps = if steps.ends_with('\n') {
        steps
    } else {
        format!("{steps}\n")
    };
    format!("{}{steps}", plumb_render::warnings_block(&checks))
}

/// Which migrations to undo.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The newest `steps` applied migrations (1 without `--to`).
    pub steps: Option<usize>,
    /// Every applied migration after this one.
    pub to: Option<String>,
}

/// One migration to undo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undo {
    pub name: String,
    pub script: String,
    /// Made from the replayed folder (the migration has no `down.sql`).
    pub generated: bool,
}

/// What `migrate down` will do, before it does it (the connection that
/// holds the migration lock with it).
pub struct Planned {
    /// Newest first.
    pub undos: Vec<Undo>,
    /// What the undos would destroy, weighed against the rows there are.
    pub data_loss: DataLoss,
    client: postgres::Client,
}

impl std::fmt::Debug for Planned {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Planned")
            .field("undos", &self.undos)
            .field("data_loss", &self.data_loss)
            .finish_non_exhaustive()
    }
}

/// Reads the history and the folder under the migration lock, checks the
/// database is what the folder says it is after its applied migrations,
/// and makes the scripts.
pub fn plan(target: &Target, options: &Options) -> Result<Planned, Error> {
    let (mut client, _) = crate::database::open(&target.url, false)?;
    lock::acquire(&mut client, &target.url.server())?;
    if !table::exists(&mut client)? {
        return Err(Error::plain(messages::DOWN_NOTHING_APPLIED));
    }
    let rows = table::load(&mut client)?;
    let failed: Vec<&table::AppliedMigration> = rows.iter().filter(|r| r.failed()).collect();
    if !failed.is_empty() {
        return Err(Error::plain(messages::down_after_failure(&failed)));
    }
    let migrations = folder::list(&target.migrations)?;
    let applied_names: Vec<&str> = rows
        .iter()
        .filter(|r| r.finished && !r.rolled_back)
        .map(|r| r.migration_name.as_str())
        .collect();
    if let Some(missing) = applied_names
        .iter()
        .find(|name| !migrations.iter().any(|m| m.name == **name))
    {
        return Err(Error::plain(messages::down_missing_locally(missing)));
    }
    // The folder's migrations up to the last applied one, all applied.
    let applied: Vec<&folder::LocalMigration> = migrations
        .iter()
        .filter(|m| applied_names.contains(&m.name.as_str()))
        .collect();
    let last = applied.len();
    if migrations[..last.min(migrations.len())]
        .iter()
        .any(|m| !applied_names.contains(&m.name.as_str()))
    {
        return Err(Error::plain(messages::DOWN_NOT_IN_ORDER));
    }
    let count = match (&options.to, options.steps) {
        (Some(to), _) => {
            let at = applied
                .iter()
                .position(|m| m.name == *to)
                .ok_or_else(|| Error::plain(messages::down_unknown_target(to)))?;
            last - at - 1
        }
        (None, steps) => steps.unwrap_or(1).min(last),
    };
    // The database must be what its applied migrations build.
    let default = target.url.schema.as_str();
    let replay_of = |upto: usize| -> Result<Schema, Error> {
        let owned: Vec<folder::LocalMigration> =
            applied[..upto].iter().map(|m| (*m).clone()).collect();
        match crate::offline::replay_migrations(&target.migrations, &owned, default, &[default]) {
            crate::offline::Offline::Replayed(schema) => Ok(schema),
            crate::offline::Offline::Refused(refusal) => {
                Err(Error::plain(messages::down_cannot_replay(
                    &refusal.render(plumb_diagnostics::ColorChoice::Never),
                )))
            }
        }
    };
    let settings = crate::read::DatabaseSettings::default();
    let mut live = crate::read::database(&target.url, &settings)?;
    let mut expected = replay_of(last)?;
    crate::read::align(&mut expected, &mut live, &settings);
    if !plumb_diff::diff(&expected, &live).steps.is_empty() {
        return Err(Error::plain(messages::DOWN_DRIFT));
    }
    let mut undos = Vec::new();
    let mut data_loss = DataLoss::default();
    for position in (last - count..last).rev() {
        let migration = applied[position];
        let (mut after, mut before) = (replay_of(position + 1)?, replay_of(position)?);
        crate::read::align(&mut before, &mut after, &settings);
        let written = target.migrations.join(&migration.name).join(DOWN_FILE);
        let script_text = std::fs::read_to_string(&written).ok();
        // A written down script may rename back what its migration
        // renamed (as `migrate dev` writes it): weigh the loss with the
        // rename candidates made, not dropped and added.
        let back = if script_text.is_some() {
            renames::candidates(&after, &before)
        } else {
            Vec::new()
        };
        let renamed = renames::apply(&after, &back);
        let checks = plumb_diff::checks::check(&plumb_diff::diff(&renamed, &before));
        // Weighed against the rows as they are: exact for the newest, an
        // estimate for the ones under it.
        if let Ok(loss) = data_loss::evaluate(&mut client, &checks, default) {
            data_loss.warnings.extend(loss.warnings);
            data_loss.unexecutable.extend(loss.unexecutable);
        }
        let (script, generated) = match script_text {
            Some(text) => (text, false),
            None => (script(&after, &before, &[]), true),
        };
        undos.push(Undo {
            name: migration.name.clone(),
            script,
            generated,
        });
    }
    Ok(Planned {
        undos,
        data_loss,
        client,
    })
}

/// Runs the undos, newest first, each in one transaction with the removal
/// of its migration's row from `_prisma_migrations` (so that `migrate
/// deploy` applies it again). The names undone.
pub fn run(planned: Planned, progress: &mut dyn FnMut(&str)) -> Result<Vec<String>, Error> {
    let Planned {
        undos, mut client, ..
    } = planned;
    let mut done = Vec::new();
    for undo in undos {
        progress(&undo.name);
        let mut transaction = client.transaction()?;
        transaction
            .batch_execute(&undo.script)
            .map_err(|error| Error::plain(messages::down_failed(&undo.name, &error)))?;
        transaction.execute(
            "DELETE FROM _prisma_migrations WHERE migration_name = $1",
            &[&undo.name],
        )?;
        transaction.commit()?;
        done.push(undo.name);
    }
    Ok(done)
}

/// Writes the generated scripts as `down.sql` files, for review; the
/// paths written.
pub fn write(target: &Target, planned: &Planned) -> Result<Vec<String>, Error> {
    let mut written = Vec::new();
    for undo in planned.undos.iter().filter(|u| u.generated) {
        let path = target.migrations.join(&undo.name).join(DOWN_FILE);
        std::fs::write(&path, &undo.script)
            .map_err(|error| Error::plain(messages::cannot_write(Path::new(&path), &error)))?;
        written.push(path.display().to_string());
    }
    Ok(written)
}
