//! JSON defaults compare as JSON, as Prisma's do: `{"a": 1}` equals
//! `{"a":1}`, key order never matters. Text that does not parse compares
//! as text.

use std::collections::BTreeMap;

use plumb_ir::json::{Json, parse};

/// A JSON value as compared: numbers by value (`1.0` equals `1`), objects
/// as maps (the last of repeated keys wins).
#[derive(Debug, PartialEq)]
enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Value>),
    Object(BTreeMap<String, Value>),
}

fn value(json: Json) -> Value {
    match json {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(b),
        Json::Number(n) => Value::Number(n.parse().unwrap_or(f64::NAN)),
        Json::String(s) => Value::String(s),
        Json::Array(items) => Value::Array(items.into_iter().map(value).collect()),
        Json::Object(items) => {
            Value::Object(items.into_iter().map(|(k, v)| (k, value(v))).collect())
        }
    }
}

/// Whether two JSON texts hold the same value (text equality when either
/// is not JSON).
pub(crate) fn same_json(a: &str, b: &str) -> bool {
    match (parse(a), parse(b)) {
        (Some(a), Some(b)) => value(a) == value(b),
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::same_json;

    #[test]
    fn compares_values_not_text() {
        assert!(same_json(r#"{"k":"it's"}"#, r#"{"k": "it's"}"#));
        assert!(same_json(
            r#"{"a":1,"b":[true,null]}"#,
            r#"{"b": [true, null], "a": 1.0}"#
        ));
        assert!(!same_json(r#"{"a":1}"#, r#"{"a":2}"#));
        assert!(!same_json("[1,2]", "[2,1]"));
        assert!(same_json("not json", "not json"));
        assert!(!same_json("not json", "not  json"));
    }
}
