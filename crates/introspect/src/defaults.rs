//! Column default expressions, as `pg_get_expr` prints them, → IR
//! defaults in the form lowering gives them: `nextval(…)` is
//! auto-increment, `CURRENT_TIMESTAMP` is `now()`, literals (with or
//! without a cast) are values, anything else is a database expression
//! (`dbgenerated`), verbatim.

use plumb_ir::{ColumnType, Default, LiteralKind, NativeKind, Value};

/// The default, and whether the column auto-increments.
pub(crate) fn column_default(
    expression: &str,
    column_type: &ColumnType,
) -> (Option<Default>, bool) {
    let expression = expression.trim();
    if expression.starts_with("nextval(") {
        return (None, true);
    }
    match expression {
        "CURRENT_TIMESTAMP" | "now()" => return (Some(Default::Now), false),
        _ => {}
    }
    if strip_cast(expression).eq_ignore_ascii_case("null") {
        return (None, false);
    }
    let default = literal(expression, column_type)
        .map(Default::Value)
        .unwrap_or_else(|| Default::Expression(expression.into()));
    (Some(default), false)
}

/// A literal of the column's type, or `None` for an expression.
fn literal(expression: &str, column_type: &ColumnType) -> Option<Value> {
    if let Some(items) = array_items(expression) {
        return items
            .into_iter()
            .map(|item| scalar(item, column_type))
            .collect::<Option<Vec<_>>>()
            .map(|values| Value::List(values.into()));
    }
    scalar(expression, column_type)
}

/// One value: `'text'::type`, `42`, `'-1'::integer`, `true`.
fn scalar(expression: &str, column_type: &ColumnType) -> Option<Value> {
    let uncast = strip_cast(expression);
    let unparenthesized = uncast
        .strip_prefix('(')
        .and_then(|inner| inner.strip_suffix(')'))
        .unwrap_or(uncast);
    let text = match string_literal(unparenthesized) {
        Some(text) => text,
        None if unparenthesized.starts_with(|c: char| c == '-' || c.is_ascii_digit()) => {
            unparenthesized.to_string()
        }
        None => {
            return match unparenthesized {
                "true" => Some(Value::Boolean(true)),
                "false" => Some(Value::Boolean(false)),
                _ => None,
            };
        }
    };
    Some(match column_type {
        ColumnType::Native(native) => match native.kind {
            NativeKind::Boolean => Value::Boolean(match text.as_str() {
                "true" | "t" => true,
                "false" | "f" => false,
                _ => return None,
            }),
            NativeKind::ByteA => Value::Bytes(hex_bytes(&text)?.into()),
            _ if matches!(
                native.kind.literal_kind(),
                LiteralKind::Int | LiteralKind::BigInt | LiteralKind::Float
            ) =>
            {
                Value::Number(text.into())
            }
            _ => Value::String(text.into()),
        },
        _ => Value::String(text.into()),
    })
}

/// Drops trailing casts: `'a'::text` → `'a'`, `'{}'::text[]` → `'{}'`.
fn strip_cast(expression: &str) -> &str {
    let mut rest = expression;
    while let Some(at) = last_cast(rest) {
        rest = &rest[..at];
    }
    rest
}

/// The position of a `::` cast at the top level at the end (outside quotes
/// and brackets), if the expression ends with one.
fn last_cast(expression: &str) -> Option<usize> {
    let mut depth = 0i32;
    let mut in_string = false;
    let mut found = None;
    let bytes = expression.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\'' => in_string = !in_string,
            b'(' | b'[' if !in_string => depth += 1,
            b')' | b']' if !in_string => depth -= 1,
            b':' if !in_string && depth == 0 && bytes.get(i + 1) == Some(&b':') => {
                found = Some(i);
                i += 1;
            }
            _ => {}
        }
        i += 1;
    }
    // Only a cast whose type is a plain (possibly quoted or array) name.
    let at = found?;
    let type_name = &expression[at + 2..];
    type_name
        .chars()
        .all(|c| c.is_alphanumeric() || " _\"[].()".contains(c))
        .then_some(at)
}

/// `'it''s'` → `it's`; `E'…'` escapes are not literal text: `None`.
fn string_literal(expression: &str) -> Option<String> {
    let inner = expression.strip_prefix('\'')?.strip_suffix('\'')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            // Inside, quotes come doubled.
            if chars.next() != Some('\'') {
                return None;
            }
        }
        out.push(c);
    }
    Some(out)
}

/// `ARRAY['a'::text, 'b'::text]` → the items' texts.
fn array_items(expression: &str) -> Option<Vec<&str>> {
    let inner = strip_cast(expression)
        .strip_prefix("ARRAY[")?
        .strip_suffix(']')?;
    if inner.trim().is_empty() {
        return Some(Vec::new());
    }
    let mut items = Vec::new();
    let mut depth = 0i32;
    let mut in_string = false;
    let mut start = 0;
    for (at, c) in inner.char_indices() {
        match c {
            '\'' => in_string = !in_string,
            '(' | '[' if !in_string => depth += 1,
            ')' | ']' if !in_string => depth -= 1,
            ',' if !in_string && depth == 0 => {
                items.push(inner[start..at].trim());
                start = at + 1;
            }
            _ => {}
        }
    }
    items.push(inner[start..].trim());
    Some(items)
}

/// `\x0a0b` (bytea's hex output) → the bytes.
fn hex_bytes(text: &str) -> Option<Vec<u8>> {
    let hex = text.strip_prefix("\\x")?;
    if hex.len() % 2 != 0 {
        return None;
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use plumb_ir::{NativeArguments, NativeType};

    fn native(kind: NativeKind) -> ColumnType {
        ColumnType::Native(NativeType {
            kind,
            arguments: NativeArguments::default(),
        })
    }

    #[test]
    fn reads_what_prisma_writes() {
        let text = native(NativeKind::Text);
        let int = native(NativeKind::Integer);
        assert_eq!(
            column_default("nextval('\"User_id_seq\"'::regclass)", &int),
            (None, true)
        );
        assert_eq!(
            column_default("CURRENT_TIMESTAMP", &text).0,
            Some(Default::Now)
        );
        assert_eq!(
            column_default("'it''s'::text", &text).0,
            Some(Default::Value(Value::String("it's".into())))
        );
        assert_eq!(
            column_default("'-1'::integer", &int).0,
            Some(Default::Value(Value::Number("-1".into())))
        );
        assert_eq!(
            column_default("42", &int).0,
            Some(Default::Value(Value::Number("42".into())))
        );
        assert_eq!(
            column_default("true", &native(NativeKind::Boolean)).0,
            Some(Default::Value(Value::Boolean(true)))
        );
        assert_eq!(
            column_default("ARRAY['a'::text, 'b'::text]", &text).0,
            Some(Default::Value(Value::List(
                vec![Value::String("a".into()), Value::String("b".into())].into()
            )))
        );
        assert_eq!(
            column_default("ARRAY[]::text[]", &text).0,
            Some(Default::Value(Value::List(Vec::new().into())))
        );
        assert_eq!(
            column_default("'\\x0aff'::bytea", &native(NativeKind::ByteA)).0,
            Some(Default::Value(Value::Bytes(vec![0x0a, 0xff].into())))
        );
        assert_eq!(
            column_default("gen_random_uuid()", &text).0,
            Some(Default::Expression("gen_random_uuid()".into()))
        );
        assert_eq!(column_default("NULL::text", &text), (None, false));
    }
}
