//! The shape of every attribute: is it known, written once, with the
//! arguments it takes, of the kinds it takes. Rules that need the whole
//! schema (relations, constraint names) come later, on a schema that passed
//! these.
//!
//! One file per place an attribute can stand: `field.rs` (`@id`,
//! `@default`, `@relation`, …), `block.rs` (`@@id`, `@@unique`, `@@index`
//! and the fields they list), `enums.rs`, and `ids.rs` (one id per model);
//! `shared.rs` and `shared_arguments.rs` hold the checks they have in
//! common. This file holds the entry points and the vocabulary they share.

mod block;
mod enums;
mod field;
mod ids;
mod shared;
mod shared_arguments;

pub(crate) use block::block_attributes_are_well_formed;
pub(crate) use enums::enum_attributes_are_well_formed;
pub(crate) use field::field_attributes_are_well_formed;
pub(crate) use ids::model_has_at_most_one_id;

use super::arguments::Params;
use super::db;
use crate::ast::Field;

/// `@map`, `@@map`, `@@schema`: one string, positional or named `name`.
const NAME: Params = Params {
    positional: Some("name"),
    named: &[],
    required: &["name"],
};

pub(crate) const REFERENTIAL_ACTIONS: &[&str] =
    &["Cascade", "Restrict", "NoAction", "SetNull", "SetDefault"];

pub(crate) const INDEX_TYPES: &[&str] = &["BTree", "Hash", "Gist", "Gin", "SpGist", "Brin"];

/// The `fields:` of a relation field's `@relation`.
fn relation_scalar_fields(field: &Field) -> Vec<&str> {
    db::field_attribute(field, "relation")
        .into_iter()
        .flat_map(|relation| &relation.arguments)
        .filter(|a| a.is_named("fields"))
        .filter_map(|a| a.value.as_ref())
        .flat_map(crate::validate::models::field_names)
        .collect()
}
