//! The diff engine: a pure function of two IRs (`from`, `to`) that returns
//! the steps turning one into the other, in Prisma's order: by step kind
//! (the order of [`Step`]'s variants), then by the position of the object in
//! the schema it comes from (see `order.rs`).
//!
//! Steps point into `from` (drops) or `to` (creations) by position, so the
//! renderer reads everything from the two schemas and nothing is copied.

mod casts;
pub mod checks;
mod columns;
mod json;
mod matching;
mod order;
pub mod renames;
mod tables;

pub use casts::{Cast, explicit_path};
pub use columns::{ColumnChange, ColumnChanges, held_arity};
pub use tables::{TableChange, TableChanges};

use std::collections::BTreeSet;

use plumb_ir::{DEFAULT_NAMESPACE, Schema};

/// One migration step. Variant order is Prisma's step order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    /// `to.namespaces[i]`.
    CreateSchema(usize),
    /// `from.extensions[i]`, whose schema or version changes.
    DropExtension(usize),
    /// `to.extensions[i]`.
    CreateExtension(usize),
    /// `to.enums[i]`.
    CreateEnum(usize),
    /// `from.enums[previous]` becomes `to.enums[next]`: values added or removed.
    AlterEnum { previous: usize, next: usize },
    /// `from.foreign_keys[i]`.
    DropForeignKey(usize),
    /// `from.tables[table].indexes[index]`.
    DropIndex { table: usize, index: usize },
    /// `Migration::alter_tables[i]` (kept in Prisma's order: by the table's
    /// position in `from`, then in `to`).
    AlterTable(usize),
    /// `from.tables[i]`.
    DropTable(usize),
    /// `from.enums[i]`.
    DropEnum(usize),
    /// `to.tables[i]`.
    CreateTable(usize),
    /// `to.tables[table].indexes[index]`; `previous` is the table's
    /// position in `from` when it already existed (Prisma sorts by it first);
    /// `recreated`: the index existed and went with a recreated column.
    CreateIndex {
        previous: Option<usize>,
        table: usize,
        index: usize,
        recreated: bool,
    },
    /// `from.foreign_keys[previous]` renamed to `to.foreign_keys[next]`.
    RenameForeignKey { previous: usize, next: usize },
    /// `to.foreign_keys[i]`.
    AddForeignKey(usize),
    /// `from.tables[previous_table].indexes[previous_index]`, renamed to
    /// `to.tables[table].indexes[index]`, the same index otherwise.
    RenameIndex {
        previous_table: usize,
        previous_index: usize,
        table: usize,
        index: usize,
    },
}

/// The steps from one schema to another.
#[derive(Debug)]
pub struct Migration<'a> {
    pub from: &'a Schema,
    pub to: &'a Schema,
    pub steps: Vec<Step>,
    /// What changes inside each table that exists on both sides.
    pub alter_tables: Vec<TableChanges>,
}

/// Compares two schemas.
pub fn diff<'a>(from: &'a Schema, to: &'a Schema) -> Migration<'a> {
    let mut steps = Vec::new();
    // A namespace is created when something goes in it and `from` does
    // not have it (a declared one counts as there).
    let used: BTreeSet<&str> = to
        .tables
        .iter()
        .map(|t| &t.name)
        .chain(to.enums.iter().map(|e| &e.name))
        .map(|name| name.namespace.as_deref().unwrap_or(DEFAULT_NAMESPACE))
        .collect();
    for (i, namespace) in to.namespaces.iter().enumerate() {
        if used.contains(namespace.as_str()) && !from.namespaces.contains(namespace) {
            steps.push(Step::CreateSchema(i));
        }
    }
    matching::extensions(from, to, &mut steps);
    matching::enums(from, to, &mut steps);
    let alter_tables = tables::tables(from, to, &mut steps);
    matching::foreign_keys(from, to, &alter_tables, &mut steps);
    let steps = order::order(from, to, &alter_tables, steps);
    Migration {
        from,
        to,
        steps,
        alter_tables,
    }
}
