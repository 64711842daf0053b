//! Referential actions (`onDelete`, `onUpdate`): what the client can
//! emulate under `relationMode = "prisma"`, and `SetNull` over required
//! columns.

use super::{RelationField, line_of, relation_error, validation_error};
use crate::ast::Expression;
use crate::validate::db::Declarations;
use crate::validate::{Context, codes};

/// With `relationMode = "prisma"` the client emulates actions, and only
/// Cascade, Restrict and SetNull.
pub(super) fn referential_actions_are_emulated(field: &RelationField<'_>, ctx: &mut Context<'_>) {
    let Some(attribute) = field.attribute else {
        return;
    };
    for argument in &attribute.arguments {
        let is_action = argument
            .name
            .as_ref()
            .is_some_and(|n| n.name == "onDelete" || n.name == "onUpdate");
        let Some(Expression::Constant(action, span)) = argument.value.as_ref() else {
            continue;
        };
        if !is_action || !matches!(action.as_str(), "NoAction" | "SetDefault") {
            continue;
        }
        let advice = if action == "NoAction" {
            ". `NoAction` is not implemented for Postgres when using `relationMode = \"prisma\"`, you could try using `Restrict` instead. Learn more at https://pris.ly/d/relation-mode"
        } else {
            ""
        };
        validation_error(
            format!(
                "Invalid referential action: `{action}`. Allowed values: (`Cascade`, `Restrict`, `SetNull`){advice}"
            ),
            *span,
            ctx,
        );
    }
}

/// `SetNull` cannot null a NOT NULL column. PostgreSQL accepts the foreign
/// key and fails when the action fires, so with foreign keys this is a
/// warning; when the client emulates the action it is an error.
pub(super) fn set_null_needs_nullable_columns(
    side: &RelationField<'_>,
    db: &Declarations<'_>,
    ctx: &mut Context<'_>,
) {
    let Some(attribute) = side.attribute else {
        return;
    };
    for action in ["onDelete", "onUpdate"] {
        let is_set_null = attribute.arguments.iter().any(|a| {
            a.is_named(action)
                && matches!(&a.value, Some(Expression::Constant(v, _)) if v == "SetNull")
        });
        if !is_set_null {
            continue;
        }
        if db.relation_mode_is_prisma() {
            relation_error(
                format!(
                    "The `{action}` referential action of a relation must not be set to `SetNull` when a referenced field is required.\nEither choose another referential action, or make the referenced fields optional."
                ),
                side.field.span,
                ctx,
            );
        } else {
            ctx.warning(
                codes::SET_NULL_ON_REQUIRED,
                format!(
                    "The `{action}` referential action of a relation should not be set to `SetNull` when a referenced field is required. We recommend either to choose another referential action, or to make the referenced fields optional. Read more at https://pris.ly/d/postgres-set-null"
                ),
                line_of(side.field),
            );
        }
    }
}
