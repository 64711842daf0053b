//! JSON literals (column defaults), read into a tree that keeps what was
//! written: the order of an object's keys, repeated keys, a number's text.
//! The differ compares two trees as values; the offline replay prints one
//! as `jsonb` does.

/// A JSON value as written.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// The number's text (`1.50`, `1e3`).
    Number(String),
    String(String),
    Array(Vec<Json>),
    /// Keys in written order, repeats included.
    Object(Vec<(String, Json)>),
}

/// Reads a JSON text; `None` when it is not JSON.
pub fn parse(text: &str) -> Option<Json> {
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
                let mut object = Vec::new();
                if self.eat(b'}') {
                    return Some(Json::Object(object));
                }
                loop {
                    self.whitespace();
                    let key = self.string()?;
                    if !self.eat(b':') {
                        return None;
                    }
                    object.push((key, self.value()?));
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
                number.parse::<f64>().ok()?;
                Some(Json::Number(number.to_string()))
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
    use super::{Json, parse};

    #[test]
    fn keeps_what_was_written() {
        let Some(Json::Object(items)) = parse(r#"{"b": 1.50, "a": [true, null], "b": "\u0041"}"#)
        else {
            panic!()
        };
        let keys: Vec<&str> = items.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["b", "a", "b"]);
        assert_eq!(items[0].1, Json::Number("1.50".into()));
        assert_eq!(items[2].1, Json::String("A".into()));
        assert!(parse("{").is_none());
        assert!(parse("[1,]").is_none());
    }
}
