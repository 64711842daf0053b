//! Phase one: `fields` names scalar fields of the model, `references`
//! fields of the related model.

use super::{RelationField, names_where, validation_error};
use crate::validate::Context;
use crate::validate::db::{self, Declarations, FieldKind};

/// Reports unknown and relation fields in one side's `fields`, and
/// unknown fields in its `references`, each kind as one list.
pub(super) fn field_lists_resolve(
    side: &RelationField<'_>,
    db: &Declarations<'_>,
    ctx: &mut Context<'_>,
) {
    let span = side.span();
    let fields = side.fields.as_deref().unwrap_or_default();
    let references = side.references.as_deref().unwrap_or_default();
    let unknown = names_where(fields, &|name| db::field(side.model, name).is_none());
    if !unknown.is_empty() {
        validation_error(
            format!(
                "The argument fields must refer only to existing fields. The following fields do not exist in this model: {}",
                unknown.join(", ")
            ),
            span,
            ctx,
        );
    }
    let relation_refs = names_where(fields, &|name| {
        db::field(side.model, name)
            .is_some_and(|field| matches!(db.field_kind(field), FieldKind::Relation(_)))
    });
    if !relation_refs.is_empty() {
        validation_error(
            format!(
                "The argument fields must refer only to scalar fields. But it is referencing the following relation fields: {}",
                relation_refs.join(", ")
            ),
            span,
            ctx,
        );
    }
    let unknown_refs = names_where(references, &|name| db::field(side.target, name).is_none());
    if !unknown_refs.is_empty() {
        validation_error(
            format!(
                "The argument `references` must refer only to existing fields in the related model `{}`. The following fields do not exist in the related model: {}",
                side.target.name.name,
                unknown_refs.join(", ")
            ),
            span,
            ctx,
        );
    }
}
