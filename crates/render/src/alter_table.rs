//! `AlterTable`: the statements sequences need before, one `ALTER TABLE`
//! with every clause joined by `,\n`, then the primary key rename and the
//! sequence ownership and drops — Prisma's text to the byte.

use plumb_diff::{ColumnChange, Migration, TableChange, TableChanges};
use plumb_ir::{Column, ColumnArity, Default, QualifiedName, Table};
use plumb_sql_quote::{ident, ident_bare_if_plain, literal};

use crate::sql::{column_definition, column_type, data_type, default_sql, qualified};

pub(crate) fn statements(migration: &Migration<'_>, changes: &TableChanges) -> Vec<String> {
    let old = &migration.from.tables[changes.previous];
    let new = &migration.to.tables[changes.next];
    let table = qualified(&new.name);
    let (mut before, mut clauses, mut after) = (Vec::new(), Vec::new(), Vec::new());
    for change in &changes.changes {
        match *change {
            TableChange::DropPrimaryKey => {
                if let Some(key) = &old.primary_key {
                    clauses.push(format!("DROP CONSTRAINT {}", ident(&key.name)));
                }
            }
            TableChange::RenamePrimaryKey => {
                if let (Some(a), Some(b)) = (&old.primary_key, &new.primary_key) {
                    after.push(format!(
                        "ALTER TABLE {table} RENAME CONSTRAINT {} TO {}",
                        ident(&a.name),
                        ident(&b.name)
                    ));
                }
            }
            TableChange::DropColumn(c) => {
                clauses.push(format!("DROP COLUMN {}", ident(&old.columns[c].name)));
            }
            TableChange::AddColumn(c) => clauses.push(add_column(&new.columns[c])),
            TableChange::DropAndRecreateColumn(change) => {
                clauses.push(format!(
                    "DROP COLUMN {}",
                    ident(&old.columns[change.previous].name)
                ));
                clauses.push(add_column(&new.columns[change.next]));
            }
            TableChange::AlterColumn(change) => {
                let sequence = sequence_name(new, &new.columns[change.next]);
                alter_column(old, new, change, &sequence, &mut clauses);
                let (previous, next) = (&old.columns[change.previous], &new.columns[change.next]);
                if change.changes.auto_increment && next.auto_increment {
                    before.push(format!("CREATE SEQUENCE {sequence}"));
                    after.push(format!(
                        "ALTER SEQUENCE {sequence} OWNED BY {table}.{}",
                        ident(&next.name)
                    ));
                } else if change.changes.auto_increment && previous.auto_increment {
                    // The sequence as the previous side names it: a
                    // database says, a Prisma file does not (""). It is
                    // dropped unless a column of the next schema still
                    // draws from a sequence of that name, as Prisma has it.
                    let dropped = previous.sequence.as_deref().unwrap_or("");
                    let still_used = migration.to.tables.iter().any(|t| {
                        t.columns.iter().any(|c| {
                            c.auto_increment && c.sequence.as_deref().unwrap_or("") == dropped
                        })
                    });
                    if !still_used {
                        after.push(format!("DROP SEQUENCE {}", ident(dropped)));
                    }
                }
            }
            TableChange::AddPrimaryKey => {
                if let Some(key) = &new.primary_key {
                    let columns: Vec<String> = key.columns.iter().map(|c| ident(c)).collect();
                    clauses.push(format!(
                        "ADD CONSTRAINT {} PRIMARY KEY ({})",
                        ident(&key.name),
                        columns.join(", ")
                    ));
                }
            }
        }
    }
    let mut statements = before;
    if !clauses.is_empty() {
        statements.push(format!("ALTER TABLE {table} {}", clauses.join(",\n")));
    }
    statements.extend(after);
    statements
}

/// `ADD COLUMN` and the column definition with its CREATE TABLE indent:
/// five spaces, as Prisma writes it.
fn add_column(column: &Column) -> String {
    format!("ADD COLUMN     {}", column_definition(column))
}

/// The sequence behind a column that becomes auto-incrementing:
/// `[<"schema">.]<table>_<column>_seq`, all lowercased, bare but for the
/// schema — Prisma's spelling — and quoted when a bare name would not
/// read back as itself (a space in a `@@map`, say).
fn sequence_name(table: &Table, column: &Column) -> String {
    let QualifiedName { namespace, name } = &table.name;
    let bare = ident_bare_if_plain(&format!("{name}_{}_seq", column.name).to_lowercase());
    match namespace {
        Some(namespace) => format!("{}.{bare}", ident(&namespace.to_lowercase())),
        None => bare,
    }
}

/// The `ALTER COLUMN` clauses of one column: arity, default,
/// auto-increment, then type.
fn alter_column(
    old: &Table,
    new: &Table,
    change: ColumnChange,
    sequence: &str,
    clauses: &mut Vec<String>,
) {
    let (previous, next) = (&old.columns[change.previous], &new.columns[change.next]);
    let column = ident(&next.name);
    let mut clause = |text: String| clauses.push(format!("ALTER COLUMN {column} {text}"));
    let changes = change.changes;
    if changes.arity {
        match next.arity {
            ColumnArity::Required => clause("SET NOT NULL".to_string()),
            ColumnArity::Nullable => clause("DROP NOT NULL".to_string()),
            ColumnArity::List => {}
        }
    }
    if changes.default && !next.auto_increment {
        match &next.default {
            Some(default) => clause(format!("SET DEFAULT {}", set_default(default, next))),
            // Dropping the sequence drops the default below.
            None if previous.auto_increment => {}
            None => clause("DROP DEFAULT".to_string()),
        }
    }
    if changes.auto_increment {
        if next.auto_increment {
            clause(format!("SET DEFAULT nextval({})", literal(sequence)));
        } else {
            clause("DROP DEFAULT".to_string());
        }
    }
    let list = |c: &Column| c.arity == ColumnArity::List;
    if changes.cast.is_some() || list(previous) != list(next) {
        // A serial keeps its pseudo-type here, as in Prisma (which
        // PostgreSQL rejects: `type "bigserial" does not exist`).
        clause(format!("SET DATA TYPE {}", column_type(next)));
    }
}

fn set_default(default: &Default, column: &Column) -> String {
    default_sql(default, &data_type(column))
}
