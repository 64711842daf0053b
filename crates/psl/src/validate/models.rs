//! Rules about the fields of one model.

use super::db::{Declarations, FieldKind};
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

pub(crate) fn field_types_resolve(model: &Model, db: &Declarations<'_>, ctx: &mut Context<'_>) {
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

/// A model needs an `@id`, `@@id`, `@unique` or `@@unique` over required,
/// supported fields only, so that a row can be addressed. Views, composite
/// types and ignored models are exempt. The message lists the criteria that
/// did not count, as Prisma's does.
pub(crate) fn model_has_a_unique_criterion(
    model: &Model,
    db: &Declarations<'_>,
    ctx: &mut Context<'_>,
) {
    if model.kind != ModelKind::Model || has_block_attribute(model, "ignore") {
        return;
    }
    let criteria = unique_criteria(model);
    let is_strict = |fields: &Vec<&str>| {
        fields.iter().all(|name| {
            super::db::field(model, name).is_some_and(|field| {
                super::db::arity(field) == Some(Arity::Required)
                    && !matches!(db.field_kind(field), FieldKind::Unsupported(_))
            })
        })
    };
    if criteria.iter().any(is_strict) {
        return;
    }
    let mut message = "Error validating model \"".to_string()
        + &model.name.name
        + "\": Each model must have at least one unique criteria that has only required fields. Either mark a \
         single field with `@id`, `@unique` or add a multi field criterion with `@@id([])` or \
         `@@unique([])` to the model.";
    if !criteria.is_empty() {
        message.push_str(" The following unique criterias were not considered as they contain fields that are not required:");
        for fields in &criteria {
            message.push_str("\n- ");
            message.push_str(&fields.join(", "));
        }
    }
    ctx.error(codes::NO_UNIQUE_CRITERIA, message, model.name.span);
}

/// The fields of the primary key, then of each unique constraint, in
/// Prisma's order (field attributes before block attributes).
fn unique_criteria(model: &Model) -> Vec<Vec<&str>> {
    let field_id = model
        .fields
        .iter()
        .find(|f| f.attributes.iter().any(|a| a.name.name == "id"))
        .map(|f| vec![f.name.name.as_str()]);
    let block_id = model
        .attributes
        .iter()
        .find(|a| a.name.name == "id")
        .map(criterion_fields);
    let field_uniques = model
        .fields
        .iter()
        .filter(|f| f.attributes.iter().any(|a| a.name.name == "unique"))
        .map(|f| vec![f.name.name.as_str()]);
    let block_uniques = model
        .attributes
        .iter()
        .filter(|a| a.name.name == "unique")
        .map(criterion_fields);
    field_id
        .or(block_id)
        .into_iter()
        .chain(field_uniques)
        .chain(block_uniques)
        .collect()
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
            Expression::Function(call, _) => Some(call.name.name.as_str()),
            _ => None,
        })
        .collect()
}

/// `@ignore` on a field of a model that is `@@ignore`d says nothing more.
pub(crate) fn fields_of_ignored_models_are_not_ignored(
    model: &Model,
    db: &Declarations<'_>,
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

/// A view is a query: it has neither a primary key nor indexes of its own
/// (unique criteria only tell the client how to address rows).
pub(crate) fn views_have_no_keys_or_indexes(model: &Model, ctx: &mut Context<'_>) {
    if model.kind != ModelKind::View {
        return;
    }
    let field_ids = model
        .fields
        .iter()
        .flat_map(|f| &f.attributes)
        .filter(|a| a.name.name == "id");
    for attribute in field_ids.chain(model.attributes.iter()) {
        let message = match attribute.name.name.as_str() {
            "id" => "Error validating: Views cannot have primary keys.",
            "index" => "Error validating: Views cannot have indexes.",
            _ => continue,
        };
        ctx.error(codes::VIEW_KEY, message, attribute.span);
    }
}
