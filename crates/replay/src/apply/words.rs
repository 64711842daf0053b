//! Statements read from their words: PostgreSQL forms sqlparser does not
//! parse (`SET SCHEMA`, `ALTER SEQUENCE`, `DROP IDENTITY`, `DO`), and
//! function bodies, whose language sqlparser need not know.

use plumb_ir::Name;
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::tokenizer::{Token, Tokenizer};

use super::{Outcome, Result, fails, objects, unsupported};
use crate::catalog::Catalog;
use crate::names;
use crate::script::Statement;

/// `SET [SESSION | LOCAL] search_path …` and `RESET search_path`: where
/// unqualified names go next. `None` for other statements.
pub(super) fn search_path(
    catalog: &mut Catalog,
    statement: &Statement,
    words: &[&str],
) -> Option<Result> {
    let local = match words {
        ["SET", "SEARCH_PATH", ..] | ["SET", "SESSION", "SEARCH_PATH", ..] => false,
        ["SET", "LOCAL", "SEARCH_PATH", ..] => true,
        ["RESET", "SEARCH_PATH", ..] | ["RESET", "ALL", ..] => {
            catalog.search_path = catalog.default_namespace;
            return Some(Ok(Outcome::Applied));
        }
        _ => return None,
    };
    let tokens = tokens(&statement.text)?;
    let value_at = tokens
        .iter()
        .position(|t| matches!(t, Token::Eq) || matches!(t, Token::Word(w) if w.quote_style.is_none() && w.value.eq_ignore_ascii_case("TO")))?
        + 1;
    let mut first = None;
    for token in &tokens[value_at..] {
        let name = match token {
            Token::Word(word)
                if word.quote_style.is_none() && word.value.eq_ignore_ascii_case("DEFAULT") =>
            {
                Some(catalog.default_namespace)
            }
            Token::Word(word) => Some(names::name(&sqlparser::ast::Ident {
                value: word.value.clone(),
                quote_style: word.quote_style,
                span: sqlparser::tokenizer::Span::empty(),
            })),
            // `'a, b'` sets the path as one string, read like the list.
            Token::SingleQuotedString(text) => text
                .split(',')
                .map(|part| Name::new(part.trim().trim_matches('"')))
                .find(|name| catalog.namespaces.contains(name)),
            _ => None,
        };
        if let Some(name) = name.filter(|name| catalog.namespaces.contains(name)) {
            first = Some(name);
            break;
        }
    }
    // No schema of the path exists: PostgreSQL then creates nothing
    // unqualified; the replay keeps the default and moves on.
    catalog.search_path = first.unwrap_or(catalog.default_namespace);
    catalog.local_search_path = local;
    Some(Ok(Outcome::Applied))
}

/// Whether a statement that starts with `words` may be one read here;
/// the others are not tokenized again.
fn may_apply(statement: &Statement, words: &[&str]) -> bool {
    let text_has = |needle: &str| {
        statement
            .text
            .as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
    };
    match words {
        ["DO" | "CALL" | "EXECUTE", ..]
        | ["CREATE", "FUNCTION" | "PROCEDURE", ..]
        | ["CREATE", "OR", "REPLACE", "FUNCTION" | "PROCEDURE", ..]
        | ["DROP", "PROCEDURE", ..]
        | [
            "ALTER",
            "TYPE" | "SEQUENCE" | "INDEX" | "VIEW" | "MATERIALIZED" | "EXTENSION",
            ..,
        ]
        | ["DROP", "INDEX", "CONCURRENTLY", ..] => true,
        ["ALTER", "TABLE", ..] => text_has("schema") || text_has("identity"),
        _ => false,
    }
}

/// The statement applied, or `None` when it is for the syntax tree.
pub(super) fn apply(
    catalog: &mut Catalog,
    statement: &Statement,
    words: &[&str],
    tokens: Option<&[sqlparser::tokenizer::TokenWithSpan]>,
) -> Option<Result> {
    if !may_apply(statement, words) {
        return None;
    }
    let tokens = match tokens {
        Some(tokens) => tokens.iter().map(|t| t.token.clone()).collect(),
        None => self::tokens(&statement.text)?,
    };
    let mut at = Cursor {
        tokens: &tokens,
        at: 0,
    };
    Some(match words {
        ["DO", ..] => do_block(catalog, &tokens),
        ["CALL", ..] => Err(unsupported(
            "a procedure call may change the schema in ways the replay cannot see",
        )),
        ["EXECUTE", ..] => Err(unsupported("a prepared statement's effect is not modelled")),
        ["CREATE", "FUNCTION" | "PROCEDURE", ..]
        | ["CREATE", "OR", "REPLACE", "FUNCTION" | "PROCEDURE", ..] => {
            let kind = if words.contains(&"PROCEDURE") {
                "procedure"
            } else {
                "function"
            };
            at.skip_words(&["CREATE", "OR", "REPLACE", "FUNCTION", "PROCEDURE"]);
            match at.name() {
                Some((schema, name)) => {
                    objects::create_function(catalog, &object_name(schema, name), kind)
                }
                None => Err(unsupported(
                    "the function's name is not one the replay reads",
                )),
            }
        }
        ["DROP", "PROCEDURE", ..] => {
            at.skip_words(&["DROP", "PROCEDURE", "IF", "EXISTS"]);
            match at.name() {
                Some((schema, name)) => {
                    let name = catalog.qualify(schema, name);
                    catalog
                        .others
                        .retain(|o| !(o.kind == "procedure" && o.name == name));
                    Ok(Outcome::Applied)
                }
                None => Err(unsupported(
                    "the procedure's name is not one the replay reads",
                )),
            }
        }
        ["ALTER", "TABLE", ..] if set_schema(&tokens).is_some() => {
            at.skip_words(&["ALTER", "TABLE", "IF", "EXISTS", "ONLY"]);
            let if_exists = words.get(2..4) == Some(&["IF", "EXISTS"][..]);
            match (at.name(), set_schema(&tokens)) {
                (Some((schema, name)), Some(target)) => {
                    let table = catalog.qualify(schema, name);
                    if if_exists && catalog.table(&table).is_none() {
                        Ok(Outcome::Skipped)
                    } else {
                        objects::move_table(catalog, table, target)
                    }
                }
                _ => Err(unsupported("the table's name is not one the replay reads")),
            }
        }
        ["ALTER", "TABLE", ..] if is_drop_identity(&tokens) => drop_identity(catalog, &tokens),
        ["ALTER", "TYPE", ..] if set_schema(&tokens).is_some() => {
            at.skip_words(&["ALTER", "TYPE"]);
            match (at.name(), set_schema(&tokens)) {
                (Some((schema, name)), Some(target)) => {
                    objects::move_type(catalog, catalog.qualify(schema, name), target)
                }
                _ => Err(unsupported("the type's name is not one the replay reads")),
            }
        }
        ["ALTER", "TYPE", ..] if has_words(&tokens, &["OWNER", "TO"]) => Ok(Outcome::Skipped),
        ["ALTER", "SEQUENCE" | "INDEX" | "VIEW", ..] | ["ALTER", "MATERIALIZED", "VIEW", ..] => {
            at.skip_words(&["ALTER", "SEQUENCE", "INDEX", "MATERIALIZED", "VIEW"]);
            let if_exists = at.skip_words(&["IF", "EXISTS"]) > 0;
            let name = at.name();
            if words[1] == "SEQUENCE"
                && let Some(name) = name
                && let Some(owner) = owned_by(&tokens)
            {
                let sequence = catalog.qualify(name.0, name.1);
                let owner =
                    owner.map(|(schema, table, column)| (catalog.qualify(schema, table), column));
                return Some(
                    match catalog.sequences.iter_mut().find(|s| s.name == sequence) {
                        Some(state) => {
                            state.owner = owner;
                            Ok(Outcome::Applied)
                        }
                        None => Err(fails(format!(
                            "relation \"{}\" does not exist",
                            sequence.name
                        ))),
                    },
                );
            }
            let renamed = rename_to(&tokens);
            match (name, renamed) {
                (Some((schema, name)), Some(to)) => {
                    objects::rename_relation(catalog, catalog.qualify(schema, name), to, if_exists)
                }
                (Some(_), None) if has_words(&tokens, &["SET", "SCHEMA"]) => Err(unsupported(
                    "moving a sequence, index or view to another schema is not modelled",
                )),
                // Storage, ownership, restart values: no schema change.
                (Some(_), None) => Ok(Outcome::Skipped),
                (None, _) => Err(unsupported("the name is not one the replay reads")),
            }
        }
        ["ALTER", "EXTENSION", ..] => {
            at.skip_words(&["ALTER", "EXTENSION"]);
            let Some((_, name)) = at.name() else {
                return Some(Err(unsupported(
                    "the extension's name is not one the replay reads",
                )));
            };
            if !has_words(&tokens, &["UPDATE"]) {
                return Some(Ok(Outcome::Skipped));
            }
            let version = tokens.iter().rev().find_map(|t| match t {
                Token::SingleQuotedString(v) => Some(v.clone()),
                _ => None,
            });
            match catalog
                .extensions
                .iter_mut()
                .find(|e| e.name == name.as_str())
            {
                Some(extension) => {
                    extension.version = version;
                    Ok(Outcome::Applied)
                }
                None => Err(fails(format!("extension \"{name}\" does not exist"))),
            }
        }
        ["DROP", "INDEX", "CONCURRENTLY", ..] => {
            // sqlparser reads `DROP INDEX CONCURRENTLY` without `IF EXISTS`
            // only; the index goes either way.
            let text =
                statement
                    .text
                    .replacen("CONCURRENTLY", "", 1)
                    .replacen("concurrently", "", 1);
            return reparse(catalog, &text);
        }
        _ => return None,
    })
}

fn reparse(catalog: &mut Catalog, text: &str) -> Option<Result> {
    let parsed = sqlparser::parser::Parser::new(&PostgreSqlDialect {})
        .try_with_sql(text)
        .and_then(|mut parser| parser.parse_statement());
    Some(match parsed {
        Ok(ast) => super::apply(catalog, &ast),
        Err(error) => Err(unsupported(format!("sqlparser cannot read it ({error})"))),
    })
}

/// The statement's tokens without whitespace and comments.
fn tokens(text: &str) -> Option<Vec<Token>> {
    let tokens = Tokenizer::new(&PostgreSqlDialect {}, text)
        .tokenize()
        .ok()?;
    Some(
        tokens
            .into_iter()
            .filter(|t| !matches!(t, Token::Whitespace(_)))
            .collect(),
    )
}

struct Cursor<'a> {
    tokens: &'a [Token],
    at: usize,
}

impl Cursor<'_> {
    /// Skips any of `words` (unquoted), in any order; how many it skipped.
    fn skip_words(&mut self, words: &[&str]) -> usize {
        let start = self.at;
        while let Some(Token::Word(word)) = self.tokens.get(self.at) {
            if word.quote_style.is_none()
                && words.iter().any(|w| w.eq_ignore_ascii_case(&word.value))
            {
                self.at += 1;
            } else {
                break;
            }
        }
        self.at - start
    }

    /// A possibly qualified name.
    fn name(&mut self) -> Option<(Option<Name>, Name)> {
        let first = self.ident()?;
        if matches!(self.tokens.get(self.at), Some(Token::Period)) {
            self.at += 1;
            let second = self.ident()?;
            return Some((Some(first), second));
        }
        Some((None, first))
    }

    fn ident(&mut self) -> Option<Name> {
        match self.tokens.get(self.at)? {
            Token::Word(word) => {
                self.at += 1;
                Some(names::name(&sqlparser::ast::Ident {
                    value: word.value.clone(),
                    quote_style: word.quote_style,
                    span: sqlparser::tokenizer::Span::empty(),
                }))
            }
            _ => None,
        }
    }
}

fn object_name(schema: Option<Name>, name: Name) -> sqlparser::ast::ObjectName {
    let part = |n: Name| {
        sqlparser::ast::ObjectNamePart::Identifier(sqlparser::ast::Ident::with_quote(
            '"',
            n.as_str(),
        ))
    };
    sqlparser::ast::ObjectName(schema.into_iter().map(part).chain([part(name)]).collect())
}

/// Whether the unquoted `words` follow one another somewhere.
fn has_words(tokens: &[Token], words: &[&str]) -> bool {
    tokens.windows(words.len()).any(|window| {
        window.iter().zip(words).all(|(t, w)| matches!(t, Token::Word(word) if word.quote_style.is_none() && word.value.eq_ignore_ascii_case(w)))
    })
}

/// The schema after a final `SET SCHEMA`.
fn set_schema(tokens: &[Token]) -> Option<Name> {
    let n = tokens.len();
    let end = if matches!(tokens.last(), Some(Token::SemiColon)) {
        n - 1
    } else {
        n
    };
    if end < 3 {
        return None;
    }
    let is = |t: &Token, w: &str| matches!(t, Token::Word(word) if word.quote_style.is_none() && word.value.eq_ignore_ascii_case(w));
    if is(&tokens[end - 3], "SET") && is(&tokens[end - 2], "SCHEMA") {
        let mut cursor = Cursor {
            tokens,
            at: end - 1,
        };
        return cursor.ident();
    }
    None
}

/// The name after a final `RENAME TO`.
fn rename_to(tokens: &[Token]) -> Option<Name> {
    let position = tokens.windows(2).position(|w| {
        matches!(&w[0], Token::Word(a) if a.quote_style.is_none() && a.value.eq_ignore_ascii_case("RENAME"))
            && matches!(&w[1], Token::Word(b) if b.quote_style.is_none() && b.value.eq_ignore_ascii_case("TO"))
    })?;
    let mut cursor = Cursor {
        tokens,
        at: position + 2,
    };
    cursor.ident()
}

/// `OWNED BY [schema.]table.column` or `OWNED BY NONE`: `Some(None)` for
/// `NONE`, `None` without the clause.
#[allow(clippy::type_complexity)]
fn owned_by(tokens: &[Token]) -> Option<Option<(Option<Name>, Name, Name)>> {
    let position = tokens.windows(2).position(|w| {
        matches!(&w[0], Token::Word(a) if a.quote_style.is_none() && a.value.eq_ignore_ascii_case("OWNED"))
            && matches!(&w[1], Token::Word(b) if b.quote_style.is_none() && b.value.eq_ignore_ascii_case("BY"))
    })?;
    let mut cursor = Cursor {
        tokens,
        at: position + 2,
    };
    let mut parts = vec![cursor.ident()?];
    while matches!(cursor.tokens.get(cursor.at), Some(Token::Period)) {
        cursor.at += 1;
        parts.push(cursor.ident()?);
    }
    Some(match parts.as_slice() {
        [none] if none.as_str() == "none" => None,
        [table, column] => Some((None, *table, *column)),
        [schema, table, column] => Some((Some(*schema), *table, *column)),
        _ => None,
    })
}

fn is_drop_identity(tokens: &[Token]) -> bool {
    has_words(tokens, &["DROP", "IDENTITY"])
}

/// `ALTER TABLE t ALTER [COLUMN] c DROP IDENTITY [IF EXISTS]`, alone.
fn drop_identity(catalog: &mut Catalog, tokens: &[Token]) -> Result {
    let mut at = Cursor { tokens, at: 0 };
    at.skip_words(&["ALTER", "TABLE", "ONLY"]);
    let Some((schema, table)) = at.name() else {
        return Err(unsupported("the table's name is not one the replay reads"));
    };
    at.skip_words(&["ALTER", "COLUMN"]);
    let Some(column) = at.ident() else {
        return Err(unsupported("the column's name is not one the replay reads"));
    };
    let table = catalog.qualify(schema, table);
    let Some(table_at) = catalog.table(&table) else {
        return Err(fails(format!("relation \"{}\" does not exist", table.name)));
    };
    let Some(state) = catalog.tables[table_at]
        .columns
        .iter_mut()
        .find(|c| c.name == column)
    else {
        return Err(fails(format!("column \"{column}\" does not exist")));
    };
    state.identity = false;
    catalog
        .sequences
        .retain(|s| s.owner != Some((table, column)));
    Ok(Outcome::Applied)
}

/// A `DO` body that is plain SQL: `BEGIN <statements> [EXCEPTION WHEN
/// <conditions> THEN NULL;] END`, the idiom for DDL that may already have
/// run ("create the type unless it exists").
struct PlainBlock {
    statements: Vec<crate::script::Statement>,
    /// The conditions the handler swallows (`duplicate_object`, …).
    ignored: Vec<String>,
}

/// Words that make a body more than plain statements.
const CONTROL_WORDS: [&str; 13] = [
    "IF", "LOOP", "FOR", "FOREACH", "WHILE", "CASE", "DECLARE", "EXECUTE", "RETURN", "EXIT",
    "CONTINUE", "GET", "CALL",
];

fn plain_block(body: &str, tokens: &[Token]) -> Option<PlainBlock> {
    let word = |t: &Token, w: &str| matches!(t, Token::Word(word) if word.quote_style.is_none() && word.value.eq_ignore_ascii_case(w));
    if !word(tokens.first()?, "BEGIN") {
        return None;
    }
    let mut end = tokens.len();
    while end > 0 && matches!(tokens[end - 1], Token::SemiColon) {
        end -= 1;
    }
    if end == 0 || !word(&tokens[end - 1], "END") {
        return None;
    }
    // Statements between BEGIN and EXCEPTION (or END), as text.
    let lower = body.to_ascii_lowercase();
    let begin = lower.find("begin")? + "begin".len();
    let exception = tokens.iter().position(|t| word(t, "EXCEPTION"));
    let stop = match exception {
        Some(_) => lower.rfind("exception")?,
        None => lower.rfind("end")?,
    };
    let mut ignored = Vec::new();
    if let Some(at) = exception {
        // `WHEN a OR b THEN NULL;` once, then END.
        let handler = &tokens[at + 1..end - 1];
        let then = handler.iter().position(|t| word(t, "THEN"))?;
        if !word(handler.first()?, "WHEN")
            || !matches!(&handler[then + 1..], [null, Token::SemiColon] if word(null, "NULL"))
        {
            return None;
        }
        for token in &handler[1..then] {
            match token {
                Token::Word(w) if w.value.eq_ignore_ascii_case("OR") => {}
                Token::Word(w) => ignored.push(w.value.to_ascii_lowercase()),
                _ => return None,
            }
        }
    }
    let statements = crate::script::split(body.get(begin..stop)?);
    for statement in &statements {
        let first = statement.keywords.first()?;
        if CONTROL_WORDS.contains(&first.as_str()) || statement.text.contains(":=") {
            return None;
        }
    }
    Some(PlainBlock {
        statements,
        ignored,
    })
}

/// Applies a plain block's statements; an error its handler catches
/// undoes the whole block, as PL/pgSQL's exception blocks do.
fn run_block(catalog: &mut Catalog, block: &PlainBlock) -> Result {
    let before = catalog.clone();
    for statement in &block.statements {
        let words: Vec<&str> = statement.keywords.iter().map(String::as_str).collect();
        if matches!(words.as_slice(), ["PERFORM" | "RAISE" | "NULL", ..]) {
            continue;
        }
        match super::statement(catalog, statement, None) {
            Ok(_) => {}
            Err((super::RefusalKind::Fails, reason)) if catches(&block.ignored, &reason) => {
                *catalog = before;
                return Ok(Outcome::Applied);
            }
            Err((kind, reason)) => return Err((kind, format!("in the DO block: {reason}"))),
        }
    }
    Ok(Outcome::Applied)
}

/// Whether a handler for `conditions` catches the error `reason` says.
fn catches(conditions: &[String], reason: &str) -> bool {
    let duplicate = reason.contains("already exists");
    conditions.iter().any(|condition| match condition.as_str() {
        "others" => true,
        "duplicate_object" | "duplicate_table" | "duplicate_column" | "duplicate_schema" => {
            duplicate
        }
        "undefined_object" | "undefined_table" | "undefined_column" => {
            reason.contains("does not exist")
        }
        _ => false,
    })
}

/// Words that make a `DO` block change the schema.
const DDL_WORDS: [&str; 8] = [
    "CREATE", "ALTER", "DROP", "EXECUTE", "COMMENT", "RENAME", "TRUNCATE", "GRANT",
];

/// A `DO` block: skipped when its body only touches data, refused when it
/// runs DDL or dynamic SQL.
fn do_block(catalog: &mut Catalog, tokens: &[Token]) -> Result {
    let body = tokens.iter().find_map(|t| match t {
        Token::DollarQuotedString(body) => Some(body.value.clone()),
        Token::SingleQuotedString(body) => Some(body.clone()),
        _ => None,
    });
    let Some(body) = body else {
        return Err(unsupported("a DO block without a body the replay can read"));
    };
    let Some(inner) = self::tokens(&body) else {
        return Err(unsupported("the DO block's body cannot be read"));
    };
    if let Some(block) = plain_block(&body, &inner) {
        return run_block(catalog, &block);
    }
    let ddl = inner.iter().find_map(|t| match t {
        Token::Word(word) if word.quote_style.is_none() => DDL_WORDS
            .iter()
            .find(|w| w.eq_ignore_ascii_case(&word.value))
            .copied(),
        _ => None,
    });
    match ddl {
        // `GRANT` and `COMMENT` change nothing modelled but are as likely
        // to come with DDL; only the schema-changing words refuse.
        Some("EXECUTE") => Err(unsupported(
            "a DO block that runs dynamic SQL (EXECUTE) may change the schema",
        )),
        Some(word @ ("CREATE" | "ALTER" | "DROP" | "RENAME")) => Err(unsupported(format!(
            "a DO block that runs DDL ({word}) is not modelled"
        ))),
        _ => Ok(Outcome::Skipped),
    }
}
