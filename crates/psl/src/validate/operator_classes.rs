//! PostgreSQL index access methods and operator classes (`@@index([a(ops:
//! JsonbPathOps)], type: Gin)`): which classes exist, which access method
//! each belongs to, and which column types each method can index.
//!
//! The rules follow Prisma's PostgreSQL connector, case by case, because the
//! migration SQL depends on them: an index Prisma rejects is never created.

use plumb_diagnostics::Span;

use super::db::{self, Declarations, FieldKind};
use super::{Context, codes};
use crate::ast::{Arity, Attribute, Expression, Field, Model};
use crate::types::ScalarType;

/// Every operator class Prisma knows, with the access method it belongs to.
const INDEX_ACCESS_METHODES: &[(&str, &[&str])] = &[
    ("InetOps", &["Gist", "SpGist"]),
    ("JsonbOps", &["Gin"]),
    ("JsonbPathOps", &["Gin"]),
    ("ArrayOps", &["Gin"]),
    ("TextOps", &["SpGist"]),
    ("BitMinMaxOps", BRIN),
    ("VarBitMinMaxOps", BRIN),
    ("BpcharBloomOps", BRIN),
    ("BpcharMinMaxOps", BRIN),
    ("ByteaBloomOps", BRIN),
    ("ByteaMinMaxOps", BRIN),
    ("DateBloomOps", BRIN),
    ("DateMinMaxOps", BRIN),
    ("DateMinMaxMultiOps", BRIN),
    ("Float4BloomOps", BRIN),
    ("Float4MinMaxOps", BRIN),
    ("Float4MinMaxMultiOps", BRIN),
    ("Float8BloomOps", BRIN),
    ("Float8MinMaxOps", BRIN),
    ("Float8MinMaxMultiOps", BRIN),
    ("InetInclusionOps", BRIN),
    ("InetBloomOps", BRIN),
    ("InetMinMaxOps", BRIN),
    ("InetMinMaxMultiOps", BRIN),
    ("Int2BloomOps", BRIN),
    ("Int2MinMaxOps", BRIN),
    ("Int2MinMaxMultiOps", BRIN),
    ("Int4BloomOps", BRIN),
    ("Int4MinMaxOps", BRIN),
    ("Int4MinMaxMultiOps", BRIN),
    ("Int8BloomOps", BRIN),
    ("Int8MinMaxOps", BRIN),
    ("Int8MinMaxMultiOps", BRIN),
    ("NumericBloomOps", BRIN),
    ("NumericMinMaxOps", BRIN),
    ("NumericMinMaxMultiOps", BRIN),
    ("OidBloomOps", BRIN),
    ("OidMinMaxOps", BRIN),
    ("OidMinMaxMultiOps", BRIN),
    ("TextBloomOps", BRIN),
    ("TextMinMaxOps", BRIN),
    ("TimestampBloomOps", BRIN),
    ("TimestampMinMaxOps", BRIN),
    ("TimestampMinMaxMultiOps", BRIN),
    ("TimestampTzBloomOps", BRIN),
    ("TimestampTzMinMaxOps", BRIN),
    ("TimestampTzMinMaxMultiOps", BRIN),
    ("TimeBloomOps", BRIN),
    ("TimeMinMaxOps", BRIN),
    ("TimeMinMaxMultiOps", BRIN),
    ("TimeTzBloomOps", BRIN),
    ("TimeTzMinMaxOps", BRIN),
    ("TimeTzMinMaxMultiOps", BRIN),
    ("UuidBloomOps", BRIN),
    ("UuidMinMaxOps", BRIN),
    ("UuidMinMaxMultiOps", BRIN),
];
const BRIN: &[&str] = &["Brin"];

/// BRIN: the native types it indexes, and the classes each accepts (none
/// given is always accepted).
const BRIN_NATIVE_TYPES: &[(&str, &[&str])] = &[
    ("Bit", &["BitMinMaxOps"]),
    ("VarBit", &["VarBitMinMaxOps"]),
    ("Char", &["BpcharBloomOps", "BpcharMinMaxOps"]),
    (
        "Date",
        &["DateBloomOps", "DateMinMaxOps", "DateMinMaxMultiOps"],
    ),
    (
        "Real",
        &["Float4BloomOps", "Float4MinMaxOps", "Float4MinMaxMultiOps"],
    ),
    (
        "DoublePrecision",
        &["Float8BloomOps", "Float8MinMaxOps", "Float8MinMaxMultiOps"],
    ),
    (
        "Inet",
        &[
            "InetInclusionOps",
            "InetBloomOps",
            "InetMinMaxOps",
            "InetMinMaxMultiOps",
        ],
    ),
    (
        "SmallInt",
        &["Int2BloomOps", "Int2MinMaxOps", "Int2MinMaxMultiOps"],
    ),
    (
        "Integer",
        &["Int4BloomOps", "Int4MinMaxOps", "Int4MinMaxMultiOps"],
    ),
    (
        "BigInt",
        &["Int8BloomOps", "Int8MinMaxOps", "Int8MinMaxMultiOps"],
    ),
    (
        "Decimal",
        &[
            "NumericBloomOps",
            "NumericMinMaxOps",
            "NumericMinMaxMultiOps",
        ],
    ),
    ("Oid", &["OidBloomOps", "OidMinMaxOps", "OidMinMaxMultiOps"]),
    ("ByteA", &["ByteaBloomOps", "ByteaMinMaxOps"]),
    ("Text", &["TextBloomOps", "TextMinMaxOps"]),
    ("VarChar", &["TextBloomOps", "TextMinMaxOps"]),
    (
        "Timestamp",
        &[
            "TimestampBloomOps",
            "TimestampMinMaxOps",
            "TimestampMinMaxMultiOps",
        ],
    ),
    (
        "Timestamptz",
        &[
            "TimestampTzBloomOps",
            "TimestampTzMinMaxOps",
            "TimestampTzMinMaxMultiOps",
        ],
    ),
    (
        "Time",
        &["TimeBloomOps", "TimeMinMaxOps", "TimeMinMaxMultiOps"],
    ),
    (
        "Timetz",
        &["TimeTzBloomOps", "TimeTzMinMaxOps", "TimeTzMinMaxMultiOps"],
    ),
    (
        "Uuid",
        &["UuidBloomOps", "UuidMinMaxOps", "UuidMinMaxMultiOps"],
    ),
];

/// BRIN classes usable on a field without a native type, by scalar type.
const BRIN_SCALAR_CLASSES: &[(ScalarType, &[&str])] = &[
    (
        ScalarType::Float,
        &["Float8BloomOps", "Float8MinMaxOps", "Float8MinMaxMultiOps"],
    ),
    (
        ScalarType::Int,
        &["Int4BloomOps", "Int4MinMaxOps", "Int4MinMaxMultiOps"],
    ),
    (
        ScalarType::BigInt,
        &["Int8BloomOps", "Int8MinMaxOps", "Int8MinMaxMultiOps"],
    ),
    (
        ScalarType::Decimal,
        &[
            "NumericBloomOps",
            "NumericMinMaxOps",
            "NumericMinMaxMultiOps",
        ],
    ),
    (ScalarType::Bytes, &["ByteaBloomOps", "ByteaMinMaxOps"]),
    (ScalarType::String, &["TextBloomOps", "TextMinMaxOps"]),
    (
        ScalarType::DateTime,
        &[
            "TimestampBloomOps",
            "TimestampMinMaxOps",
            "TimestampMinMaxMultiOps",
        ],
    ),
];

pub(crate) fn is_known(class: &str) -> bool {
    INDEX_ACCESS_METHODES.iter().any(|(name, _)| *name == class)
}

fn supports_index_type(class: &str, index_type: &str) -> bool {
    INDEX_ACCESS_METHODES
        .iter()
        .any(|(name, types)| *name == class && types.contains(&index_type))
}

/// One field of an index, as the rules need it.
struct IndexedField<'a> {
    name: &'a str,
    kind: FieldKind<'a>,
    is_list: bool,
    /// The explicit native type (`Inet` for `@db.Inet`), if any.
    native_type: Option<&'a str>,
    has_sort: bool,
    /// Whether `ops:` is given at all.
    has_class: bool,
    /// The named operator class; `raw("...")` classes are not checked.
    class: Option<&'a str>,
}

impl IndexedField<'_> {
    fn is_scalar(&self, scalar: ScalarType) -> bool {
        matches!(self.kind, FieldKind::Scalar(s) if s == scalar)
    }
}

/// What is wrong with one field of an index of this type, if anything.
enum Problem {
    Message(String),
    /// Prisma's fallback, worded by what the field declares.
    Unsupported,
}

pub(crate) fn index_access_methods_fit(
    model: &Model,
    db: &Declarations<'_>,
    ctx: &mut Context<'_>,
) {
    for attribute in &model.attributes {
        let label = match attribute.name.name.as_str() {
            "index" => "@@index",
            "unique" => "@@unique",
            _ => continue,
        };
        let index_type = index_type(attribute);
        let fields = indexed_fields(model, attribute, db);
        let error = |message: String, ctx: &mut Context<'_>| {
            ctx.error(
                codes::INDEX_ACCESS_METHOD,
                format!("Error parsing attribute \"{label}\": {message}"),
                attribute.span,
            );
        };
        if label != "@@index" && fields.iter().any(|f| f.has_class) {
            error(
                "Operator classes can only be defined to fields in an @@index attribute.".into(),
                ctx,
            );
        }
        for field in &fields {
            // `raw("...")` classes are the user's responsibility.
            if field.has_class && field.class.is_none() {
                continue;
            }
            if let Some(problem) = field_problem(index_type, field) {
                let message = match problem {
                    Problem::Message(message) => message,
                    Problem::Unsupported => match unsupported_message(index_type, field) {
                        Some(message) => message,
                        None => continue,
                    },
                };
                error(message, ctx);
            }
        }
        if index_type == "SpGist" && fields.len() > 1 {
            error("SpGist does not support multi-column indices.".into(), ctx);
        }
        if index_type == "Hash" && fields.iter().any(|f| f.has_sort) {
            error("Hash type does not support sort option.".into(), ctx);
        }
        let xml = model_fields(model, attribute).find(|field| native_type(field) == Some("Xml"));
        if let Some(field) = xml {
            xml_cannot_be_indexed(field, label == "@@unique", ctx);
        }
    }
    for field in &model.fields {
        if native_type(field) == Some("Xml") && db::field_attribute(field, "unique").is_some() {
            xml_cannot_be_indexed(field, true, ctx);
        }
    }
}

/// PostgreSQL has no equality operator for `xml`, so no B-tree over it.
fn xml_cannot_be_indexed(field: &Field, unique: bool, ctx: &mut Context<'_>) {
    let message = if unique {
        "Native type `Xml` cannot be unique in Postgres."
    } else {
        "You cannot define an index on fields with native type `Xml` of Postgres."
    };
    ctx.error(codes::INDEX_ACCESS_METHOD, message, field.name.span);
}

fn native_type(field: &Field) -> Option<&str> {
    field
        .attributes
        .iter()
        .find_map(|a| a.name.name.split_once('.').map(|(_, t)| t))
}

/// The model's fields an index lists, in the index's order.
fn model_fields<'a>(model: &'a Model, attribute: &'a Attribute) -> impl Iterator<Item = &'a Field> {
    fields_list(attribute).iter().filter_map(|item| match item {
        Expression::Constant(name, _) => db::field(model, name),
        Expression::Function(call, _) => db::field(model, &call.name.name),
        _ => None,
    })
}

fn index_type(attribute: &Attribute) -> &str {
    attribute
        .arguments
        .iter()
        .find(|a| a.is_named("type"))
        .and_then(|a| match &a.value {
            Some(Expression::Constant(name, _)) => Some(name.as_str()),
            _ => None,
        })
        .unwrap_or("BTree")
}

fn fields_list(attribute: &Attribute) -> &[Expression] {
    let fields = attribute
        .arguments
        .iter()
        .find(|a| a.name.as_ref().is_none_or(|n| n.name == "fields"))
        .and_then(|a| a.value.as_ref());
    match fields {
        Some(Expression::Array(items, _)) => items,
        Some(single) => std::slice::from_ref(single),
        None => &[],
    }
}

fn indexed_fields<'a>(
    model: &'a Model,
    attribute: &'a Attribute,
    db: &Declarations<'a>,
) -> Vec<IndexedField<'a>> {
    fields_list(attribute)
        .iter()
        .filter_map(|item| {
            let (name, arguments): (&str, &[crate::ast::Argument]) = match item {
                Expression::Constant(name, _) => (name, &[]),
                Expression::Function(call, _) => (&call.name.name, &call.arguments),
                _ => return None,
            };
            let field = db::field(model, name)?;
            let ops = arguments.iter().find(|a| a.is_named("ops"));
            let class = ops.and_then(|a| match &a.value {
                Some(Expression::Constant(class, _)) => Some(class.as_str()),
                _ => None,
            });
            Some(IndexedField {
                name,
                kind: db.field_kind(field),
                is_list: db::arity(field) == Some(Arity::List),
                native_type: native_type(field),
                has_sort: arguments.iter().any(|a| a.is_named("sort")),
                has_class: ops.is_some(),
                class,
            })
        })
        .collect()
}

fn field_problem(index_type: &str, field: &IndexedField<'_>) -> Option<Problem> {
    if let Some(class) = field.class
        && !supports_index_type(class, index_type)
    {
        return Some(Problem::Message(format!(
            "The given operator class `{class}` is not supported with the `{index_type}` index type."
        )));
    }
    let wrong_scalar = |expected: ScalarType| {
        let class = field.class.unwrap_or_default();
        Some(Problem::Message(format!(
            "The given operator class `{class}` points to the field `{}` that is not of {} type.",
            field.name,
            expected.name()
        )))
    };
    let (native, class) = (field.native_type, field.class);
    match index_type {
        "Gist" => match (native, class) {
            (Some("Inet"), Some("InetOps")) => None,
            _ => Some(Problem::Unsupported),
        },
        "Gin" => match (native, class) {
            (None, None) if field.is_scalar(ScalarType::Json) => None,
            (_, None) if field.is_list => None,
            (Some("JsonB"), Some("JsonbOps" | "JsonbPathOps") | None) => None,
            (None, Some("JsonbOps" | "JsonbPathOps")) => {
                if field.is_scalar(ScalarType::Json) {
                    None
                } else {
                    wrong_scalar(ScalarType::Json)
                }
            }
            (_, Some("ArrayOps")) => {
                if field.is_list {
                    None
                } else {
                    Some(Problem::Message(format!(
                        "The given operator class `ArrayOps` expects the type of field `{}` to be an array.",
                        field.name
                    )))
                }
            }
            _ => Some(Problem::Unsupported),
        },
        "SpGist" => match (native, class) {
            (Some("Inet"), Some("InetOps") | None) => None,
            (None, None) if field.is_scalar(ScalarType::String) => None,
            (None, Some("TextOps")) => {
                if field.is_scalar(ScalarType::String) {
                    None
                } else {
                    wrong_scalar(ScalarType::String)
                }
            }
            (Some("Text" | "VarChar" | "Char"), Some("TextOps") | None) => None,
            _ => Some(Problem::Unsupported),
        },
        "Brin" => brin_problem(field),
        _ => None,
    }
}

fn brin_problem(field: &IndexedField<'_>) -> Option<Problem> {
    match (field.native_type, field.class) {
        (Some(native), class) => {
            let accepted = BRIN_NATIVE_TYPES
                .iter()
                .find(|(name, _)| *name == native)
                .is_some_and(|(_, classes)| class.is_none_or(|c| classes.contains(&c)));
            (!accepted).then_some(Problem::Unsupported)
        }
        (None, None) => {
            let indexable = BRIN_SCALAR_CLASSES
                .iter()
                .any(|(scalar, _)| field.is_scalar(*scalar));
            (!indexable).then_some(Problem::Unsupported)
        }
        (None, Some(class)) => {
            let Some((scalar, _)) = BRIN_SCALAR_CLASSES
                .iter()
                .find(|(_, classes)| classes.contains(&class))
            else {
                return Some(Problem::Unsupported);
            };
            if field.is_scalar(*scalar) {
                None
            } else {
                Some(Problem::Message(format!(
                    "The given operator class `{class}` points to the field `{}` that is not of {} type.",
                    field.name,
                    scalar.name()
                )))
            }
        }
    }
}

/// Prisma's fallback message, chosen by what the field declares.
fn unsupported_message(index_type: &str, field: &IndexedField<'_>) -> Option<String> {
    let name = field.name;
    Some(match (field.native_type, field.class) {
        (Some(native), Some(class)) => format!(
            "The given operator class `{class}` does not support native type `{native}` of field `{name}`."
        ),
        (Some(native), None) => {
            format!("The {index_type} index field type `{native}` has no default operator class.")
        }
        (None, Some(class)) => format!(
            "The given operator class `{class}` expects the field `{name}` to define a valid native type."
        ),
        (None, None) => {
            if method_indexes_type(index_type, field) {
                return None;
            }
            format!("The {index_type} index type does not support the type of the field `{name}`.")
        }
    })
}

/// Whether an access method can index the field's type with its default
/// operator class.
fn method_indexes_type(index_type: &str, field: &IndexedField<'_>) -> bool {
    if matches!(field.kind, FieldKind::Unsupported(_)) {
        return true;
    }
    match index_type {
        "Gist" | "SpGist" => field.is_scalar(ScalarType::String),
        "Gin" => field.is_scalar(ScalarType::Json) || field.is_list,
        "Brin" => BRIN_SCALAR_CLASSES
            .iter()
            .any(|(scalar, _)| field.is_scalar(*scalar)),
        _ => true,
    }
}

/// `ops:` names a known class or is `raw("...")` (phase one).
pub(crate) fn operator_class_is_known(value: &Expression, ctx: &mut Context<'_>) {
    let (message, span): (String, Span) = match value {
        Expression::Constant(class, span) if is_known(class) => return,
        Expression::Constant(class, span) => (
            format!("Unexpected token. Expected one of: Invalid operator class: {class}"),
            *span,
        ),
        Expression::Function(call, _) if call.name.name == "raw" => match &*call.arguments {
            [argument] if matches!(argument.value, Some(Expression::String(..))) => return,
            [_] => (
                "Unexpected token. Expected one of: Invalid parameter type: expected string".into(),
                value.span(),
            ),
            other => (
                format!(
                    "Unexpected token. Expected one of: Wrong number of arguments. Expected: 1, got: {}",
                    other.len()
                ),
                value.span(),
            ),
        },
        other => (
            "Unexpected token. Expected one of: Invalid operator class".into(),
            other.span(),
        ),
    };
    ctx.error(codes::INDEX_ACCESS_METHOD, message, span);
}
