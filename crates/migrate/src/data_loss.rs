//! What a migration would destroy or fail on in this database: the pure
//! checks of `plumb_diff::checks`, weighed with row counts read from the
//! database, in the words Prisma's engine uses for `migrate dev` and
//! `db push`. A step on an empty table (or on a column without values) is
//! not worth a warning and is dropped.

use plumb_diff::checks::{Checks, Unexecutable, Warning};
use plumb_ir::{Name, QualifiedName};
use plumb_sql_quote::ident;

use crate::{Error, messages};

/// The warnings and unexecutable steps left after counting, as texts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DataLoss {
    pub warnings: Vec<String>,
    /// Each with the position of its step in the migration.
    pub unexecutable: Vec<(usize, String)>,
}

impl DataLoss {
    pub fn is_empty(&self) -> bool {
        self.warnings.is_empty() && self.unexecutable.is_empty()
    }
}

/// Weighs `checks` against the data in `client`'s database; `default` is
/// the namespace of unqualified tables (the URL's schema).
pub fn evaluate(
    client: &mut postgres::Client,
    checks: &Checks,
    default: &str,
) -> Result<DataLoss, Error> {
    let mut counter = Counter { client, default };
    let mut loss = DataLoss::default();
    for warning in &checks.warnings {
        if let Some(text) = warning_text(&mut counter, warning)? {
            loss.warnings.push(text);
        }
    }
    for found in &checks.unexecutable {
        if let Some(text) = unexecutable_text(&mut counter, &found.check)? {
            loss.unexecutable.push((found.step, text));
        }
    }
    Ok(loss)
}

/// The count that makes `warning` worth a warning (rows, values; 0 for
/// the warnings Prisma gives whatever the table holds), `None` when there
/// is nothing to lose.
fn warning_count(counter: &mut Counter<'_>, warning: &Warning) -> Result<Option<i64>, Error> {
    Ok(match warning {
        Warning::DropTable { table } | Warning::PrimaryKeyChange { table } => {
            counter.rows(table)?
        }
        Warning::DropColumn { table, column }
        | Warning::RiskyCast { table, column, .. }
        | Warning::RecreateColumn { table, column } => counter.values(table, column)?,
        // Always, as Prisma does, whatever the table holds; the values of
        // an enum may be in use anywhere.
        Warning::UniqueIndexAdded { .. } | Warning::EnumValuesRemoved { .. } => Some(0),
        Warning::ForeignKeyAdded {
            table,
            columns,
            referenced,
            referenced_columns,
        } => counter.unreferenced(table, columns, referenced, referenced_columns)?,
    })
}

fn warning_text(counter: &mut Counter<'_>, warning: &Warning) -> Result<Option<String>, Error> {
    Ok(warning_count(counter, warning)?.map(|count| messages::data_loss_warning(warning, count)))
}

/// The count that makes `step` fail (rows, values, nulls), `None` when it
/// can run.
fn unexecutable_count(
    counter: &mut Counter<'_>,
    step: &Unexecutable,
) -> Result<Option<i64>, Error> {
    Ok(match step {
        Unexecutable::AddRequiredColumn { table, .. }
        | Unexecutable::AddRequiredColumnWithClientDefault { table, .. }
        | Unexecutable::RecreateRequiredColumn { table, .. } => counter.rows(table)?,
        Unexecutable::MadeRequired { table, column } => counter.nulls(table, column)?,
        Unexecutable::ScalarToList { table, column } => counter.values(table, column)?,
    })
}

fn unexecutable_text(
    counter: &mut Counter<'_>,
    step: &Unexecutable,
) -> Result<Option<String>, Error> {
    Ok(unexecutable_count(counter, step)?.map(|count| messages::unexecutable_step(step, count)))
}

/// Counting queries, as Prisma's checker runs them; each returns `None`
/// for zero, when there is nothing to lose.
struct Counter<'a> {
    client: &'a mut postgres::Client,
    default: &'a str,
}

impl Counter<'_> {
    fn table(&self, table: &QualifiedName) -> String {
        let namespace = table.namespace.as_deref().unwrap_or(self.default);
        format!("{}.{}", ident(namespace), ident(&table.name))
    }

    fn count(&mut self, query: &str) -> Result<Option<i64>, Error> {
        let count: i64 = self.client.query_one(query, &[])?.get(0);
        Ok((count > 0).then_some(count))
    }

    fn rows(&mut self, table: &QualifiedName) -> Result<Option<i64>, Error> {
        let query = format!("SELECT COUNT(*) FROM {}", self.table(table));
        self.count(&query)
    }

    fn values(&mut self, table: &QualifiedName, column: &Name) -> Result<Option<i64>, Error> {
        let query = format!(
            "SELECT COUNT(*) FROM {} WHERE {} IS NOT NULL",
            self.table(table),
            ident(column)
        );
        self.count(&query)
    }

    /// Rows whose values in `columns` (all set: a key with a NULL is not
    /// checked) match no row of `referenced`. When that cannot be asked of
    /// this database (the referenced table or a column comes with the
    /// migration, or the types do not compare), the rows with all values
    /// set; `None` when a column is new too.
    fn unreferenced(
        &mut self,
        table: &QualifiedName,
        columns: &[Name],
        referenced: &QualifiedName,
        referenced_columns: &[Name],
    ) -> Result<Option<i64>, Error> {
        let set: Vec<String> = columns
            .iter()
            .map(|c| format!("c.{} IS NOT NULL", ident(c)))
            .collect();
        let matching: Vec<String> = columns
            .iter()
            .zip(referenced_columns)
            .map(|(c, r)| format!("r.{} = c.{}", ident(r), ident(c)))
            .collect();
        let rows_with_values = format!(
            "SELECT COUNT(*) FROM {} AS c WHERE {}",
            self.table(table),
            set.join(" AND ")
        );
        let unmatched = format!(
            "{rows_with_values} AND NOT EXISTS (SELECT 1 FROM {} AS r WHERE {})",
            self.table(referenced),
            matching.join(" AND ")
        );
        for query in [unmatched, rows_with_values] {
            // A failed query ends only its own transaction.
            let mut attempt = self.client.transaction()?;
            if let Ok(row) = attempt.query_one(&query, &[]) {
                let count: i64 = row.get(0);
                return Ok((count > 0).then_some(count));
            }
            attempt.rollback()?;
        }
        Ok(None)
    }

    fn nulls(&mut self, table: &QualifiedName, column: &Name) -> Result<Option<i64>, Error> {
        let query = format!(
            "SELECT COUNT(*) FROM {} WHERE {} IS NULL",
            self.table(table),
            ident(column)
        );
        self.count(&query)
    }
}
