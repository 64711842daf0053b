//! Database names of keys and indexes: unique where PostgreSQL needs them
//! unique, at most 63 bytes, and no index argument PostgreSQL lacks.

use std::collections::HashMap;

use plumb_diagnostics::Span;

use super::db::{self, Db};
use super::{Context, codes};
use crate::ast::{Attribute, Expression, Model, ModelKind};
use crate::constraint_names::{self, MAX_IDENTIFIER_BYTES};

/// A primary key, unique constraint or index, with its database name.
struct Constraint<'a> {
    /// `@id`, `@@unique`, ... as the user wrote it, for messages.
    attribute_label: String,
    name: String,
    explicit: bool,
    span: Span,
    model: &'a Model,
    schema: Option<&'a str>,
}

fn explicit_map(attribute: &Attribute) -> Option<&str> {
    attribute
        .arguments
        .iter()
        .find(|a| a.name.as_ref().is_some_and(|n| n.name == "map"))
        .and_then(|a| match &a.value {
            Some(Expression::String(name, _)) => Some(name.as_str()),
            _ => None,
        })
}

fn constraints<'a>(model: &'a Model) -> Vec<Constraint<'a>> {
    let table = db::mapped_name(&model.attributes, &model.name.name);
    let schema = db::block_attribute(model, "schema")
        .and_then(|a| a.arguments.first())
        .and_then(|a| match &a.value {
            Some(Expression::String(name, _)) => Some(name.as_str()),
            _ => None,
        });
    let column = |name: &str| {
        db::field(model, name)
            .map(|f| db::mapped_name(&f.attributes, &f.name.name).to_string())
            .unwrap_or_else(|| name.to_string())
    };
    let mut out = Vec::new();
    let mut push = |label: String, attribute: &'a Attribute, default: String| {
        let explicit = explicit_map(attribute);
        out.push(Constraint {
            attribute_label: label,
            name: explicit.map_or(default, str::to_string),
            explicit: explicit.is_some(),
            span: attribute.span,
            model,
            schema,
        });
    };
    for field in &model.fields {
        let column_name = db::mapped_name(&field.attributes, &field.name.name);
        for attribute in &field.attributes {
            match attribute.name.name.as_str() {
                "id" => push(
                    "@id".into(),
                    attribute,
                    constraint_names::primary_key(table),
                ),
                "unique" => push(
                    "@unique".into(),
                    attribute,
                    constraint_names::unique(table, &[column_name]),
                ),
                _ => {}
            }
        }
    }
    for attribute in &model.attributes {
        let columns: Vec<String> = super::models::criterion_fields(attribute)
            .into_iter()
            .map(column)
            .collect();
        let columns: Vec<&str> = columns.iter().map(String::as_str).collect();
        let default = match attribute.name.name.as_str() {
            "id" => constraint_names::primary_key(table),
            "unique" => constraint_names::unique(table, &columns),
            "index" => constraint_names::index(table, &columns),
            _ => continue,
        };
        push(format!("@@{}", attribute.name.name), attribute, default);
    }
    out
}

/// Primary keys, unique constraints and indexes share one namespace per
/// PostgreSQL schema; explicit names fit in 63 bytes.
pub(crate) fn constraint_names_are_unique_and_short(db: &Db<'_>, ctx: &mut Context<'_>) {
    let all: Vec<Constraint<'_>> = db
        .models
        .iter()
        .filter(|m| m.kind == ModelKind::Model)
        .flat_map(|m| constraints(m))
        .collect();
    let mut by_name: HashMap<(Option<&str>, &str), usize> = HashMap::new();
    for constraint in &all {
        *by_name
            .entry((constraint.schema, constraint.name.as_str()))
            .or_default() += 1;
    }
    for constraint in &all {
        if by_name[&(constraint.schema, constraint.name.as_str())] > 1 {
            ctx.error(
                codes::CONSTRAINT_NAME_TAKEN,
                format!(
                    "Error parsing attribute \"{}\": The given constraint name `{}` has to be unique in the following namespace: global for primary key, indexes and unique constraints. Please provide a different name using the `map` argument.",
                    constraint.attribute_label, constraint.name
                ),
                constraint.span,
            );
        }
        if constraint.explicit && constraint.name.len() > MAX_IDENTIFIER_BYTES {
            name_too_long(
                constraint.model,
                &constraint.name,
                &constraint.attribute_label,
                constraint.span,
                ctx,
            );
        }
    }
    // Foreign key names are checked for length only: PostgreSQL keeps them
    // per table.
    for model in &db.models {
        for field in &model.fields {
            if let Some(attribute) = db::field_attribute(field, "relation")
                && let Some(name) = explicit_map(attribute)
                && name.len() > MAX_IDENTIFIER_BYTES
            {
                name_too_long(model, name, "@relation", attribute.span, ctx);
            }
        }
    }
}

fn name_too_long(model: &Model, name: &str, label: &str, span: Span, ctx: &mut Context<'_>) {
    ctx.error(
        codes::CONSTRAINT_NAME_TOO_LONG,
        format!(
            "Error validating model \"{}\": The constraint name '{name}' specified in the `map` argument for the `{label}` constraint is too long for your chosen provider. The maximum allowed length is {MAX_IDENTIFIER_BYTES} bytes.",
            model.name.name
        ),
        span,
    );
}

/// `clustered` and `length` exist for SQL Server and MySQL only.
pub(crate) fn index_arguments_are_supported(model: &Model, ctx: &mut Context<'_>) {
    let field_level = model
        .fields
        .iter()
        .flat_map(|f| &f.attributes)
        .filter(|a| a.name.name == "id" || a.name.name == "unique")
        .map(|a| (format!("@{}", a.name.name), a));
    let block_level = model
        .attributes
        .iter()
        .filter(|a| matches!(a.name.name.as_str(), "id" | "unique" | "index"))
        .map(|a| (format!("@@{}", a.name.name), a));
    for (label, attribute) in field_level.chain(block_level) {
        let named = |name: &str| {
            attribute
                .arguments
                .iter()
                .any(|a| a.name.as_ref().is_some_and(|n| n.name == name))
        };
        if named("clustered") {
            ctx.error(
                codes::UNSUPPORTED_INDEX_ARGUMENT,
                format!("Error parsing attribute \"{label}\": Defining clustering is not supported in the current connector."),
                attribute.span,
            );
        }
        let length_in_fields = field_argument_used(attribute, "length");
        let sort_in_fields = field_argument_used(attribute, "sort");
        if attribute.name.name == "id" && (named("sort") || sort_in_fields) {
            ctx.error(
                codes::UNSUPPORTED_INDEX_ARGUMENT,
                format!("Error parsing attribute \"{label}\": The sort argument is not supported in the primary key with the current connector"),
                attribute.span,
            );
        }
        if named("length") || length_in_fields {
            let what = if attribute.name.name == "id" {
                "the primary key"
            } else {
                "an index definition"
            };
            ctx.error(
                codes::UNSUPPORTED_INDEX_ARGUMENT,
                format!("Error parsing attribute \"{label}\": The length argument is not supported in {what} with the current connector"),
                attribute.span,
            );
        }
    }
}

/// Whether a field of the list (`[a(sort: Desc)]`) is given this argument.
fn field_argument_used(attribute: &Attribute, argument: &str) -> bool {
    let fields = attribute.arguments.first().and_then(|a| a.value.as_ref());
    let Some(Expression::Array(items, _)) = fields else {
        return false;
    };
    items.iter().any(|item| {
        matches!(item, Expression::Function { arguments, .. }
            if arguments.iter().any(|a| a.name.as_ref().is_some_and(|n| n.name == argument)))
    })
}

/// `@@index([])` names no column: PostgreSQL has no such index.
pub(crate) fn indexes_have_fields(model: &Model, ctx: &mut Context<'_>) {
    for attribute in &model.attributes {
        if !matches!(attribute.name.name.as_str(), "index" | "unique") {
            continue;
        }
        let fields = attribute
            .arguments
            .iter()
            .find(|a| a.name.as_ref().is_none_or(|n| n.name == "fields"))
            .and_then(|a| a.value.as_ref());
        if matches!(fields, Some(Expression::Array(items, _)) if items.is_empty()) {
            ctx.error(
                codes::EMPTY_INDEX,
                format!(
                    "Error parsing attribute \"@@{}\": The list of fields in an index cannot be empty. Please specify at least one field.",
                    attribute.name.name
                ),
                attribute.span,
            );
        }
    }
}
