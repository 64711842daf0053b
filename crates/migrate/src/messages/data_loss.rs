//! The data-loss warnings and unexecutable steps of `migrate dev` and
//! `db push`, in the words of Prisma's engine, with the count that made
//! each worth saying.

use plumb_diff::checks::{Unexecutable, Warning};

/// A warning; `count` is the rows or values at stake.
pub fn data_loss_warning(warning: &Warning, count: i64) -> String {
    match warning {
        Warning::DropTable { table } => format!(
            "You are about to drop the `{}` table, which is not empty ({count} rows).",
            table.name
        ),
        Warning::DropColumn { table, column } => format!(
            "You are about to drop the column `{column}` on the `{}` table, which still contains {count} non-null values.",
            table.name
        ),
        Warning::RiskyCast {
            table,
            column,
            previous,
            next,
        } => format!(
            "You are about to alter the column `{column}` on the `{}` table, which contains {count} non-null values. The data in that column will be cast from `{previous}` to `{next}`.",
            table.name
        ),
        Warning::RecreateColumn { table, column } => format!(
            "The `{column}` column on the `{}` table would be dropped and recreated. This will lead to data loss.",
            table.name
        ),
        Warning::PrimaryKeyChange { table } => format!(
            "The primary key for the `{}` table will be changed. If it partially fails, the table could be left without primary key constraint.",
            table.name
        ),
        Warning::UniqueIndexAdded { table, columns } => format!(
            "A unique constraint covering the columns `[{}]` on the table `{}` will be added. If there are existing duplicate values, this will fail.",
            columns.join(","),
            table.name
        ),
        Warning::EnumValuesRemoved { name, values } => format!(
            "The values [{}] on the enum `{name}` will be removed. If these variants are still used in the database, this will fail.",
            values.join(",")
        ),
        Warning::ForeignKeyAdded {
            table,
            columns,
            referenced,
            ..
        } => format!(
            "A foreign key on the columns `[{}]` of the table `{}` referencing `{}` will be added, but the table holds {count} row(s) whose values reference no row of `{}`. This will fail.",
            columns.join(","),
            table.name,
            referenced.name,
            referenced.name
        ),
    }
}

/// A step that cannot run; `count` is the rows, values or nulls in the way.
pub fn unexecutable_step(step: &Unexecutable, count: i64) -> String {
    match step {
        Unexecutable::AddRequiredColumn { table, column } => format!(
            "Added the required column `{column}` to the `{}` table without a default value. There are {count} rows in this table, it is not possible to execute this step.",
            table.name
        ),
        Unexecutable::AddRequiredColumnWithClientDefault { table, column } => format!(
            "The required column `{column}` was added to the `{}` table with a prisma-level default value. There are {count} rows in this table, it is not possible to execute this step. Please add this column as optional, then populate it before making it required.",
            table.name
        ),
        Unexecutable::MadeRequired { table, column } => format!(
            "Made the column `{column}` on table `{}` required, but there are {count} existing NULL values.",
            table.name
        ),
        Unexecutable::ScalarToList { table, column } => format!(
            "Changed the column `{column}` on the `{}` table from a scalar field to a list field. There are {count} existing non-null values in that column, this step cannot be executed.",
            table.name
        ),
        Unexecutable::RecreateRequiredColumn { table, column } => format!(
            "Changed the type of `{column}` on the `{}` table. No cast exists, the column would be dropped and recreated, which cannot be done since the column is required and there is data in the table.",
            table.name
        ),
    }
}
