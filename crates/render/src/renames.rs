//! Renames that keep the data (`plumb_diff::renames`), as SQL: they come
//! first in a migration, before the steps the diff from the renamed
//! schema adds (among them the renames of the constraints and indexes
//! whose names follow). A serial's sequence named after a renamed table or
//! column is renamed with it.

use plumb_diff::renames::{Rename, renamed_table, serial_sequence};
use plumb_ir::{QualifiedName, Schema};
use plumb_sql_quote::{ident, literal};

use crate::sql::qualified;

/// The statements of `renames` on `from`, each after its `-- Rename…`
/// header (empty when there are none).
pub fn renames(from: &Schema, renames: &[Rename]) -> String {
    let mut out = String::new();
    for rename in renames {
        let (header, statements) = statements(from, renames, rename);
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!("-- {header}\n"));
        for statement in statements {
            out.push_str(&statement);
            out.push_str(";\n");
        }
    }
    out
}

fn statements(from: &Schema, all: &[Rename], rename: &Rename) -> (&'static str, Vec<String>) {
    match rename {
        Rename::Table { from: old, to } => {
            let mut statements = vec![format!(
                "ALTER TABLE {} RENAME TO {}",
                qualified(old),
                ident(to)
            )];
            for column in from
                .tables
                .iter()
                .filter(|t| t.name == *old)
                .flat_map(|t| &t.columns)
            {
                let sequence = serial_sequence(&old.name, &column.name);
                if column.sequence.as_deref() == Some(sequence.as_str()) {
                    statements.push(format!(
                        "ALTER SEQUENCE {} RENAME TO {}",
                        qualified(&in_namespace(old, &sequence)),
                        ident(&serial_sequence(to, &column.name))
                    ));
                }
            }
            ("RenameTable", statements)
        }
        Rename::Column {
            table,
            from: old,
            to,
        } => {
            let current = renamed_table(all, *table);
            let mut statements = vec![format!(
                "ALTER TABLE {} RENAME COLUMN {} TO {}",
                qualified(&current),
                ident(old),
                ident(to)
            )];
            let column = from
                .tables
                .iter()
                .filter(|t| t.name == *table)
                .flat_map(|t| &t.columns)
                .find(|c| c.name == *old);
            // The sequence carries the table's name as it is by now.
            let serial = column.and_then(|c| c.sequence.as_deref()).is_some_and(|s| {
                s == serial_sequence(&table.name, old) || s == serial_sequence(&current.name, old)
            });
            if serial {
                statements.push(format!(
                    "ALTER SEQUENCE {} RENAME TO {}",
                    qualified(&in_namespace(table, &serial_sequence(&current.name, old))),
                    ident(&serial_sequence(&current.name, to))
                ));
            }
            ("RenameColumn", statements)
        }
        Rename::Enum { from: old, to } => (
            "RenameEnum",
            vec![format!(
                "ALTER TYPE {} RENAME TO {}",
                qualified(old),
                ident(to)
            )],
        ),
        Rename::Value {
            enum_name,
            from: old,
            to,
        } => {
            let current = plumb_diff::renames::renamed_enum(all, *enum_name);
            (
                "RenameEnumValue",
                vec![format!(
                    "ALTER TYPE {} RENAME VALUE {} TO {}",
                    qualified(&current),
                    literal(old),
                    literal(to)
                )],
            )
        }
    }
}

fn in_namespace(table: &QualifiedName, name: &str) -> QualifiedName {
    QualifiedName {
        namespace: table.namespace,
        name: plumb_ir::Name::new(name),
    }
}
