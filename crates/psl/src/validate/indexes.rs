//! Database names of keys and indexes: unique where PostgreSQL needs them
//! unique, at most 63 bytes, and no index argument PostgreSQL lacks.

use foldhash::{HashMap, HashMapExt};

use plumb_diagnostics::Span;

use super::db::{self, Declarations, FieldKind};
use super::{Context, codes};
use crate::ast::{Arity, Attribute, Expression, Field, Model, ModelKind, Name};
use crate::constraint_names::{self, MAX_IDENTIFIER_BYTES};

/// What a constraint is, for the namespaces it shares names with.
#[derive(Clone, Copy, PartialEq)]
enum ConstraintKind {
    PrimaryKey,
    /// A unique constraint or an index.
    Index,
    ForeignKey,
}

/// A primary key, unique constraint, index or foreign key, with its
/// database name.
struct Constraint<'a> {
    kind: ConstraintKind,
    /// `@id`, `@@unique`, ... as the user wrote it, for messages.
    attribute_label: &'static str,
    /// Interned: lowering makes the same names, and a 5,000-model schema
    /// has tens of thousands of them.
    name: Name,
    explicit: bool,
    /// The `map:` argument if given, else the attribute.
    span: Span,
    model: &'a Model,
    schema: Option<Name>,
}

fn map_argument(attribute: &Attribute) -> Option<&crate::ast::Argument> {
    attribute.arguments.iter().find(|a| a.is_named("map"))
}

fn explicit_map(attribute: &Attribute) -> Option<&str> {
    map_argument(attribute).and_then(|a| match &a.value {
        Some(Expression::String(name, _)) => Some(name.as_str()),
        _ => None,
    })
}

fn constraints<'a>(model: &'a Model, db: &Declarations<'a>) -> Vec<Constraint<'a>> {
    let table = db::mapped_name(&model.attributes, &model.name.name);
    let schema = db::block_attribute(model, "schema")
        .and_then(|a| a.arguments.first())
        .and_then(|a| match &a.value {
            Some(Expression::String(name, _)) => Some(*name),
            _ => None,
        });
    let column = |name: &str| {
        db::field(model, name)
            .map(|f| db::mapped_name(&f.attributes, &f.name.name).to_string())
            .unwrap_or_else(|| name.to_string())
    };
    let mut out = Vec::new();
    let mut push = |kind, label: &'static str, attribute: &'a Attribute, default: String| {
        let explicit = explicit_map(attribute);
        out.push(Constraint {
            kind,
            attribute_label: label,
            name: explicit.map_or_else(|| Name::from(default), Name::new),
            explicit: explicit.is_some(),
            span: map_argument(attribute).map_or(attribute.span, |a| a.span),
            model,
            schema,
        });
    };
    for field in &model.fields {
        let column_name = db::mapped_name(&field.attributes, &field.name.name);
        for attribute in &field.attributes {
            match attribute.name.name.as_str() {
                "id" => push(
                    ConstraintKind::PrimaryKey,
                    "@id",
                    attribute,
                    constraint_names::primary_key(table),
                ),
                "unique" => push(
                    ConstraintKind::Index,
                    "@unique",
                    attribute,
                    constraint_names::unique(table, &[column_name]),
                ),
                // The referencing side of a relation holds the foreign key.
                "relation" if matches!(db.field_kind(field), FieldKind::Relation(_)) => {
                    let columns: Vec<String> = attribute
                        .arguments
                        .iter()
                        .filter(|a| a.is_named("fields"))
                        .filter_map(|a| a.value.as_ref())
                        .flat_map(super::models::field_names)
                        .map(column)
                        .collect();
                    if columns.is_empty() {
                        continue;
                    }
                    let columns: Vec<&str> = columns.iter().map(String::as_str).collect();
                    push(
                        ConstraintKind::ForeignKey,
                        "@relation",
                        attribute,
                        constraint_names::foreign_key(table, &columns),
                    );
                }
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
        let (kind, label, default) = match attribute.name.name.as_str() {
            "id" => (
                ConstraintKind::PrimaryKey,
                "@@id",
                constraint_names::primary_key(table),
            ),
            "unique" => (
                ConstraintKind::Index,
                "@@unique",
                constraint_names::unique(table, &columns),
            ),
            "index" => (
                ConstraintKind::Index,
                "@@index",
                constraint_names::index(table, &columns),
            ),
            _ => continue,
        };
        push(kind, label, attribute, default);
    }
    for field in &model.fields {
        if let Some(constraint) = keyless_foreign_key(model, field, table, schema, db) {
            out.push(constraint);
        }
    }
    out
}

/// The foreign key Prisma derives for a relation that names no `fields`:
/// `{table}__fkey`. It is held by a single relation field whose opposite is
/// a list or missing, and by a lone list of a self relation. Two of them on
/// one table clash, as in Prisma, besides the errors about the relation.
fn keyless_foreign_key<'a>(
    model: &'a Model,
    field: &'a Field,
    table: &str,
    schema: Option<Name>,
    db: &Declarations<'a>,
) -> Option<Constraint<'a>> {
    let FieldKind::Relation(target) = db.field_kind(field) else {
        return None;
    };
    let attribute = db::field_attribute(field, "relation");
    if attribute.is_some_and(|a| a.arguments.iter().any(|arg| arg.is_named("fields"))) {
        return None;
    }
    let opposite = db.opposite(model, field, target);
    let is_list = |f: &Field| db::arity(f) == Some(Arity::List);
    let span = if is_list(field) {
        if opposite.is_some() || !std::ptr::eq(target, model) {
            return None;
        }
        model.span
    } else {
        if opposite.is_some_and(|o| !is_list(o)) {
            return None;
        }
        attribute
            .and_then(map_argument)
            .map_or(field.span, |a| a.span)
    };
    let explicit = attribute.and_then(explicit_map);
    Some(Constraint {
        kind: ConstraintKind::ForeignKey,
        attribute_label: "@relation",
        name: explicit.map_or_else(
            || Name::from(constraint_names::foreign_key(table, &[])),
            Name::new,
        ),
        explicit: explicit.is_some(),
        span,
        model,
        schema,
    })
}

/// PostgreSQL keeps primary keys, unique constraints and indexes in one
/// namespace per schema (they are all relations), and foreign keys in one
/// per table, which they share with the table's other constraints. As in
/// Prisma, an index is checked against the schema's namespace, a foreign key
/// against its table's, and a primary key against both. Explicit names fit
/// in 63 bytes.
pub(crate) fn constraint_names_are_unique_and_short(db: &Declarations<'_>, ctx: &mut Context<'_>) {
    let all: Vec<Constraint<'_>> = db
        .models
        .iter()
        .filter(|m| m.kind == ModelKind::Model)
        .flat_map(|m| constraints(m, db))
        .collect();
    // How many constraints hold each name in each namespace; keys are
    // interned names, so the maps stay small on big schemas.
    let mut in_schema: HashMap<(Option<Name>, Name), u32> = HashMap::new();
    let mut in_table: HashMap<(Name, Name), u32> = HashMap::new();
    for constraint in &all {
        if constraint.kind != ConstraintKind::ForeignKey {
            *in_schema
                .entry((constraint.schema, constraint.name))
                .or_default() += 1;
        }
        *in_table
            .entry((constraint.model.name.name, constraint.name))
            .or_default() += 1;
    }
    for constraint in &all {
        let name = constraint.name.as_str();
        let schema_clash = constraint.kind != ConstraintKind::ForeignKey
            && in_schema[&(constraint.schema, constraint.name)] > 1;
        let table_clash = constraint.kind != ConstraintKind::Index
            && in_table[&(constraint.model.name.name, constraint.name)] > 1;
        if schema_clash {
            name_taken(
                constraint,
                "global for primary key, indexes and unique constraints",
                ctx,
            );
        }
        if table_clash {
            name_taken(
                constraint,
                &format!(
                    "on model `{}` for primary key, indexes, unique constraints and foreign keys",
                    constraint.model.name.name
                ),
                ctx,
            );
        }
        if constraint.explicit && name.len() > MAX_IDENTIFIER_BYTES {
            name_too_long(
                constraint.model,
                name,
                constraint.attribute_label,
                constraint.span,
                ctx,
            );
        }
    }
}

fn name_taken(constraint: &Constraint<'_>, namespace: &str, ctx: &mut Context<'_>) {
    ctx.error(
        codes::CONSTRAINT_NAME_TAKEN,
        format!(
            "Error parsing attribute \"{}\": The given constraint name `{}` has to be unique in the following namespace: {namespace}. Please provide a different name using the `map` argument.",
            constraint.attribute_label, constraint.name
        ),
        constraint.span,
    );
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
        let named = |name: &str| attribute.arguments.iter().any(|a| a.is_named(name));
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
        matches!(item, Expression::Function(call, _)
            if call.arguments.iter().any(|a| a.is_named(argument)))
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
