//! The next change from one schema to another, and what it would do to
//! the data in the database it is for: shared by `migrate dev` (from the
//! replayed migrations) and `db push` (from the database itself).

use std::time::{Duration, Instant};

use plumb_ir::Schema;

use crate::Error;
use crate::data_loss::{self, DataLoss};
use crate::renames::Decided;

/// Decides which rename candidates are renames.
pub type Decide<'a> = &'a mut dyn FnMut(&[plumb_diff::renames::Rename]) -> Decided;

/// A change, before it is written or run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The steps as SQL, or Prisma's empty-migration line.
    pub steps: String,
    /// The `/* Warnings: */` block a migration file starts with, from the
    /// schemas alone (empty when nothing may be lost).
    pub header: String,
    /// Whether there are no steps.
    pub is_empty: bool,
    /// What the steps would destroy or fail on, given the data.
    pub data_loss: DataLoss,
    /// Time spent comparing the schemas.
    pub diff_time: Duration,
    /// The renames made (they come first in the steps), and the
    /// candidates left as drops and adds.
    pub renames: Decided,
    /// The script that undoes the steps (`down.sql`).
    pub down: String,
}

impl Plan {
    /// The text of a migration file: header and steps (the empty line
    /// alone when there are no steps).
    pub fn file_text(&self) -> String {
        if self.is_empty {
            self.steps.clone()
        } else {
            format!("{}{}", self.header, self.steps)
        }
    }
}

/// Compares `from` with `to` and counts what the steps touch through
/// `client`; `default` is the schema of unqualified tables.
pub(crate) fn plan(
    client: &mut postgres::Client,
    mut from: Schema,
    mut to: Schema,
    default: &str,
    settings: &crate::read::DatabaseSettings,
    style: plumb_render::Plan,
    decide: Decide<'_>,
) -> Result<Plan, Error> {
    let started = Instant::now();
    crate::read::align(&mut from, &mut to, settings);
    let candidates = crate::stored_defaults::Candidates::of(&from, &to);
    crate::stored_defaults::align(client, &mut to, candidates);
    // Renames first: what is renamed is then the same on both sides.
    let renames = decide(&plumb_diff::renames::candidates(&from, &to));
    let renamed = plumb_diff::renames::apply(&from, &renames.chosen);
    let migration = plumb_diff::diff(&renamed, &to);
    let checks = plumb_diff::checks::check(&migration);
    let steps = with_renames(
        plumb_render::renames(&from, &renames.chosen),
        plumb_render::script_with(&migration, style),
    );
    let down = crate::down::script(&to, &from, &renames.chosen);
    let diff_time = started.elapsed();
    let data_loss = data_loss::evaluate(client, &checks, default)?;
    Ok(Plan {
        down,
        is_empty: steps == plumb_render::EMPTY_MIGRATION,
        header: plumb_render::warnings_block(&checks),
        steps,
        data_loss,
        diff_time,
        renames,
    })
}

/// The renames' statements, then the diff's (Prisma's empty-migration
/// line only when there is neither).
pub fn with_renames(renames: String, script: String) -> String {
    if renames.is_empty() {
        script
    } else if script == plumb_render::EMPTY_MIGRATION {
        renames
    } else {
        format!("{renames}\n{script}")
    }
}
