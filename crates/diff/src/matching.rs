//! Pairing extensions, enums and foreign keys of two schemas, and the steps
//! for what is only on one side or changes.

use std::collections::BTreeMap;

use plumb_ir::{Extension, ForeignKey, Index, QualifiedName, Schema, Table};

use crate::tables::positions;
use crate::{Step, TableChanges};

/// An extension is created when it is new, dropped and created again when
/// its schema or version changes, and left alone when it leaves the list
/// (Prisma does not drop an extension someone may still use).
pub(crate) fn extensions(from: &Schema, to: &Schema, steps: &mut Vec<Step>) {
    for (i, extension) in to.extensions.iter().enumerate() {
        match from
            .extensions
            .iter()
            .position(|e| e.name == extension.name)
        {
            None => steps.push(Step::CreateExtension(i)),
            Some(p) if extension_changes(&from.extensions[p], extension) => {
                steps.push(Step::DropExtension(p));
                steps.push(Step::CreateExtension(i));
            }
            Some(_) => {}
        }
    }
}

/// A schema or version counts as changed only when both sides name one:
/// a schema file that leaves it out accepts whatever the database has.
fn extension_changes(old: &Extension, new: &Extension) -> bool {
    let differs =
        |a: &Option<String>, b: &Option<String>| matches!((a, b), (Some(a), Some(b)) if a != b);
    differs(&old.schema, &new.schema) || differs(&old.version, &new.version)
}

pub(crate) fn enums(from: &Schema, to: &Schema, steps: &mut Vec<Step>) {
    let previous_enums = positions(from.enums.iter().map(|e| &e.name));
    let next_enums = positions(to.enums.iter().map(|e| &e.name));
    for (i, next) in to.enums.iter().enumerate() {
        match previous_enums.get(&next.name).copied() {
            None => steps.push(Step::CreateEnum(i)),
            // A new order alone is no change: values are only ever added.
            Some(p)
                if next
                    .values
                    .iter()
                    .any(|v| !from.enums[p].values.contains(v))
                    || from.enums[p]
                        .values
                        .iter()
                        .any(|v| !next.values.contains(v)) =>
            {
                steps.push(Step::AlterEnum {
                    previous: p,
                    next: i,
                });
            }
            Some(_) => {}
        }
    }
    for (i, previous) in from.enums.iter().enumerate() {
        if !next_enums.contains_key(&previous.name) {
            steps.push(Step::DropEnum(i));
        }
    }
}

/// Foreign keys pair up by what they are, not by name: the same table and
/// columns, none of which changes type, the same referenced table name and
/// columns, the same actions. Each previous key takes the first free
/// partner; a pair with different names is a rename, except in implicit
/// many-to-many join tables, where Prisma ignores the name.
pub(crate) fn foreign_keys(
    from: &Schema,
    to: &Schema,
    altered: &[TableChanges],
    steps: &mut Vec<Step>,
) {
    let mut candidates: BTreeMap<&QualifiedName, Vec<usize>> = BTreeMap::new();
    for (n, key) in to.foreign_keys.iter().enumerate() {
        candidates.entry(&key.table).or_default().push(n);
    }
    let changes_of: BTreeMap<&QualifiedName, &TableChanges> = altered
        .iter()
        .map(|changes| (&to.tables[changes.next].name, changes))
        .collect();
    let next_tables = positions(to.tables.iter().map(|t| &t.name));
    let dropped_unique = dropped_unique_indexes(from, steps);
    let mut paired = vec![false; to.foreign_keys.len()];
    for (p, previous) in from.foreign_keys.iter().enumerate() {
        let retyped = changes_of.get(&previous.table).is_some_and(|changes| {
            previous
                .columns
                .iter()
                .any(|column| changes.retypes(from, column))
        });
        // A key whose referenced table is dropped (or moved to another
        // schema) goes with it: PostgreSQL refuses the drop while the key
        // exists, and Prisma, comparing the name only, keeps it.
        let target_dropped = !next_tables.contains_key(&previous.referenced_table);
        let partner = if retyped
            || target_dropped
            || loses_its_key(from, previous, &changes_of, &dropped_unique)
        {
            None
        } else {
            candidates.get(&previous.table).and_then(|keys| {
                keys.iter()
                    .copied()
                    .find(|&n| !paired[n] && same_key(previous, &to.foreign_keys[n]))
            })
        };
        match partner {
            Some(n) => {
                paired[n] = true;
                let next = &to.foreign_keys[n];
                let join_table = next_tables
                    .get(&next.table)
                    .is_some_and(|&t| is_join_table(&to.tables[t]));
                if next.name != previous.name && !join_table {
                    steps.push(Step::RenameForeignKey {
                        previous: p,
                        next: n,
                    });
                }
            }
            None => steps.push(Step::DropForeignKey(p)),
        }
    }
    for (n, is_paired) in paired.into_iter().enumerate() {
        if !is_paired {
            steps.push(Step::AddForeignKey(n));
        }
    }
}

/// Whether the primary key or unique index a foreign key depends on is
/// dropped: PostgreSQL refuses that while the key exists, so the key is
/// dropped first and added again once the new constraint is there (Prisma
/// keeps it and its script fails).
/// The unique indexes the steps drop, by the previous table's position.
fn dropped_unique_indexes<'a>(from: &'a Schema, steps: &[Step]) -> BTreeMap<usize, Vec<&'a Index>> {
    let mut dropped: BTreeMap<usize, Vec<&Index>> = BTreeMap::new();
    for step in steps {
        if let Step::DropIndex { table, index } = *step {
            let index = &from.tables[table].indexes[index];
            if index.unique {
                dropped.entry(table).or_default().push(index);
            }
        }
    }
    dropped
}

fn loses_its_key(
    from: &Schema,
    key: &plumb_ir::ForeignKey,
    changes_of: &BTreeMap<&QualifiedName, &TableChanges>,
    dropped_unique: &BTreeMap<usize, Vec<&Index>>,
) -> bool {
    let same_columns = |columns: &mut dyn Iterator<Item = &str>| {
        let mut columns: Vec<&str> = columns.collect();
        let mut referenced: Vec<&str> = key.referenced_columns.iter().map(|c| c.as_str()).collect();
        columns.sort_unstable();
        referenced.sort_unstable();
        columns == referenced
    };
    let Some(changes) = changes_of.get(&key.referenced_table) else {
        return false;
    };
    let table = &from.tables[changes.previous];
    let primary_key_dropped = changes
        .changes
        .iter()
        .any(|change| matches!(change, crate::TableChange::DropPrimaryKey))
        && table
            .primary_key
            .as_ref()
            .is_some_and(|pk| same_columns(&mut pk.columns.iter().map(|c| c.as_str())));
    let unique_index_dropped = dropped_unique
        .get(&changes.previous)
        .into_iter()
        .flatten()
        .any(|index| same_columns(&mut index.columns.iter().map(|c| c.name.as_str())));
    primary_key_dropped || unique_index_dropped
}

/// An implicit many-to-many table: exactly the columns `A` and `B`.
fn is_join_table(table: &Table) -> bool {
    table.columns.len() == 2 && table.columns[0].name == "A" && table.columns[1].name == "B"
}

/// Everything but the constraint name is the same (the referenced table
/// by name only, as Prisma compares it).
fn same_key(a: &ForeignKey, b: &ForeignKey) -> bool {
    a.table == b.table
        && a.columns == b.columns
        && a.referenced_table.name == b.referenced_table.name
        && a.referenced_columns == b.referenced_columns
        && a.on_delete == b.on_delete
        && a.on_update == b.on_update
}
