//! What a migration would destroy or fail on in this database: the pure
//! checks of `plumb_diff::checks`, weighed with row counts read from the
//! database, in the words Prisma's engine uses for `migrate dev` and
//! `db push`. A step on an empty table (or on a column without values) is
//! not worth a warning and is dropped.

use plumb_diff::checks::{Checks, Unexecutable, Warning};
use plumb_ir::{Name, QualifiedName};
use plumb_sql_quote::ident;

use crate::Error;

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

fn warning_text(counter: &mut Counter<'_>, warning: &Warning) -> Result<Option<String>, Error> {
    Ok(match warning {
        Warning::DropTable { table } => counter.rows(table)?.map(|rows| {
            format!(
                "You are about to drop the `{}` table, which is not empty ({rows} rows).",
                table.name
            )
        }),
        Warning::DropColumn { table, column } => counter.values(table, column)?.map(|values| {
            format!(
                "You are about to drop the column `{column}` on the `{}` table, which still contains {values} non-null values.",
                table.name
            )
        }),
        Warning::RiskyCast {
            table,
            column,
            previous,
            next,
        } => counter.values(table, column)?.map(|values| {
            format!(
                "You are about to alter the column `{column}` on the `{}` table, which contains {values} non-null values. The data in that column will be cast from `{previous}` to `{next}`.",
                table.name
            )
        }),
        Warning::RecreateColumn { table, column } => counter.values(table, column)?.map(|_| {
            format!(
                "The `{column}` column on the `{}` table would be dropped and recreated. This will lead to data loss.",
                table.name
            )
        }),
        Warning::PrimaryKeyChange { table } => counter.rows(table)?.map(|_| {
            format!(
                "The primary key for the `{}` table will be changed. If it partially fails, the table could be left without primary key constraint.",
                table.name
            )
        }),
        // Always, as Prisma does, whatever the table holds.
        Warning::UniqueIndexAdded { table, columns } => Some(format!(
            "A unique constraint covering the columns `[{}]` on the table `{}` will be added. If there are existing duplicate values, this will fail.",
            columns.join(","),
            table.name
        )),
        // No count: the values may be in use anywhere.
        Warning::EnumValuesRemoved { name, values } => Some(format!(
            "The values [{}] on the enum `{name}` will be removed. If these variants are still used in the database, this will fail.",
            values.join(",")
        )),
    })
}

fn unexecutable_text(
    counter: &mut Counter<'_>,
    step: &Unexecutable,
) -> Result<Option<String>, Error> {
    Ok(match step {
        Unexecutable::AddRequiredColumn { table, column } => counter.rows(table)?.map(|rows| {
            format!(
                "Added the required column `{column}` to the `{}` table without a default value. There are {rows} rows in this table, it is not possible to execute this step.",
                table.name
            )
        }),
        Unexecutable::AddRequiredColumnWithClientDefault { table, column } => {
            counter.rows(table)?.map(|rows| {
                format!(
                    "The required column `{column}` was added to the `{}` table with a prisma-level default value. There are {rows} rows in this table, it is not possible to execute this step. Please add this column as optional, then populate it before making it required.",
                    table.name
                )
            })
        }
        Unexecutable::MadeRequired { table, column } => counter.nulls(table, column)?.map(|nulls| {
            format!(
                "Made the column `{column}` on table `{}` required, but there are {nulls} existing NULL values.",
                table.name
            )
        }),
        Unexecutable::ScalarToList { table, column } => counter.values(table, column)?.map(|values| {
            format!(
                "Changed the column `{column}` on the `{}` table from a scalar field to a list field. There are {values} existing non-null values in that column, this step cannot be executed.",
                table.name
            )
        }),
        Unexecutable::RecreateRequiredColumn { table, column } => counter.rows(table)?.map(|_| {
            format!(
                "Changed the type of `{column}` on the `{}` table. No cast exists, the column would be dropped and recreated, which cannot be done since the column is required and there is data in the table.",
                table.name
            )
        }),
    })
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

    fn nulls(&mut self, table: &QualifiedName, column: &Name) -> Result<Option<i64>, Error> {
        let query = format!(
            "SELECT COUNT(*) FROM {} WHERE {} IS NULL",
            self.table(table),
            ident(column)
        );
        self.count(&query)
    }
}
