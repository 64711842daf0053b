//! Pairs each relation field with its opposite, reports fields that have
//! none, and picks the side of a pair that holds the foreign key.

use super::{RelationField, line_of};
use crate::ast::Name;
use crate::validate::{Context, codes};

/// A relation field's model, the model it points to, and its relation name.
type RelationKey<'a> = (Name, Name, Option<&'a str>);

/// Every relation once, as (its field declared first, the other); a
/// field without an opposite is reported instead.
pub(super) fn relation_pairs<'r, 'a>(
    fields: &'r [RelationField<'a>],
    ctx: &mut Context<'_>,
) -> Vec<(&'r RelationField<'a>, &'r RelationField<'a>)> {
    // (model, target, relation name) → field, sorted: one small list
    // instead of a map of vectors (a 5,000-model schema has 10,000
    // relation fields).
    let mut by_key: Vec<(RelationKey<'_>, usize)> = fields
        .iter()
        .enumerate()
        .map(|(i, field)| {
            (
                (field.model.name.name, field.target.name.name, field.name),
                i,
            )
        })
        .collect();
    by_key.sort_unstable();
    let mut pairs = Vec::new();
    for (i, field) in fields.iter().enumerate() {
        let key = (field.target.name.name, field.model.name.name, field.name);
        let first = by_key.partition_point(|(k, _)| *k < key);
        let opposite = by_key[first..]
            .iter()
            .take_while(|(k, _)| *k == key)
            .map(|&(_, j)| j)
            .find(|&j| j != i);
        match opposite {
            None => ctx.error(
                codes::MISSING_OPPOSITE_RELATION,
                format!(
                    "Error validating field `{name}` in model `{model}`: The relation field `{name}` on model `{model}` is missing an opposite relation field on the model `{target}`. {hint}",
                    hint = crate::messages::run_format_or_add_it(),
                    name = field.field.name.name,
                    model = field.model.name.name,
                    target = field.target.name.name,
                ),
                line_of(field.field),
            ),
            // Each relation once, from its first field.
            Some(j) if i < j => pairs.push((field, &fields[j])),
            Some(_) => {}
        }
    }
    pairs
}

/// The side of a one-to-one or one-to-many relation that holds the foreign
/// key, and the other; `None` for many-to-many. Prisma's choice in a
/// one-to-one relation: the required side; between two optional sides the
/// one with `fields`; otherwise the first by model name, then field name.
pub(super) fn forward_and_back<'r, 'a>(
    a: &'r RelationField<'a>,
    b: &'r RelationField<'a>,
) -> Option<(&'r RelationField<'a>, &'r RelationField<'a>)> {
    let a_first = match (a.is_list(), b.is_list()) {
        (true, true) => return None,
        (true, false) => false,
        (false, true) => true,
        (false, false) => match (a.is_optional(), b.is_optional()) {
            (false, true) => true,
            (true, false) => false,
            (true, true) if a.fields.is_some() => true,
            (true, true) if b.fields.is_some() => false,
            _ => {
                let key = |f: &RelationField<'_>| (f.model.name.name, f.field.name.name);
                key(a) <= key(b)
            }
        },
    };
    Some(if a_first { (a, b) } else { (b, a) })
}
