//! Block attributes of models (`@@id`, `@@unique`, `@@index`, `@@map`, …):
//! which ones exist, their arguments, and the fields an index lists.

use super::shared::{attributes_are_not_repeated, unknown_attribute};
use super::shared_arguments::{map_is_not_empty, sort_order, where_is_well_formed};
use super::{INDEX_TYPES, NAME, relation_scalar_fields};
use crate::ast::{Arity, Attribute, Expression, Model, Name};
use crate::validate::arguments::{self, Args, NONE, Params};
use crate::validate::db::{self, Declarations, FieldKind};
use crate::validate::{Context, codes};

const BLOCK_ID: Params = Params {
    positional: Some("fields"),
    named: &["name", "map", "clustered"],
    required: &["fields"],
};
const BLOCK_SHARD_KEY: Params = Params {
    positional: Some("fields"),
    named: &[],
    required: &["fields"],
};
const BLOCK_UNIQUE: Params = Params {
    positional: Some("fields"),
    named: &["name", "map", "clustered", "where"],
    required: &["fields"],
};
const BLOCK_INDEX: Params = Params {
    positional: Some("fields"),
    named: &["name", "map", "type", "clustered", "where"],
    required: &["fields"],
};
const BLOCK_FULLTEXT: Params = Params {
    positional: Some("fields"),
    named: &["map"],
    required: &["fields"],
};

/// Attributes that may appear more than once on one block.
const REPEATABLE_BLOCK_ATTRIBUTES: &[&str] = &["unique", "index", "fulltext"];

pub(crate) fn block_attributes_are_well_formed(
    model: &Model,
    db: &Declarations<'_>,
    ctx: &mut Context<'_>,
) {
    attributes_are_not_repeated(
        &model.attributes,
        |name| REPEATABLE_BLOCK_ATTRIBUTES.contains(&name),
        ctx,
    );
    for attribute in &model.attributes {
        let name = attribute.name.name.as_str();
        let params = match name {
            "id" => &BLOCK_ID,
            "unique" => &BLOCK_UNIQUE,
            "index" => &BLOCK_INDEX,
            "fulltext" => &BLOCK_FULLTEXT,
            "map" | "schema" => &NAME,
            "ignore" => &NONE,
            "shardKey" => &BLOCK_SHARD_KEY,
            _ => {
                unknown_attribute("@", attribute, ctx);
                continue;
            }
        };
        let args = arguments::bind(attribute, params, ctx);
        match name {
            "map" | "schema" => {
                if let Some(value) = args.get("name") {
                    arguments::string(value, ctx);
                }
            }
            "id" | "unique" | "index" | "fulltext" => {
                index_is_well_formed(model, attribute, &args, db, ctx);
            }
            _ => {}
        }
    }
}

/// `@@id`, `@@unique`, `@@index`: named fields exist and are scalar, and
/// the arguments have the right kinds.
fn index_is_well_formed(
    model: &Model,
    attribute: &Attribute,
    args: &Args<'_>,
    db: &Declarations<'_>,
    ctx: &mut Context<'_>,
) {
    for name_argument in ["name", "map"] {
        if let Some(value) = args.get(name_argument) {
            arguments::string(value, ctx);
        }
    }
    map_is_not_empty(attribute, args, ctx);
    if let Some(Expression::String(name, _)) = args.get("name")
        && matches!(attribute.name.name.as_str(), "id" | "unique")
        && db::field(model, name).is_some()
    {
        ctx.error(
            codes::INVALID_NAME,
            format!(
                "Error validating model \"{}\": The custom name `{name}` specified for the `@@{}` attribute is already used as a name for a field. Please choose a different name.",
                model.name.name, attribute.name.name
            ),
            model.name.span,
        );
    }
    if let Some(clustered) = args.get("clustered") {
        arguments::boolean(clustered, ctx);
    }
    if let Some(index_type) = args.get("type")
        && let Some((index_type, span)) = arguments::constant(index_type, ctx)
        && !INDEX_TYPES.contains(&index_type)
    {
        ctx.error(
            codes::UNKNOWN_INDEX_TYPE,
            format!("Error parsing attribute \"@index\": Unknown index type: {index_type}."),
            span,
        );
    }
    where_is_well_formed(model, &format!("@{}", attribute.name.name), args, ctx);
    let Some(fields) = args.get("fields") else {
        return;
    };
    let refs = arguments::field_refs(fields, ctx);
    let mut unknown = Vec::new();
    let mut relations = Vec::new();
    for field_ref in &refs {
        match db::field(model, field_ref.name) {
            None => unknown.push(field_ref.name.as_str()),
            Some(field) if matches!(db.field_kind(field), FieldKind::Relation(_)) => {
                relations.push(field_ref.name.as_str());
            }
            Some(_) => {}
        }
        let field_params = Params {
            positional: None,
            named: &["sort", "length", "ops"],
            required: &[],
        };
        let pseudo = Attribute {
            name: crate::ast::Identifier {
                name: Name::new(field_ref.name),
                span: field_ref.span,
            },
            arguments: field_ref.arguments.into(),
            has_parentheses: true,
            span: field_ref.span,
        };
        let field_args = arguments::bind(&pseudo, &field_params, ctx);
        if let Some(sort) = field_args.get("sort") {
            sort_order(sort, ctx);
        }
        if let Some(class) = field_args.get("ops") {
            crate::validate::operator_classes::operator_class_is_known(class, ctx);
        }
    }
    let mut repeated: Vec<&str> = Vec::new();
    for (i, field_ref) in refs.iter().enumerate() {
        if refs[..i].iter().any(|r| r.name == field_ref.name)
            && !repeated.contains(&field_ref.name.as_str())
        {
            repeated.push(field_ref.name);
        }
    }
    for name in repeated {
        ctx.error(
            codes::UNKNOWN_FIELD_REFERENCE,
            format!(
                "Error validating model \"{}\": The unique index definition refers to the field {name} multiple times.",
                model.name.name
            ),
            attribute.span,
        );
    }
    if attribute.name.name == "id" {
        for field_ref in &refs {
            if db::field(model, field_ref.name).and_then(db::arity) == Some(Arity::Optional) {
                ctx.error(
                    codes::ID_NOT_REQUIRED,
                    format!(
                        "Error validating model \"{}\": The id definition refers to the optional field `{}`. ID definitions must reference only required fields.",
                        model.name.name, field_ref.name
                    ),
                    attribute.span,
                );
            }
        }
    }
    let what = match attribute.name.name.as_str() {
        "id" => "multi field id declaration",
        "unique" => "unique index definition",
        "fulltext" => "fulltext index definition",
        _ => "index definition",
    };
    let model_error =
        |message: String| format!("Error validating model \"{}\": {message}", model.name.name);
    let is_id = attribute.name.name == "id";
    // Prisma names each unknown or relation field of an id; other indexes
    // get one list.
    if is_id {
        for name in &unknown {
            ctx.error(
                codes::UNKNOWN_FIELD_REFERENCE,
                model_error(format!("The {what} refers to the unknown field `{name}`.")),
                attribute.span,
            );
        }
        for name in &relations {
            ctx.error(
                codes::RELATION_FIELD_REFERENCE,
                model_error(format!(
                    "The id definition refers to the relation field `{name}`. ID definitions must reference only scalar fields."
                )),
                attribute.span,
            );
        }
        return;
    }
    if !unknown.is_empty() {
        ctx.error(
            codes::UNKNOWN_FIELD_REFERENCE,
            model_error(format!(
                "The {what} refers to the unknown fields: {}.",
                unknown.join(", ")
            )),
            attribute.span,
        );
    }
    if !relations.is_empty() {
        // Suggest the relations' scalar fields, as Prisma does.
        let scalars: Vec<&str> = relations
            .iter()
            .filter_map(|name| db::field(model, name))
            .flat_map(relation_scalar_fields)
            .collect();
        let suggestion = if scalars.is_empty() {
            String::new()
        } else {
            format!(
                " Did you mean `@@{}([{}])`?",
                attribute.name.name,
                scalars.join(", ")
            )
        };
        ctx.error(
            codes::RELATION_FIELD_REFERENCE,
            model_error(format!(
                "The {what} refers to the relation fields {}. Index definitions must reference only scalar fields.{suggestion}",
                relations.join(", "),
            )),
            attribute.span,
        );
    }
}
