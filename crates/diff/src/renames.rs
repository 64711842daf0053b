//! Renames that keep the data: a table, column, enum or enum value that
//! disappears while a like one appears may be the same object under a new
//! name. [`candidates`] finds them; the caller decides (flags, a prompt);
//! [`apply`] renames them in the previous schema, so that the diff from
//! there holds only the rest — including the constraint and index names
//! that derive from a renamed name, which it renames too.

use plumb_ir::{ColumnType, Name, QualifiedName, Schema};

/// One rename, by the database's names.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Rename {
    Table {
        from: QualifiedName,
        to: Name,
    },
    /// In `table` (its previous name).
    Column {
        table: QualifiedName,
        from: Name,
        to: Name,
    },
    Enum {
        from: QualifiedName,
        to: Name,
    },
    Value {
        enum_name: QualifiedName,
        from: Name,
        to: Name,
    },
}

/// What may be a rename from `from` to `to`: in a table on both sides, a
/// column that goes and one that comes with the same type, arity and
/// default; a table that goes and one that comes with at least half of its
/// columns named alike; an enum that goes and one that comes with as many
/// values, at least half the same; in an enum on both sides (or renamed),
/// a value replaced by another at the same position. Each dropped object is offered once, to the first like
/// one.
pub fn candidates(from: &Schema, to: &Schema) -> Vec<Rename> {
    let mut found = Vec::new();
    // Tables.
    let gone: Vec<_> = from
        .tables
        .iter()
        .filter(|t| !to.tables.iter().any(|n| n.name == t.name))
        .collect();
    let mut taken = Vec::new();
    for old in &gone {
        let best = to
            .tables
            .iter()
            .filter(|n| n.name.namespace == old.name.namespace)
            .filter(|n| !from.tables.iter().any(|t| t.name == n.name))
            .filter(|n| !taken.contains(&n.name))
            .map(|n| (alike_columns(old, n), n))
            .filter(|(alike, n)| *alike * 2 >= n.columns.len().max(old.columns.len()) && *alike > 0)
            .max_by_key(|(alike, _)| *alike);
        if let Some((_, new)) = best {
            taken.push(new.name);
            found.push(Rename::Table {
                from: old.name,
                to: new.name.name,
            });
        }
    }
    // Columns, in tables on both sides (a table renamed above included).
    for old in &from.tables {
        let new_name = renamed_table(&found, old.name);
        let Some(new) = to.tables.iter().find(|t| t.name == new_name) else {
            continue;
        };
        let mut used = Vec::new();
        for column in &old.columns {
            if new.columns.iter().any(|c| c.name == column.name) {
                continue;
            }
            let partner = new.columns.iter().find(|c| {
                !old.columns.iter().any(|o| o.name == c.name)
                    && !used.contains(&c.name)
                    && c.column_type == column.column_type
                    && c.arity == column.arity
                    && c.default == column.default
                    && c.auto_increment == column.auto_increment
            });
            if let Some(partner) = partner {
                used.push(partner.name);
                found.push(Rename::Column {
                    table: old.name,
                    from: column.name,
                    to: partner.name,
                });
            }
        }
    }
    // Enums, then their values.
    let mut taken = Vec::new();
    for old in &from.enums {
        if to.enums.iter().any(|e| e.name == old.name) {
            continue;
        }
        let partner = to.enums.iter().find(|e| {
            e.name.namespace == old.name.namespace
                && !from.enums.iter().any(|f| f.name == e.name)
                && !taken.contains(&e.name)
                && alike_values(old, e)
        });
        if let Some(partner) = partner {
            taken.push(partner.name);
            found.push(Rename::Enum {
                from: old.name,
                to: partner.name.name,
            });
        }
    }
    for old in &from.enums {
        let renamed = renamed_enum(&found, old.name);
        let Some(new) = to.enums.iter().find(|e| e.name == renamed) else {
            continue;
        };
        for (position, value) in old.values.iter().enumerate() {
            let Some(replacement) = new.values.get(position) else {
                continue;
            };
            if replacement != value
                && !new.values.contains(value)
                && !old.values.contains(replacement)
            {
                found.push(Rename::Value {
                    enum_name: old.name,
                    from: *value,
                    to: *replacement,
                });
            }
        }
    }
    found
}

/// Columns with the same name in both tables.
fn alike_columns(old: &plumb_ir::Table, new: &plumb_ir::Table) -> usize {
    old.columns
        .iter()
        .filter(|c| new.columns.iter().any(|n| n.name == c.name))
        .count()
}

/// As many values, at least half of them the same.
fn alike_values(old: &plumb_ir::Enum, new: &plumb_ir::Enum) -> bool {
    let same = old.values.iter().filter(|v| new.values.contains(v)).count();
    old.values.len() == new.values.len() && same * 2 >= old.values.len()
}

/// `from` with the renames made: the objects' names, and every reference
/// to them (columns of keys and indexes, foreign keys both ways, columns
/// of an enum's type, defaults of a renamed value, a serial's sequence).
pub fn apply(from: &Schema, renames: &[Rename]) -> Schema {
    let mut schema = from.clone();
    for rename in renames {
        match rename {
            Rename::Table { from, to } => rename_table(&mut schema, *from, *to),
            Rename::Column { table, from, to } => {
                // The table may have been renamed first.
                let table = renamed_table(renames, *table);
                rename_column(&mut schema, table, *from, *to);
            }
            Rename::Enum { from, to } => rename_enum(&mut schema, *from, *to),
            Rename::Value {
                enum_name,
                from,
                to,
            } => {
                let enum_name = renamed_enum(renames, *enum_name);
                rename_value(&mut schema, enum_name, *from, *to);
            }
        }
    }
    schema
}

/// The renames that undo `renames`: each the other way, in the same order
/// of kinds (tables, then columns by their table's new name, then enums
/// and values).
pub fn reversed(renames: &[Rename]) -> Vec<Rename> {
    renames
        .iter()
        .map(|rename| match rename {
            Rename::Table { from, to } => Rename::Table {
                from: QualifiedName {
                    namespace: from.namespace,
                    name: *to,
                },
                to: from.name,
            },
            Rename::Column { table, from, to } => Rename::Column {
                table: renamed_table(renames, *table),
                from: *to,
                to: *from,
            },
            Rename::Enum { from, to } => Rename::Enum {
                from: QualifiedName {
                    namespace: from.namespace,
                    name: *to,
                },
                to: from.name,
            },
            Rename::Value {
                enum_name,
                from,
                to,
            } => Rename::Value {
                enum_name: renamed_enum(renames, *enum_name),
                from: *to,
                to: *from,
            },
        })
        .collect()
}

/// The name a table has once `renames` are made.
pub fn renamed_table(renames: &[Rename], table: QualifiedName) -> QualifiedName {
    renames
        .iter()
        .find_map(|r| match r {
            Rename::Table { from, to } if *from == table => Some(QualifiedName {
                namespace: table.namespace,
                name: *to,
            }),
            _ => None,
        })
        .unwrap_or(table)
}

/// The name an enum has once `renames` are made.
pub fn renamed_enum(renames: &[Rename], name: QualifiedName) -> QualifiedName {
    renames
        .iter()
        .find_map(|r| match r {
            Rename::Enum { from, to } if *from == name => Some(QualifiedName {
                namespace: name.namespace,
                name: *to,
            }),
            _ => None,
        })
        .unwrap_or(name)
}

/// `<table>_<column>_seq`, PostgreSQL's name for a serial's sequence
/// (when it is not cut to 63 bytes).
pub fn serial_sequence(table: &str, column: &str) -> String {
    format!("{table}_{column}_seq")
}

fn rename_table(schema: &mut Schema, from: QualifiedName, to: Name) {
    let renamed = QualifiedName {
        namespace: from.namespace,
        name: to,
    };
    for table in schema.tables.iter_mut().filter(|t| t.name == from) {
        table.name = renamed;
        for column in &mut table.columns {
            let old = serial_sequence(&from.name, &column.name);
            if column.sequence.as_deref() == Some(old.as_str()) {
                column.sequence = Some(Name::new(&serial_sequence(&to, &column.name)));
            }
        }
    }
    for key in &mut schema.foreign_keys {
        if key.table == from {
            key.table = renamed;
        }
        if key.referenced_table == from {
            key.referenced_table = renamed;
        }
    }
}

fn rename_column(schema: &mut Schema, table: QualifiedName, from: Name, to: Name) {
    let swap = |name: &mut Name| {
        if *name == from {
            *name = to;
        }
    };
    if let Some(found) = schema.tables.iter_mut().find(|t| t.name == table) {
        for column in found.columns.iter_mut().filter(|c| c.name == from) {
            column.name = to;
            let old = serial_sequence(&table.name, &from);
            if column.sequence.as_deref() == Some(old.as_str()) {
                column.sequence = Some(Name::new(&serial_sequence(&table.name, &to)));
            }
        }
        if let Some(pk) = &mut found.primary_key {
            pk.columns.iter_mut().for_each(swap);
        }
        for index in &mut found.indexes {
            index.columns.iter_mut().for_each(|c| swap(&mut c.name));
        }
    }
    for key in &mut schema.foreign_keys {
        if key.table == table {
            key.columns.iter_mut().for_each(swap);
        }
        if key.referenced_table == table {
            key.referenced_columns.iter_mut().for_each(swap);
        }
    }
}

fn rename_enum(schema: &mut Schema, from: QualifiedName, to: Name) {
    let renamed = QualifiedName {
        namespace: from.namespace,
        name: to,
    };
    for enum_type in schema.enums.iter_mut().filter(|e| e.name == from) {
        enum_type.name = renamed;
    }
    for column in schema.tables.iter_mut().flat_map(|t| &mut t.columns) {
        if let ColumnType::Enum(name) = &mut column.column_type
            && *name == from
        {
            *name = renamed;
        }
    }
}

fn rename_value(schema: &mut Schema, enum_name: QualifiedName, from: Name, to: Name) {
    for enum_type in schema.enums.iter_mut().filter(|e| e.name == enum_name) {
        for value in enum_type.values.iter_mut().filter(|v| **v == from) {
            *value = to;
        }
    }
    // A default names the value by its label: renaming the label renames it.
    for column in schema.tables.iter_mut().flat_map(|t| &mut t.columns) {
        if !matches!(&column.column_type, ColumnType::Enum(name) if *name == enum_name) {
            continue;
        }
        if let Some(plumb_ir::Default::Value(value)) = &mut column.default {
            rename_in_value(value, &from, &to);
        }
    }
}

fn rename_in_value(value: &mut plumb_ir::Value, from: &str, to: &str) {
    match value {
        plumb_ir::Value::String(text) if &**text == from => *text = to.into(),
        plumb_ir::Value::List(values) => {
            for value in values {
                rename_in_value(value, from, to);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(table: &str) -> QualifiedName {
        QualifiedName {
            namespace: None,
            name: Name::new(table),
        }
    }

    #[test]
    fn a_column_that_goes_and_a_like_one_that_comes_is_a_candidate() {
        let mut from = Schema::default();
        let column = |n: &str| plumb_ir::Column {
            name: Name::new(n),
            column_type: ColumnType::Unsupported("text".into()),
            arity: plumb_ir::ColumnArity::Nullable,
            default: None,
            auto_increment: false,
            sequence: None,
            client_default: false,
        };
        from.tables.push(plumb_ir::Table {
            name: name("User"),
            columns: vec![column("id"), column("displayName")],
            primary_key: None,
            indexes: Vec::new(),
        });
        let mut to = from.clone();
        to.tables[0].columns[1].name = Name::new("name");
        let found = candidates(&from, &to);
        assert_eq!(
            found,
            vec![Rename::Column {
                table: name("User"),
                from: Name::new("displayName"),
                to: Name::new("name"),
            }]
        );
        // Applied, nothing is left to change; reversed, it goes back.
        assert_eq!(apply(&from, &found), to);
        assert_eq!(apply(&to, &reversed(&found)), from);
        // Another type is no rename.
        to.tables[0].columns[1].arity = plumb_ir::ColumnArity::Required;
        assert!(candidates(&from, &to).is_empty());
    }
}
