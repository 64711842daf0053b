//! What a migration may destroy or fail on, found from the two schemas
//! alone (Prisma's "pure" destructive-change check, the one `migrate dev`
//! writes into a new migration's header). Warnings are steps that lose
//! data; unexecutable steps fail on a table that has rows.
//!
//! Both lists are in step order, and in change order inside a table.

use std::collections::{BTreeMap, BTreeSet};

use plumb_ir::{Column, ColumnArity, ColumnType, ForeignKey, Name, NativeType, QualifiedName};

use crate::{Cast, Migration, Step, TableChange};

/// A step that loses data if there is any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    DropTable {
        table: QualifiedName,
    },
    DropColumn {
        table: QualifiedName,
        column: Name,
    },
    /// `SET DATA TYPE` that may cut or fail to convert values; the types
    /// in Prisma's spelling (`VarChar(10)`).
    RiskyCast {
        table: QualifiedName,
        column: Name,
        previous: String,
        next: String,
    },
    /// A column dropped and added again that may be empty afterwards.
    RecreateColumn {
        table: QualifiedName,
        column: Name,
    },
    PrimaryKeyChange {
        table: QualifiedName,
    },
    UniqueIndexAdded {
        table: QualifiedName,
        columns: Vec<Name>,
    },
    EnumValuesRemoved {
        name: Name,
        values: Vec<Name>,
    },
    /// A new foreign key on columns of a table that already has rows:
    /// values that reference nothing make it fail (plumb's own warning;
    /// Prisma has none).
    ForeignKeyAdded {
        table: QualifiedName,
        columns: Vec<Name>,
        referenced: QualifiedName,
        referenced_columns: Vec<Name>,
    },
}

/// A step that cannot run on a table that has rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unexecutable {
    AddRequiredColumn {
        table: QualifiedName,
        column: Name,
    },
    /// A required column whose only default is computed by the client
    /// (`uuid()`, `cuid()`, …).
    AddRequiredColumnWithClientDefault {
        table: QualifiedName,
        column: Name,
    },
    MadeRequired {
        table: QualifiedName,
        column: Name,
    },
    ScalarToList {
        table: QualifiedName,
        column: Name,
    },
    /// A required column without default, dropped and added again.
    RecreateRequiredColumn {
        table: QualifiedName,
        column: Name,
    },
}

/// An unexecutable step and the position of its step in the migration
/// (Prisma prints it: `Step 2 Added the required column…`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnexecutableStep {
    pub step: usize,
    pub check: Unexecutable,
}

/// Warnings and unexecutable steps of a migration.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Checks {
    pub warnings: Vec<Warning>,
    pub unexecutable: Vec<UnexecutableStep>,
}

impl Checks {
    pub fn is_empty(&self) -> bool {
        self.warnings.is_empty() && self.unexecutable.is_empty()
    }
}

/// Checks every step of `migration`.
pub fn check(migration: &Migration<'_>) -> Checks {
    let (from, to) = (migration.from, migration.to);
    let mut checks = Checks::default();
    let tables = Tables::of(from, to);
    for (index, step) in migration.steps.iter().enumerate() {
        let unexecutable_before = checks.unexecutable.len();
        match *step {
            Step::DropTable(i) => checks.warnings.push(Warning::DropTable {
                table: from.tables[i].name,
            }),
            Step::AlterTable(i) => {
                let changes = &migration.alter_tables[i];
                let (old, new) = (&from.tables[changes.previous], &to.tables[changes.next]);
                for change in &changes.changes {
                    alter_table_change(new.name, old, new, *change, &mut checks);
                }
            }
            Step::CreateIndex {
                previous: Some(_),
                table,
                index,
                recreated: false,
            } => {
                let table = &to.tables[table];
                let index = &table.indexes[index];
                if index.unique {
                    checks.warnings.push(Warning::UniqueIndexAdded {
                        table: table.name,
                        columns: index.columns.iter().map(|c| c.name).collect(),
                    });
                }
            }
            Step::AddForeignKey(n) => {
                let key = &to.foreign_keys[n];
                // A key that was there holds already, unless its table is
                // new (created, or dropped and created again): then empty.
                let referenced_is_new = !tables.previous.contains_key(&key.referenced_table);
                let had_key = tables.previous_keys.contains(&(
                    &key.table,
                    key.columns.as_slice(),
                    &key.referenced_table,
                ));
                if (referenced_is_new || !had_key) && may_hold_values(from, to, &tables, key) {
                    checks.warnings.push(Warning::ForeignKeyAdded {
                        table: key.table,
                        columns: key.columns.clone(),
                        referenced: key.referenced_table,
                        referenced_columns: key.referenced_columns.clone(),
                    });
                }
            }
            Step::AlterEnum { previous, next } => {
                let (old, new) = (&from.enums[previous], &to.enums[next]);
                let removed: Vec<Name> = old
                    .values
                    .iter()
                    .filter(|v| !new.values.contains(v))
                    .cloned()
                    .collect();
                if !removed.is_empty() {
                    checks.warnings.push(Warning::EnumValuesRemoved {
                        name: new.name.name,
                        values: removed,
                    });
                }
            }
            _ => {}
        }
        for found in &mut checks.unexecutable[unexecutable_before..] {
            found.step = index;
        }
    }
    checks
}

fn alter_table_change(
    table: QualifiedName,
    old: &plumb_ir::Table,
    new: &plumb_ir::Table,
    change: TableChange,
    checks: &mut Checks,
) {
    let names = |column: &Column| (table, column.name);
    match change {
        TableChange::DropPrimaryKey => checks.warnings.push(Warning::PrimaryKeyChange { table }),
        TableChange::DropColumn(c) => {
            let (table, column) = names(&old.columns[c]);
            checks.warnings.push(Warning::DropColumn { table, column });
        }
        TableChange::AddColumn(c) => {
            let added = &new.columns[c];
            if added.arity == ColumnArity::Required && !has_default(added) {
                let (table, column) = names(added);
                checks.unexecutable.push(step(if added.client_default {
                    Unexecutable::AddRequiredColumnWithClientDefault { table, column }
                } else {
                    Unexecutable::AddRequiredColumn { table, column }
                }));
            }
        }
        TableChange::AlterColumn(change) => {
            let (previous, next) = (&old.columns[change.previous], &new.columns[change.next]);
            let (table, column) = names(next);
            if change.changes.arity {
                match (previous.arity, next.arity) {
                    (ColumnArity::Nullable, ColumnArity::Required) => {
                        checks
                            .unexecutable
                            .push(step(Unexecutable::MadeRequired { table, column }));
                    }
                    (ColumnArity::Required | ColumnArity::Nullable, ColumnArity::List) => {
                        checks
                            .unexecutable
                            .push(step(Unexecutable::ScalarToList { table, column }));
                    }
                    _ => {}
                }
            }
            if change.changes.cast == Some(Cast::Risky) {
                checks.warnings.push(Warning::RiskyCast {
                    table,
                    column,
                    previous: prisma_type(previous),
                    next: prisma_type(next),
                });
            }
        }
        TableChange::DropAndRecreateColumn(change) => {
            let (previous, next) = (&old.columns[change.previous], &new.columns[change.next]);
            let (table, column) = names(next);
            let required = next.arity == ColumnArity::Required && !has_default(next);
            if required && previous.arity == ColumnArity::Nullable {
                checks
                    .unexecutable
                    .push(step(Unexecutable::AddRequiredColumn { table, column }));
            } else if required {
                checks
                    .unexecutable
                    .push(step(Unexecutable::RecreateRequiredColumn { table, column }));
            } else {
                checks
                    .warnings
                    .push(Warning::RecreateColumn { table, column });
            }
        }
        TableChange::RenamePrimaryKey | TableChange::AddPrimaryKey => {}
    }
}

/// Whether existing rows may hold values in every column of `key` (a key
/// with a NULL is not checked): its table exists, and each column either
/// existed or comes with a default.
fn may_hold_values(
    from: &plumb_ir::Schema,
    to: &plumb_ir::Schema,
    tables: &Tables<'_>,
    key: &ForeignKey,
) -> bool {
    let (Some(&previous), Some(&next)) =
        (tables.previous.get(&key.table), tables.next.get(&key.table))
    else {
        return false;
    };
    let (previous, next) = (&from.tables[previous], &to.tables[next]);
    key.columns.iter().all(|name| {
        previous.columns.iter().any(|c| &c.name == name)
            || next
                .columns
                .iter()
                .any(|c| &c.name == name && has_default(c))
    })
}

/// Lookups over both schemas, made once per check.
struct Tables<'a> {
    previous: BTreeMap<&'a QualifiedName, usize>,
    next: BTreeMap<&'a QualifiedName, usize>,
    /// The previous foreign keys: table, columns, referenced table.
    previous_keys: BTreeSet<(&'a QualifiedName, &'a [Name], &'a QualifiedName)>,
}

impl<'a> Tables<'a> {
    fn of(from: &'a plumb_ir::Schema, to: &'a plumb_ir::Schema) -> Tables<'a> {
        Tables {
            previous: crate::tables::positions(from.tables.iter().map(|t| &t.name)),
            next: crate::tables::positions(to.tables.iter().map(|t| &t.name)),
            previous_keys: from
                .foreign_keys
                .iter()
                .map(|k| (&k.table, k.columns.as_slice(), &k.referenced_table))
                .collect(),
        }
    }
}

/// An unexecutable check, its step filled in by `check`.
fn step(check: Unexecutable) -> UnexecutableStep {
    UnexecutableStep { step: 0, check }
}

/// A database default (a sequence counts; a client-side one does not).
fn has_default(column: &Column) -> bool {
    column.auto_increment || column.default.as_ref().is_some_and(|d| !d.is_empty())
}

/// A column's type as Prisma names it in warnings: `Integer`,
/// `VarChar(10)`, `Decimal(10,2)`, `Unsupported("circle")`; a list by its
/// element type.
fn prisma_type(column: &Column) -> String {
    match &column.column_type {
        ColumnType::Native(NativeType { kind, arguments }) if arguments.is_empty() => {
            kind.prisma_name().to_string()
        }
        ColumnType::Native(NativeType { kind, arguments }) => {
            let arguments: Vec<String> = arguments.iter().map(u32::to_string).collect();
            format!("{}({})", kind.prisma_name(), arguments.join(","))
        }
        ColumnType::Enum(name) => name.name.to_string(),
        ColumnType::Unsupported(raw) => format!("Unsupported({raw:?})"),
    }
}
