//! Relation inference and the rules of `@relation`.
//!
//! A relation is two relation fields pointing at each other's models with
//! the same relation name (none is a name too). Inference pairs them up;
//! then the side that holds `fields`/`references` is checked: its scalar
//! fields exist, match the referenced fields in number and type, and the
//! referenced fields are unique in the other model.
//!
//! Split by job, as Prisma splits its relation validations: `pairing.rs`
//! (opposite fields, which side holds the foreign key), `ignored.rs`,
//! `ambiguity.rs` (relation names), `one_to_one.rs`, `one_to_many.rs`,
//! `many_to_many.rs`, `field_lists.rs` (`fields`/`references` resolve),
//! `foreign_key.rs` (the defining side's columns and their types) and
//! `referential_actions.rs`. This file holds what they share and the entry
//! points, which call them in Prisma's order: the error lists must match
//! Prisma's line for line.

mod ambiguity;
mod field_lists;
mod foreign_key;
mod ignored;
mod many_to_many;
mod one_to_many;
mod one_to_one;
mod pairing;
mod referential_actions;

use plumb_diagnostics::Span;

use super::arguments::{FieldRef, field_refs};
use super::cycles;
use super::db::{self, Declarations, FieldKind};
use super::{Context, codes};
use crate::ast::{Arity, Attribute, Field, Model, ModelKind};

/// One relation field as written.
pub(crate) struct RelationField<'a> {
    pub(crate) model: &'a Model,
    pub(crate) field: &'a Field,
    pub(crate) target: &'a Model,
    pub(crate) name: Option<&'a str>,
    pub(crate) attribute: Option<&'a Attribute>,
    pub(crate) fields: Option<Box<[FieldRef<'a>]>>,
    pub(crate) references: Option<Box<[FieldRef<'a>]>>,
    pub(crate) has_actions: bool,
}

impl RelationField<'_> {
    fn is_list(&self) -> bool {
        db::arity(self.field) == Some(Arity::List)
    }

    fn is_optional(&self) -> bool {
        db::arity(self.field) == Some(Arity::Optional)
    }

    /// The `@relation` attribute, else the field's name and type (a
    /// field's own span runs to the end of its line).
    fn span(&self) -> Span {
        self.attribute
            .map_or_else(|| line_of(self.field), |a| a.span)
    }

    fn describe(&self) -> String {
        format!(
            "`{}` on Model `{}`",
            self.field.name.name, self.model.name.name
        )
    }
}

fn line_of(field: &Field) -> Span {
    match &field.field_type {
        Some(field_type) => field.name.span.to(field_type.span),
        None => field.name.span,
    }
}

/// Every relation field of the schema, in declaration order.
pub(crate) fn relation_fields<'a>(
    db: &Declarations<'a>,
    ctx: &mut Context<'_>,
) -> Vec<RelationField<'a>> {
    let mut out = Vec::new();
    for &model in &db.models {
        if model.kind == ModelKind::CompositeType {
            continue;
        }
        for field in &model.fields {
            let FieldKind::Relation(target) = db.field_kind(field) else {
                continue;
            };
            let attribute = db::field_attribute(field, "relation");
            let argument = |name: &str| {
                attribute.and_then(|a| {
                    a.arguments
                        .iter()
                        .find(|arg| arg.is_named(name))
                        .and_then(|arg| arg.value.as_ref())
                })
            };
            let name = db::relation_name(field);
            let fields = argument("fields").map(|e| field_refs(e, ctx).into_boxed_slice());
            let references = argument("references").map(|e| field_refs(e, ctx).into_boxed_slice());
            let has_actions = argument("onDelete").is_some() || argument("onUpdate").is_some();
            out.push(RelationField {
                model,
                field,
                target,
                name,
                attribute,
                fields,
                references,
                has_actions,
            });
        }
    }
    out
}

/// Pairs relation fields, reporting ambiguous and one-sided relations, and
/// checks each relation. Nothing else is checked while any is ambiguous.
pub(crate) fn relations_are_valid(db: &Declarations<'_>, ctx: &mut Context<'_>) {
    let fields = relation_fields(db, ctx);
    ignored::relations_to_ignored_models_are_ignored(&fields, ctx);
    if !ambiguity::relations_are_unambiguous(&fields, ctx) {
        return;
    }
    if db.relation_mode_is_prisma() {
        for field in &fields {
            referential_actions::referential_actions_are_emulated(field, ctx);
        }
    }
    let pairs = pairing::relation_pairs(&fields, ctx);
    let foreign_keys = cycles::Graph::new(
        pairs
            .iter()
            .enumerate()
            .filter_map(|(i, &(a, b))| {
                pairing::forward_and_back(a, b)
                    .map(|(forward, _)| cycles::ForeignKey::new(i, forward))
            })
            .collect(),
    );
    for (i, &(a, b)) in pairs.iter().enumerate() {
        if db.relation_mode_is_prisma() {
            foreign_keys.actions_do_not_cycle(i, ctx);
        }
        relation_is_valid(a, b, db, ctx);
    }
}

/// The rules of one relation, by its kind.
fn relation_is_valid(
    a: &RelationField<'_>,
    b: &RelationField<'_>,
    db: &Declarations<'_>,
    ctx: &mut Context<'_>,
) {
    match (a.is_list(), b.is_list()) {
        (true, true) => many_to_many::many_to_many_is_valid(a, b, ctx),
        (true, false) => one_to_many::one_to_many_is_valid(a, b, db, ctx),
        (false, true) => one_to_many::one_to_many_is_valid(b, a, db, ctx),
        (false, false) => {
            let Some((forward, back)) = pairing::forward_and_back(a, b) else {
                return;
            };
            foreign_key::foreign_key_is_valid(forward, db, ctx);
            one_to_one::one_to_one_is_valid(forward, back, ctx);
        }
    }
}

/// Phase one, as in Prisma: `fields` names scalar fields of the model and
/// `references` fields of the related one. Malformed lists are reported by
/// the attribute rules, so their diagnostics are not repeated here.
pub(crate) fn relation_field_lists_resolve(db: &Declarations<'_>, ctx: &mut Context<'_>) {
    let mut already_reported = plumb_diagnostics::Diagnostics::new();
    let sides = relation_fields(
        db,
        &mut Context {
            diagnostics: &mut already_reported,
            errors: 0,
        },
    );
    for side in &sides {
        field_lists::field_lists_resolve(side, db, ctx);
    }
}

/// Whether exactly these fields (in any order) are the model's id or one
/// of its unique constraints.
pub(crate) fn is_unique_criterion(model: &Model, names: &[&str]) -> bool {
    let mut wanted: Vec<&str> = names.to_vec();
    wanted.sort_unstable();
    if let [single] = wanted.as_slice()
        && is_single_field_key(model, single)
    {
        return true;
    }
    model
        .attributes
        .iter()
        .filter(|a| a.name.name == "id" || a.name.name == "unique")
        .any(|attribute| {
            let mut fields = super::models::criterion_fields(attribute);
            fields.sort_unstable();
            fields == wanted
        })
}

/// Whether the field is marked `@id` or `@unique`.
fn is_single_field_key(model: &Model, name: &str) -> bool {
    db::field(model, name).is_some_and(|field| {
        db::field_attribute(field, "id").is_some() || db::field_attribute(field, "unique").is_some()
    })
}

/// The names in a field list that `keep` selects.
fn names_where(refs: &[FieldRef<'_>], keep: &dyn Fn(&str) -> bool) -> Vec<String> {
    refs.iter()
        .filter(|f| keep(f.name))
        .map(|f| f.name.to_string())
        .collect()
}

fn validation_error(message: String, span: Span, ctx: &mut Context<'_>) {
    ctx.error(
        codes::INVALID_RELATION,
        format!("Error validating: {message}"),
        span,
    );
}

fn relation_error(message: String, span: Span, ctx: &mut Context<'_>) {
    ctx.error(
        codes::INVALID_RELATION,
        format!("Error parsing attribute \"@relation\": {message}"),
        span,
    );
}
