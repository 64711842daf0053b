//! `AlterEnum`: values only added become `ALTER TYPE … ADD VALUE`; as soon
//! as one is removed, Prisma's recreate dance: a `_new` type, every column
//! moved over with a cast through text, the old type renamed away and
//! dropped, the defaults put back — in one transaction. It runs before the
//! tables change, so the columns it moves are the previous schema's.

use plumb_ir::{Column, ColumnArity, ColumnType, Enum, Name, QualifiedName, Schema};
use plumb_sql_quote::{ident, literal};

use crate::sql::{default_sql, qualified};

/// Printed before the first of several `ADD VALUE`s.
const SEVERAL_VALUES: &str = "-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


";

pub(crate) fn statements(from: &Schema, to: &Schema, old: &Enum, new: &Enum) -> Vec<String> {
    let removes = old.values.iter().any(|v| !new.values.contains(v));
    if !removes {
        let added: Vec<&Name> = new
            .values
            .iter()
            .filter(|v| !old.values.contains(v))
            .collect();
        return added
            .iter()
            .enumerate()
            .map(|(i, value)| {
                let prefix = if i == 0 && added.len() > 1 {
                    SEVERAL_VALUES
                } else {
                    ""
                };
                format!(
                    "{prefix}ALTER TYPE {} ADD VALUE {}",
                    qualified(&new.name),
                    literal(value)
                )
            })
            .collect();
    }
    recreate(from, to, old, new)
}

fn recreate(from: &Schema, to: &Schema, old: &Enum, new: &Enum) -> Vec<String> {
    let renamed = |suffix: &str| QualifiedName {
        namespace: new.name.namespace,
        name: format!("{}{suffix}", new.name.name).into(),
    };
    let (temporary, retired) = (renamed("_new"), renamed("_old"));
    let values: Vec<String> = new.values.iter().map(|v| literal(v)).collect();
    let mut statements = vec![
        "BEGIN".to_string(),
        format!(
            "CREATE TYPE {} AS ENUM ({})",
            qualified(&temporary),
            values.join(", ")
        ),
    ];
    let with_default: Vec<(&QualifiedName, &Column)> = columns_of(from, &old.name)
        .filter(|(_, column)| column.default.is_some())
        .collect();
    for (table, column) in &with_default {
        statements.push(format!(
            "ALTER TABLE {} ALTER COLUMN {} DROP DEFAULT",
            as_previous(from, to, table),
            ident(&column.name)
        ));
    }
    // The columns that use the enum when this runs, which is before any
    // table or column of the migration is created, dropped or retyped:
    // the previous schema's. (Prisma moves the next schema's columns over,
    // some of which do not exist yet, and leaves the ones about to go on
    // the old type, which then cannot be dropped.)
    for (table, column) in columns_of(from, &old.name) {
        let list = if column.arity == ColumnArity::List {
            "[]"
        } else {
            ""
        };
        let target = format!("{}{list}", qualified(&temporary));
        statements.push(format!(
            "ALTER TABLE {} ALTER COLUMN {} TYPE {target} USING ({}::text::{target})",
            qualified(table),
            ident(&column.name),
            ident(&column.name),
        ));
    }
    statements.push(format!(
        "ALTER TYPE {} RENAME TO {}",
        qualified(&old.name),
        ident(&retired.name)
    ));
    statements.push(format!(
        "ALTER TYPE {} RENAME TO {}",
        qualified(&temporary),
        ident(&new.name.name)
    ));
    let retired_previous = QualifiedName {
        namespace: old.name.namespace,
        name: retired.name,
    };
    statements.push(format!(
        "DROP TYPE {}",
        as_previous(from, to, &retired_previous)
    ));
    for (table, column) in &with_default {
        let next = to
            .tables
            .iter()
            .find(|t| &&t.name == table)
            .and_then(|t| t.columns.iter().find(|c| c.name == column.name));
        if let Some(
            next @ Column {
                default: Some(default),
                column_type: ColumnType::Enum(enum_name),
                ..
            },
        ) = next
            && *enum_name == new.name
        {
            statements.push(format!(
                "ALTER TABLE {} ALTER COLUMN {} SET DEFAULT {}",
                qualified(table),
                ident(&next.name),
                default_sql(default, &crate::sql::column_type(next))
            ));
        }
    }
    statements.push("COMMIT".to_string());
    statements
}

/// A name as the previous side spells it, which Prisma uses for the
/// defaults dropped and the type dropped (the rest of the block spells the
/// next side's names): a side read from a database (or a replayed folder)
/// names its default namespace, a schema file does not. Names of a schema
/// file that were qualified only to be compared with a database's are
/// written bare again.
fn as_previous(from: &Schema, to: &Schema, name: &QualifiedName) -> String {
    match from.default_namespace {
        Some(default) => qualified(&QualifiedName {
            namespace: name.namespace.or(Some(default)),
            name: name.name,
        }),
        None if name.namespace.is_some() && name.namespace == to.default_namespace => {
            ident(&name.name)
        }
        None => qualified(name),
    }
}

/// Every column of `schema` whose type is the enum `name`, in table and
/// column order.
fn columns_of<'a>(
    schema: &'a Schema,
    name: &'a QualifiedName,
) -> impl Iterator<Item = (&'a QualifiedName, &'a Column)> {
    schema.tables.iter().flat_map(move |table| {
        table
            .columns
            .iter()
            .filter(move |c| matches!(&c.column_type, ColumnType::Enum(e) if e == name))
            .map(move |c| (&table.name, c))
    })
}
