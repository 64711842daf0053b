//! Pairing the objects of two schemas by name, and the steps for what is
//! only on one side.

use plumb_ir::{Column, ForeignKey, Index, Schema};

use crate::Step;

pub(crate) fn enums(
    from: &Schema,
    to: &Schema,
    steps: &mut Vec<Step>,
    unsupported: &mut Vec<String>,
) {
    for (i, next) in to.enums.iter().enumerate() {
        match from.enums.iter().find(|e| e.name == next.name) {
            None => steps.push(Step::CreateEnum(i)),
            Some(previous) if previous.values != next.values => unsupported.push(format!(
                "the values of the enum `{}` change",
                next.name.name
            )),
            Some(_) => {}
        }
    }
    for (i, previous) in from.enums.iter().enumerate() {
        if !to.enums.iter().any(|e| e.name == previous.name) {
            steps.push(Step::DropEnum(i));
        }
    }
}

pub(crate) fn tables(
    from: &Schema,
    to: &Schema,
    steps: &mut Vec<Step>,
    unsupported: &mut Vec<String>,
) {
    for (i, next) in to.tables.iter().enumerate() {
        let previous = from.tables.iter().position(|t| t.name == next.name);
        match previous {
            None => steps.push(Step::CreateTable(i)),
            Some(p) => {
                let old = &from.tables[p];
                if !same_columns(&old.columns, &next.columns) || old.primary_key != next.primary_key
                {
                    unsupported.push(format!(
                        "the columns or primary key of the table `{}` change",
                        next.name.name
                    ));
                }
                for (index, old_index) in old.indexes.iter().enumerate() {
                    if next.indexes.contains(old_index) {
                        continue;
                    }
                    match renamed(old_index, &old.indexes, &next.indexes) {
                        Some(new_position) => steps.push(Step::RenameIndex {
                            previous_table: p,
                            previous_index: index,
                            table: i,
                            index: new_position,
                        }),
                        None => steps.push(Step::DropIndex { table: p, index }),
                    }
                }
            }
        }
        for (index, new_index) in next.indexes.iter().enumerate() {
            let exists = previous.is_some_and(|p| {
                let old = &from.tables[p].indexes;
                old.contains(new_index) || renamed(new_index, &next.indexes, old).is_some()
            });
            if !exists {
                steps.push(Step::CreateIndex {
                    previous,
                    table: i,
                    index,
                });
            }
        }
    }
    for (i, previous) in from.tables.iter().enumerate() {
        if !to.tables.iter().any(|t| t.name == previous.name) {
            steps.push(Step::DropTable(i));
        }
    }
}

pub(crate) fn foreign_keys(from: &Schema, to: &Schema, steps: &mut Vec<Step>) {
    let same = |a: &ForeignKey, b: &ForeignKey| a == b;
    for (i, previous) in from.foreign_keys.iter().enumerate() {
        if !to.foreign_keys.iter().any(|k| same(k, previous)) {
            steps.push(Step::DropForeignKey(i));
        }
    }
    for (i, next) in to.foreign_keys.iter().enumerate() {
        if !from.foreign_keys.iter().any(|k| same(k, next)) {
            steps.push(Step::AddForeignKey(i));
        }
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

/// The same columns, in any order: moving a field in the schema changes
/// nothing in the database.
fn same_columns(old: &[Column], new: &[Column]) -> bool {
    old.len() == new.len() && new.iter().all(|column| old.iter().any(|o| o == column))
}
