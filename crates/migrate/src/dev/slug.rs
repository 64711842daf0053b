//! A migration name as Prisma's CLI makes one from what the user typed:
//! `slugify(name, { separator: '_' }).substring(0, 200)` with
//! `@sindresorhus/slugify` 2 — `&` and a few symbols spelled out, accented
//! letters transliterated, camelCase split into words, lowercase, every
//! run of other characters one `_`, none at either end.

/// The longest name Prisma keeps (it cuts, then the engine checks bytes).
pub const MAX_LENGTH: usize = 200;

/// `Add User Table!` → `add_user_table`; `addUserTable` → `add_user_table`.
pub fn slugify(name: &str) -> String {
    let spelled = transliterate(name);
    let words = decamelize(&spelled);
    let mut slug = String::with_capacity(words.len());
    let mut pending_separator = false;
    for c in words.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            if pending_separator && !slug.is_empty() {
                slug.push('_');
            }
            pending_separator = false;
            slug.push(c);
        } else {
            pending_separator = true;
        }
    }
    slug.chars().take(MAX_LENGTH).collect()
}

/// slugify's own replacements, then transliteration of the letters a
/// name is likely to hold; a letter not listed keeps its base letter when
/// it is one with a diacritic, else becomes a separator.
fn transliterate(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            '&' => out.push_str(" and "),
            '🦄' => out.push_str(" unicorn "),
            '♥' => out.push_str(" love "),
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'Ä' => out.push_str("Ae"),
            'Ö' => out.push_str("Oe"),
            'Ü' => out.push_str("Ue"),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'Æ' => out.push_str("AE"),
            'œ' => out.push_str("oe"),
            'Œ' => out.push_str("OE"),
            'ø' => out.push('o'),
            'Ø' => out.push('O'),
            'đ' | 'ð' => out.push('d'),
            'Đ' | 'Ð' => out.push('D'),
            'ł' => out.push('l'),
            'Ł' => out.push('L'),
            'þ' => out.push_str("th"),
            'Þ' => out.push_str("TH"),
            c => out.push(base_letter(c).unwrap_or(c)),
        }
    }
    out
}

/// The letter under a Latin-1 or Latin Extended-A diacritic.
fn base_letter(c: char) -> Option<char> {
    const GROUPS: &[(&str, char)] = &[
        ("àáâãåāăą", 'a'),
        ("ÀÁÂÃÅĀĂĄ", 'A'),
        ("çćĉċč", 'c'),
        ("ÇĆĈĊČ", 'C'),
        ("ďèéêëēĕėęě", 'e'),
        ("ÈÉÊËĒĔĖĘĚ", 'E'),
        ("ĝğġģ", 'g'),
        ("ĜĞĠĢ", 'G'),
        ("ĥħ", 'h'),
        ("ĤĦ", 'H'),
        ("ìíîïĩīĭįı", 'i'),
        ("ÌÍÎÏĨĪĬĮİ", 'I'),
        ("ĵ", 'j'),
        ("Ĵ", 'J'),
        ("ķ", 'k'),
        ("Ķ", 'K'),
        ("ĺļľŀ", 'l'),
        ("ĹĻĽĿ", 'L'),
        ("ñńņňŉ", 'n'),
        ("ÑŃŅŇ", 'N'),
        ("òóôõōŏő", 'o'),
        ("ÒÓÔÕŌŎŐ", 'O'),
        ("ŕŗř", 'r'),
        ("ŔŖŘ", 'R'),
        ("śŝşš", 's'),
        ("ŚŜŞŠ", 'S'),
        ("ţťŧ", 't'),
        ("ŢŤŦ", 'T'),
        ("ùúûũūŭůűų", 'u'),
        ("ÙÚÛŨŪŬŮŰŲ", 'U'),
        ("ŵ", 'w'),
        ("Ŵ", 'W'),
        ("ýÿŷ", 'y'),
        ("ÝŶŸ", 'Y'),
        ("źżž", 'z'),
        ("ŹŻŽ", 'Z'),
    ];
    if c == 'ď' {
        return Some('d');
    }
    GROUPS
        .iter()
        .find(|(letters, _)| letters.contains(c))
        .map(|(_, base)| *base)
}

/// slugify's `decamelize`: four regex replacements, each inserting a space
/// at the boundaries it matches, in order:
/// `([A-Z]{2,})(\d+)`, `([a-z\d]+)([A-Z]{2,})`, `([a-z\d])([A-Z])`,
/// `([A-Z]+)([A-Z][a-rt-z\d]+)`.
fn decamelize(text: &str) -> String {
    let upper = |c: char| c.is_ascii_uppercase();
    let lower_or_digit = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    // An uppercase run of two or more, then a digit.
    let text = split_at(text, |chars, i| {
        chars[i].is_ascii_digit() && i >= 2 && upper(chars[i - 1]) && upper(chars[i - 2])
    });
    // A lowercase letter or digit, then two or more uppercase letters.
    let text = split_at(&text, |chars, i| {
        i >= 1
            && lower_or_digit(chars[i - 1])
            && upper(chars[i])
            && chars.get(i + 1).is_some_and(|&c| upper(c))
    });
    // A lowercase letter or digit, then an uppercase one.
    let text = split_at(&text, |chars, i| {
        i >= 1 && lower_or_digit(chars[i - 1]) && upper(chars[i])
    });
    // The last letter of an uppercase run starts a word when a lowercase
    // letter (not `s`: `APIs`) or a digit follows.
    split_at(&text, |chars, i| {
        i >= 1
            && upper(chars[i - 1])
            && upper(chars[i])
            && chars
                .get(i + 1)
                .is_some_and(|&c| (lower_or_digit(c)) && c != 's')
    })
}

/// `text` with a space before every character where `boundary` holds.
fn split_at(text: &str, boundary: impl Fn(&[char], usize) -> bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        if boundary(&chars, i) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn words_become_lowercase_and_underscores() {
        assert_eq!(slugify("Add User Table!"), "add_user_table");
        assert_eq!(slugify("  init  "), "init");
        assert_eq!(slugify("add-posts--and comments"), "add_posts_and_comments");
        assert_eq!(slugify("___"), "");
        assert_eq!(slugify(""), "");
    }

    #[test]
    fn camel_case_is_split_as_decamelize_does() {
        assert_eq!(slugify("addUserTable"), "add_user_table");
        assert_eq!(slugify("XMLHttpRequest"), "xml_http_request");
        assert_eq!(slugify("addAPIs"), "add_apis");
        assert_eq!(slugify("ABC123"), "abc_123");
        assert_eq!(slugify("user2FA"), "user2_fa");
    }

    #[test]
    fn symbols_and_accents_are_spelled_out() {
        assert_eq!(slugify("Users & Posts"), "users_and_posts");
        assert_eq!(slugify("Déjà vu"), "deja_vu");
        assert_eq!(slugify("Größe ändern"), "groesse_aendern");
        assert_eq!(slugify("I ♥ 🦄"), "i_love_unicorn");
        assert_eq!(slugify("数据"), "");
    }

    #[test]
    fn names_are_cut_at_two_hundred_characters() {
        let long = "a".repeat(250);
        assert_eq!(slugify(&long).len(), 200);
    }
}
