//! `@default(…)` → a column default, in the form PostgreSQL is given it.
//! Client-side defaults (`uuid()`, `cuid()`, …) give none; `autoincrement()`
//! gives none either but makes the column a serial.

use plumb_ir::{Default, Value};
use plumb_psl::ast::{Enum, Expression, Field};
use plumb_psl::types::ScalarType;

use plumb_psl::schema::{FieldKind, mapped_name};

use crate::schema::default_value;

/// A field's database default, whether it auto-increments, and whether
/// the client computes a default instead (`uuid()`, `cuid()`, …).
pub(crate) fn column_default(field: &Field, kind: FieldKind<'_>) -> (Option<Default>, bool, bool) {
    let Some(value) = default_value(field) else {
        return (None, false, false);
    };
    if let Expression::Function(call, _) = value {
        let (name, arguments) = (&call.name, &call.arguments);
        return match name.name.as_str() {
            "autoincrement" => (None, true, false),
            "now" => (Some(Default::Now), false, false),
            // `dbgenerated()` without SQL: an empty expression, which
            // renders as nothing and never counts as a change.
            "dbgenerated" => {
                let expression = arguments.first().and_then(|a| match &a.value {
                    Some(Expression::String(sql, _)) => Some(sql.to_string()),
                    _ => None,
                });
                (
                    Some(Default::Expression(expression.unwrap_or_default().into())),
                    false,
                    false,
                )
            }
            _ => (None, false, true),
        };
    }
    (literal(value, kind).map(Default::Value), false, false)
}

fn literal(value: &Expression, kind: FieldKind<'_>) -> Option<Value> {
    match value {
        Expression::Array(items, _) => Some(Value::List(
            items
                .iter()
                .filter_map(|item| literal(item, kind))
                .collect(),
        )),
        Expression::Constant(constant, _) => match kind {
            FieldKind::Enum(enum_block) => {
                Some(Value::String(enum_value(enum_block, constant).into()))
            }
            _ => match constant.as_str() {
                "true" => Some(Value::Boolean(true)),
                "false" => Some(Value::Boolean(false)),
                _ => None,
            },
        },
        Expression::Number(number, _) => Some(Value::Number(match kind {
            FieldKind::Scalar(ScalarType::Int | ScalarType::BigInt) => number
                .parse::<i64>()
                .map_or_else(|_| number.to_string(), |n| n.to_string())
                .into(),
            _ => plain_decimal(number)
                .unwrap_or_else(|| number.to_string())
                .into(),
        })),
        Expression::String(text, _) => Some(match kind {
            FieldKind::Scalar(ScalarType::DateTime) => {
                Value::String(date_time(text).unwrap_or_else(|| text.to_string()).into())
            }
            FieldKind::Scalar(ScalarType::Bytes) => Value::Bytes(base64(text)?.into()),
            FieldKind::Scalar(ScalarType::Decimal | ScalarType::Float) => {
                Value::Number(plain_decimal(text)?.into())
            }
            _ => Value::String(text.as_str().into()),
        }),
        Expression::Function(..) | Expression::Object(..) => None,
    }
}

/// The database name of an enum value (`@map`).
fn enum_value(enum_block: &Enum, name: &str) -> String {
    enum_block
        .values
        .iter()
        .find(|v| v.name.name == name)
        .map_or(name, |v| mapped_name(&v.attributes, &v.name.name))
        .to_string()
}

/// A decimal number in plain notation, as Prisma's arbitrary-precision
/// decimals print: exponent expanded, leading zeros gone, trailing zeros
/// (the scale) kept, no negative zero.
pub(crate) fn plain_decimal(text: &str) -> Option<String> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], unsigned[at + 1..].parse::<i64>().ok()?),
        None => (unsigned, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if whole.is_empty() && fraction.is_empty()
        || !whole
            .bytes()
            .chain(fraction.bytes())
            .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    // All digits, and where the decimal point falls among them.
    let digits: String = format!("{whole}{fraction}");
    let mut point = whole.len() as i64 + exponent;
    let mut scale = fraction.len() as i64 - exponent;
    let mut digits = digits;
    if point < 0 {
        digits = format!("{}{digits}", "0".repeat((-point) as usize));
        point = 0;
    }
    if scale < 0 {
        digits.push_str(&"0".repeat((-scale) as usize));
        scale = 0;
    }
    let point = point as usize;
    let (int_part, frac_part) = digits.split_at(point.min(digits.len()));
    let int_part = int_part.trim_start_matches('0');
    let int_part = if int_part.is_empty() { "0" } else { int_part };
    let body = if scale > 0 {
        format!("{int_part}.{frac_part}")
    } else {
        int_part.to_string()
    };
    let is_zero = body.bytes().all(|b| b == b'0' || b == b'.');
    Some(if negative && !is_zero {
        format!("-{body}")
    } else {
        body
    })
}

/// An RFC 3339 date-time as Prisma prints it: `2020-01-02 03:04:05.100 +00:00`.
pub(crate) fn date_time(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    if bytes.len() < 20 || !matches!(bytes[10], b'T' | b't' | b' ') {
        return None;
    }
    let date = &text[..10];
    let time = &text[11..19];
    let mut rest = &text[19..];
    let mut fraction = "";
    if let Some(after_point) = rest.strip_prefix('.') {
        let end = after_point
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(after_point.len());
        fraction = &after_point[..end];
        rest = &after_point[end..];
    }
    let offset = match rest {
        "Z" | "z" => "+00:00".to_string(),
        _ if rest.len() == 6 && (rest.starts_with('+') || rest.starts_with('-')) => {
            rest.to_string()
        }
        _ => return None,
    };
    // Nanoseconds, shown in the fewest of 3, 6 or 9 digits that hold them.
    let nanos: String = fraction
        .chars()
        .chain("000000000".chars())
        .take(9)
        .collect();
    let shown = if nanos.trim_end_matches('0').is_empty() {
        String::new()
    } else if nanos[3..] == *"000000" {
        format!(".{}", &nanos[..3])
    } else if nanos[6..] == *"000" {
        format!(".{}", &nanos[..6])
    } else {
        format!(".{nanos}")
    };
    Some(format!("{date} {time}{shown} {offset}"))
}

/// Standard base64, padding optional.
fn base64(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut buffer = 0u32;
    let mut bits = 0;
    for byte in text.bytes() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => continue,
            _ => return None,
        };
        buffer = buffer << 6 | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_print_in_plain_notation_keeping_their_scale() {
        for (input, expected) in [
            ("1.0", "1.0"),
            ("1.50", "1.50"),
            ("2", "2"),
            ("0", "0"),
            ("00012.5000", "12.5000"),
            ("1e5", "100000"),
            ("123E+2", "12300"),
            ("1.5e-3", "0.0015"),
            ("-0.0", "0.0"),
            ("-2.5", "-2.5"),
        ] {
            assert_eq!(plain_decimal(input).as_deref(), Some(expected), "{input}");
        }
        assert_eq!(plain_decimal("abc"), None);
    }

    #[test]
    fn date_times_print_like_prisma() {
        assert_eq!(
            date_time("2020-01-02T03:04:05Z").as_deref(),
            Some("2020-01-02 03:04:05 +00:00")
        );
        assert_eq!(
            date_time("2020-01-02T03:04:05.1Z").as_deref(),
            Some("2020-01-02 03:04:05.100 +00:00")
        );
        assert_eq!(
            date_time("2020-01-02T03:04:05.1234+01:00").as_deref(),
            Some("2020-01-02 03:04:05.123400 +01:00")
        );
        assert_eq!(
            date_time("2020-01-02T03:04:05.123456789-05:30").as_deref(),
            Some("2020-01-02 03:04:05.123456789 -05:30")
        );
    }

    #[test]
    fn base64_decodes_with_and_without_padding() {
        assert_eq!(base64("aGVsbG8=").as_deref(), Some(&b"hello"[..]));
        assert_eq!(base64("aGVsbG8").as_deref(), Some(&b"hello"[..]));
        assert_eq!(base64("").as_deref(), Some(&b""[..]));
        assert_eq!(base64("!!"), None);
    }
}
