//! Environment variables as Prisma finds them: the process environment
//! first, then `.env` files (beside the schema, then in the working
//! directory). A `.env` file is `KEY=value` lines; `#` starts a comment
//! line, `export ` may precede a key, and a value may be quoted.

use std::path::Path;

/// The value of `name`, looking in `.env` files in `directories` (in
/// order) when the environment lacks it.
pub fn var(name: &str, directories: &[&Path]) -> Option<String> {
    if let Ok(value) = std::env::var(name) {
        return Some(value);
    }
    directories.iter().find_map(|directory| {
        let text = std::fs::read_to_string(directory.join(".env")).ok()?;
        lookup(&text, name)
    })
}

/// `name`'s value in the text of a `.env` file.
pub fn lookup(text: &str, name: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let line = line.trim();
        let line = line.strip_prefix("export ").unwrap_or(line);
        let (key, value) = line.split_once('=')?;
        if line.starts_with('#') || key.trim() != name {
            return None;
        }
        let value = value.trim();
        let unquoted = ['"', '\'']
            .iter()
            .find_map(|&quote| {
                value
                    .strip_prefix(quote)
                    .and_then(|rest| rest.strip_suffix(quote))
            })
            .map(str::to_string);
        Some(unquoted.unwrap_or_else(|| {
            // An unquoted value ends before a ` #` comment.
            value.split(" #").next().unwrap_or(value).trim().to_string()
        }))
    })
}

#[cfg(test)]
mod tests {
    use super::lookup;

    #[test]
    fn reads_dotenv_lines() {
        let text = "# a comment\nexport DATABASE_URL=\"postgresql://u@h/db?schema=s\"\nOTHER=x # note\nEMPTY=\n";
        assert_eq!(
            lookup(text, "DATABASE_URL").as_deref(),
            Some("postgresql://u@h/db?schema=s")
        );
        assert_eq!(lookup(text, "OTHER").as_deref(), Some("x"));
        assert_eq!(lookup(text, "EMPTY").as_deref(), Some(""));
        assert_eq!(lookup(text, "MISSING"), None);
    }
}
