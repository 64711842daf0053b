//! The `/* Warnings: */` block a new migration file starts with, in
//! Prisma's words (the variant for when nothing is known about the data):
//! every warning, then every unexecutable step.

use plumb_diff::checks::{Checks, Unexecutable, Warning};
use plumb_ir::QualifiedName;

/// The block, ending in a newline; empty when there is nothing to say.
pub fn warnings_block(checks: &Checks) -> String {
    if checks.is_empty() {
        return String::new();
    }
    let mut out = String::from("/*\n  Warnings:\n\n");
    let lines = checks.warnings.iter().map(warning).chain(
        checks
            .unexecutable
            .iter()
            .map(|found| unexecutable(&found.check)),
    );
    for line in lines {
        out.push_str("  - ");
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str("\n*/\n");
    out
}

fn warning(warning: &Warning) -> String {
    match warning {
        Warning::DropTable {
            table: QualifiedName { name: table, .. },
        } => format!(
            "You are about to drop the `{table}` table. If the table is not empty, all the data it contains will be lost."
        ),
        Warning::DropColumn {
            table: QualifiedName { name: table, .. },
            column,
        } => format!(
            "You are about to drop the column `{column}` on the `{table}` table. All the data in the column will be lost."
        ),
        Warning::RiskyCast {
            table: QualifiedName { name: table, .. },
            column,
            previous,
            next,
        } => format!(
            "You are about to alter the column `{column}` on the `{table}` table. The data in that column could be lost. The data in that column will be cast from `{previous}` to `{next}`."
        ),
        Warning::RecreateColumn {
            table: QualifiedName { name: table, .. },
            column,
        } => format!(
            "The `{column}` column on the `{table}` table would be dropped and recreated. This will lead to data loss if there is data in the column."
        ),
        Warning::PrimaryKeyChange {
            table: QualifiedName { name: table, .. },
        } => format!(
            "The primary key for the `{table}` table will be changed. If it partially fails, the table could be left without primary key constraint."
        ),
        Warning::UniqueIndexAdded {
            table: QualifiedName { name: table, .. },
            columns,
        } => format!(
            "A unique constraint covering the columns `[{}]` on the table `{table}` will be added. If there are existing duplicate values, this will fail.",
            columns.join(",")
        ),
        Warning::EnumValuesRemoved { name, values } => format!(
            "The values [{}] on the enum `{name}` will be removed. If these variants are still used in the database, this will fail.",
            values.join(",")
        ),
        Warning::ForeignKeyAdded {
            table: QualifiedName { name: table, .. },
            columns,
            referenced: QualifiedName {
                name: referenced, ..
            },
            ..
        } => format!(
            "A foreign key on the columns `[{}]` of the table `{table}` referencing `{referenced}` will be added. If existing rows hold values that reference no row of `{referenced}`, this will fail.",
            columns.join(",")
        ),
    }
}

fn unexecutable(step: &Unexecutable) -> String {
    match step {
        Unexecutable::AddRequiredColumn {
            table: QualifiedName { name: table, .. },
            column,
        } => format!(
            "Added the required column `{column}` to the `{table}` table without a default value. This is not possible if the table is not empty."
        ),
        Unexecutable::AddRequiredColumnWithClientDefault {
            table: QualifiedName { name: table, .. },
            column,
        } => format!(
            "The required column `{column}` was added to the `{table}` table with a prisma-level default value. This is not possible if the table is not empty. Please add this column as optional, then populate it before making it required."
        ),
        Unexecutable::MadeRequired {
            table: QualifiedName { name: table, .. },
            column,
        } => format!(
            "Made the column `{column}` on table `{table}` required. This step will fail if there are existing NULL values in that column."
        ),
        Unexecutable::ScalarToList {
            table: QualifiedName { name: table, .. },
            column,
        } => format!(
            "Changed the column `{column}` on the `{table}` table from a scalar field to a list field. If there are non-null values in that column, this step will fail."
        ),
        Unexecutable::RecreateRequiredColumn {
            table: QualifiedName { name: table, .. },
            column,
        } => format!(
            "Changed the type of `{column}` on the `{table}` table. No cast exists, the column would be dropped and recreated, which cannot be done if there is data, since the column is required."
        ),
    }
}
