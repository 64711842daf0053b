//! Cyclic referential actions under `relationMode = "prisma"`.
//!
//! When the client emulates referential actions, a delete or update that
//! cascades back to the model it started from would loop, so Prisma asks
//! for one relation in every cycle to do nothing (`NoAction` on both
//! actions). A relation takes part if either of its actions modifies the
//! children: anything but `NoAction` and `Restrict`, with the implicit
//! defaults (`onDelete`: `SetNull` over optional columns, else `Restrict`;
//! `onUpdate`: `Cascade`). With foreign keys PostgreSQL resolves cascades
//! itself and nothing is checked.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use petgraph::Direction;
use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use super::Context;
use super::codes;
use super::db;
use super::relations::RelationField;
use crate::ast::{Arity, Expression, Field, Model};

/// The relation seen from the side that holds the foreign key.
pub(crate) struct ForeignKey<'a> {
    /// Which relation of the schema this is, in checking order.
    pub(crate) pair: usize,
    referencing: &'a Model,
    referenced: &'a Model,
    field: &'a Field,
    on_delete: Action<'a>,
    on_update: Action<'a>,
}

/// A referential action as written, or the default in its place.
struct Action<'a> {
    name: &'a str,
    explicit: bool,
}

impl Action<'_> {
    fn modifies_children(&self) -> bool {
        !matches!(self.name, "NoAction" | "Restrict")
    }
}

impl<'a> ForeignKey<'a> {
    pub(crate) fn new(pair: usize, forward: &RelationField<'a>) -> Self {
        let written = |name: &str| {
            forward.attribute.and_then(|a| {
                a.arguments
                    .iter()
                    .find(|arg| arg.is_named(name))
                    .and_then(|arg| match &arg.value {
                        Some(Expression::Constant(action, _)) => Some(action.as_str()),
                        _ => None,
                    })
            })
        };
        // Required if any column is; else as optional as the field.
        let any_required_column =
            forward.fields.iter().flatten().any(|f| {
                db::field(forward.model, f.name).and_then(db::arity) == Some(Arity::Required)
            });
        let required = any_required_column || db::arity(forward.field) == Some(Arity::Required);
        let default_on_delete = if required { "Restrict" } else { "SetNull" };
        let action = |name, default| match written(name) {
            Some(action) => Action {
                name: action,
                explicit: true,
            },
            None => Action {
                name: default,
                explicit: false,
            },
        };
        ForeignKey {
            pair,
            referencing: forward.model,
            referenced: forward.target,
            field: forward.field,
            on_delete: action("onDelete", default_on_delete),
            on_update: action("onUpdate", "Cascade"),
        }
    }

    fn modifies_children(&self) -> bool {
        self.on_delete.modifies_children() || self.on_update.modifies_children()
    }

    fn label(&self) -> String {
        format!("{}.{}", self.referencing.name.name, self.field.name.name)
    }
}

/// The foreign keys of a schema, found by the model that holds them.
pub(crate) struct Graph<'a> {
    keys: Vec<ForeignKey<'a>>,
    from_model: HashMap<*const Model, Vec<usize>>,
    /// Per key: whether following its actions comes back to its model or
    /// reaches a self relation. Computed for all keys at once (strongly
    /// connected components), so that the walk that words the message runs
    /// only where there is something to report.
    loops: Vec<bool>,
}

impl<'a> Graph<'a> {
    pub(crate) fn new(keys: Vec<ForeignKey<'a>>) -> Self {
        let mut from_model: HashMap<*const Model, Vec<usize>> = HashMap::new();
        for (i, key) in keys.iter().enumerate() {
            from_model
                .entry(key.referencing as *const Model)
                .or_default()
                .push(i);
        }
        let loops = loops(&keys);
        Graph {
            keys,
            from_model,
            loops,
        }
    }
    /// Checks the relation `pair` (see [`ForeignKey::pair`]), if it has a
    /// foreign key.
    pub(crate) fn actions_do_not_cycle(&self, pair: usize, ctx: &mut Context<'_>) {
        if let Ok(start) = self.keys.binary_search_by_key(&pair, |k| k.pair)
            && self.loops[start]
        {
            self.walk(start, ctx);
        }
    }

    /// Follows the actions from `keys[start]` through the models they
    /// modify, and reports the first self relation or cycle back to its
    /// model, as Prisma does, at the relation the walk started from.
    fn walk(&self, start: usize, ctx: &mut Context<'_>) {
        let keys = &self.keys;
        let root = &keys[start];
        let mut visited: HashSet<*const Field> = HashSet::new();
        // Each step: its key and the step it came from, so that a path is
        // only spelled out when it is reported.
        let mut steps: Vec<(usize, Option<usize>)> = vec![(start, None)];
        let mut stack: Vec<usize> = vec![0];
        while let Some(step) = stack.pop() {
            let key = &keys[steps[step].0];
            visited.insert(key.field);
            if !key.modifies_children() {
                continue;
            }
            if std::ptr::eq(key.referencing, key.referenced) {
                report(root, "A self-relation must have `onDelete` and `onUpdate` referential actions set to `NoAction` in one of the @relation attributes.".to_string(), ctx);
                return;
            }
            if std::ptr::eq(key.referenced, root.referencing) {
                let mut path = Vec::new();
                let mut at = Some(step);
                while let Some(i) = at {
                    path.push(keys[steps[i].0].label());
                    at = steps[i].1;
                }
                path.reverse();
                report(
                    root,
                    format!(
                        "Reference causes a cycle. One of the @relation attributes in this cycle must have `onDelete` and `onUpdate` referential actions set to `NoAction`. Cycle path: {}.",
                        path.join(" → ")
                    ),
                    ctx,
                );
                return;
            }
            let next_keys = self
                .from_model
                .get(&(key.referenced as *const Model))
                .into_iter()
                .flatten();
            for &next in next_keys {
                if !visited.contains(&(keys[next].field as *const Field)) {
                    steps.push((next, Some(step)));
                    stack.push(steps.len() - 1);
                }
            }
        }
    }
}

/// Whether each key's walk finds something: the key modifies children and
/// is a self relation, or closes a cycle of such keys, or leads through
/// them to a model with such a self relation.
fn loops(keys: &[ForeignKey<'_>]) -> Vec<bool> {
    let mut graph: DiGraph<(), ()> = DiGraph::new();
    let mut nodes: HashMap<*const Model, NodeIndex> = HashMap::new();
    let mut node = |graph: &mut DiGraph<(), ()>, model: &Model| {
        *nodes
            .entry(model as *const Model)
            .or_insert_with(|| graph.add_node(()))
    };
    let mut self_relations = Vec::new();
    let mut ends = Vec::with_capacity(keys.len());
    for key in keys {
        let from = node(&mut graph, key.referencing);
        let to = node(&mut graph, key.referenced);
        ends.push((from, to));
        if !key.modifies_children() {
            continue;
        }
        if from == to {
            self_relations.push(from);
        } else {
            graph.add_edge(from, to, ());
        }
    }
    let mut component = vec![0; graph.node_count()];
    for (i, members) in tarjan_scc(&graph).iter().enumerate() {
        for member in members {
            component[member.index()] = i;
        }
    }
    // Every model from which a self relation can be reached.
    let mut reaches_self_relation = vec![false; graph.node_count()];
    let mut pending = self_relations;
    while let Some(model) = pending.pop() {
        if std::mem::replace(&mut reaches_self_relation[model.index()], true) {
            continue;
        }
        pending.extend(graph.neighbors_directed(model, Direction::Incoming));
    }
    keys.iter()
        .zip(ends)
        .map(|(key, (from, to))| {
            key.modifies_children()
                && (from == to
                    || component[from.index()] == component[to.index()]
                    || reaches_self_relation[to.index()])
        })
        .collect()
}

/// The message, naming the implicit actions that take part.
fn report<'a>(root: &ForeignKey<'a>, message: String, ctx: &mut Context<'_>) {
    let implicit = |action: &Action<'a>| -> Option<&'a str> {
        (!action.explicit && action.modifies_children()).then_some(action.name)
    };
    let defaults = match (implicit(&root.on_delete), implicit(&root.on_update)) {
        (Some(delete), Some(update)) => {
            format!(" (Implicit default `onDelete`: `{delete}`, and `onUpdate`: `{update}`)")
        }
        (Some(delete), None) => format!(" (Implicit default `onDelete`: `{delete}`)"),
        (None, Some(update)) => format!(" (Implicit default `onUpdate`: `{update}`)"),
        (None, None) => String::new(),
    };
    ctx.error(
        codes::CYCLIC_REFERENTIAL_ACTIONS,
        format!(
            "Error validating: {message}{defaults} Read more at https://pris.ly/d/cyclic-referential-actions"
        ),
        root.field.span,
    );
}
