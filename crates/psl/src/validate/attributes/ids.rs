//! At most one id per model: a single `@id` field or an `@@id`, not both.

use crate::ast::Model;
use crate::validate::db::{self, Declarations, FieldKind};
use crate::validate::{Context, codes};

/// At most one `@id` field, and not together with `@@id`.
pub(crate) fn model_has_at_most_one_id(
    model: &Model,
    db: &Declarations<'_>,
    ctx: &mut Context<'_>,
) {
    // `@id` on a relation field is reported as such.
    let field_ids = model
        .fields
        .iter()
        .filter(|f| !matches!(db.field_kind(f), FieldKind::Relation(_)))
        .filter(|f| db::field_attribute(f, "id").is_some())
        .count();
    let message = if field_ids > 1 {
        "At most one field must be marked as the id field with the `@id` attribute."
    } else if field_ids == 1
        && db::block_attribute(model, "id").is_some_and(|id| {
            // An `@@id` naming unknown fields is reported as such only.
            crate::validate::models::criterion_fields(id)
                .iter()
                .all(|name| db::field(model, name).is_some())
        })
    {
        "Each model must have at most one id criteria. You can't have `@id` and `@@id` at the same time."
    } else {
        return;
    };
    ctx.error(
        codes::MULTIPLE_IDS,
        format!("Error validating model \"{}\": {message}", model.name.name),
        model.name.span,
    );
}
