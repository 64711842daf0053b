//! What lowering reads beyond `plumb_psl::schema`: attribute arguments and
//! database names. Lowering runs only on schemas that validated cleanly, so
//! a missing piece here means "not written", never "written wrong".

use plumb_psl::ast::{Argument, Arity, Attribute, Expression, Field, Model};
use plumb_psl::schema::{field_attribute, mapped_name};

/// A field's arity (a field without a type did not validate).
pub(crate) fn arity(field: &Field) -> Arity {
    plumb_psl::schema::arity(field).unwrap_or(Arity::Required)
}

pub(crate) fn block_attributes<'a>(
    model: &'a Model,
    name: &'a str,
) -> impl Iterator<Item = &'a Attribute> + 'a {
    model.attributes.iter().filter(move |a| a.name.name == name)
}

/// An argument by name, or the first positional one for `positional`.
pub(crate) fn argument<'a>(
    attribute: &'a Attribute,
    name: &str,
    positional: bool,
) -> Option<&'a Expression> {
    attribute
        .arguments
        .iter()
        .enumerate()
        .find(|(i, a): &(usize, &Argument)| {
            a.is_named(name) || positional && a.name.is_none() && *i == 0
        })
        .and_then(|(_, a)| a.value.as_ref())
}

pub(crate) fn string_argument<'a>(
    attribute: &'a Attribute,
    name: &str,
    positional: bool,
) -> Option<&'a str> {
    match argument(attribute, name, positional)? {
        Expression::String(value, _) => Some(value),
        _ => None,
    }
}

pub(crate) fn column_name(field: &Field) -> &str {
    mapped_name(&field.attributes, &field.name.name)
}

pub(crate) fn table_name(model: &Model) -> &str {
    mapped_name(&model.attributes, &model.name.name)
}

/// The argument of `@default(…)`, if the field has one.
pub(crate) fn default_value(field: &Field) -> Option<&Expression> {
    field_attribute(field, "default").and_then(|a| argument(a, "value", true))
}

/// A field reference in a list (`[a, b(sort: Desc)]`): its name and
/// arguments.
pub(crate) fn field_reference(expression: &Expression) -> Option<(&str, &[Argument])> {
    match expression {
        Expression::Constant(name, _) => Some((name, &[])),
        Expression::Function(call, _) => Some((&call.name.name, &call.arguments)),
        _ => None,
    }
}

/// The field references of a list argument (`fields: [a, b]`).
pub(crate) fn field_references(expression: Option<&Expression>) -> Vec<(&str, &[Argument])> {
    match expression {
        Some(Expression::Array(items, _)) => items.iter().filter_map(field_reference).collect(),
        Some(single) => field_reference(single).into_iter().collect(),
        None => Vec::new(),
    }
}
