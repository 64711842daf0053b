//! Database names → Prisma names: what is not an identifier is cleaned
//! (and mapped back with `@map`/`@@map`), reserved model names renamed
//! (docs/reference/prisma-db-pull.md §2).

/// Whether `name` is not a Prisma identifier: it starts with something
/// other than an ASCII letter, or holds a character outside `[_a-zA-Z0-9]`.
pub fn needs_sanitising(name: &str) -> bool {
    !name.starts_with(|c: char| c.is_ascii_alphabetic())
        || name
            .chars()
            .any(|c| !(c.is_ascii_alphanumeric() || c == '_'))
}

/// The leading run of non-letters dropped, every other character outside
/// `[_a-zA-Z0-9]` made `_`.
pub fn sanitise(name: &str) -> String {
    name.trim_start_matches(|c: char| !c.is_ascii_alphabetic())
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// A model's or enum's Prisma name for a database name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopName {
    pub name: String,
    /// The database name, when it differs (`@@map`).
    pub mapped: Option<String>,
    /// Renamed because the database name is reserved.
    pub renamed: bool,
}

pub fn top_level(database: &str) -> TopName {
    if plumb_psl::types::CLIENT_RESERVED_NAMES.contains(&database) {
        TopName {
            name: format!("Renamed{database}"),
            mapped: Some(database.to_string()),
            renamed: true,
        }
    } else if needs_sanitising(database) {
        TopName {
            name: sanitise(database),
            mapped: Some(database.to_string()),
            renamed: false,
        }
    } else {
        TopName {
            name: database.to_string(),
            mapped: None,
            renamed: false,
        }
    }
}

/// A field's or enum value's Prisma name, and whether it maps.
pub fn field(database: &str) -> (String, bool) {
    if needs_sanitising(database) {
        (sanitise(database), true)
    } else {
        (database.to_string(), false)
    }
}

/// An enum value's Prisma name, and whether it maps.
pub fn enum_value(value: &str) -> (String, bool) {
    if value.is_empty() {
        ("EMPTY_ENUM_VALUE".to_string(), true)
    } else {
        field(value)
    }
}

/// A Prisma string literal: `"`, `\`, tabs, newlines and other control
/// characters escaped; everything else as it is.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_ascii_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cleaned_as_prisma_cleans_them() {
        assert_eq!(sanitise("1col"), "col");
        assert_eq!(sanitise("_under"), "under");
        assert_eq!(sanitise("col name"), "col_name");
        assert_eq!(sanitise("ü_x"), "x");
        assert_eq!(sanitise("123"), "");
        assert!(!needs_sanitising("User_2"));
        assert!(needs_sanitising("my-table"));
        assert_eq!(top_level("class").name, "Renamedclass");
        assert_eq!(top_level("String").mapped, None);
    }

    #[test]
    fn strings_are_escaped_as_prisma_writes_them() {
        assert_eq!(
            string_literal("it's \"q\" \\ back\n\u{1}"),
            "\"it's \\\"q\\\" \\\\ back\\n\\u0001\""
        );
    }
}
