//! A migration script split into statements with sqlparser's tokenizer,
//! which knows where strings, `E''` strings, dollar-quoted bodies and
//! comments begin and end: a `;` inside any of them ends nothing.

use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::tokenizer::{Token, TokenWithSpan, Tokenizer, Whitespace};

/// One statement of a script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// Its text, with the comments just above it and its `;`.
    pub text: String,
    /// Where it starts in the script, as a byte offset.
    pub offset: usize,
    /// Its leading keywords, upper-cased (at most eight), for telling
    /// what kind of statement it is.
    pub keywords: Vec<String>,
}

/// The statements of `script`, in order; comment-only stretches are not
/// statements. A script the tokenizer cannot read (an unterminated
/// string) is one statement: the server will say what is wrong with it.
pub fn split(script: &str) -> Vec<Statement> {
    let Ok(tokens) = Tokenizer::new(&PostgreSqlDialect {}, script).tokenize_with_location() else {
        return vec![Statement {
            text: script.to_string(),
            offset: 0,
            keywords: Vec::new(),
        }];
    };
    let offsets = LineStarts::new(script);
    let mut statements = Vec::new();
    let mut start = 0;
    let mut keywords = Vec::new();
    let mut has_code = false;
    for TokenWithSpan { token, span } in &tokens {
        match token {
            Token::SemiColon => {
                let end = offsets.offset(span.start.line, span.start.column) + 1;
                if has_code {
                    statements.push(statement(script, start, end, std::mem::take(&mut keywords)));
                }
                keywords.clear();
                has_code = false;
                start = end;
            }
            Token::Whitespace(Whitespace::Space | Whitespace::Newline | Whitespace::Tab) => {}
            Token::Whitespace(_) => {}
            Token::Word(word) => {
                has_code = true;
                if keywords.len() < 8 {
                    keywords.push(word.value.to_ascii_uppercase());
                }
            }
            _ => has_code = true,
        }
    }
    if has_code {
        statements.push(statement(script, start, script.len(), keywords));
    }
    statements
}

/// The statement between `start` and `end`, its leading blank lines and
/// trailing spaces dropped.
fn statement(script: &str, start: usize, end: usize, keywords: Vec<String>) -> Statement {
    let raw = &script[start..end];
    let trimmed_start = raw.len() - raw.trim_start().len();
    Statement {
        text: raw.trim().to_string(),
        offset: start + trimmed_start,
        keywords,
    }
}

/// What keeps a statement out of a transaction block, if anything:
/// PostgreSQL refuses these inside one, or they end the one we opened.
pub fn outside_transaction(statement: &Statement) -> Option<&'static str> {
    let words: Vec<&str> = statement.keywords.iter().map(String::as_str).collect();
    match words.as_slice() {
        ["CREATE", "INDEX", "CONCURRENTLY", ..]
        | ["CREATE", "UNIQUE", "INDEX", "CONCURRENTLY", ..] => Some("CREATE INDEX CONCURRENTLY"),
        ["DROP", "INDEX", "CONCURRENTLY", ..] => Some("DROP INDEX CONCURRENTLY"),
        ["REINDEX", ..] if words.contains(&"CONCURRENTLY") => Some("REINDEX CONCURRENTLY"),
        ["VACUUM", ..] => Some("VACUUM"),
        ["CREATE", "DATABASE", ..] => Some("CREATE DATABASE"),
        ["DROP", "DATABASE", ..] => Some("DROP DATABASE"),
        ["CREATE", "TABLESPACE", ..] => Some("CREATE TABLESPACE"),
        ["DROP", "TABLESPACE", ..] => Some("DROP TABLESPACE"),
        ["ALTER", "SYSTEM", ..] => Some("ALTER SYSTEM"),
        ["BEGIN", ..] | ["START", "TRANSACTION", ..] => Some("BEGIN"),
        ["COMMIT" | "END" | "ROLLBACK" | "ABORT", ..] => Some("COMMIT"),
        _ => None,
    }
}

/// Whether the statement adds a value to an enum (`ALTER TYPE … ADD
/// VALUE`): in one transaction, PostgreSQL refuses to use the new value
/// before the transaction commits.
pub fn adds_enum_value(statement: &Statement) -> bool {
    let words = &statement.keywords;
    words.first().is_some_and(|w| w == "ALTER")
        && words.get(1).is_some_and(|w| w == "TYPE")
        && words
            .windows(2)
            .any(|pair| pair[0] == "ADD" && pair[1] == "VALUE")
}

/// Byte offsets of the tokenizer's (line, column) locations; columns
/// count characters.
struct LineStarts<'a> {
    script: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineStarts<'a> {
    fn new(script: &'a str) -> LineStarts<'a> {
        let mut starts = vec![0];
        starts.extend(script.match_indices('\n').map(|(at, _)| at + 1));
        LineStarts { script, starts }
    }

    fn offset(&self, line: u64, column: u64) -> usize {
        let line_start = self
            .starts
            .get((line.max(1) - 1) as usize)
            .copied()
            .unwrap_or(self.script.len());
        self.script[line_start..]
            .char_indices()
            .nth((column.max(1) - 1) as usize)
            .map_or(self.script.len(), |(at, _)| line_start + at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(script: &str) -> Vec<String> {
        split(script).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn semicolons_in_strings_bodies_and_comments_end_nothing() {
        let script = "-- CreateTable\nCREATE TABLE \"a;b\" (x TEXT DEFAULT 'c;d');\n\n\
                      CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\n\
                      /* a; comment */ SELECT E'it\\'s;';\n-- trailing comment; only\n";
        assert_eq!(
            texts(script),
            [
                "-- CreateTable\nCREATE TABLE \"a;b\" (x TEXT DEFAULT 'c;d');",
                "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;",
                "/* a; comment */ SELECT E'it\\'s;';",
            ]
        );
        let statements = split(script);
        assert_eq!(&script[statements[1].offset..][..15], "CREATE FUNCTION");
        assert_eq!(statements[0].keywords[..2], ["CREATE", "TABLE"]);
    }

    #[test]
    fn a_last_statement_needs_no_semicolon_and_unicode_keeps_offsets() {
        let script = "INSERT INTO t VALUES ('é;è');\nSELECT 1";
        let statements = split(script);
        assert_eq!(statements.len(), 2);
        assert_eq!(statements[1].text, "SELECT 1");
        assert_eq!(&script[statements[1].offset..], "SELECT 1");
    }

    #[test]
    fn knows_what_cannot_run_in_a_transaction() {
        let kinds: Vec<Option<&str>> = split(
            "CREATE UNIQUE INDEX CONCURRENTLY i ON t(a);\nDROP INDEX CONCURRENTLY i;\nVACUUM t;\nBEGIN;\nCOMMIT;\nCREATE INDEX i ON t(a);",
        )
        .iter()
        .map(outside_transaction)
        .collect();
        assert_eq!(
            kinds,
            [
                Some("CREATE INDEX CONCURRENTLY"),
                Some("DROP INDEX CONCURRENTLY"),
                Some("VACUUM"),
                Some("BEGIN"),
                Some("COMMIT"),
                None
            ]
        );
        let enum_change = split("ALTER TYPE \"Role\" ADD VALUE 'ADMIN';");
        assert!(adds_enum_value(&enum_change[0]));
    }
}
