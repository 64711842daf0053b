//! The one place where names and values become SQL text.
//!
//! Every identifier plumb sends to PostgreSQL goes through [`ident`], every
//! string literal that cannot be a bind parameter (DDL has none) through
//! [`literal`]. A `"` in a `@map` or a `'` in an enum value must never break
//! the statement it lands in.

/// Quotes an identifier: `User` → `"User"`, `a"b` → `"a""b"`.
///
/// Always quoted, so case and reserved words survive as written.
pub fn ident(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 2);
    out.push('"');
    for c in name.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// Quotes a string literal: `it's` → `'it''s'`.
///
/// Assumes `standard_conforming_strings = on` (the default since PostgreSQL
/// 9.1), under which a backslash is an ordinary character.
pub fn literal(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('\'');
    for c in value.chars() {
        if c == '\'' {
            out.push('\'');
        }
        out.push(c);
    }
    out.push('\'');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_always_quoted_and_quotes_doubled() {
        assert_eq!(ident("User"), r#""User""#);
        assert_eq!(ident("select"), r#""select""#);
        assert_eq!(ident(r#"a"b"#), r#""a""b""#);
        assert_eq!(
            ident(r#"x"; DROP TABLE y; --"#),
            r#""x""; DROP TABLE y; --""#
        );
        assert_eq!(ident(""), r#""""#);
    }

    #[test]
    fn literals_double_single_quotes_and_keep_backslashes() {
        assert_eq!(literal("it's"), "'it''s'");
        assert_eq!(literal(r"C:\path"), r"'C:\path'");
        assert_eq!(literal("ünïcode"), "'ünïcode'");
    }
}
