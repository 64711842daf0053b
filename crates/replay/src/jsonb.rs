//! `jsonb_out`: a JSON literal as a `jsonb` default prints — keys sorted
//! by length then bytes, the last of duplicate keys kept, `": "` and
//! `", "` between items, numbers as `numeric` prints them.

use plumb_ir::json::Json;

/// The output form, or `None` for text that is not JSON.
pub(crate) fn output(text: &str) -> Option<String> {
    let mut out = String::new();
    print(&plumb_ir::json::parse(text)?, &mut out);
    Some(out)
}

fn print(value: &Json, out: &mut String) {
    match value {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Number(n) => out.push_str(&crate::expr::numeric_output(n)),
        Json::String(s) => quote(s, out),
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                print(item, out);
            }
            out.push(']');
        }
        Json::Object(items) => {
            // The last of repeated keys wins; keys by length, then bytes.
            let mut kept: Vec<&(String, Json)> = Vec::new();
            for item in items.iter().rev() {
                if !kept.iter().any(|(k, _)| *k == item.0) {
                    kept.push(item);
                }
            }
            kept.sort_by(|a, b| a.0.len().cmp(&b.0.len()).then_with(|| a.0.cmp(&b.0)));
            out.push('{');
            for (i, (key, item)) in kept.into_iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                quote(key, out);
                out.push_str(": ");
                print(item, out);
            }
            out.push('}');
        }
    }
}

/// `escape_json`.
fn quote(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::output;

    #[test]
    fn jsonb_prints_keys_by_length_with_spaces() {
        assert_eq!(output(r#"{"k":"it's"}"#).unwrap(), r#"{"k": "it's"}"#);
        assert_eq!(
            output(r#"{"bb":1,"a":[1,2.50],"a":true}"#).unwrap(),
            r#"{"a": true, "bb": 1}"#
        );
        assert_eq!(output("[]").unwrap(), "[]");
        assert!(output("{").is_none());
    }
}
