//! The diff engine: a pure function of two IRs (`from`, `to`) that returns
//! the steps turning one into the other, in Prisma's order: by step kind
//! (the order of [`Step`]'s variants), then by the position of the object in
//! the schema it comes from.
//!
//! Steps point into `from` (drops) or `to` (creations) by position, so the
//! renderer reads everything from the two schemas and nothing is copied.

mod matching;

use plumb_ir::Schema;

/// One migration step. Variant order is Prisma's step order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    /// `to.namespaces[i]`.
    CreateSchema(usize),
    /// `to.extensions[i]`.
    CreateExtension(usize),
    /// `to.enums[i]`.
    CreateEnum(usize),
    /// `from.foreign_keys[i]`.
    DropForeignKey(usize),
    /// `from.tables[table].indexes[index]`.
    DropIndex { table: usize, index: usize },
    /// `from.tables[i]`.
    DropTable(usize),
    /// `from.enums[i]`.
    DropEnum(usize),
    /// `to.tables[i]`.
    CreateTable(usize),
    /// `to.tables[table].indexes[index]`; `previous` is the table's
    /// position in `from` when it already existed (Prisma sorts by it first).
    CreateIndex {
        previous: Option<usize>,
        table: usize,
        index: usize,
    },
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
    /// Differences plumb cannot turn into steps yet, in words. A migration
    /// with any is incomplete and must not be written or applied.
    pub unsupported: Vec<String>,
}

/// Compares two schemas.
pub fn diff<'a>(from: &'a Schema, to: &'a Schema) -> Migration<'a> {
    let mut steps = Vec::new();
    let mut unsupported = Vec::new();
    for (i, namespace) in to.namespaces.iter().enumerate() {
        if !from.namespaces.contains(namespace) {
            steps.push(Step::CreateSchema(i));
        }
    }
    for (i, extension) in to.extensions.iter().enumerate() {
        match from.extensions.iter().find(|e| e.name == extension.name) {
            None => steps.push(Step::CreateExtension(i)),
            Some(previous) if previous != extension => unsupported.push(format!(
                "the extension `{}` changes its schema or version",
                extension.name
            )),
            Some(_) => {}
        }
    }
    matching::enums(from, to, &mut steps, &mut unsupported);
    matching::tables(from, to, &mut steps, &mut unsupported);
    matching::foreign_keys(from, to, &mut steps);
    steps.sort();
    Migration {
        from,
        to,
        steps,
        unsupported,
    }
}
