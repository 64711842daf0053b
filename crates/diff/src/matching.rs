//! Pairing extensions, enums and foreign keys of two schemas, and the steps
//! for what is only on one side or changes.

use plumb_ir::{ForeignKey, QualifiedName, Schema};

use crate::{Step, TableChanges};

/// An extension is created when it is new, dropped and created again when
/// its schema or version changes, and left alone when it leaves the list
/// (Prisma never drops an extension someone may still use).
pub(crate) fn extensions(from: &Schema, to: &Schema, steps: &mut Vec<Step>) {
    for (i, extension) in to.extensions.iter().enumerate() {
        match from
            .extensions
            .iter()
            .position(|e| e.name == extension.name)
        {
            None => steps.push(Step::CreateExtension(i)),
            Some(p) if from.extensions[p] != *extension => {
                steps.push(Step::DropExtension(p));
                steps.push(Step::CreateExtension(i));
            }
            Some(_) => {}
        }
    }
}

pub(crate) fn enums(from: &Schema, to: &Schema, steps: &mut Vec<Step>) {
    for (i, next) in to.enums.iter().enumerate() {
        match from.enums.iter().position(|e| e.name == next.name) {
            None => steps.push(Step::CreateEnum(i)),
            Some(p) if from.enums[p].values != next.values => {
                steps.push(Step::AlterEnum {
                    previous: p,
                    next: i,
                });
            }
            Some(_) => {}
        }
    }
    for (i, previous) in from.enums.iter().enumerate() {
        if !to.enums.iter().any(|e| e.name == previous.name) {
            steps.push(Step::DropEnum(i));
        }
    }
}

/// Foreign keys pair up when they join the same columns to the same
/// columns with the same actions, and neither side's columns are dropped
/// and recreated; a pair with different names is a rename.
pub(crate) fn foreign_keys(
    from: &Schema,
    to: &Schema,
    altered: &[TableChanges],
    steps: &mut Vec<Step>,
) {
    let recreated = |table: &QualifiedName, columns: &[String]| {
        altered.iter().any(|changes| {
            to.tables[changes.next].name == *table
                && columns.iter().any(|c| changes.recreates(to, c))
        })
    };
    let touched = |key: &ForeignKey| {
        recreated(&key.table, &key.columns)
            || recreated(&key.referenced_table, &key.referenced_columns)
    };
    let mut paired = vec![false; to.foreign_keys.len()];
    for (p, previous) in from.foreign_keys.iter().enumerate() {
        let partner = (!touched(previous))
            .then(|| {
                let same = |next: &ForeignKey| same_key(previous, next);
                to.foreign_keys
                    .iter()
                    .position(|next| same(next) && next.name == previous.name)
                    .or_else(|| {
                        to.foreign_keys.iter().enumerate().position(|(n, next)| {
                            !paired[n]
                                && same(next)
                                && !from
                                    .foreign_keys
                                    .iter()
                                    .any(|k| k.name == next.name && same_key(k, next))
                        })
                    })
            })
            .flatten();
        match partner {
            Some(n) => {
                paired[n] = true;
                if to.foreign_keys[n].name != previous.name {
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

/// Everything but the constraint name is the same.
fn same_key(a: &ForeignKey, b: &ForeignKey) -> bool {
    a.table == b.table
        && a.columns == b.columns
        && a.referenced_table == b.referenced_table
        && a.referenced_columns == b.referenced_columns
        && a.on_delete == b.on_delete
        && a.on_update == b.on_update
}
