//! `@db.*` attributes: the prefix names the datasource, the type exists on
//! PostgreSQL, suits the field's scalar type, and its arguments are in range.

use super::db::{Declarations, FieldKind};
use super::{Context, codes};
use crate::ast::{Attribute, Expression, Model};
use crate::types::{ArgumentCount, NativeArgumentRule, postgres_native_type};

pub(crate) fn native_types_fit_their_fields(
    model: &Model,
    db: &Declarations<'_>,
    ctx: &mut Context<'_>,
) {
    let Some(datasource) = db.datasource_name() else {
        return;
    };
    for field in &model.fields {
        for attribute in &field.attributes {
            let Some((prefix, type_name)) = attribute.name.name.split_once('.') else {
                continue;
            };
            if prefix != datasource {
                ctx.error(
                    codes::NATIVE_TYPE_PREFIX,
                    format!(
                        "The prefix {prefix} is invalid. It must be equal to the name of an existing datasource e.g. {datasource}. Did you mean to use {datasource}.{type_name}?"
                    ),
                    attribute.span,
                );
                continue;
            }
            native_type_fits(db.field_kind(field), type_name, attribute, ctx);
        }
    }
}

fn native_type_fits(
    kind: FieldKind<'_>,
    type_name: &str,
    attribute: &Attribute,
    ctx: &mut Context<'_>,
) {
    let Some(native) = postgres_native_type(type_name) else {
        ctx.error(
            codes::UNKNOWN_NATIVE_TYPE,
            format!("Native type {type_name} is not supported for postgresql connector."),
            attribute.span,
        );
        return;
    };
    match kind {
        FieldKind::Scalar(scalar) if scalar == native.scalar => {}
        FieldKind::Scalar(scalar) => {
            ctx.error(
                codes::NATIVE_TYPE_MISMATCH,
                format!(
                    "Native type {type_name} is not compatible with declared field type {}, expected field type {}.",
                    scalar.name(),
                    native.scalar.name()
                ),
                attribute.span,
            );
            return;
        }
        _ => return,
    }
    let values: Vec<&Expression> = attribute
        .arguments
        .iter()
        .filter_map(|a| a.value.as_ref())
        .collect();
    let given = values.len();
    let written = values
        .iter()
        .map(|v| super::arguments::source(v))
        .collect::<Vec<_>>()
        .join(",");
    let count_error = match (native.arguments, given) {
        (ArgumentCount::None, 0)
        | (ArgumentCount::OptionalOne, 0 | 1)
        | (ArgumentCount::OptionalTwo, 0 | 2) => None,
        (ArgumentCount::None, n) => Some(format!(
            "Function \"{type_name}\" takes 0 arguments, but received {n}."
        )),
        (ArgumentCount::OptionalOne, n) => Some(format!(
            "Native type {type_name} takes 1 optional arguments, but received {n}."
        )),
        (ArgumentCount::OptionalTwo, 1) => Some(format!(
            "Expected two nonnegative integers, but found ({written})."
        )),
        (ArgumentCount::OptionalTwo, n) => Some(format!(
            "Native type {type_name} takes 2 optional arguments, but received {n}."
        )),
    };
    if let Some(message) = count_error {
        ctx.error(codes::NATIVE_TYPE_ARGUMENTS, message, attribute.span);
        return;
    }
    let numbers: Option<Vec<u64>> = values
        .iter()
        .map(|v| match v {
            Expression::Number(n, _) => n.parse::<u64>().ok(),
            _ => None,
        })
        .collect();
    let Some(numbers) = numbers else {
        ctx.error(
            codes::NATIVE_TYPE_ARGUMENTS,
            format!("Expected a nonnegative integer, but found ({written})."),
            attribute.span,
        );
        return;
    };
    let shown = format!("{type_name}({written})");
    let out_of_range = |message: &str| {
        format!("Argument M is out of range for native type `{shown}` of Postgres: {message}")
    };
    let message = match (native.rule, numbers.as_slice()) {
        (NativeArgumentRule::TimePrecision, [p]) if *p > 6 => {
            out_of_range("M can range from 0 to 6.")
        }
        (NativeArgumentRule::PositiveLength, [0]) => out_of_range("M must be a positive integer."),
        (NativeArgumentRule::DecimalPrecisionScale, [p, _]) if *p == 0 || *p > 1000 => {
            out_of_range("Precision must be positive with a maximum value of 1000.")
        }
        (NativeArgumentRule::DecimalPrecisionScale, [p, s]) if s > p => format!(
            "The scale must not be larger than the precision for the {shown} native type in Postgres."
        ),
        _ => return,
    };
    ctx.error(codes::NATIVE_TYPE_ARGUMENTS, message, attribute.span);
}
