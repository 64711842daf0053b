//! Ordering the steps: a topological order of their dependencies (a table
//! after its schema and enums, an index and foreign key after their table,
//! a drop of a table or enum after the foreign keys and columns that use
//! it), ties broken by Prisma's order — step kind, then the object's
//! position. On what Prisma produces this is Prisma's order; on anything
//! else it is still one PostgreSQL accepts.
//!
//! One dependency is Prisma's own rather than PostgreSQL's: the unique
//! index a new primary key replaces is dropped only once the key exists,
//! so the columns stay unique throughout.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use plumb_ir::{ColumnType, QualifiedName, Schema, Table};

use crate::{Step, TableChanges};

pub(crate) fn order(
    from: &Schema,
    to: &Schema,
    altered: &[TableChanges],
    mut steps: Vec<Step>,
) -> Vec<Step> {
    steps.sort();
    let mut graph: DiGraph<Step, ()> = DiGraph::with_capacity(steps.len(), steps.len());
    for step in &steps {
        graph.add_node(*step);
    }
    for (before, after) in dependencies(from, to, altered, &steps) {
        graph.add_edge(NodeIndex::new(before), NodeIndex::new(after), ());
    }
    topological(&graph)
}

/// Kahn's algorithm, always taking the ready step that comes first in
/// Prisma's order. A cycle cannot arise from the dependencies above; if
/// one did, the remaining steps keep Prisma's order.
fn topological(graph: &DiGraph<Step, ()>) -> Vec<Step> {
    let mut waiting: Vec<usize> = graph
        .node_indices()
        .map(|n| graph.neighbors_directed(n, Direction::Incoming).count())
        .collect();
    let mut ready: BinaryHeap<Reverse<usize>> = (0..waiting.len())
        .filter(|&n| waiting[n] == 0)
        .map(Reverse)
        .collect();
    let mut done = vec![false; waiting.len()];
    let mut ordered = Vec::with_capacity(waiting.len());
    while let Some(Reverse(n)) = ready.pop() {
        done[n] = true;
        ordered.push(graph[NodeIndex::new(n)]);
        for next in graph.neighbors_directed(NodeIndex::new(n), Direction::Outgoing) {
            waiting[next.index()] -= 1;
            if waiting[next.index()] == 0 {
                ready.push(Reverse(next.index()));
            }
        }
    }
    ordered.extend(
        graph
            .node_indices()
            .filter(|n| !done[n.index()])
            .map(|n| graph[n]),
    );
    ordered
}

/// Pairs of step positions: the first must run before the second.
fn dependencies(
    from: &Schema,
    to: &Schema,
    altered: &[TableChanges],
    steps: &[Step],
) -> Vec<(usize, usize)> {
    let mut created_schemas = BTreeMap::new();
    let mut created_enums = BTreeMap::new();
    let mut created_tables = BTreeMap::new();
    let mut altered_tables = BTreeMap::new();
    let mut dropped_tables = BTreeMap::new();
    let mut dropped_enums = BTreeMap::new();
    for (position, step) in steps.iter().enumerate() {
        match *step {
            Step::CreateSchema(i) => {
                created_schemas.insert(Some(to.namespaces[i]), position);
            }
            Step::CreateEnum(i) => {
                created_enums.insert(&to.enums[i].name, position);
            }
            Step::CreateTable(i) => {
                created_tables.insert(&to.tables[i].name, position);
            }
            Step::AlterTable(i) => {
                altered_tables.insert(&to.tables[altered[i].next].name, position);
            }
            Step::DropTable(i) => {
                dropped_tables.insert(&from.tables[i].name, position);
            }
            Step::DropEnum(i) => {
                dropped_enums.insert(&from.enums[i].name, position);
            }
            _ => {}
        }
    }
    let mut enum_users: BTreeMap<&QualifiedName, Vec<&QualifiedName>> = BTreeMap::new();
    for table in &from.tables {
        for name in enums_used(table) {
            enum_users.entry(name).or_default().push(&table.name);
        }
    }
    let mut edges = Vec::new();
    let mut after = |before: Option<&usize>, position: usize| {
        if let Some(&before) = before {
            edges.push((before, position));
        }
    };
    for (position, step) in steps.iter().enumerate() {
        match *step {
            Step::CreateEnum(i) => {
                after(created_schemas.get(&to.enums[i].name.namespace), position)
            }
            Step::CreateTable(i) => {
                let table = &to.tables[i];
                after(created_schemas.get(&table.name.namespace), position);
                for name in enums_used(table) {
                    after(created_enums.get(name), position);
                }
            }
            Step::AlterTable(i) => {
                for name in enums_used(&to.tables[altered[i].next]) {
                    after(created_enums.get(name), position);
                }
            }
            Step::CreateIndex { table, .. } => {
                let name = &to.tables[table].name;
                after(created_tables.get(name), position);
                after(altered_tables.get(name), position);
            }
            Step::AddForeignKey(i) => {
                let key = &to.foreign_keys[i];
                for name in [&key.table, &key.referenced_table] {
                    after(created_tables.get(name), position);
                    after(altered_tables.get(name), position);
                }
            }
            Step::DropEnum(i) => {
                for table in enum_users.get(&from.enums[i].name).into_iter().flatten() {
                    after(dropped_tables.get(table), position);
                    after(altered_tables.get(table), position);
                }
            }
            Step::DropForeignKey(i) => {
                let key = &from.foreign_keys[i];
                for name in [&key.table, &key.referenced_table] {
                    for &later in [dropped_tables.get(name), altered_tables.get(name)]
                        .into_iter()
                        .flatten()
                    {
                        after(Some(&position), later);
                    }
                }
            }
            Step::DropIndex { table, index } => {
                let old = &from.tables[table];
                let Some(&alter) = altered_tables.get(&old.name) else {
                    continue;
                };
                let Step::AlterTable(i) = steps[alter] else {
                    continue;
                };
                let changes = &altered[i];
                let dropped = &old.indexes[index];
                let replaced_by_key = changes.adds_primary_key()
                    && old.primary_key.is_none()
                    && dropped.unique
                    && to.tables[changes.next]
                        .primary_key
                        .as_ref()
                        .is_some_and(|key| {
                            key.columns.len() == dropped.columns.len()
                                && key
                                    .columns
                                    .iter()
                                    .zip(&dropped.columns)
                                    .all(|(k, c)| *k == c.name && !changes.recreates(to, k))
                        });
                if replaced_by_key {
                    after(Some(&alter), position);
                }
            }
            _ => {}
        }
    }
    edges
}

fn enums_used(table: &Table) -> impl Iterator<Item = &QualifiedName> {
    table.columns.iter().filter_map(|c| match &c.column_type {
        ColumnType::Enum(name) => Some(name),
        _ => None,
    })
}
