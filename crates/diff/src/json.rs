//! JSON defaults compare as JSON, as Prisma's do: `{"a": 1}` equals
//! `{"a":1}`, key order never matters. A small parser is enough for
//! literals in a schema; text that does not parse compares as text.

use std::collections::BTreeMap;

#[derive(Debug, PartialEq)]
enum Json {
    Null,
    Bool(bool),
    /// By value: `1.0` equals `1`.
    Number(f64),
    String(String),
    Array(Vec<Json>),
    Object(BTreeMap<String, Json>),
}

/// Whether two JSON texts hold the same value (text equality when either
/// is not JSON).
pub(crate) fn same_json(a: &str, b: &str) -> bool {
    match (parse(a), parse(b)) {
        (Some(a), Some(b)) => a == b,
        _ => a == b,
    }
}

fn parse(text: &str) -> Option<Json> {
    let mut parser = Parser {
        bytes: text.as_bytes(),
        at: 0,
    };
    let value = parser.value()?;
    parser.whitespace();
    (parser.at == parser.bytes.len()).then_some(value)
}

struct Parser<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn whitespace(&mut self) {
        while self
            .bytes
            .get(self.at)
            .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.whitespace();
        if self.bytes.get(self.at) == Some(&byte) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn keyword(&mut self, word: &[u8]) -> bool {
        if self.bytes[self.at..].starts_with(word) {
            self.at += word.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self) -> Option<Json> {
        self.whitespace();
        match *self.bytes.get(self.at)? {
            b'{' => {
                self.at += 1;
                let mut object = BTreeMap::new();
                if self.eat(b'}') {
                    return Some(Json::Object(object));
                }
                loop {
                    self.whitespace();
                    let key = self.string()?;
                    if !self.eat(b':') {
                        return None;
                    }
                    object.insert(key, self.value()?);
                    if self.eat(b'}') {
                        return Some(Json::Object(object));
                    }
                    if !self.eat(b',') {
                        return None;
                    }
                }
            }
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                if self.eat(b']') {
                    return Some(Json::Array(items));
                }
                loop {
                    items.push(self.value()?);
                    if self.eat(b']') {
                        return Some(Json::Array(items));
                    }
                    if !self.eat(b',') {
                        return None;
                    }
                }
            }
            b'"' => self.string().map(Json::String),
            b't' => self.keyword(b"true").then_some(Json::Bool(true)),
            b'f' => self.keyword(b"false").then_some(Json::Bool(false)),
            b'n' => self.keyword(b"null").then_some(Json::Null),
            _ => {
                let start = self.at;
                while self
                    .bytes
                    .get(self.at)
                    .is_some_and(|b| b.is_ascii_digit() || b"+-.eE".contains(b))
                {
                    self.at += 1;
                }
                let number = std::str::from_utf8(&self.bytes[start..self.at]).ok()?;
                number.parse().ok().map(Json::Number)
            }
        }
    }

    fn string(&mut self) -> Option<String> {
        if self.bytes.get(self.at) != Some(&b'"') {
            return None;
        }
        self.at += 1;
        let mut out = Vec::new();
        loop {
            let byte = *self.bytes.get(self.at)?;
            self.at += 1;
            match byte {
                b'"' => return String::from_utf8(out).ok(),
                b'\\' => {
                    let escaped = *self.bytes.get(self.at)?;
                    self.at += 1;
                    let decoded = match escaped {
                        b'n' => '\n',
                        b't' => '\t',
                        b'r' => '\r',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'u' => {
                            let hex =
                                std::str::from_utf8(self.bytes.get(self.at..self.at + 4)?).ok()?;
                            self.at += 4;
                            char::from_u32(u32::from_str_radix(hex, 16).ok()?)?
                        }
                        other => char::from(other),
                    };
                    let mut buffer = [0; 4];
                    out.extend_from_slice(decoded.encode_utf8(&mut buffer).as_bytes());
                }
                other => out.push(other),
            }
        }
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
