//! Implicit many-to-many relations: no foreign key on either side, and a
//! single-field id on both models for the join table to reference.

use super::{RelationField, line_of, validation_error};
use crate::validate::db;
use crate::validate::{Context, codes};

/// Checks one side at a time, `a` first, as Prisma orders its errors.
pub(super) fn many_to_many_is_valid(
    a: &RelationField<'_>,
    b: &RelationField<'_>,
    ctx: &mut Context<'_>,
) {
    // `fields` on either side makes it an embedded (MongoDB) relation, and
    // Prisma reports that on both fields.
    let embedded = a.fields.is_some() || b.fields.is_some();
    for side in [a, b] {
        if embedded || side.references.is_some() {
            validation_error(
                "Embedded many-to-many relations are not supported on Postgres. Please use the syntax defined in https://pris.ly/d/relational-database-many-to-many".to_string(),
                if embedded { line_of(side.field) } else { side.span() },
                ctx,
            );
        }
        if side.has_actions {
            validation_error(
                "Referential actions on implicit many-to-many relations are not supported"
                    .to_string(),
                side.span(),
                ctx,
            );
        }
        // The join table's columns reference a single-field id on each side.
        // `@id`, or an `@@id` of one field.
        let has_single_id = side
            .target
            .fields
            .iter()
            .any(|f| db::field_attribute(f, "id").is_some())
            || db::block_attribute(side.target, "id")
                .is_some_and(|id| crate::validate::models::criterion_fields(id).len() == 1);
        if !has_single_id {
            ctx.error(
                codes::INVALID_RELATION,
                format!(
                    "Error validating field `{field}` in model `{model}`: The relation field `{field}` on model `{model}` references `{}` which does not have an `@id` field. Models without `@id` cannot be part of a many to many relation. Use an explicit intermediate Model to represent this relationship.",
                    side.target.name.name,
                    field = side.field.name.name,
                    model = side.model.name.name,
                ),
                line_of(side.field),
            );
        }
    }
}
