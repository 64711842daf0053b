//! Names as PostgreSQL makes them: identifiers folded and cut to 63 bytes,
//! and the names it chooses for what a statement does not name (a key's
//! index, a `SERIAL`'s sequence, a foreign key).

use plumb_ir::Name;
use sqlparser::ast::{Ident, ObjectName, ObjectNamePart};

/// The longest identifier PostgreSQL keeps (`NAMEDATALEN - 1`).
pub(crate) const MAX_IDENTIFIER: usize = 63;

/// An identifier as PostgreSQL reads it: unquoted ones in lower case
/// (ASCII letters only), then cut to 63 bytes on a character boundary.
pub(crate) fn identifier(ident: &Ident) -> String {
    let folded = match ident.quote_style {
        Some(_) => ident.value.clone(),
        None => ident.value.to_ascii_lowercase(),
    };
    truncated(&folded, MAX_IDENTIFIER).to_string()
}

pub(crate) fn name(ident: &Ident) -> Name {
    Name::new(&identifier(ident))
}

/// The longest prefix of `text` of at most `bytes` bytes that ends on a
/// character boundary (`pg_mbcliplen`).
pub(crate) fn truncated(text: &str, bytes: usize) -> &str {
    if text.len() <= bytes {
        return text;
    }
    let mut end = bytes;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The parts of a possibly qualified name, folded: `(schema, name)`; a
/// three-part name's database is ignored, as PostgreSQL checks it is the
/// current one.
pub(crate) fn qualified(name: &ObjectName) -> Option<(Option<Name>, Name)> {
    let parts: Vec<&Ident> = name
        .0
        .iter()
        .map(|part| match part {
            ObjectNamePart::Identifier(ident) => Some(ident),
            ObjectNamePart::Function(_) => None,
        })
        .collect::<Option<_>>()?;
    match parts.as_slice() {
        [object] => Some((None, self::name(object))),
        [schema, object] | [_, schema, object] => {
            Some((Some(self::name(schema)), self::name(object)))
        }
        _ => None,
    }
}

/// `makeObjectName`: `name1_name2_label`, the two names shortened (the
/// longer first, a byte at a time) until the whole fits in 63 bytes.
pub(crate) fn object_name(name1: &str, name2: Option<&str>, label: &str) -> String {
    let mut overhead = 0;
    if name2.is_some() {
        overhead += 1;
    }
    if !label.is_empty() {
        overhead += label.len() + 1;
    }
    let available = MAX_IDENTIFIER.saturating_sub(overhead);
    let mut chars1 = name1.len();
    let mut chars2 = name2.map_or(0, str::len);
    while chars1 + chars2 > available {
        if chars1 > chars2 {
            chars1 -= 1;
        } else {
            chars2 -= 1;
        }
    }
    let mut out = truncated(name1, chars1).to_string();
    if let Some(name2) = name2 {
        out.push('_');
        out.push_str(truncated(name2, chars2));
    }
    if !label.is_empty() {
        out.push('_');
        out.push_str(label);
    }
    out
}

/// `ChooseRelationName` / `ChooseConstraintName`: [`object_name`], with
/// `1`, `2`, … after the label until `taken` says no.
pub(crate) fn choose(
    name1: &str,
    name2: Option<&str>,
    label: &str,
    taken: impl Fn(&str) -> bool,
) -> String {
    let mut candidate = object_name(name1, name2, label);
    let mut pass = 0;
    while taken(&candidate) {
        pass += 1;
        candidate = object_name(name1, name2, &format!("{label}{pass}"));
    }
    candidate
}

/// `ChooseIndexNameAddition` (and the foreign-key one): the column names
/// joined by `_`, stopping once the text reaches 63 bytes.
pub(crate) fn columns_addition<'a>(columns: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for column in columns {
        if !out.is_empty() {
            out.push('_');
        }
        out.push_str(column);
        if out.len() >= MAX_IDENTIFIER {
            break;
        }
    }
    truncated(&out, MAX_IDENTIFIER).to_string()
}

/// An identifier as `quote_identifier` prints it: bare when PostgreSQL
/// would read the bare word back as the same name.
pub(crate) fn quote(name: &str) -> String {
    plumb_sql_quote::ident_bare_if_plain(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_names_shorten_the_longer_part_first() {
        assert_eq!(object_name("User", Some("id"), "seq"), "User_id_seq");
        assert_eq!(object_name("User", None, "pkey"), "User_pkey");
        let long = "a".repeat(60);
        let made = object_name(&long, Some("email"), "key");
        assert_eq!(made.len(), 63);
        assert!(made.ends_with("_email_key"), "{made}");
    }

    #[test]
    fn chosen_names_count_up_past_taken_ones() {
        let taken = ["t_a_key", "t_a_key1"];
        assert_eq!(
            choose("t", Some("a"), "key", |n| taken.contains(&n)),
            "t_a_key2"
        );
    }

    #[test]
    fn identifiers_are_cut_on_a_character_boundary() {
        let text = format!("{}é", "a".repeat(62));
        assert_eq!(truncated(&text, 63), "a".repeat(62));
    }
}
