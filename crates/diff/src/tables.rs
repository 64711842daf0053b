//! Tables on both sides: what changes inside them (one `AlterTable` step
//! each), and the index steps. Tables only on one side are created or
//! dropped whole.

use plumb_ir::{Index, Schema, Table};

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
    let mut altered = Vec::new();
    for (i, next) in to.tables.iter().enumerate() {
        let previous = from.tables.iter().position(|t| t.name == next.name);
        let changes = previous.map(|p| table_changes(p, &from.tables[p], i, next));
        if previous.is_none() {
            steps.push(Step::CreateTable(i));
        }
        if let (Some(p), Some(changes)) = (previous, &changes) {
            let old = &from.tables[p];
            let recreated =
                |index: &Index| index.columns.iter().any(|c| changes.recreates(to, &c.name));
            for (index, old_index) in old.indexes.iter().enumerate() {
                if next.indexes.contains(old_index) && !recreated(old_index) {
                    continue;
                }
                match renamed(old_index, &old.indexes, &next.indexes) {
                    Some(new_position) if !recreated(&next.indexes[new_position]) => {
                        steps.push(Step::RenameIndex {
                            previous_table: p,
                            previous_index: index,
                            table: i,
                            index: new_position,
                        })
                    }
                    _ => steps.push(Step::DropIndex { table: p, index }),
                }
            }
        }
        for (index, new_index) in next.indexes.iter().enumerate() {
            let exists = match (previous, &changes) {
                (Some(p), Some(changes)) => {
                    let old = &from.tables[p].indexes;
                    (old.contains(new_index) || renamed(new_index, &next.indexes, old).is_some())
                        && !new_index
                            .columns
                            .iter()
                            .any(|c| changes.recreates(to, &c.name))
                }
                _ => false,
            };
            if !exists {
                steps.push(Step::CreateIndex {
                    previous,
                    table: i,
                    index,
                });
            }
        }
        if let Some(changes) = changes
            && !changes.changes.is_empty()
        {
            altered.push(changes);
        }
    }
    for (i, previous) in from.tables.iter().enumerate() {
        if !to.tables.iter().any(|t| t.name == previous.name) {
            steps.push(Step::DropTable(i));
        }
    }
    altered.sort_by_key(|t| (t.previous, t.next));
    for i in 0..altered.len() {
        steps.push(Step::AlterTable(i));
    }
    altered
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
        (Some(a), Some(b)) if a.columns != b.columns || retypes_key_column => {
            (drop_key, add_key) = (true, true);
        }
        (Some(a), Some(b)) => rename_key = a.name != b.name,
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

/// The position in `others` of the index that is `index` under another
/// name, if there is one and neither side has it under its own name.
fn renamed(index: &Index, own: &[Index], others: &[Index]) -> Option<usize> {
    others.iter().position(|other| {
        other.name != index.name
            && Index {
                name: index.name.clone(),
                ..other.clone()
            } == *index
            && !own.iter().any(|o| o.name == other.name)
            && !others.iter().any(|o| o.name == index.name)
    })
}
