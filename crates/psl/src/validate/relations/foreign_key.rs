//! The defining side's foreign key: `references` is a unique criterion,
//! `fields` match it in number and type, optional columns make an optional
//! relation, and under `relationMode = "prisma"` the columns are indexed.

use super::referential_actions::set_null_needs_nullable_columns;
use super::{RelationField, is_single_field_key, is_unique_criterion, names_where, relation_error};
use crate::ast::{Arity, Model};
use crate::validate::db::{self, Declarations, FieldKind};
use crate::validate::{Context, codes};

/// The `fields`/`references` of the defining side.
pub(super) fn foreign_key_is_valid(
    side: &RelationField<'_>,
    db: &Declarations<'_>,
    ctx: &mut Context<'_>,
) {
    let (Some(fields), Some(references)) = (&side.fields, &side.references) else {
        return;
    };
    let span = side.span();
    let reference_names: Vec<&str> = references.iter().map(|f| f.name.as_str()).collect();
    if !is_unique_criterion(side.target, &reference_names) {
        let hint = match reference_names.as_slice() {
            [single] => format!(
                "Consider adding an `@unique` attribute to the field `{single}` in the model `{}`.",
                side.target.name.name
            ),
            many => format!(
                "Consider adding an `@@unique([{}])` attribute to the model `{}`.",
                many.join(", "),
                side.target.name.name
            ),
        };
        relation_error(
            format!(
                "The argument `references` must refer to a unique criterion in the related model. {hint}"
            ),
            span,
            ctx,
        );
    }
    if fields.len() != references.len() {
        ctx.error(
            codes::INVALID_RELATION,
            "Error validating: You must specify the same number of fields in `fields` and `references`.",
            span,
        );
        return;
    }
    for (field_ref, reference) in fields.iter().zip(references) {
        let (Some(field), Some(referenced)) = (
            db::field(side.model, field_ref.name),
            db::field(side.target, reference.name),
        ) else {
            continue;
        };
        if !same_type(db.field_kind(field), db.field_kind(referenced)) {
            relation_error(
                format!(
                    "The type of the field `{}` in the model `{}` is not matching the type of the referenced field `{}` in model `{}`.",
                    field.name.name,
                    side.model.name.name,
                    referenced.name.name,
                    side.target.name.name
                ),
                span,
                ctx,
            );
        }
    }
    let optional = names_where(fields, &|name| {
        db::field(side.model, name).and_then(db::arity) == Some(Arity::Optional)
    });
    if !optional.is_empty() && db::arity(side.field) == Some(Arity::Required) {
        let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
        ctx.error(
            codes::INVALID_RELATION,
            format!(
                "Error validating: The relation field `{}` uses the scalar fields {}. At least one of those fields is optional. Hence the relation field must be optional as well.",
                side.field.name.name,
                names.join(", ")
            ),
            span,
        );
    }
    let any_required = !names_where(fields, &|name| {
        db::field(side.model, name).and_then(db::arity) == Some(Arity::Required)
    })
    .is_empty();
    if any_required {
        set_null_needs_nullable_columns(side, db, ctx);
    }
    let field_names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
    if db.relation_mode_is_prisma() && !is_indexed(side.model, &field_names) {
        ctx.warning(
            codes::UNINDEXED_RELATION_SCALARS,
            "With `relationMode = \"prisma\"`, no foreign keys are used, so relation fields will not benefit from the index usually created by the relational database under the hood. This can lead to poor performance when querying these fields. We recommend adding an index manually. Learn more at https://pris.ly/d/relation-mode-prisma-indexes",
            span,
        );
    }
}

/// Whether an id, unique constraint or index starts with these fields, so
/// that lookups by them need no full scan.
fn is_indexed(model: &Model, names: &[&str]) -> bool {
    if let [single] = names
        && is_single_field_key(model, single)
    {
        return true;
    }
    model
        .attributes
        .iter()
        .filter(|a| matches!(a.name.name.as_str(), "id" | "unique" | "index"))
        .any(|attribute| crate::validate::models::criterion_fields(attribute).starts_with(names))
}

fn same_type(a: FieldKind<'_>, b: FieldKind<'_>) -> bool {
    match (a, b) {
        (FieldKind::Scalar(a), FieldKind::Scalar(b)) => a == b,
        (FieldKind::Enum(a), FieldKind::Enum(b)) => a.name.name == b.name.name,
        (FieldKind::Unsupported(_), FieldKind::Unsupported(_)) => true,
        _ => false,
    }
}
