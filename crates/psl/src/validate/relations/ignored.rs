//! Relations to `@@ignore`d models, which the client does not see.

use super::{RelationField, line_of};
use crate::validate::db;
use crate::validate::{Context, codes};

/// A relation field pointing at an `@@ignore`d model must be ignored too.
pub(super) fn relations_to_ignored_models_are_ignored(
    fields: &[RelationField<'_>],
    ctx: &mut Context<'_>,
) {
    for field in fields {
        let target_ignored = db::block_attribute(field.target, "ignore").is_some();
        let ignored = db::field_attribute(field.field, "ignore").is_some()
            || db::block_attribute(field.model, "ignore").is_some();
        if target_ignored && !ignored {
            ctx.error(
                codes::INVALID_RELATION,
                format!(
                    "Error parsing attribute \"@ignore\": The relation field `{}` on Model `{}` must specify the `@ignore` attribute, because the model {} it is pointing to is marked ignored.",
                    field.field.name.name, field.model.name.name, field.target.name.name
                ),
                line_of(field.field),
            );
        }
    }
}
