//! Tables on both sides: what changes inside them (one `AlterTable` step
//! each), and the index steps. Tables only on one side are created or
//! dropped whole.

use std::collections::BTreeMap;

use plumb_ir::{Index, QualifiedName, Schema, Table};

use crate::Step;
use crate::columns::{self, ColumnChange};

/// Everything that changes inside one table, in Prisma's clause order.
#[derive(Debug, Clone, PartialEq)]
pub struct TableChanges {
    /// The table's position in `from.tables`.
    pub previous: usize,
    /// The table's position in `to.tables`.
    pub next: usize,
    pub changes: Vec<TableChange>,
}

impl TableChanges {
    /// The columns dropped and created again (their type has no cast).
    pub fn recreated_columns(&self) -> impl Iterator<Item = &ColumnChange> {
        self.changes.iter().filter_map(|change| match change {
            TableChange::DropAndRecreateColumn(column) => Some(column),
            _ => None,
        })
    }

    /// Whether `to`'s column named `name` is dropped and created again.
    pub fn recreates(&self, to: &Schema, name: &str) -> bool {
        self.recreated_columns()
            .any(|c| to.tables[self.next].columns[c.next].name == name)
    }

    /// Whether `from`'s column named `name` changes type.
    pub fn retypes(&self, from: &Schema, name: &str) -> bool {
        self.changes.iter().any(|change| match change {
            TableChange::AlterColumn(c) | TableChange::DropAndRecreateColumn(c) => {
                c.changes.cast.is_some()
                    && from.tables[self.previous].columns[c.previous].name == name
            }
            _ => false,
        })
    }

    /// Whether the change adds a primary key.
    pub fn adds_primary_key(&self) -> bool {
        self.changes.contains(&TableChange::AddPrimaryKey)
    }
}

/// One change inside a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableChange {
    /// The previous primary key goes (it changed, or is gone).
    DropPrimaryKey,
    /// Only the primary key constraint's name changed.
    RenamePrimaryKey,
    /// `from` column position.
    DropColumn(usize),
    /// `to` column position.
    AddColumn(usize),
    AlterColumn(ColumnChange),
    /// A type change without a cast: the column is dropped and added again.
    DropAndRecreateColumn(ColumnChange),
    /// The next primary key is added.
    AddPrimaryKey,
}

/// Pairs tables by name; pushes the create, drop and index steps and
/// returns the changes of tables on both sides, in Prisma's order.
pub(crate) fn tables(from: &Schema, to: &Schema, steps: &mut Vec<Step>) -> Vec<TableChanges> {
    let previous_tables = positions(from.tables.iter().map(|t| &t.name));
    let next_tables = positions(to.tables.iter().map(|t| &t.name));
    let mut altered = Vec::new();
    for (i, next) in to.tables.iter().enumerate() {
        let previous = previous_tables.get(&next.name).copied();
        let changes = previous.map(|p| table_changes(p, &from.tables[p], i, next));
        if previous.is_none() {
            steps.push(Step::CreateTable(i));
        }
        match (previous, &changes) {
            (Some(p), Some(changes)) => {
                index_steps(to, &from.tables[p], p, next, i, changes, steps);
            }
            _ => steps.extend((0..next.indexes.len()).map(|index| Step::CreateIndex {
                previous: None,
                table: i,
                index,
                recreated: false,
            })),
        }
        if let Some(changes) = changes
            && !changes.changes.is_empty()
        {
            altered.push(changes);
        }
    }
    for (i, previous) in from.tables.iter().enumerate() {
        if !next_tables.contains_key(&previous.name) {
            steps.push(Step::DropTable(i));
        }
    }
    altered.sort_by_key(|t| (t.previous, t.next));
    for i in 0..altered.len() {
        steps.push(Step::AlterTable(i));
    }
    altered
}

/// Each name's position (the first, if a name repeats).
pub(crate) fn positions<'a>(
    names: impl Iterator<Item = &'a QualifiedName>,
) -> BTreeMap<&'a QualifiedName, usize> {
    let mut map = BTreeMap::new();
    for (i, name) in names.enumerate() {
        map.entry(name).or_insert(i);
    }
    map
}

/// The changes inside a table, in Prisma's clause order: primary key
/// dropped, columns dropped and added (each by name), columns altered (in
/// the previous table's order), primary key added.
fn table_changes(p: usize, old: &Table, n: usize, new: &Table) -> TableChanges {
    let mut dropped: Vec<usize> = (0..old.columns.len())
        .filter(|&c| !new.columns.iter().any(|x| x.name == old.columns[c].name))
        .collect();
    dropped.sort_by(|&a, &b| old.columns[a].name.cmp(&old.columns[b].name));
    let mut added: Vec<usize> = (0..new.columns.len())
        .filter(|&c| !old.columns.iter().any(|x| x.name == new.columns[c].name))
        .collect();
    added.sort_by(|&a, &b| new.columns[a].name.cmp(&new.columns[b].name));
    let mut altered = Vec::new();
    for (c, column) in old.columns.iter().enumerate() {
        let Some(nc) = new.columns.iter().position(|x| x.name == column.name) else {
            continue;
        };
        if let Some(change) = columns::compare(c, column, nc, &new.columns[nc]) {
            altered.push(if change.changes.recreates() {
                TableChange::DropAndRecreateColumn(change)
            } else {
                TableChange::AlterColumn(change)
            });
        }
    }
    // A key column whose type changes takes the key with it.
    let retypes_key_column = altered.iter().any(|change| match change {
        TableChange::AlterColumn(c) | TableChange::DropAndRecreateColumn(c) => {
            c.changes.cast.is_some()
                && old
                    .primary_key
                    .as_ref()
                    .is_some_and(|k| k.columns.contains(&old.columns[c.previous].name))
        }
        _ => false,
    });
    let (mut drop_key, mut rename_key, mut add_key) = (false, false, false);
    match (&old.primary_key, &new.primary_key) {
        (Some(a), Some(b)) => {
            // Prisma renames even a key it drops and adds under the new
            // name (and PostgreSQL then rejects the rename).
            rename_key = a.name != b.name;
            if a.columns != b.columns || retypes_key_column {
                (drop_key, add_key) = (true, true);
            }
        }
        (Some(_), None) => drop_key = true,
        (None, Some(_)) => add_key = true,
        (None, None) => {}
    }
    let mut changes = Vec::new();
    if drop_key {
        changes.push(TableChange::DropPrimaryKey);
    }
    if rename_key {
        changes.push(TableChange::RenamePrimaryKey);
    }
    changes.extend(dropped.into_iter().map(TableChange::DropColumn));
    changes.extend(added.into_iter().map(TableChange::AddColumn));
    changes.extend(altered);
    if add_key {
        changes.push(TableChange::AddPrimaryKey);
    }
    TableChanges {
        previous: p,
        next: n,
        changes,
    }
}

/// The index steps of a table on both sides. Indexes pair up by what
/// they are, not by name: a previous index without a partner is dropped, a
/// next one created. A pair with different names is a rename, but only for
/// an index that is the table's only one on its columns (Prisma cannot
/// tell duplicates apart). Indexes on a column that is dropped and
/// recreated go with it and are created again.
fn index_steps(
    to: &Schema,
    old: &Table,
    p: usize,
    new: &Table,
    n: usize,
    changes: &TableChanges,
    steps: &mut Vec<Step>,
) {
    for (index, old_index) in old.indexes.iter().enumerate() {
        if !new.indexes.iter().any(|i| same_index(old_index, i)) {
            steps.push(Step::DropIndex { table: p, index });
        }
    }
    let mut recreated = Vec::new();
    for (index, old_index) in old.indexes.iter().enumerate() {
        let singular = !old.indexes.iter().enumerate().any(|(other, o)| {
            other != index
                && o.unique == old_index.unique
                && o.columns.len() == old_index.columns.len()
                && o.columns
                    .iter()
                    .zip(&old_index.columns)
                    .all(|(a, b)| a.name == b.name)
        });
        if !singular {
            continue;
        }
        let Some(partner) = new.indexes.iter().position(|i| same_index(old_index, i)) else {
            continue;
        };
        if new.indexes[partner].name != old_index.name {
            steps.push(Step::RenameIndex {
                previous_table: p,
                previous_index: index,
                table: n,
                index: partner,
            });
        }
        let covers_recreated = new.indexes[partner]
            .columns
            .iter()
            .any(|c| changes.recreates(to, &c.name));
        if covers_recreated {
            recreated.push(partner);
        }
    }
    for (index, new_index) in new.indexes.iter().enumerate() {
        let is_new = !old.indexes.iter().any(|i| same_index(i, new_index));
        if is_new || recreated.contains(&index) {
            steps.push(Step::CreateIndex {
                previous: Some(p),
                table: n,
                index,
                recreated: !is_new,
            });
        }
    }
}

/// The same index but for its name: columns in order with their sort
/// order (none meaning ascending) and operator class, uniqueness,
/// algorithm and predicate.
fn same_index(a: &Index, b: &Index) -> bool {
    let sort = |c: &plumb_ir::IndexColumn| c.sort.unwrap_or(plumb_ir::SortOrder::Asc);
    a.unique == b.unique
        && a.algorithm == b.algorithm
        && same_predicate(a.predicate.as_deref(), b.predicate.as_deref())
        && a.columns.len() == b.columns.len()
        && a.columns.iter().zip(&b.columns).all(|(x, y)| {
            x.name == y.name
                && sort(x) == sort(y)
                && (same_operator_class(x, y) || unnamed_on_btree(a, x, y))
        })
}

/// On B-tree and hash indexes Prisma reads no operator class, so a side
/// that names none matches any (a database's `text_pattern_ops` under a
/// schema without `ops`); one a schema names (`raw("…")`) must be there.
fn unnamed_on_btree(index: &Index, x: &plumb_ir::IndexColumn, y: &plumb_ir::IndexColumn) -> bool {
    matches!(
        index.algorithm,
        plumb_ir::IndexAlgorithm::BTree | plumb_ir::IndexAlgorithm::Hash
    ) && (x.operator_class.is_none() || y.operator_class.is_none())
}

/// Operator classes match when equal, or when one column names none and
/// the other names its type's default (Prisma's rule).
fn same_operator_class(x: &plumb_ir::IndexColumn, y: &plumb_ir::IndexColumn) -> bool {
    match (&x.operator_class, &y.operator_class) {
        (Some(a), Some(b)) => a == b,
        (None, Some(_)) => y.operator_class_is_default,
        (Some(_), None) => x.operator_class_is_default,
        (None, None) => true,
    }
}

/// Partial-index predicates match when equal once written alike: Prisma
/// compares them parsed, so `(deleted_at IS NULL)` as PostgreSQL prints it
/// equals `deleted_at IS NULL` as a schema writes it. Approximated here
/// without a SQL parser: parentheses dropped, whitespace collapsed, and
/// quotes dropped around plain lower-case names.
fn same_predicate(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b || normalized_predicate(a) == normalized_predicate(b),
        (None, None) => true,
        _ => false,
    }
}

fn normalized_predicate(predicate: &str) -> String {
    let mut out = String::with_capacity(predicate.len());
    let mut chars = predicate.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '(' | ')' => {}
            '\'' => {
                // A string literal, kept as written.
                out.push(c);
                while let Some(inner) = chars.next() {
                    out.push(inner);
                    if inner == '\'' {
                        if chars.peek() == Some(&'\'') {
                            out.push('\'');
                            chars.next();
                        } else {
                            break;
                        }
                    }
                }
            }
            '"' => {
                let mut name = String::new();
                for inner in chars.by_ref() {
                    if inner == '"' {
                        break;
                    }
                    name.push(inner);
                }
                let plain = name.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
                    && name
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
                if plain {
                    out.push_str(&name);
                } else {
                    out.push('"');
                    out.push_str(&name);
                    out.push('"');
                }
            }
            c if c.is_whitespace() => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}
