//! A migration script split into statements with sqlparser's tokenizer,
//! which knows where strings, `E''` strings, dollar-quoted bodies and
//! comments begin and end: a `;` inside any of them ends nothing. Both the
//! offline replay and the runner that sends statements to the server use
//! this one splitter.

use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::tokenizer::{Token, TokenWithSpan, Tokenizer};

/// One statement of a script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// Its text, with the comments just above it and its `;`.
    pub text: String,
    /// Where it starts in the script, as a byte offset.
    pub offset: usize,
    /// Where its first word (after the comments above it) starts.
    pub code_offset: usize,
    /// Its leading keywords, upper-cased (at most eight), for telling
    /// what kind of statement it is.
    pub keywords: Vec<String>,
}

/// The statements of `script`, in order; comment-only stretches are not
/// statements. A script the tokenizer cannot read (an unterminated
/// string) is one statement: the server will say what is wrong with it.
pub fn split(script: &str) -> Vec<Statement> {
    split_into(script, false)
        .into_iter()
        .map(|(statement, _)| statement)
        .collect()
}

/// [`split`], each statement with its tokens (with their places in the
/// script), so that they are read once; `None` for a script the tokenizer
/// cannot read.
pub fn split_with_tokens(script: &str) -> Option<Vec<(Statement, Vec<TokenWithSpan>)>> {
    let split = split_into(script, true);
    (split.len() != 1 || !split[0].1.is_empty() || script.trim().is_empty()).then_some(split)
}

fn split_into(script: &str, keep_tokens: bool) -> Vec<(Statement, Vec<TokenWithSpan>)> {
    let Ok(tokens) = Tokenizer::new(&PostgreSqlDialect {}, script).tokenize_with_location() else {
        let statement = Statement {
            text: script.to_string(),
            offset: 0,
            code_offset: script.len() - script.trim_start().len(),
            keywords: Vec::new(),
        };
        return vec![(statement, Vec::new())];
    };
    let offsets = LineStarts::new(script);
    let mut statements = Vec::new();
    let mut start = 0;
    let mut keywords = Vec::new();
    let mut has_code = false;
    let mut code_offset = 0;
    let mut current = Vec::new();
    for token_with_span in tokens {
        let TokenWithSpan { token, span } = &token_with_span;
        let starts_code = !has_code && !matches!(token, Token::Whitespace(_) | Token::SemiColon);
        if starts_code {
            code_offset = offsets.offset(span.start.line, span.start.column);
        }
        match token {
            Token::SemiColon => {
                let end = offsets.offset(span.start.line, span.start.column) + 1;
                if has_code {
                    statements.push((
                        statement(
                            script,
                            start..end,
                            code_offset,
                            std::mem::take(&mut keywords),
                        ),
                        std::mem::take(&mut current),
                    ));
                }
                keywords.clear();
                current.clear();
                has_code = false;
                start = end;
                continue;
            }
            Token::Whitespace(_) => {}
            Token::Word(word) => {
                has_code = true;
                if keywords.len() < 8 {
                    keywords.push(word.value.to_ascii_uppercase());
                }
            }
            _ => has_code = true,
        }
        if keep_tokens && !matches!(token, Token::Whitespace(_)) {
            current.push(token_with_span);
        }
    }
    if has_code {
        statements.push((
            statement(script, start..script.len(), code_offset, keywords),
            current,
        ));
    }
    statements
}

/// The statement between `start` and `end`, its leading blank lines and
/// trailing spaces dropped.
fn statement(
    script: &str,
    range: std::ops::Range<usize>,
    code_offset: usize,
    keywords: Vec<String>,
) -> Statement {
    let start = range.start;
    let raw = &script[range];
    let trimmed_start = raw.len() - raw.trim_start().len();
    Statement {
        text: raw.trim().to_string(),
        offset: start + trimmed_start,
        code_offset,
        keywords,
    }
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
        assert_eq!(&script[statements[2].code_offset..][..6], "SELECT");
        assert_eq!(&script[statements[0].code_offset..][..12], "CREATE TABLE");
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
}
