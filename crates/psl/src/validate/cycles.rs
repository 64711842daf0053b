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

use std::collections::HashSet;

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

/// Follows the actions from `keys[start]` through the models they modify,
/// and reports the first self relation or cycle back to its model, as
/// Prisma does, at the relation the walk started from.
pub(crate) fn actions_do_not_cycle(keys: &[ForeignKey<'_>], start: usize, ctx: &mut Context<'_>) {
    let root = &keys[start];
    let mut visited: HashSet<*const Field> = HashSet::new();
    let mut stack: Vec<(usize, Vec<usize>)> = vec![(start, vec![start])];
    while let Some((current, path)) = stack.pop() {
        let key = &keys[current];
        visited.insert(key.field);
        if !key.modifies_children() {
            continue;
        }
        if std::ptr::eq(key.referencing, key.referenced) {
            report(root, "A self-relation must have `onDelete` and `onUpdate` referential actions set to `NoAction` in one of the @relation attributes.".to_string(), ctx);
            return;
        }
        if std::ptr::eq(key.referenced, root.referencing) {
            let path: Vec<String> = path.iter().map(|&i| keys[i].label()).collect();
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
        for (next, candidate) in keys.iter().enumerate() {
            if std::ptr::eq(candidate.referencing, key.referenced)
                && !visited.contains(&(candidate.field as *const Field))
            {
                let mut longer = path.clone();
                longer.push(next);
                stack.push((next, longer));
            }
        }
    }
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
