//! The next change from one schema to another, and what it would do to
//! the data in the database it is for: shared by `migrate dev` (from the
//! replayed migrations) and `db push` (from the database itself).

use std::time::{Duration, Instant};

use plumb_ir::Schema;

use crate::Error;
use crate::data_loss::{self, DataLoss};

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
) -> Result<Plan, Error> {
    let started = Instant::now();
    crate::read::align(&mut from, &mut to, settings);
    let candidates = crate::stored_defaults::Candidates::of(&from, &to);
    crate::stored_defaults::align(client, &mut to, candidates);
    let migration = plumb_diff::diff(&from, &to);
    let checks = plumb_diff::checks::check(&migration);
    let steps = plumb_render::script_with(&migration, style);
    let diff_time = started.elapsed();
    let data_loss = data_loss::evaluate(client, &checks, default)?;
    Ok(Plan {
        is_empty: steps == plumb_render::EMPTY_MIGRATION,
        header: plumb_render::warnings_block(&checks),
        steps,
        data_loss,
        diff_time,
    })
}
