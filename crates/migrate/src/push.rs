//! `db push`: makes the database match the schema without a migration —
//! the database read as it is, the change weighed against its data, run
//! in one transaction (unless a statement cannot run in one). The
//! migrations folder and `_prisma_migrations` are never read or written;
//! no shadow database, no lock.

use plumb_ir::Schema;
use plumb_psl::LoadedSchema;

use crate::Error;
use crate::database::open;
use crate::datasource::Target;
use crate::plan::Plan;
use crate::read::{self, DatabaseSettings};

/// A push to one database.
pub struct Push<'a> {
    pub target: &'a Target,
    client: postgres::Client,
    settings: DatabaseSettings,
    schema: Schema,
    /// Prisma's line when the database did not exist and was created.
    pub created: Option<String>,
}

impl std::fmt::Debug for Push<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Push")
            .field("target", self.target)
            .finish_non_exhaustive()
    }
}

impl<'a> Push<'a> {
    /// Connects, creating the database when missing.
    pub fn open(target: &'a Target, loaded: &LoadedSchema) -> Result<Push<'a>, Error> {
        let (client, created) = open(&target.url, true)?;
        let mut settings = DatabaseSettings::default();
        let schema = read::lower(loaded, &mut settings);
        Ok(Push {
            target,
            client,
            settings,
            schema,
            created,
        })
    }

    /// `--force-reset`: drops and recreates the managed schemas (and the
    /// history table), in one transaction.
    pub fn reset(&mut self) -> Result<(), Error> {
        let script = crate::reset::drop_script(&self.target.url, &self.target.schemas);
        let mut transaction = self.client.transaction()?;
        transaction.batch_execute(&script)?;
        transaction.commit()?;
        Ok(())
    }

    /// The change from the database to the schema; `decide` says which
    /// rename candidates are renames.
    pub fn plan(&mut self, decide: crate::plan::Decide<'_>) -> Result<Plan, Error> {
        let live = read::database(&self.target.url, &self.settings)?;
        crate::plan::plan(
            &mut self.client,
            live,
            self.schema.clone(),
            &self.target.url.schema,
            &self.settings,
            // Pushed at once, never reviewed: Prisma's statements.
            plumb_render::Plan::Prisma,
            decide,
        )
    }

    /// Runs the plan's steps.
    pub fn apply(&mut self, plan: &Plan) -> Result<(), Error> {
        if plan.is_empty {
            return Ok(());
        }
        crate::history::apply::run_script(&mut self.client, &plan.steps)?;
        Ok(())
    }
}
