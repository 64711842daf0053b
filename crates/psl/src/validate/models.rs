//! Rules about the fields of one model.

use std::collections::BTreeSet;

use super::db::{Db, FieldKind};
use super::{Context, codes, report_repeated_names};
use crate::ast::{Arity, Attribute, BaseType, Expression, Model, ModelKind};

pub(crate) fn field_names_are_unique(model: &Model, ctx: &mut Context<'_>) {
    let names = model.fields.iter().map(|field| &field.name);
    report_repeated_names(names, ctx, codes::DUPLICATE_FIELD, |name| {
        format!(
            "Field \"{name}\" is already defined on model \"{}\".",
            model.name.name
        )
    });
}

pub(crate) fn field_types_resolve(model: &Model, db: &Db<'_>, ctx: &mut Context<'_>) {
    for field in &model.fields {
        let Some(BaseType::Named(type_name)) = field.field_type.as_ref().map(|t| &t.base) else {
            continue;
        };
        if !matches!(db.field_kind(field), FieldKind::Unresolved) {
            continue;
        }
        let name = type_name.name.as_str();
        ctx.error(
            codes::UNKNOWN_TYPE,
            format!("Type \"{name}\" is neither a built-in type, nor refers to another model, composite type, or enum."),
            type_name.span,
        );
    }
}

/// A model needs `@id`, `@@id`, or a `@unique`/`@@unique` over required
/// fields only, so that a row can be addressed. Views, composite types and
/// ignored models are exempt.
pub(crate) fn model_has_a_unique_criterion(model: &Model, ctx: &mut Context<'_>) {
    if model.kind != ModelKind::Model || has_block_attribute(model, "ignore") {
        return;
    }
    let required: BTreeSet<&str> = model
        .fields
        .iter()
        .filter(|f| {
            f.field_type
                .as_ref()
                .is_some_and(|t| t.arity == Arity::Required)
        })
        .map(|f| f.name.name.as_str())
        .collect();
    let field_level = model.fields.iter().any(|field| {
        field.attributes.iter().any(|a| a.name.name == "id")
            || (required.contains(field.name.name.as_str())
                && field.attributes.iter().any(|a| a.name.name == "unique"))
    });
    let block_level = model
        .attributes
        .iter()
        .any(|attribute| match attribute.name.name.as_str() {
            "id" => true,
            "unique" => {
                let fields = criterion_fields(attribute);
                !fields.is_empty() && fields.iter().all(|f| required.contains(f))
            }
            _ => false,
        });
    if !field_level && !block_level {
        ctx.error(
            codes::NO_UNIQUE_CRITERIA,
            "Each model must have at least one unique criteria that has only required fields. Either mark a \
             single field with `@id`, `@unique` or add a multi field criterion with `@@id([])` or \
             `@@unique([])` to the model.",
            model.name.span,
        );
    }
}

fn has_block_attribute(model: &Model, name: &str) -> bool {
    model.attributes.iter().any(|a| a.name.name == name)
}

/// The field names of `@@unique([a, b(sort: Desc)])` or `@@unique(fields: [...])`.
pub(crate) fn criterion_fields(attribute: &Attribute) -> Vec<&str> {
    attribute
        .arguments
        .iter()
        .find(|a| a.name.as_ref().is_none_or(|n| n.name == "fields"))
        .and_then(|a| a.value.as_ref())
        .map(field_names)
        .unwrap_or_default()
}

/// The names in a field list (`[a, b(sort: Desc)]`); one name counts as a
/// list of one.
pub(crate) fn field_names(expression: &Expression) -> Vec<&str> {
    let items: &[Expression] = match expression {
        Expression::Array(items, _) => items,
        single => std::slice::from_ref(single),
    };
    items
        .iter()
        .filter_map(|item| match item {
            Expression::Constant(name, _) => Some(name.as_str()),
            Expression::Function { name, .. } => Some(name.name.as_str()),
            _ => None,
        })
        .collect()
}

/// `@ignore` on a field of a model that is `@@ignore`d says nothing more.
pub(crate) fn fields_of_ignored_models_are_not_ignored(
    model: &Model,
    db: &Db<'_>,
    ctx: &mut Context<'_>,
) {
    if !has_block_attribute(model, "ignore") {
        return;
    }
    for field in &model.fields {
        if matches!(db.field_kind(field), FieldKind::Relation(_)) {
            continue;
        }
        if let Some(ignore) = field.attributes.iter().find(|a| a.name.name == "ignore") {
            ctx.error(
                codes::REPEATED_ATTRIBUTE,
                "Error parsing attribute \"@ignore\": Fields on an already ignored Model do not need an `@ignore` annotation.",
                ignore.span,
            );
        }
    }
}
