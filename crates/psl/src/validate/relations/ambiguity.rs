//! Relation names: two relation fields of a model that point at the same
//! model must be told apart by name.

use foldhash::{HashMap, HashMapExt};

use super::{RelationField, line_of};
use crate::ast::ModelKind;
use crate::validate::{Context, codes};

/// Two relation fields of a model that point at the same model need
/// different relation names (a named self relation may have two). As in
/// Prisma, only the first ambiguous field is reported: the rest of the
/// relation checks would mostly repeat it.
pub(super) fn relations_are_unambiguous(
    fields: &[RelationField<'_>],
    ctx: &mut Context<'_>,
) -> bool {
    let mut groups: HashMap<(&str, &str, Option<&str>), Vec<&RelationField<'_>>> = HashMap::new();
    for field in fields {
        groups
            .entry((&field.model.name.name, &field.target.name.name, field.name))
            .or_default()
            .push(field);
    }
    // Models before views, fields in order: Prisma's walk.
    let in_prisma_order = fields
        .iter()
        .filter(|f| f.model.kind != ModelKind::View)
        .chain(fields.iter().filter(|f| f.model.kind == ModelKind::View));
    for field in in_prisma_order {
        let group = &groups[&(
            field.model.name.name.as_str(),
            field.target.name.name.as_str(),
            field.name,
        )];
        if let Some(message) = ambiguity(group) {
            ctx.error(
                codes::AMBIGUOUS_RELATION,
                format!(
                    "Error validating model \"{}\": {message}",
                    field.model.name.name
                ),
                line_of(field.field),
            );
            return false;
        }
    }
    true
}

/// What is ambiguous about relation fields that share model, target and
/// relation name, if anything.
fn ambiguity(group: &[&RelationField<'_>]) -> Option<String> {
    let first = group[0];
    let model = &first.model.name.name;
    let target = &first.target.name.name;
    let is_self = model == target;
    let named = first.name.is_some();
    let fields = field_list(group);
    let message = match (is_self, named, group.len()) {
        (_, _, 0 | 1) | (true, true, 2) => return None,
        (true, false, 2) => format!(
            "Ambiguous self relation detected. The fields {fields} in model `{model}` both refer to `{target}`. If they are part of the same relation add the same relation name for them with `@relation(<name>)`."
        ),
        (true, false, _) => format!(
            "Unnamed self relation detected. The fields {fields} in model `{model}` have no relation name. Please provide a relation name for one of them by adding `@relation(<name>)."
        ),
        (true, true, _) => format!(
            "Wrongly named self relation detected. The fields {fields} in model `{model}` have the same relation name. At most two relation fields can belong to the same relation and therefore have the same name. Please assign a different relation name to one of them."
        ),
        (false, false, _) => format!(
            "Ambiguous relation detected. The fields {fields} in model `{model}` both refer to `{target}`. Please provide different relation names for them by adding `@relation(<name>)."
        ),
        (false, true, _) => format!(
            "Wrongly named relation detected. The fields {fields} in model `{model}` both use the same relation name. Please provide different relation names for them through `@relation(<name>)."
        ),
    };
    Some(message)
}

/// "`a` and `b`", "`a`, `b` and `c`".
fn field_list(group: &[&RelationField<'_>]) -> String {
    let names: Vec<String> = group
        .iter()
        .map(|f| format!("`{}`", f.field.name.name))
        .collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.join(""),
    }
}
