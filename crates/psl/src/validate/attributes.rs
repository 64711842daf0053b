//! The shape of every attribute: is it known, written once, with the
//! arguments it takes, of the kinds it takes. Rules that need the whole
//! schema (relations, constraint names) come later, on a schema that passed
//! these.

use super::arguments::{self, Args, NONE, Params};
use super::db::{self, Declarations, FieldKind};
use super::{Context, codes, defaults};
use crate::ast::{Arity, Attribute, Enum, Expression, Field, Model, Name};
use crate::types::ScalarType;

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
const NAME: Params = Params {
    positional: Some("name"),
    named: &[],
    required: &["name"],
};
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

pub(crate) const REFERENTIAL_ACTIONS: &[&str] =
    &["Cascade", "Restrict", "NoAction", "SetNull", "SetDefault"];

pub(crate) const INDEX_TYPES: &[&str] = &["BTree", "Hash", "Gist", "Gin", "SpGist", "Brin"];

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

/// The `fields:` of a relation field's `@relation`.
fn relation_scalar_fields(field: &Field) -> Vec<&str> {
    db::field_attribute(field, "relation")
        .into_iter()
        .flat_map(|relation| &relation.arguments)
        .filter(|a| a.is_named("fields"))
        .filter_map(|a| a.value.as_ref())
        .flat_map(super::models::field_names)
        .collect()
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

fn sort_order(value: &crate::ast::Expression, ctx: &mut Context<'_>) {
    if let Some((order, span)) = arguments::constant(value, ctx)
        && order != "Asc"
        && order != "Desc"
    {
        ctx.error(
            codes::ARGUMENT_TYPE,
            format!("Invalid sort order `{order}`: expected `Asc` or `Desc`."),
            span,
        );
    }
}

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
            super::operator_classes::operator_class_is_known(class, ctx);
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

/// `map: ""` would leave the database to name the constraint.
fn map_is_not_empty(attribute: &Attribute, args: &Args<'_>, ctx: &mut Context<'_>) {
    if let Some(Expression::String(map, span)) = args.get("map")
        && map.is_empty()
    {
        // Prisma writes one `@` for block attributes here too.
        ctx.error(
            codes::INVALID_NAME,
            format!(
                "Error parsing attribute \"@{}\": The `map` argument cannot be an empty string.",
                attribute.name.name
            ),
            *span,
        );
    }
}

/// The `where` of a partial index: `raw("...")` or `{ field: value }` over
/// fields of the model.
fn where_is_well_formed(model: &Model, label: &str, args: &Args<'_>, ctx: &mut Context<'_>) {
    let Some(condition) = args.get("where") else {
        return;
    };
    // Prisma names field-level and block-level attributes alike here.
    let label = label.trim_start_matches('@');
    match condition {
        Expression::Function(call, _) if call.name.name == "raw" => {}
        Expression::Object(entries, _) => {
            for (key, _) in entries {
                if db::field(model, &key.name).is_none() {
                    ctx.error(
                        codes::UNKNOWN_FIELD_REFERENCE,
                        format!(
                            "Error parsing attribute \"@{label}\": Field '{}' does not exist in model '{}'.",
                            key.name, model.name.name
                        ),
                        key.span,
                    );
                }
            }
        }
        other => {
            if !matches!(other, Expression::Function { .. }) {
                ctx.error(
                    codes::ARGUMENT_TYPE,
                    format!(
                        "Expected a function value, but received {} value `{}`.",
                        arguments::kind_of(other),
                        arguments::source(other)
                    ),
                    other.span(),
                );
            }
            ctx.error(
                codes::ARGUMENT_TYPE,
                format!(
                    "Error parsing attribute \"@{label}\": The `where` argument must be either a raw() function call or an object literal, e.g. `where: raw(\"status = 'active'\")` or `where: {{ active: true }}`."
                ),
                other.span(),
            );
        }
    }
}

pub(crate) fn enum_attributes_are_well_formed(enum_block: &Enum, ctx: &mut Context<'_>) {
    attributes_are_not_repeated(&enum_block.attributes, |_| false, ctx);
    for attribute in &enum_block.attributes {
        match attribute.name.name.as_str() {
            "map" | "schema" => {
                let args = arguments::bind(attribute, &NAME, ctx);
                if let Some(value) = args.get("name") {
                    arguments::string(value, ctx);
                }
            }
            _ => unknown_attribute("@", attribute, ctx),
        }
    }
    for value in &enum_block.values {
        attributes_are_not_repeated(&value.attributes, |_| false, ctx);
        for attribute in &value.attributes {
            if attribute.name.name == "map" {
                let args = arguments::bind(attribute, &NAME, ctx);
                if let Some(value) = args.get("name") {
                    arguments::string(value, ctx);
                }
            } else {
                unknown_attribute("@", attribute, ctx);
            }
        }
    }
}

/// Prisma writes a single `@` for field and block attributes alike.
fn unknown_attribute(at: &str, attribute: &Attribute, ctx: &mut Context<'_>) {
    ctx.error(
        codes::UNKNOWN_ATTRIBUTE,
        format!("Attribute not known: \"{at}{}\".", attribute.name.name),
        attribute.span,
    );
}

/// Reports every occurrence of an attribute written more than once.
fn attributes_are_not_repeated(
    attributes: &[Attribute],
    repeatable: impl Fn(&str) -> bool,
    ctx: &mut Context<'_>,
) {
    for attribute in attributes {
        let name = attribute.name.name.as_str();
        let is_native = name.contains('.');
        let count = attributes
            .iter()
            .filter(|other| other.name.name == name || (is_native && other.name.name.contains('.')))
            .count();
        if count > 1 && !repeatable(name) {
            // Native types count as one attribute, `@db`.
            let shown = if is_native {
                name.split('.').next().unwrap_or(name)
            } else {
                name
            };
            ctx.error(
                codes::REPEATED_ATTRIBUTE,
                format!("Attribute \"@{shown}\" can only be defined once."),
                attribute.span,
            );
        }
    }
}

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
            super::models::criterion_fields(id)
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
