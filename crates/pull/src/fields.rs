//! A column → a scalar field's type, `@db.*` and `@default`
//! (docs/reference/prisma-db-pull.md §3, §4).

use plumb_ir::{Column, ColumnArity, ColumnType, Default, NativeKind, NativeType, Value};
use plumb_psl::types::{POSTGRES_NATIVE_TYPES, ScalarType};

use crate::names::string_literal;

/// The field's type as written (`String`, `Role`, `Unsupported("cidr")`)
/// with its `?` or `[]`, and its `@db.*` attribute if the native type is
/// not the scalar type's default.
pub fn field_type(
    column: &Column,
    enum_name: &dyn Fn(&plumb_ir::QualifiedName) -> String,
) -> (String, Option<String>) {
    let (base, native) = match &column.column_type {
        ColumnType::Native(native) => match scalar_of(native.kind) {
            Some(scalar) => (scalar.name().to_string(), native_attribute(scalar, native)),
            None => (
                format!("Unsupported({})", string_literal(native.kind.sql_name())),
                None,
            ),
        },
        ColumnType::Enum(name) => (enum_name(name), None),
        ColumnType::Unsupported(name) => (format!("Unsupported({})", string_literal(name)), None),
    };
    let suffix = match column.arity {
        ColumnArity::Required => "",
        ColumnArity::Nullable => "?",
        ColumnArity::List => "[]",
    };
    (format!("{base}{suffix}"), native)
}

/// The scalar type a native type belongs to.
pub fn scalar_of(kind: NativeKind) -> Option<ScalarType> {
    POSTGRES_NATIVE_TYPES
        .iter()
        .find(|t| t.kind == kind)
        .map(|t| t.scalar)
}

/// `@db.VarChar(20)`, or nothing for the scalar type's own native type.
fn native_attribute(scalar: ScalarType, native: &NativeType) -> Option<String> {
    let (default_kind, default_arguments) = scalar.default_native();
    if native.kind == default_kind && *native.arguments == *default_arguments {
        return None;
    }
    let mut attribute = format!("@db.{}", native.kind.prisma_name());
    if !native.arguments.is_empty() {
        let arguments: Vec<String> = native.arguments.iter().map(u32::to_string).collect();
        attribute.push_str(&format!("({})", arguments.join(", ")));
    }
    Some(attribute)
}

/// `@default(…)`, if the column has one Prisma can say: the database's,
/// else the existing schema's client-side one (`uuid()`, `cuid()`) on a
/// string column.
pub fn default_attribute(
    column: &Column,
    enum_value: &dyn Fn(&str) -> String,
    client_default: Option<&str>,
) -> Option<String> {
    let integer = matches!(
        &column.column_type,
        ColumnType::Native(n) if matches!(n.kind, NativeKind::SmallInt | NativeKind::Integer | NativeKind::BigInt)
    );
    if column.auto_increment && integer {
        // Prisma's engine does not read `nextval('_name'::regclass)` (a
        // sequence name PostgreSQL prints unquoted, starting with `_`) as a
        // sequence: it keeps the expression.
        if let Some(sequence) = column
            .sequence
            .as_deref()
            .filter(|s| unquoted_underscore(s))
        {
            let expression = format!("nextval('{sequence}'::regclass)");
            return Some(format!(
                "@default(dbgenerated({}))",
                string_literal(&expression)
            ));
        }
        return Some("@default(autoincrement())".to_string());
    }
    let Some(default) = column.default.as_ref() else {
        let string = matches!(
            &column.column_type,
            ColumnType::Native(n) if scalar_of(n.kind) == Some(ScalarType::String)
        );
        return client_default
            .filter(|_| string)
            .map(|f| format!("@default({f})"));
    };
    let value = match default {
        Default::Now => "now()".to_string(),
        Default::Expression(sql) if sql.is_empty() => "dbgenerated()".to_string(),
        Default::Expression(sql) => format!("dbgenerated({})", string_literal(sql)),
        Default::Value(value) => literal(column, value, enum_value),
    };
    Some(format!("@default({value})"))
}

/// A name starting with `_` that PostgreSQL prints without quotes.
fn unquoted_underscore(name: &str) -> bool {
    name.starts_with('_')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '$')
}

fn literal(column: &Column, value: &Value, enum_value: &dyn Fn(&str) -> String) -> String {
    match value {
        Value::String(text) => match &column.column_type {
            // An enum's default is its value's Prisma name.
            ColumnType::Enum(_) => enum_value(text),
            _ => string_literal(text),
        },
        Value::Number(number) => number.to_string(),
        Value::Boolean(b) => b.to_string(),
        Value::Bytes(bytes) => string_literal(&base64(bytes)),
        Value::List(values) => {
            // Prisma writes a list's enum values as the database names
            // them, not as the enum's values are named.
            let raw = |value: &str| value.to_string();
            let items: Vec<String> = values.iter().map(|v| literal(column, v, &raw)).collect();
            format!("[{}]", items.join(", "))
        }
    }
}

/// Standard base64 with padding, as Prisma writes a `Bytes` default.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::base64;

    #[test]
    fn bytes_are_base64() {
        assert_eq!(base64(&[1, 2, 255]), "AQL/");
        assert_eq!(base64(b"ab"), "YWI=");
        assert_eq!(base64(b""), "");
    }
}
