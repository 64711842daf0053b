//! `@default(...)`: the value must suit the field's type. The kind of the
//! value is checked with the attributes; whether a string really is a date,
//! JSON or base64 is checked once the schema is well formed, as in Prisma.

use super::arguments::source;
use super::db::{self, Declarations, FieldKind};
use super::{Context, codes, literals};
use crate::ast::{Arity, Expression, Field, Model};
use crate::types::ScalarType;

pub(crate) fn default_fits_the_type(
    field: &Field,
    kind: FieldKind<'_>,
    value: &Expression,
    ctx: &mut Context<'_>,
) {
    let is_list = db::arity(field) == Some(Arity::List);
    match value {
        Expression::Function(call, _) => {
            function_fits(&call.name.name, call.arguments.len(), kind, value, ctx);
            function_arguments_fit(&call.name.name, &call.arguments, value, ctx);
        }
        Expression::Array(items, _) if is_list => {
            for item in items {
                literal_fits(kind, item, ctx);
            }
        }
        _ if is_list => default_error(
            "The default value of a list field must be a list.".to_string(),
            value,
            ctx,
        ),
        Expression::Array(..) => default_error(
            "The default value of a non-list field cannot be a list.".to_string(),
            value,
            ctx,
        ),
        literal => literal_fits(kind, literal, ctx),
    }
}

/// `uuid(4|7)`, `cuid(1|2)`, `nanoid(2..=255)`, `dbgenerated("...")`.
fn function_arguments_fit(
    name: &str,
    arguments: &[crate::ast::Argument],
    value: &Expression,
    ctx: &mut Context<'_>,
) {
    let values: Vec<&Expression> = arguments.iter().filter_map(|a| a.value.as_ref()).collect();
    let integer = |e: &Expression| match e {
        Expression::Number(n, _) => n.parse::<i64>().ok(),
        _ => None,
    };
    let message = match (name, values.as_slice()) {
        (_, []) => return,
        ("uuid", [v]) if matches!(integer(v), Some(4 | 7)) => return,
        ("uuid", _) => {
            "`uuid()` takes either no argument, or a single integer argument which is either 4 or 7."
        }
        ("cuid", [v]) if matches!(integer(v), Some(1 | 2)) => return,
        ("cuid", _) => {
            "`cuid()` takes either no argument, or a single integer argument which is either 1 or 2."
        }
        ("nanoid", [v]) if integer(v).is_some_and(|n| (2..=255).contains(&n)) => return,
        ("nanoid", _) => {
            "`nanoid()` takes either no argument, or a single integer argument between 2 and 255."
        }
        ("dbgenerated", [Expression::String(sql, _)]) if !sql.is_empty() => return,
        ("dbgenerated", [Expression::String(..)]) => {
            "dbgenerated() takes either no argument, or a single nonempty string argument."
        }
        ("dbgenerated", _) => "`dbgenerated()` takes a single String argument",
        _ => return,
    };
    default_error(message.to_string(), value, ctx);
}

fn type_name(kind: FieldKind<'_>) -> Option<&str> {
    match kind {
        FieldKind::Scalar(scalar) => Some(scalar.name()),
        FieldKind::Enum(enum_block) => Some(&enum_block.name.name),
        FieldKind::Relation(model) => Some(&model.name.name),
        FieldKind::Unsupported(_) => Some("Unsupported"),
        FieldKind::Composite | FieldKind::Unresolved => None,
    }
}

fn default_error(message: String, value: &Expression, ctx: &mut Context<'_>) {
    ctx.error(
        codes::DEFAULT_VALUE,
        format!("Error parsing attribute \"@default\": {message}"),
        value.span(),
    );
}

fn function_fits(
    name: &str,
    argument_count: usize,
    kind: FieldKind<'_>,
    value: &Expression,
    ctx: &mut Context<'_>,
) {
    let scalar = match kind {
        FieldKind::Scalar(scalar) => Some(scalar),
        _ => None,
    };
    let fits = match name {
        "dbgenerated" => return,
        "autoincrement" => matches!(scalar, Some(ScalarType::Int | ScalarType::BigInt)),
        "now" => scalar == Some(ScalarType::DateTime),
        "uuid" | "cuid" | "nanoid" | "ulid" => scalar == Some(ScalarType::String),
        // Unknown functions are reported in phase two, as Prisma does.
        _ => return,
    };
    let Some(type_name) = type_name(kind) else {
        return;
    };
    if !fits {
        default_error(
            format!("The function `{name}()` cannot be used on fields of type `{type_name}`."),
            value,
            ctx,
        );
    } else if matches!(name, "autoincrement" | "now" | "ulid") && argument_count > 0 {
        default_error(
            format!(
                "The `{name}` function does not take any argument. Consider changing this default to `{name}()`."
            ),
            value,
            ctx,
        );
    }
}

fn literal_fits(kind: FieldKind<'_>, value: &Expression, ctx: &mut Context<'_>) {
    let fits = match kind {
        FieldKind::Scalar(scalar) => scalar_literal_fits(scalar, value),
        FieldKind::Enum(enum_block) => match value {
            Expression::Constant(name, _) => {
                if !enum_block.values.iter().any(|v| &v.name.name == name) {
                    default_error(
                        format!(
                            "The defined default value `{name}` is not a valid value of the enum specified for the field."
                        ),
                        value,
                        ctx,
                    );
                }
                true
            }
            _ => false,
        },
        FieldKind::Unsupported(_) => {
            default_error(
                "Only @default(dbgenerated(\"...\")) can be used for Unsupported types."
                    .to_string(),
                value,
                ctx,
            );
            true
        }
        FieldKind::Relation(_) | FieldKind::Composite | FieldKind::Unresolved => true,
    };
    // Prisma: "Expected a Int value", but "Expected an enum value".
    let expected = match kind {
        FieldKind::Enum(_) => Some("an enum".to_string()),
        other => type_name(other).map(|name| format!("a {name}")),
    };
    if !fits && let Some(expected) = expected {
        default_error(
            format!("Expected {expected} value, but found `{}`.", source(value)),
            value,
            ctx,
        );
    }
}

fn scalar_literal_fits(scalar: ScalarType, value: &Expression) -> bool {
    match value {
        Expression::String(..) => matches!(
            scalar,
            ScalarType::String
                | ScalarType::DateTime
                | ScalarType::Json
                | ScalarType::Bytes
                | ScalarType::Decimal
        ),
        Expression::Number(..) => matches!(
            scalar,
            ScalarType::Int | ScalarType::BigInt | ScalarType::Float | ScalarType::Decimal
        ),
        Expression::Constant(name, _) => {
            scalar == ScalarType::Boolean && (name == "true" || name == "false")
        }
        Expression::Function { .. } | Expression::Array(..) | Expression::Object(..) => false,
    }
}

/// Literal defaults that have the right kind must also parse as their
/// type: a date that is a date, JSON that is JSON.
/// The value of a field's `@default(...)`, positional or `value:`.
fn default_value(field: &crate::ast::Field) -> Option<&Expression> {
    db::field_attribute(field, "default")
        .and_then(|a| {
            a.arguments
                .iter()
                .find(|arg| arg.name.is_none() || arg.is_named("value"))
        })
        .and_then(|a| a.value.as_ref())
}

const DEFAULT_FUNCTIONS: &[&str] = &[
    "dbgenerated",
    "autoincrement",
    "now",
    "uuid",
    "cuid",
    "nanoid",
    "ulid",
];

/// `@default(f())` names a function PostgreSQL's connector knows. Prisma
/// checks this once the schema is otherwise sound, so the other rules of
/// phase two still report.
pub(crate) fn default_functions_are_known(model: &Model, ctx: &mut Context<'_>) {
    for field in &model.fields {
        let Some(Expression::Function(call, _)) = default_value(field) else {
            continue;
        };
        let name = &call.name;
        if !DEFAULT_FUNCTIONS.contains(&name.name.as_str()) {
            ctx.error(
                codes::DEFAULT_VALUE,
                format!(
                    "Unknown function in @default(): `{}` is not known. You can read about the available functions here: https://pris.ly/d/attribute-functions",
                    name.name
                ),
                name.span,
            );
        }
    }
}

pub(crate) fn default_literals_parse(model: &Model, db: &Declarations<'_>, ctx: &mut Context<'_>) {
    for field in &model.fields {
        let FieldKind::Scalar(scalar) = db.field_kind(field) else {
            continue;
        };
        let Some(value) = default_value(field) else {
            continue;
        };
        let items: &[Expression] = match value {
            Expression::Array(items, _) => items,
            single => std::slice::from_ref(single),
        };
        for item in items {
            literal_parses(scalar, item, ctx);
        }
    }
}

fn literal_parses(scalar: ScalarType, value: &Expression, ctx: &mut Context<'_>) {
    let (raw, what, ok) = match (scalar, value) {
        (ScalarType::DateTime, Expression::String(raw, _)) => {
            (raw, "rfc3339 datetime string", literals::is_rfc3339(raw))
        }
        (ScalarType::Json, Expression::String(raw, _)) => {
            (raw, "JSON string", literals::is_json(raw))
        }
        (ScalarType::Bytes, Expression::String(raw, _)) => {
            (raw, "base64 string", literals::is_base64(raw))
        }
        // Prisma reads Int defaults as 64-bit too.
        (ScalarType::Int | ScalarType::BigInt, Expression::Number(raw, _)) => {
            (raw, "integer", raw.parse::<i64>().is_ok())
        }
        (ScalarType::Float, Expression::Number(raw, _)) => {
            (raw, "float", raw.parse::<f64>().is_ok())
        }
        (ScalarType::Decimal, Expression::Number(raw, _) | Expression::String(raw, _)) => {
            (raw, "decimal", literals::is_decimal(raw))
        }
        _ => return,
    };
    if !ok {
        default_error(
            format!("Parse error: \"{raw}\" is not a valid {what}."),
            value,
            ctx,
        );
    }
}
