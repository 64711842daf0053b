//! One-to-one relations: exactly one side defines the foreign key, and
//! its columns are unique.

use super::{RelationField, is_unique_criterion, relation_error};
use crate::ast::Arity;
use crate::validate::Context;
use crate::validate::db;

/// The rules of a one-to-one relation, in Prisma's order. The last three
/// only speak when nothing else has been reported: they would mostly
/// restate an earlier error.
pub(super) fn one_to_one_is_valid(
    forward: &RelationField<'_>,
    back: &RelationField<'_>,
    ctx: &mut Context<'_>,
) {
    let pair = |first: &RelationField<'_>, second: &RelationField<'_>| {
        format!(
            "The relation fields {} and {}",
            first.describe(),
            second.describe()
        )
    };
    for (argument, missing) in [
        ("fields", forward.fields.is_none() && back.fields.is_none()),
        (
            "references",
            forward.references.is_none() && back.references.is_none(),
        ),
    ] {
        if missing {
            for (side, other) in [(forward, back), (back, forward)] {
                relation_error(
                    format!(
                        "{} do not provide the `{argument}` argument in the @relation attribute. You have to provide it on one of the two fields.",
                        pair(side, other)
                    ),
                    side.span(),
                    ctx,
                );
            }
        }
    }
    for (argument, both) in [
        (
            "references",
            forward.references.is_some() && back.references.is_some(),
        ),
        ("fields", forward.fields.is_some() && back.fields.is_some()),
    ] {
        if both {
            let message = format!(
                "{} both provide the `{argument}` argument in the @relation attribute. You have to provide it only on one of the two fields.",
                pair(forward, back)
            );
            relation_error(message.clone(), forward.span(), ctx);
            relation_error(message, back.span(), ctx);
        }
    }
    if forward.has_actions && back.has_actions {
        for (side, other) in [(back, forward), (forward, back)] {
            relation_error(
                format!(
                    "{} both provide the `onDelete` or `onUpdate` argument in the @relation attribute. You have to provide it only on one of the two fields.",
                    pair(side, other)
                ),
                side.span(),
                ctx,
            );
        }
    } else if back.has_actions {
        relation_error(
            format!(
                "The relation field {} must not specify the `onDelete` or `onUpdate` argument in the @relation attribute. You must only specify it on the opposite field `{}` on model `{}`.",
                back.describe(),
                forward.field.name.name,
                forward.model.name.name
            ),
            back.span(),
            ctx,
        );
    }
    fields_are_unique(forward, ctx);
    if ctx.errors > 0 {
        return;
    }
    if forward.fields.is_some() && back.references.is_some() {
        let message = format!(
            "The relation field {} provides the `fields` argument in the @relation attribute. And the related field {} provides the `references` argument. You must provide both arguments on the same side.",
            forward.describe(),
            back.describe()
        );
        relation_error(message.clone(), forward.span(), ctx);
        relation_error(message, back.span(), ctx);
    }
    if forward.references.is_some() && back.fields.is_some() {
        relation_error(
            format!(
                "The relation field {} provides the `references` argument in the @relation attribute. And the related field {} provides the `fields` argument. You must provide both arguments on the same side.",
                forward.describe(),
                back.describe()
            ),
            forward.span(),
            ctx,
        );
    }
    if ctx.errors > 0 {
        return;
    }
    if !back.is_optional() {
        relation_error(
            format!(
                "The relation field {} is required. This is not valid because it's not possible to enforce this constraint on the database level. Please change the field type from `{}` to `{}?` to fix this.",
                back.describe(),
                back.target.name.name,
                back.target.name.name
            ),
            back.span(),
            ctx,
        );
        return;
    }
    let forward_required = db::arity(forward.field) == Some(Arity::Required);
    if forward_required && (back.fields.is_some() || back.references.is_some()) {
        relation_error(
            format!(
                "The relation field `{}.{}` defines the `fields` and/or `references` argument. You must set them on the required side of the relation (`{}.{}`) in order for the constraints to be enforced. Alternatively, you can change this field to be required and the opposite optional, or make both sides of the relation optional.",
                back.model.name.name,
                back.field.name.name,
                forward.model.name.name,
                forward.field.name.name
            ),
            back.span(),
            ctx,
        );
    }
}

/// A one-to-one relation is enforced by a unique constraint on its
/// foreign-key columns.
fn fields_are_unique(forward: &RelationField<'_>, ctx: &mut Context<'_>) {
    let Some(fields) = &forward.fields else {
        return;
    };
    let field_names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
    if is_unique_criterion(forward.model, &field_names) {
        return;
    }
    let hint = match field_names.as_slice() {
        [single] => format!("add an `@unique` attribute to the field `{single}`"),
        many => format!(
            "add an `@@unique([{}])` attribute to the model",
            many.join(", ")
        ),
    };
    relation_error(
        format!(
            "A one-to-one relation must use unique fields on the defining side. Either {hint}, or change the relation to one-to-many."
        ),
        forward.span(),
        ctx,
    );
}
