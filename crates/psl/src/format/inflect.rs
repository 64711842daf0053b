//! The names Prisma gives the fields it adds: `BlogPost` → `blogPost`,
//! and English plurals (`category` → `categories`, `person` → `people`),
//! following the inflector Prisma uses.

/// `BlogPost` → `blogPost`, `user_profile` → `userProfile`,
/// `HTTPRequest` → `httprequest` (a run of capitals is one word).
pub(crate) fn camel_case(name: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if c == '_' || c == '-' || c == ' ' {
            previous_lower = false;
            words.push(String::new());
            continue;
        }
        if c.is_uppercase() && previous_lower || words.is_empty() {
            words.push(String::new());
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        if let Some(word) = words.last_mut() {
            word.push(c);
        }
    }
    let mut out = String::with_capacity(name.len());
    for word in words.iter().filter(|w| !w.is_empty()) {
        let lower = word.to_lowercase();
        if out.is_empty() {
            out.push_str(&lower);
        } else {
            out.push_str(&upper_first(&lower));
        }
    }
    out
}

/// The first character in lower case, the rest as it is.
pub(crate) fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|first| first.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The first character in upper case, the rest as it is.
pub(crate) fn upper_first(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

const UNCOUNTABLE: &[&str] = &[
    "advice",
    "aircraft",
    "baggage",
    "bison",
    "cattle",
    "chassis",
    "deer",
    "education",
    "equipment",
    "evidence",
    "feedback",
    "fish",
    "furniture",
    "hardware",
    "homework",
    "information",
    "jeans",
    "knowledge",
    "luggage",
    "money",
    "moose",
    "news",
    "police",
    "research",
    "rice",
    "series",
    "sheep",
    "software",
    "species",
    "swine",
    "traffic",
];

/// Rules as (matching tail, letters of it to keep, what to append), tried in
/// order. A tail starting with `^` must be the whole word.
const RULES: &[(&str, usize, &str)] = &[
    ("person", 1, "eople"),
    ("child", 5, "ren"),
    ("man", 1, "en"),
    ("move", 4, "s"),
    ("zombie", 6, "s"),
    ("sex", 3, "es"),
    ("quiz", 4, "zes"),
    ("^ox", 2, "en"),
    ("^mouse", 1, "ice"),
    ("^louse", 1, "ice"),
    ("matrix", 4, "ices"),
    ("matrex", 4, "ices"),
    ("vertix", 4, "ices"),
    ("vertex", 4, "ices"),
    ("index", 3, "ices"),
    ("indix", 3, "ices"),
    ("x", 1, "es"),
    ("ch", 2, "es"),
    ("ss", 2, "es"),
    ("sh", 2, "es"),
    ("quy", 2, "ies"),
    ("hive", 4, "s"),
    ("sis", 1, "es"),
    ("ta", 2, ""),
    ("ia", 2, ""),
    ("tum", 1, "a"),
    ("ium", 1, "a"),
    ("buffalo", 7, "es"),
    ("tomato", 6, "es"),
    ("potato", 6, "es"),
    ("echo", 4, "es"),
    ("hero", 4, "es"),
    ("veto", 4, "es"),
    ("bus", 3, "es"),
    ("alias", 5, "es"),
    ("status", 6, "es"),
    ("campus", 6, "es"),
    ("octopus", 5, "i"),
    ("virus", 3, "i"),
    ("octopi", 6, ""),
    ("viri", 4, ""),
    ("^axis", 2, "es"),
    ("^testis", 4, "es"),
    ("s", 1, ""),
];

/// The English plural of a (camel-case) name; only its end changes.
pub(crate) fn plural(word: &str) -> String {
    let lower = word.to_lowercase();
    if UNCOUNTABLE.contains(&lower.as_str()) {
        return word.to_string();
    }
    for &(tail, keep, append) in RULES {
        let (whole, tail) = match tail.strip_prefix('^') {
            Some(tail) => (true, tail),
            None => (false, tail),
        };
        let matches = if whole {
            lower == tail
        } else {
            lower.ends_with(tail)
        };
        if matches && word.is_char_boundary(word.len() - tail.len()) {
            let stem = &word[..word.len() - tail.len() + keep];
            return format!("{stem}{append}");
        }
    }
    if let Some(stem) = consonant_y(word, &lower) {
        return format!("{stem}ies");
    }
    if let Some(stem) = f_or_fe(word, &lower) {
        return format!("{stem}ves");
    }
    format!("{word}s")
}

/// `category` → `categor` (a consonant before the final `y`).
fn consonant_y<'a>(word: &'a str, lower: &str) -> Option<&'a str> {
    let before = lower.strip_suffix('y')?.chars().last()?;
    (!"aeiouy".contains(before)).then(|| &word[..word.len() - 1])
}

/// `leaf` → `lea`, `knife` → `kni` (an `f` after `l`, `r`, `a` or `e`, or
/// a `fe` not after `f`).
fn f_or_fe<'a>(word: &'a str, lower: &str) -> Option<&'a str> {
    if let Some(rest) = lower.strip_suffix("fe")
        && rest.chars().last().is_some_and(|c| c != 'f')
    {
        return Some(&word[..word.len() - 2]);
    }
    let rest = lower.strip_suffix('f')?;
    rest.ends_with(['l', 'r', 'a', 'e'])
        .then(|| &word[..word.len() - 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case_like_prisma() {
        for (name, camel) in [
            ("BlogPost", "blogPost"),
            ("HTTPRequest", "httprequest"),
            ("user_profile", "userProfile"),
            ("A_B", "aB"),
            ("ABc", "abc"),
            ("userAccount", "userAccount"),
            ("User", "user"),
        ] {
            assert_eq!(camel_case(name), camel, "{name}");
        }
    }

    #[test]
    fn plurals_like_prisma() {
        // Each pair was produced by `prisma format` adding a back relation.
        for (word, plural_form) in [
            ("person", "people"),
            ("category", "categories"),
            ("address", "addresses"),
            ("status", "statuses"),
            ("child", "children"),
            ("blogPost", "blogPosts"),
            ("httprequest", "httprequests"),
            ("userProfile", "userProfiles"),
            ("sheep", "sheep"),
            ("datum", "data"),
            ("box", "boxes"),
            ("quiz", "quizzes"),
            ("mouse", "mice"),
            ("index", "indices"),
            ("leaf", "leaves"),
            ("hero", "heroes"),
            ("news", "news"),
            ("aB", "aBs"),
            ("abc", "abcs"),
            ("woman", "women"),
            ("bus", "buses"),
            ("matrix", "matrices"),
            ("userAccount", "userAccounts"),
            ("post", "posts"),
        ] {
            assert_eq!(plural(word), plural_form, "{word}");
        }
    }
}
