//! One-to-many relations: the list side names no foreign key and no
//! referential actions; the single side defines the foreign key, with both
//! `fields` and `references`.

use super::foreign_key::foreign_key_is_valid;
use super::{RelationField, relation_error};
use crate::validate::Context;
use crate::validate::db::Declarations;

/// `list` is the side that is a list, `single` the other.
pub(super) fn one_to_many_is_valid(
    list: &RelationField<'_>,
    single: &RelationField<'_>,
    db: &Declarations<'_>,
    ctx: &mut Context<'_>,
) {
    let defines = |f: &RelationField<'_>| f.fields.is_some() || f.references.is_some();
    if defines(list) {
        relation_error(
            format!(
                "The relation field {} must not specify the `fields` or `references` argument in the @relation attribute. You must only specify it on the opposite field `{}` on model `{}`.",
                list.describe(),
                single.field.name.name,
                single.model.name.name
            ),
            list.span(),
            ctx,
        );
    } else if list.has_actions {
        relation_error(
            format!(
                "The relation field {} must not specify the `onDelete` or `onUpdate` argument in the @relation attribute. You must only specify it on the opposite field `{}` on model `{}`, or in case of a many to many relation, in an explicit join table.",
                list.describe(),
                single.field.name.name,
                single.model.name.name
            ),
            list.span(),
            ctx,
        );
    }
    defining_side_is_complete(single, ctx);
    foreign_key_is_valid(single, db, ctx);
}

fn defining_side_is_complete(side: &RelationField<'_>, ctx: &mut Context<'_>) {
    let missing = match (&side.fields, &side.references) {
        (None, _) => "fields",
        (_, None) => "references",
        _ => return,
    };
    let hint = if missing == "fields" {
        crate::messages::format_fixes_it()
    } else {
        String::new()
    };
    relation_error(
        format!(
            "The relation field `{}` on Model `{}` must specify the `{missing}` argument in the @relation attribute.{hint}",
            side.field.name.name, side.model.name.name
        ),
        side.span(),
        ctx,
    );
}
