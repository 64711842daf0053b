//! Column default expressions, as `pg_get_expr` prints them, → IR
//! defaults, read the way Prisma's engine reads them (the rules, with
//! their sources, are in `docs/reference/prisma-introspection.md` §4): a
//! tokenizer, then a parser for the column's type family; whatever that
//! parser does not take whole is a database expression (`dbgenerated`),
//! kept verbatim. Prisma's own DDL does not always read back as the schema
//! it came from (a uuid literal, `Float[]` and `BigInt[]` lists); plumb
//! reads it exactly as Prisma does, so it reports the same differences.

use plumb_ir::{ColumnType, Default, NativeKind, Value};

/// What a column's default expression is.
#[derive(Debug, PartialEq)]
pub(crate) enum ColumnDefault {
    None,
    /// `nextval(…)` on an integer column: auto-increment, from this sequence.
    Sequence(plumb_ir::Name),
    Default(Default),
}

/// Reads a default expression for a column of `column_type`.
pub(crate) fn column_default(
    expression: &str,
    column_type: &ColumnType,
    is_list: bool,
) -> ColumnDefault {
    let trimmed = expression.trim();
    if trimmed.starts_with("NULL") {
        return ColumnDefault::None;
    }
    let family = Family::of(column_type);
    let tokens = tokenize(trimmed);
    let mut parser = Parser {
        tokens: &tokens,
        at: 0,
    };
    let parsed = if is_list {
        parser.list(family)
    } else {
        parser.scalar(family).filter(|_| parser.at_end())
    };
    match parsed {
        Some(Parsed::Sequence(name)) => ColumnDefault::Sequence(plumb_ir::Name::new(&name)),
        Some(Parsed::Now) => ColumnDefault::Default(Default::Now),
        Some(Parsed::Value(value)) => ColumnDefault::Default(Default::Value(value)),
        None => ColumnDefault::Default(Default::Expression(expression.into())),
    }
}

/// Prisma's column type families, as far as defaults go.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Family {
    Int,
    Float,
    Boolean,
    String,
    Json,
    DateTime,
    Binary,
    Enum,
    /// Uuid and types Prisma does not know: no parser, always `dbgenerated`.
    Other,
}

impl Family {
    fn of(column_type: &ColumnType) -> Family {
        match column_type {
            ColumnType::Enum(_) => Family::Enum,
            ColumnType::Unsupported(_) => Family::Other,
            ColumnType::Native(native) => match native.kind {
                NativeKind::SmallInt
                | NativeKind::Integer
                | NativeKind::BigInt
                | NativeKind::Oid => Family::Int,
                NativeKind::Real
                | NativeKind::DoublePrecision
                | NativeKind::Decimal
                | NativeKind::Money => Family::Float,
                NativeKind::Boolean => Family::Boolean,
                NativeKind::Json | NativeKind::JsonB => Family::Json,
                NativeKind::Timestamp
                | NativeKind::Timestamptz
                | NativeKind::Date
                | NativeKind::Time
                | NativeKind::Timetz => Family::DateTime,
                NativeKind::ByteA => Family::Binary,
                NativeKind::Uuid => Family::Other,
                NativeKind::Inet
                | NativeKind::Citext
                | NativeKind::VarChar
                | NativeKind::Char
                | NativeKind::Text
                | NativeKind::Bit
                | NativeKind::VarBit
                | NativeKind::Xml => Family::String,
            },
        }
    }
}

enum Parsed {
    /// The sequence's name: the last dotted part, unquoted.
    Sequence(String),
    Now,
    Value(Value),
}

#[derive(Debug, Clone, PartialEq)]
enum Token<'a> {
    Symbol(u8),
    /// `::`
    Cast,
    Digits(&'a str),
    /// `'…'` or `E'…'`, unescaped.
    String(String),
    /// `"…"`, unescaped.
    Quoted(String),
    Identifier(&'a str),
    Unknown,
}

/// The tokens of an expression, whitespace dropped; an `Unknown` token
/// ends the list (nothing after it can parse).
fn tokenize(text: &str) -> Vec<Token<'_>> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b' ' | b'\t' | b'\n' | b'\r' => i += 1,
            b',' | b'(' | b')' | b'[' | b']' | b'{' | b'}' | b'-' | b'.' => {
                tokens.push(Token::Symbol(b));
                i += 1;
            }
            b':' if bytes.get(i + 1) == Some(&b':') => {
                tokens.push(Token::Cast);
                i += 2;
            }
            b'0'..=b'9' => {
                let start = i;
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                tokens.push(Token::Digits(&text[start..i]));
            }
            b'\'' => match quoted(text, i + 1, b'\'', false) {
                Some((value, end)) => {
                    tokens.push(Token::String(value));
                    i = end;
                }
                None => break,
            },
            b'E' | b'e' if bytes.get(i + 1) == Some(&b'\'') => {
                match quoted(text, i + 2, b'\'', true) {
                    Some((value, end)) => {
                        tokens.push(Token::String(value));
                        i = end;
                    }
                    None => break,
                }
            }
            b'"' => match quoted(text, i + 1, b'"', true) {
                Some((value, end)) => {
                    tokens.push(Token::Quoted(value));
                    i = end;
                }
                None => break,
            },
            b if b.is_ascii_alphabetic() => {
                let start = i;
                while i < bytes.len()
                    && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] == b'-')
                {
                    i += 1;
                }
                tokens.push(Token::Identifier(&text[start..i]));
            }
            _ => {
                tokens.push(Token::Unknown);
                break;
            }
        }
    }
    tokens
}

/// A quoted text from `start` (after the opening quote): the value and
/// where it ends. `'` doubles itself; with `escapes`, `\` escapes (C style).
fn quoted(text: &str, start: usize, quote: u8, escapes: bool) -> Option<(String, usize)> {
    let bytes = text.as_bytes();
    let mut value = String::new();
    let mut i = start;
    loop {
        let c = text[i..].chars().next()?;
        let len = c.len_utf8();
        if c as u32 == u32::from(quote) {
            if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                value.push('\'');
                i += 2;
                continue;
            }
            return Some((value, i + 1));
        }
        if escapes && c == '\\' {
            let next = text[i + 1..].chars().next()?;
            i += 1 + next.len_utf8();
            value.push(match next {
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                'a' => '\u{7}',
                'b' => '\u{8}',
                // Prisma's reading, which is not C's.
                'v' => '\u{11}',
                'f' => '\u{12}',
                'u' | 'U' => {
                    let digits = if next == 'u' { 4 } else { 8 };
                    let hex = text.get(i..i + digits)?;
                    i += digits;
                    char::from_u32(u32::from_str_radix(hex, 16).ok()?)?
                }
                other => other,
            });
            continue;
        }
        value.push(c);
        i += len;
    }
}

struct Parser<'t, 'a> {
    tokens: &'t [Token<'a>],
    at: usize,
}

impl<'a> Parser<'_, 'a> {
    fn peek(&self) -> Option<&Token<'a>> {
        self.tokens.get(self.at)
    }

    fn at_end(&self) -> bool {
        self.at >= self.tokens.len()
    }

    fn next(&mut self) -> Option<&Token<'a>> {
        let token = self.tokens.get(self.at);
        self.at += 1;
        token
    }

    fn symbol(&mut self, symbol: u8) -> bool {
        if self.peek() == Some(&Token::Symbol(symbol)) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    /// An optional cast: `::` then names, quoted names and dots, an
    /// optional `(…)` and an optional `[]`.
    fn cast(&mut self) {
        if self.peek() != Some(&Token::Cast) {
            return;
        }
        self.at += 1;
        while matches!(
            self.peek(),
            Some(Token::Identifier(_) | Token::Quoted(_) | Token::Symbol(b'.'))
        ) {
            self.at += 1;
        }
        if self.symbol(b'(') {
            while let Some(token) = self.next() {
                if *token == Token::Symbol(b')') {
                    break;
                }
            }
        }
        if self.peek() == Some(&Token::Symbol(b'[')) {
            self.at += 1;
            self.symbol(b']');
        }
    }

    fn string(&mut self) -> Option<String> {
        match self.peek() {
            Some(Token::String(value)) => {
                let value = value.clone();
                self.at += 1;
                Some(value)
            }
            _ => None,
        }
    }

    fn scalar(&mut self, family: Family) -> Option<Parsed> {
        let value = match family {
            Family::Int => return self.integer(),
            Family::Float => Value::Number(self.decimal()?.into()),
            Family::Boolean => match self.next()? {
                Token::Identifier(word) => match word.to_ascii_lowercase().as_str() {
                    "t" | "true" => Value::Boolean(true),
                    "f" | "false" => Value::Boolean(false),
                    _ => return None,
                },
                _ => return None,
            },
            Family::String | Family::Json => {
                let value = self.string()?;
                self.cast();
                Value::String(value.into())
            }
            Family::Enum => match self.peek()? {
                Token::Identifier(word) => {
                    let word = word.to_string();
                    self.at += 1;
                    Value::String(word.into())
                }
                _ => {
                    let value = self.string()?;
                    self.cast();
                    Value::String(value.into())
                }
            },
            Family::DateTime => {
                let Token::Identifier(word) = self.next()? else {
                    return None;
                };
                let word = word.to_ascii_lowercase();
                if self.symbol(b'(') && !self.symbol(b')') {
                    return None;
                }
                self.cast();
                return matches!(word.as_str(), "now" | "current_timestamp").then_some(Parsed::Now);
            }
            Family::Binary => {
                let value = self.string()?;
                self.cast();
                Value::Bytes(hex_bytes(&value)?.into())
            }
            Family::Other => return None,
        };
        Some(Parsed::Value(value))
    }

    /// Digits, `-` digits, a quoted integer with a cast, or `nextval(…)`.
    fn integer(&mut self) -> Option<Parsed> {
        let number = match self.next()? {
            Token::Digits(digits) => digits.parse::<i64>().ok()?,
            Token::Symbol(b'-') => match self.next()? {
                Token::Digits(digits) => format!("-{digits}").parse::<i64>().ok()?,
                _ => return None,
            },
            Token::String(text) => {
                let number = text.parse::<i64>().ok()?;
                self.cast();
                number
            }
            Token::Identifier(word) if word.eq_ignore_ascii_case("nextval") => {
                return self.sequence();
            }
            _ => return None,
        };
        Some(Parsed::Value(Value::Number(number.to_string().into())))
    }

    /// After `nextval`: `(` [`(`] 'name' … `)` [cast] [`)`] [cast].
    fn sequence(&mut self) -> Option<Parsed> {
        if !self.symbol(b'(') {
            return None;
        }
        let parenthesized = self.symbol(b'(');
        let name = sequence_name(&self.string()?);
        self.cast();
        if !self.symbol(b')') {
            return None;
        }
        self.cast();
        if parenthesized {
            self.symbol(b')');
            self.cast();
        }
        Some(Parsed::Sequence(name))
    }

    /// `[(][-]digits[.digits][)]` or a quoted such number, then a cast;
    /// the text as written (scale kept).
    fn decimal(&mut self) -> Option<String> {
        if let Some(text) = self.string() {
            self.cast();
            let tokens = tokenize(&text);
            let mut inner = Parser {
                tokens: &tokens,
                at: 0,
            };
            let number = inner.plain_decimal()?;
            return inner.at_end().then_some(number);
        }
        let parenthesized = self.symbol(b'(');
        let number = self.plain_decimal()?;
        if parenthesized && !self.symbol(b')') {
            return None;
        }
        self.cast();
        Some(number)
    }

    fn plain_decimal(&mut self) -> Option<String> {
        let mut number = String::new();
        if self.symbol(b'-') {
            number.push('-');
        }
        let Some(Token::Digits(whole)) = self.next() else {
            return None;
        };
        number.push_str(whole);
        if self.peek() == Some(&Token::Symbol(b'.')) {
            self.at += 1;
            let Some(Token::Digits(fraction)) = self.next() else {
                return None;
            };
            number.push('.');
            number.push_str(fraction);
        }
        Some(number)
    }

    /// A list default: `'{…}'::type[]` or `ARRAY[…]`; anything else fails.
    fn list(&mut self, family: Family) -> Option<Parsed> {
        if let Some(literal) = self.string() {
            return array_literal(&literal, family)
                .map(|values| Parsed::Value(Value::List(values.into())));
        }
        let parenthesized = self.symbol(b'(');
        match self.next()? {
            Token::Identifier(word) if word.eq_ignore_ascii_case("ARRAY") => {}
            _ => return None,
        }
        if !self.symbol(b'[') {
            return None;
        }
        let mut values = Vec::new();
        if !self.symbol(b']') {
            loop {
                match self.scalar(family)? {
                    Parsed::Value(value) => values.push(value),
                    Parsed::Now | Parsed::Sequence(_) => return None,
                }
                if self.symbol(b']') {
                    break;
                }
                if !self.symbol(b',') {
                    return None;
                }
            }
        }
        self.cast();
        if parenthesized {
            self.symbol(b')');
        }
        Some(Parsed::Value(Value::List(values.into())))
    }
}

/// `"User_id_seq"` → `User_id_seq`; `s."Q"` → `Q`: the last part of a
/// dotted name, its quotes removed.
fn sequence_name(literal: &str) -> String {
    let mut parts = Vec::new();
    let mut part = String::new();
    let mut quoted = false;
    let mut chars = literal.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                part.push('"');
            }
            '"' => quoted = !quoted,
            '.' if !quoted => parts.push(std::mem::take(&mut part)),
            _ => part.push(c),
        }
    }
    parts.push(part);
    parts.pop().unwrap_or_default()
}

/// PostgreSQL's array literal `{a,"b c",1}` for a list default.
fn array_literal(literal: &str, family: Family) -> Option<Vec<Value>> {
    let inner = literal.strip_prefix('{')?;
    let mut values = Vec::new();
    let mut chars = inner.char_indices().peekable();
    loop {
        while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
        let (at, c) = chars.next()?;
        if c == '}' && values.is_empty() {
            return Some(values);
        }
        let (element, quoted) = match c {
            '"' | '\'' => {
                let mut element = String::new();
                loop {
                    let (_, next) = chars.next()?;
                    match next {
                        '\\' => element.push(chars.next()?.1),
                        quote if quote == c => break,
                        other => element.push(other),
                    }
                }
                (element, true)
            }
            _ => {
                let mut end = at + c.len_utf8();
                while let Some(&(i, next)) = chars.peek() {
                    if next == ',' || next == '}' || next.is_whitespace() {
                        break;
                    }
                    end = i + next.len_utf8();
                    chars.next();
                }
                (inner[at..end].to_string(), false)
            }
        };
        values.push(array_element(&element, quoted, family)?);
        while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
        match chars.next()?.1 {
            ',' => {}
            '}' => return Some(values),
            _ => return None,
        }
    }
}

fn array_element(element: &str, quoted: bool, family: Family) -> Option<Value> {
    let numeric = |text: &str| {
        let digits = text.strip_prefix('-').unwrap_or(text);
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
        !whole.is_empty()
            && whole.bytes().all(|b| b.is_ascii_digit())
            && !fraction.is_empty()
            && fraction.bytes().all(|b| b.is_ascii_digit())
    };
    if !quoted {
        let is_identifier = element.starts_with(|c: char| c.is_ascii_alphabetic())
            && element
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        let is_number = matches!(family, Family::Int | Family::Float) && numeric(element);
        if !is_identifier && !is_number {
            return None;
        }
    }
    Some(match family {
        Family::Int => Value::Number(element.parse::<i64>().ok()?.to_string().into()),
        Family::Float if numeric(element) => Value::Number(element.into()),
        Family::Boolean => match element.to_ascii_lowercase().as_str() {
            "t" | "true" => Value::Boolean(true),
            "f" | "false" => Value::Boolean(false),
            _ => return None,
        },
        Family::String | Family::Json | Family::Enum => Value::String(element.into()),
        _ => return None,
    })
}

/// `\x0a0b` (bytea's hex output) → the bytes.
fn hex_bytes(text: &str) -> Option<Vec<u8>> {
    let hex = text.strip_prefix("\\x")?;
    if hex.len() % 2 != 0 || !hex.is_ascii() {
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

    fn read(expression: &str, kind: NativeKind) -> Option<Default> {
        match column_default(expression, &native(kind), false) {
            ColumnDefault::Default(default) => Some(default),
            _ => None,
        }
    }

    fn value(value: Value) -> Option<Default> {
        Some(Default::Value(value))
    }

    fn expression(text: &str) -> Option<Default> {
        Some(Default::Expression(text.into()))
    }

    #[test]
    fn reads_what_prismas_ddl_stores() {
        use NativeKind::*;
        assert_eq!(
            column_default(
                "nextval('\"User_id_seq\"'::regclass)",
                &native(Integer),
                false
            ),
            ColumnDefault::Sequence(plumb_ir::Name::new("User_id_seq"))
        );
        assert_eq!(
            column_default("nextval('s.\"Q\"'::regclass)", &native(BigInt), false),
            ColumnDefault::Sequence(plumb_ir::Name::new("Q"))
        );
        assert_eq!(read("CURRENT_TIMESTAMP", Timestamp), Some(Default::Now));
        assert_eq!(
            read("'it''s'::text", Text),
            value(Value::String("it's".into()))
        );
        assert_eq!(
            read("'-1'::integer", Integer),
            value(Value::Number("-1".into()))
        );
        assert_eq!(read("42", BigInt), value(Value::Number("42".into())));
        assert_eq!(
            read("'-12.375'::numeric", Decimal),
            value(Value::Number("-12.375".into()))
        );
        assert_eq!(read("1.50", Money), value(Value::Number("1.50".into())));
        assert_eq!(read("true", Boolean), value(Value::Boolean(true)));
        assert_eq!(
            read("'\\x0aff'::bytea", ByteA),
            value(Value::Bytes(vec![0x0a, 0xff].into()))
        );
        assert_eq!(
            read("'[]'::jsonb", JsonB),
            value(Value::String("[]".into()))
        );
        assert_eq!(
            column_default("NULL::text", &native(Text), false),
            ColumnDefault::None
        );
    }

    #[test]
    fn anything_else_is_an_expression_verbatim() {
        use NativeKind::*;
        for (text, kind) in [
            ("(1 + 1)", Integer),
            ("gen_random_uuid()", Uuid),
            ("'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid", Uuid),
            ("CURRENT_TIMESTAMP(3)", Timestamp),
            (
                "'2020-01-01 00:00:00'::timestamp without time zone",
                Timestamp,
            ),
            ("'NaN'::double precision", DoublePrecision),
            ("(1)::bigint", BigInt),
            ("lower('ABC'::text)", Text),
        ] {
            assert_eq!(read(text, kind), expression(text), "{text}");
        }
    }

    #[test]
    fn reads_lists_in_both_forms() {
        let list = |text: &str, kind| match column_default(text, &native(kind), true) {
            ColumnDefault::Default(default) => Some(default),
            _ => None,
        };
        assert_eq!(
            list("ARRAY['a'::text, 'b'::text]", NativeKind::Text),
            value(Value::List(
                vec![Value::String("a".into()), Value::String("b".into())].into()
            ))
        );
        assert_eq!(
            list("ARRAY[]::integer[]", NativeKind::Integer),
            value(Value::List(Vec::new().into()))
        );
        assert_eq!(
            list("'{1,-2}'::integer[]", NativeKind::Integer),
            value(Value::List(
                vec![Value::Number("1".into()), Value::Number("-2".into())].into()
            ))
        );
        assert_eq!(
            list("'{a,NULL}'::text[]", NativeKind::Text),
            value(Value::List(
                vec![Value::String("a".into()), Value::String("NULL".into())].into()
            ))
        );
        let float = "ARRAY[(1.5)::double precision, ('-2'::integer)::double precision]";
        assert_eq!(list(float, NativeKind::DoublePrecision), expression(float));
    }
}
