//! Field attributes: which ones a scalar or a relation field takes, and
//! their arguments.

use super::shared::{attributes_are_not_repeated, unknown_attribute};
use super::shared_arguments::{map_is_not_empty, sort_order, where_is_well_formed};
use super::{NAME, REFERENTIAL_ACTIONS, relation_scalar_fields};
use crate::ast::{Arity, Attribute, Field, Model};
use crate::types::ScalarType;
use crate::validate::arguments::{self, Args, NONE, Params};
use crate::validate::db::{self, Declarations, FieldKind};
use crate::validate::{Context, codes, defaults};

const FIELD_ID: Params = Params {
    positional: None,
    named: &["map", "length", "sort", "clustered"],
    required: &[],
};
const FIELD_UNIQUE: Params = Params {
    positional: None,
    named: &["map", "length", "sort", "clustered", "where"],
    required: &[],
};
const FIELD_DEFAULT: Params = Params {
    positional: Some("value"),
    named: &["map"],
    required: &["value"],
};
const FIELD_RELATION: Params = Params {
    positional: Some("name"),
    named: &["fields", "references", "onDelete", "onUpdate", "map"],
    required: &[],
};

pub(crate) fn field_attributes_are_well_formed(
    model: &Model,
    db: &Declarations<'_>,
    ctx: &mut Context<'_>,
) {
    for field in &model.fields {
        attributes_are_not_repeated(&field.attributes, |_| false, ctx);
        let kind = db.field_kind(field);
        for attribute in &field.attributes {
            field_attribute(model, field, kind, attribute, db, ctx);
        }
    }
}

fn field_attribute(
    model: &Model,
    field: &Field,
    kind: FieldKind<'_>,
    attribute: &Attribute,
    db: &Declarations<'_>,
    ctx: &mut Context<'_>,
) {
    if let FieldKind::Relation(_) = kind {
        return relation_field_attribute(field, attribute, ctx);
    }
    match attribute.name.name.as_str() {
        "id" => {
            let args = arguments::bind(attribute, &FIELD_ID, ctx);
            sort_and_length_are_well_formed(&args, ctx);
            map_is_not_empty(attribute, &args, ctx);
            // An ignored model is not addressed by the client: Prisma lets
            // its id be optional.
            if matches!(db::arity(field), Some(Arity::Optional | Arity::List))
                && db::block_attribute(model, "ignore").is_none()
            {
                ctx.error(
                    codes::ID_NOT_REQUIRED,
                    "Error parsing attribute \"@id\": Fields that are marked as id must be required.",
                    attribute.span,
                );
            }
        }
        "unique" => {
            let args = arguments::bind(attribute, &FIELD_UNIQUE, ctx);
            sort_and_length_are_well_formed(&args, ctx);
            map_is_not_empty(attribute, &args, ctx);
            where_is_well_formed(model, "@unique", &args, ctx);
        }
        "default" => {
            let args = arguments::bind(attribute, &FIELD_DEFAULT, ctx);
            if let Some(value) = args.get("value") {
                defaults::default_fits_the_type(field, kind, value, ctx);
            }
            if let Some(map) = args.get("map") {
                arguments::string(map, ctx);
            }
        }
        // An unknown type is reported as such; it may well be a model.
        "relation" if matches!(kind, FieldKind::Unresolved) => {
            let args = arguments::bind(attribute, &FIELD_RELATION, ctx);
            relation_arguments_are_well_formed(attribute, &args, ctx);
        }
        "relation" => ctx.error(
            codes::INVALID_RELATION,
            "Error parsing attribute \"@relation\": Invalid field type, not a relation.",
            attribute.span,
        ),
        "map" => {
            let args = arguments::bind(attribute, &NAME, ctx);
            if let Some(name) = args.get("name") {
                arguments::string(name, ctx);
            }
        }
        "updatedAt" => {
            arguments::bind(attribute, &NONE, ctx);
            updated_at_is_on_a_date_time(field, kind, attribute, ctx);
        }
        // Known to Prisma, rejected on PostgreSQL once the schema is sound.
        "ignore" | "shardKey" => {
            arguments::bind(attribute, &NONE, ctx);
        }
        // Native types (`@db.VarChar(10)`) are checked once the schema is
        // known to be well formed, as Prisma does. Enum, relation and
        // Unsupported fields have no native type to choose.
        name if name.contains('.')
            && db.datasource_name().is_some()
            && !matches!(
                kind,
                FieldKind::Enum(_) | FieldKind::Relation(_) | FieldKind::Unsupported(_)
            ) => {}
        _ => unknown_attribute("@", attribute, ctx),
    }
}

/// A relation field takes `@relation` and `@ignore`; Prisma explains why
/// the other common attributes belong on the scalar fields.
fn relation_field_attribute(field: &Field, attribute: &Attribute, ctx: &mut Context<'_>) {
    let name = &field.name.name;
    let message = match attribute.name.name.as_str() {
        "relation" => {
            let args = arguments::bind(attribute, &FIELD_RELATION, ctx);
            return relation_arguments_are_well_formed(attribute, &args, ctx);
        }
        "ignore" => {
            arguments::bind(attribute, &NONE, ctx);
            return;
        }
        "id" => format!(
            "Error parsing attribute \"@id\": The field `{name}` is a relation field and cannot be marked with `@id`. Only scalar fields can be declared as id."
        ),
        "default" => {
            "Error parsing attribute \"@default\": Cannot set a default value on a relation field."
                .to_string()
        }
        "map" => "Error parsing attribute \"@map\": The attribute `@map` cannot be used on relation fields."
            .to_string(),
        "unique" => {
            let scalars = relation_scalar_fields(field);
            let suggestion = match scalars.as_slice() {
                [] => String::new(),
                [one] => format!(" Did you mean to put it on `{one}`?"),
                many => format!(" Did you mean to provide `@@unique([{}])`?", many.join(", ")),
            };
            format!(
                "Error parsing attribute \"@unique\": The field `{name}` is a relation field and cannot be marked with `unique`. Only scalar fields can be made unique.{suggestion}"
            )
        }
        _ => return unknown_attribute("@", attribute, ctx),
    };
    ctx.error(codes::INVALID_RELATION, message, attribute.span);
}

fn updated_at_is_on_a_date_time(
    field: &Field,
    kind: FieldKind<'_>,
    attribute: &Attribute,
    ctx: &mut Context<'_>,
) {
    let message = if !matches!(kind, FieldKind::Scalar(ScalarType::DateTime)) {
        "Fields that are marked with @updatedAt must be of type DateTime."
    } else if db::arity(field) == Some(Arity::List) {
        "Fields that are marked with @updatedAt cannot be lists."
    } else {
        return;
    };
    ctx.error(
        codes::UPDATED_AT_TYPE,
        format!("Error parsing attribute \"@updatedAt\": {message}"),
        attribute.span,
    );
}

fn relation_arguments_are_well_formed(
    attribute: &Attribute,
    args: &Args<'_>,
    ctx: &mut Context<'_>,
) {
    if let Some(name) = args.get("name") {
        arguments::string(name, ctx);
    }
    if let Some(map) = args.get("map") {
        arguments::string(map, ctx);
    }
    map_is_not_empty(attribute, args, ctx);
    for list in ["fields", "references"] {
        if let Some(value) = args.get(list) {
            arguments::field_refs(value, ctx);
        }
    }
    for action in ["onDelete", "onUpdate"] {
        let Some(value) = args.get(action) else {
            continue;
        };
        let Some((name, span)) = arguments::constant(value, ctx) else {
            continue;
        };
        if !REFERENTIAL_ACTIONS.contains(&name) {
            ctx.error(
                codes::UNKNOWN_REFERENTIAL_ACTION,
                format!(
                    "Error parsing attribute \"@relation\": Invalid referential action: `{name}`"
                ),
                span,
            );
        }
    }
}

fn sort_and_length_are_well_formed(args: &Args<'_>, ctx: &mut Context<'_>) {
    if let Some(sort) = args.get("sort") {
        sort_order(sort, ctx);
    }
    if let Some(clustered) = args.get("clustered") {
        arguments::boolean(clustered, ctx);
    }
}
