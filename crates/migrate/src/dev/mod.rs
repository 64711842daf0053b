//! `migrate dev`, in the steps Prisma 7 takes, each a method so the CLI can
//! print and ask between them: [`Dev::open`] (the database is created when
//! missing), [`Dev::diagnose`] (history and drift; a reset reason stops
//! everything before anything changes), [`Dev::apply_pending`],
//! [`Dev::plan`] (the next migration and what it would destroy, counted
//! in the database), [`Dev::create`] and [`Dev::apply_pending`] again.
//!
//! The migrations are replayed in a shadow database once per run: drift
//! compares the applied ones with the database, and the whole folder is
//! what the next migration starts from. When the applied migrations are
//! the first ones of the folder (the usual case), one replay serves both.

mod create;
pub mod slug;

use std::path::Path;
use std::time::{Duration, Instant};

use plumb_introspect::ConnectionUrl;
use plumb_ir::Schema;
use plumb_psl::LoadedSchema;
use plumb_render::Origin;

use crate::Error;
use crate::database::open;
use crate::datasource::Target;
use crate::history::folder::{self, LocalMigration};
use crate::history::{lock, table};
use crate::plan::Plan;
use crate::read::{self, DatabaseSettings};
use crate::shadow::Shadow;

/// Where the time of a run went, for the benchmark.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// Creating the shadow database and replaying migrations in it.
    pub shadow: Duration,
    /// Reading the shadow and the development databases.
    pub introspection: Duration,
    /// Comparing schemas (drift, next migration).
    pub diff: Duration,
}

/// A `migrate dev` run against one development database.
pub struct Dev<'a> {
    target: &'a Target,
    client: postgres::Client,
    settings: DatabaseSettings,
    schema: Schema,
    /// The whole folder replayed, once [`Dev::diagnose`] has read it.
    history: Option<Schema>,
    locked: bool,
    /// Prisma's line when the database did not exist and was created.
    pub created: Option<String>,
    pub timings: Timings,
}

impl std::fmt::Debug for Dev<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dev")
            .field("target", self.target)
            .field("created", &self.created)
            .field("timings", &self.timings)
            .finish_non_exhaustive()
    }
}

/// What the history says before anything is applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Diagnosis {
    /// Carry on: pending migrations (if any) can be applied.
    Proceed,
    /// The database must be reset first, for these reasons (Prisma's
    /// text, one reason or a `- ` list).
    ResetNeeded(String),
}

impl<'a> Dev<'a> {
    /// Connects to the development database, creating it when missing.
    pub fn open(target: &'a Target, loaded: &LoadedSchema) -> Result<Dev<'a>, Error> {
        let (client, created) = open(&target.url, true)?;
        let mut settings = DatabaseSettings::default();
        let schema = read::lower(loaded, &mut settings);
        Ok(Dev {
            target,
            client,
            settings,
            schema,
            history: None,
            locked: false,
            created,
            timings: Timings::default(),
        })
    }

    /// Prisma's dev diagnostic: P3019, then failed, edited, drifted and
    /// diverged history; a migration that does not replay is P3006.
    /// Changes nothing in the development database.
    pub fn diagnose(&mut self) -> Result<Diagnosis, Error> {
        folder::check_provider(&self.target.migrations)?;
        let migrations = folder::list(&self.target.migrations)?;
        let has_table = table::exists(&mut self.client)?;
        let rows = if has_table {
            table::load(&mut self.client)?
        } else {
            Vec::new()
        };
        let history = crate::status::classify(&migrations, &rows, has_table);
        // Replayed for drift: the migrations the database finished.
        let applied: Vec<LocalMigration> = migrations
            .iter()
            .filter(|migration| {
                rows.iter().any(|row| {
                    row.migration_name == migration.name && row.finished && !row.rolled_back
                })
            })
            .cloned()
            .collect();
        let (expected, whole) = self.replayed(&applied, &migrations)?;
        let started = Instant::now();
        let actual = read::database(&self.target.url, &self.settings)?;
        self.timings.introspection += started.elapsed();
        let started = Instant::now();
        let drift = {
            let (mut expected, mut actual) = (expected, actual);
            read::align(&mut expected, &mut actual, &self.settings);
            let migration = plumb_diff::diff(&expected, &actual);
            (!migration.steps.is_empty())
                .then(|| plumb_render::summary(&migration, [Origin::Database, Origin::Database]))
        };
        self.timings.diff += started.elapsed();
        self.history = Some(whole);
        Ok(
            match crate::messages::reset_reasons(&history, drift.as_deref()) {
                Some(reason) => Diagnosis::ResetNeeded(reason),
                None => Diagnosis::Proceed,
            },
        )
    }

    /// The schemas of `applied` and of every migration, each replayed in
    /// a shadow database (one replay when `applied` starts the folder).
    fn replayed(
        &mut self,
        applied: &[LocalMigration],
        migrations: &[LocalMigration],
    ) -> Result<(Schema, Schema), Error> {
        // Even with nothing to replay, the shadow database is read: an
        // empty database has its default schema, so a first migration
        // does not create it (as the oracle's `--from migrations:` shows).
        let shadow = self.shadow()?;
        let expected = self.replay_and_read(&shadow, applied)?;
        if applied.len() == migrations.len() {
            return Ok((expected.clone(), expected));
        }
        let whole = if migrations.starts_with(applied) {
            self.replay_and_read(&shadow, &migrations[applied.len()..])?
        } else {
            drop(shadow);
            let fresh = self.shadow()?;
            self.replay_and_read(&fresh, migrations)?
        };
        Ok((expected, whole))
    }

    fn replay_and_read(
        &mut self,
        shadow: &Shadow,
        migrations: &[LocalMigration],
    ) -> Result<Schema, Error> {
        let started = Instant::now();
        shadow.replay_migrations(migrations)?;
        self.timings.shadow += started.elapsed();
        let started = Instant::now();
        let schema = read::database(shadow.url(), &self.settings)?;
        self.timings.introspection += started.elapsed();
        Ok(schema)
    }

    /// The configured shadow database (reset), else a temporary one on the
    /// development database's server.
    fn shadow(&mut self) -> Result<Shadow, Error> {
        let started = Instant::now();
        let shadow = match &self.target.shadow {
            Some(url) => {
                let url = ConnectionUrl::parse(url)?;
                let schemas: Vec<String> = self.settings.schemas.iter().cloned().collect();
                Shadow::configured(&url, Some(&self.target.url), &schemas)?
            }
            None => Shadow::temporary(&self.target.url)?,
        };
        self.timings.shadow += started.elapsed();
        Ok(shadow)
    }

    /// Applies the folder's pending migrations under Prisma's lock (held
    /// until the run ends); the names applied.
    pub fn apply_pending(
        &mut self,
        progress: &mut dyn FnMut(crate::deploy::Progress),
    ) -> Result<Vec<String>, Error> {
        if !self.locked {
            lock::acquire(&mut self.client, &self.target.url.server())?;
            self.locked = true;
        }
        crate::deploy::initialize(&mut self.client, &self.target.url.schema)?;
        let rows = table::load(&mut self.client)?;
        let migrations = folder::list(&self.target.migrations)?;
        crate::deploy::apply_pending(&mut self.client, &migrations, &rows, progress)
    }

    /// The migration from the replayed folder to the schema, written as
    /// `style` says, and what it would do to the data now in the database.
    /// Call after [`Dev::diagnose`].
    /// `decide` says which rename candidates are renames.
    pub fn plan(
        &mut self,
        style: plumb_render::Plan,
        decide: crate::plan::Decide<'_>,
    ) -> Result<Plan, Error> {
        let Some(history) = self.history.clone() else {
            return Err(Error::plain(crate::messages::PLANNED_BEFORE_REPLAY));
        };
        let plan = crate::plan::plan(
            &mut self.client,
            history,
            self.schema.clone(),
            &self.target.url.schema,
            &self.settings,
            style,
            decide,
        )?;
        self.timings.diff += plan.diff_time;
        Ok(plan)
    }

    /// Writes `plan` as a migration named `name` (already slugified); a
    /// plan without steps is written only as a draft (`--create-only`).
    /// The new directory's name.
    pub fn create(&self, plan: &Plan, name: &str, draft: bool) -> Result<Option<String>, Error> {
        if plan.is_empty && !draft {
            return Ok(None);
        }
        // An empty draft has nothing to undo.
        let down = (!plan.is_empty).then_some(plan.down.as_str());
        create::write(&self.target.migrations, name, &plan.file_text(), down).map(Some)
    }

    /// The hazards of the migration [`Dev::create`] wrote to `directory`,
    /// linted against the folder before it; `shown_folder` is the folder
    /// as findings name it.
    pub fn lint(
        &self,
        plan: &Plan,
        directory: &str,
        shown_folder: &str,
    ) -> Result<crate::lint::Report, Error> {
        let Some(history) = &self.history else {
            return Err(Error::plain(crate::messages::PLANNED_BEFORE_REPLAY));
        };
        let path = format!("{shown_folder}/{directory}/migration.sql");
        crate::lint::lint_script(
            directory,
            &path,
            &plan.file_text(),
            history,
            &self.target.url.schema,
        )
    }
}

/// Where the new migration's name comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameChoice {
    /// `--name`, slugified.
    Given(String),
    /// Ask on the terminal (then slugify the answer).
    Ask,
    /// No name: the directory is the timestamp alone (CI, a pipe).
    Unnamed,
}

/// The new migration's name: `--name` slugified, else asked for when
/// someone can answer, else none.
pub fn migration_name(given: Option<&str>, can_prompt: bool) -> NameChoice {
    match given.filter(|name| !name.is_empty()) {
        Some(name) => NameChoice::Given(slug::slugify(name)),
        None if can_prompt => NameChoice::Ask,
        None => NameChoice::Unnamed,
    }
}

/// The migrations folder as the closing tree names it: relative to
/// `working_directory` when below it, with `/`.
pub fn folder_as_shown(folder: &Path, working_directory: &Path) -> String {
    let relative = folder.strip_prefix(working_directory).unwrap_or(folder);
    relative
        .components()
        .map(|part| part.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_given_name_wins_then_a_question_then_none() {
        assert_eq!(
            migration_name(Some("Add the bio!"), false),
            NameChoice::Given("add_the_bio".to_string())
        );
        assert_eq!(migration_name(Some(""), true), NameChoice::Ask);
        assert_eq!(migration_name(None, false), NameChoice::Unnamed);
    }

    #[test]
    fn the_folder_is_shown_relative_with_slashes() {
        assert_eq!(
            folder_as_shown(Path::new("/p/prisma/migrations"), Path::new("/p")),
            "prisma/migrations"
        );
        assert_eq!(
            folder_as_shown(Path::new("db/migrations"), Path::new("/elsewhere")),
            "db/migrations"
        );
    }
}
