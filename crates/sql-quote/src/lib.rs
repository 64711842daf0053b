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

/// An identifier written bare where PostgreSQL would read the bare word as
/// this very name — lowercase ASCII letters, `_`, non-ASCII letters (which
/// PostgreSQL does not fold), and after the first character digits and
/// `$`; not a reserved word — and quoted by [`ident`] otherwise.
/// For the one place Prisma writes a name unquoted (the sequence of a
/// column made auto-incrementing, `user_id_seq`): plumb keeps Prisma's
/// text where that is safe, and stays correct where it is not.
pub fn ident_bare_if_plain(name: &str) -> String {
    let mut chars = name.chars();
    let letter =
        |c: char| c.is_ascii_lowercase() || c == '_' || (!c.is_ascii() && c.is_alphabetic());
    let plain = chars.next().is_some_and(letter)
        && chars.all(|c| letter(c) || c.is_ascii_digit() || c == '$')
        && !RESERVED.contains(&name);
    if plain { name.to_string() } else { ident(name) }
}

/// PostgreSQL's reserved key words (Appendix C, "reserved" and "reserved
/// (can be function or type)"): a bare one is not read as a name.
const RESERVED: &[&str] = &[
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "authorization",
    "binary",
    "both",
    "case",
    "cast",
    "check",
    "collate",
    "collation",
    "column",
    "concurrently",
    "constraint",
    "create",
    "cross",
    "current_catalog",
    "current_date",
    "current_role",
    "current_schema",
    "current_time",
    "current_timestamp",
    "current_user",
    "default",
    "deferrable",
    "desc",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "false",
    "fetch",
    "for",
    "foreign",
    "freeze",
    "from",
    "full",
    "grant",
    "group",
    "having",
    "ilike",
    "in",
    "initially",
    "inner",
    "intersect",
    "into",
    "is",
    "isnull",
    "join",
    "lateral",
    "leading",
    "left",
    "like",
    "limit",
    "localtime",
    "localtimestamp",
    "natural",
    "not",
    "notnull",
    "null",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "outer",
    "overlaps",
    "placing",
    "primary",
    "references",
    "returning",
    "right",
    "select",
    "session_user",
    "similar",
    "some",
    "symmetric",
    "system_user",
    "table",
    "tablesample",
    "then",
    "to",
    "trailing",
    "true",
    "union",
    "unique",
    "user",
    "using",
    "variadic",
    "verbose",
    "when",
    "where",
    "window",
    "with",
];

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
    fn plain_names_stay_bare_and_others_are_quoted() {
        assert_eq!(ident_bare_if_plain("user_id_seq"), "user_id_seq");
        assert_eq!(ident_bare_if_plain("größe_id_seq"), "größe_id_seq");
        assert_eq!(ident_bare_if_plain("a$b_1"), "a$b_1");
        assert_eq!(
            ident_bare_if_plain("my table_id_seq"),
            r#""my table_id_seq""#
        );
        assert_eq!(ident_bare_if_plain("User_id_seq"), r#""User_id_seq""#);
        assert_eq!(ident_bare_if_plain("1a"), r#""1a""#);
        assert_eq!(ident_bare_if_plain("select"), r#""select""#);
        assert_eq!(ident_bare_if_plain(r#"a"b"#), r#""a""b""#);
        assert_eq!(ident_bare_if_plain(""), r#""""#);
    }

    #[test]
    fn literals_double_single_quotes_and_keep_backslashes() {
        assert_eq!(literal("it's"), "'it''s'");
        assert_eq!(literal(r"C:\path"), r"'C:\path'");
        assert_eq!(literal("ünïcode"), "'ünïcode'");
    }
}
