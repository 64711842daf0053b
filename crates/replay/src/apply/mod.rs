//! One statement applied to the catalog. Statements sqlparser reads are
//! applied from its syntax tree; the few PostgreSQL forms it does not read
//! (`SET SCHEMA`, `ALTER SEQUENCE`, `DO`, …) from their words; statements
//! that change no schema are skipped; anything else is refused.

mod objects;
mod tables;
mod words;

use plumb_diagnostics::{ColorChoice, Diagnostic, SourceFiles, Span};
use sqlparser::ast::Statement as Ast;
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;
use sqlparser::tokenizer::TokenWithSpan;

use crate::catalog::Catalog;
use crate::script::Statement;

/// What became of a statement.
pub(crate) enum Outcome {
    Applied,
    /// It changes no schema the replay models.
    Skipped,
}

/// Why a statement stopped the replay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefusalKind {
    /// The replay does not model what it does (a `DO` block that runs
    /// DDL, an unknown form): a shadow database can still replay it.
    Unsupported,
    /// PostgreSQL would refuse it here (a table that already exists, a
    /// column that does not): the folder does not apply as it is.
    Fails,
}

pub(crate) type Result = std::result::Result<Outcome, (RefusalKind, String)>;

pub(crate) fn unsupported(reason: impl Into<String>) -> (RefusalKind, String) {
    (RefusalKind::Unsupported, reason.into())
}

pub(crate) fn fails(reason: impl Into<String>) -> (RefusalKind, String) {
    (RefusalKind::Fails, reason.into())
}

/// A statement the replay stopped at: which migration, where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub kind: RefusalKind,
    pub migration: String,
    pub path: String,
    /// 1-based line and column of the statement's first word.
    pub line: usize,
    pub column: usize,
    /// The statement's first line.
    pub statement: String,
    pub reason: String,
    script: String,
    offset: usize,
    length: usize,
}

impl Refusal {
    pub(crate) fn new(
        migration: &crate::Migration<'_>,
        statement: &Statement,
        kind: RefusalKind,
        reason: String,
    ) -> Refusal {
        let script = migration.script;
        let at = statement.code_offset.min(script.len());
        let before = &script[..at];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        let first_line = script[at..].lines().next().unwrap_or_default();
        Refusal {
            kind,
            migration: migration.name.to_string(),
            path: migration.path.to_string(),
            line,
            column,
            statement: first_line.trim_end().to_string(),
            reason,
            script: script.to_string(),
            offset: at,
            length: first_line.trim_end().len(),
        }
    }

    /// `path:line:column`.
    pub fn location(&self) -> String {
        format!("{}:{}:{}", self.path, self.line, self.column)
    }

    /// The refusal as rustc prints an error: the location, the statement
    /// with a caret under it, and the reason.
    pub fn render(&self, color: ColorChoice) -> String {
        let mut files = SourceFiles::new();
        let file = files.add(self.path.clone(), self.script.clone());
        let (code, message) = match self.kind {
            RefusalKind::Unsupported => ("R0001", "the offline replay cannot model this statement"),
            RefusalKind::Fails => ("R0002", "this statement would fail on PostgreSQL"),
        };
        let diagnostic = Diagnostic::error(
            code,
            message,
            Span::new(file, self.offset..self.offset + self.length),
        )
        .with_label(self.reason.clone());
        plumb_diagnostics::render(&diagnostic, &files, color)
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.location(), self.reason)
    }
}

/// First words of statements that change no schema plumb models.
const SKIPPED: &[&[&str]] = &[
    &["INSERT"],
    &["UPDATE"],
    &["DELETE"],
    &["SELECT"],
    &["WITH"],
    &["COPY"],
    &["MERGE"],
    &["TRUNCATE"],
    &["SET"],
    &["RESET"],
    &["BEGIN"],
    &["START"],
    &["COMMIT"],
    &["END"],
    &["ROLLBACK"],
    &["ABORT"],
    &["SAVEPOINT"],
    &["RELEASE"],
    &["ANALYZE"],
    &["ANALYSE"],
    &["VACUUM"],
    &["CLUSTER"],
    &["REINDEX"],
    &["REFRESH"],
    &["LOCK"],
    &["NOTIFY"],
    &["LISTEN"],
    &["DISCARD"],
    &["CHECKPOINT"],
    &["GRANT"],
    &["REVOKE"],
    &["SECURITY", "LABEL"],
    &["ALTER", "DEFAULT", "PRIVILEGES"],
    &["CREATE", "ROLE"],
    &["CREATE", "USER"],
    &["ALTER", "ROLE"],
    &["ALTER", "USER"],
    &["DROP", "ROLE"],
    &["DROP", "USER"],
    &["ALTER", "DATABASE"],
    &["CREATE", "PUBLICATION"],
    &["ALTER", "PUBLICATION"],
    &["DROP", "PUBLICATION"],
    &["CREATE", "COLLATION"],
    &["CREATE", "CAST"],
    &["CREATE", "OPERATOR"],
    &["CREATE", "AGGREGATE"],
    &["CREATE", "TEXT", "SEARCH"],
    &["ALTER", "FUNCTION"],
    &["ALTER", "PROCEDURE"],
    &["ALTER", "POLICY"],
    &["ALTER", "TRIGGER"],
];

/// Applies `statement`; `tokens` are its tokens without whitespace, when
/// the splitter kept them (else the text is read again).
pub(crate) fn statement(
    catalog: &mut Catalog,
    statement: &Statement,
    tokens: Option<Vec<TokenWithSpan>>,
) -> Result {
    let words: Vec<&str> = statement.keywords.iter().map(String::as_str).collect();
    if let Some(outcome) = words::search_path(catalog, statement, &words) {
        return outcome;
    }
    if SKIPPED.iter().any(|prefix| words.starts_with(prefix)) {
        return Ok(Outcome::Skipped);
    }
    if let Some(outcome) = words::apply(catalog, statement, &words, tokens.as_deref()) {
        return outcome;
    }
    let parser = Parser::new(&PostgreSqlDialect {});
    let parsed = match tokens {
        Some(tokens) => parser.with_tokens_with_locations(tokens).parse_statement(),
        None => parser
            .try_with_sql(&statement.text)
            .and_then(|mut parser| parser.parse_statement()),
    };
    let ast = match parsed {
        Ok(ast) => ast,
        Err(error) => {
            return Err(unsupported(format!(
                "sqlparser cannot read it ({})",
                error.to_string().trim_start_matches("sql parser error: ")
            )));
        }
    };
    apply(catalog, &ast)
}

fn apply(catalog: &mut Catalog, ast: &Ast) -> Result {
    match ast {
        Ast::CreateTable(create) => tables::create(catalog, create),
        Ast::AlterTable(alter) => tables::alter(catalog, alter),
        Ast::CreateIndex(create) => tables::create_index(catalog, create),
        Ast::Drop {
            object_type,
            if_exists,
            names,
            cascade,
            ..
        } => objects::drop(catalog, *object_type, *if_exists, names, *cascade),
        Ast::CreateType {
            name,
            representation,
        } => objects::create_type(catalog, name, representation.as_ref()),
        Ast::AlterType(alter) => objects::alter_type(catalog, alter),
        Ast::AlterIndex { name, operation } => {
            objects::alter_index(catalog, name, operation, false)
        }
        Ast::CreateSchema {
            schema_name,
            if_not_exists,
            ..
        } => objects::create_schema(catalog, schema_name, *if_not_exists),
        Ast::AlterSchema(alter) => objects::alter_schema(catalog, alter),
        Ast::CreateExtension(create) => objects::create_extension(catalog, create),
        Ast::DropExtension(drop) => objects::drop_extension(catalog, drop),
        Ast::CreateSequence {
            if_not_exists,
            name,
            owned_by,
            ..
        } => objects::create_sequence(catalog, name, *if_not_exists, owned_by.as_ref()),
        Ast::CreateView(view) => objects::create_view(catalog, view),
        Ast::Comment {
            object_type,
            object_name,
            comment,
            ..
        } => objects::comment(catalog, *object_type, object_name, comment.as_deref()),
        Ast::CreateFunction(function) => {
            objects::create_function(catalog, &function.name, "function")
        }
        Ast::CreateTrigger(trigger) => objects::create_trigger(catalog, trigger),
        Ast::DropTrigger(trigger) => objects::drop_trigger(catalog, trigger),
        Ast::CreatePolicy(policy) => objects::create_policy(catalog, policy),
        Ast::DropPolicy(policy) => objects::drop_policy(catalog, policy),
        Ast::DropFunction(drop) => objects::drop_functions(catalog, drop),
        Ast::CreateDomain(domain) => objects::create_domain(catalog, domain, false),
        Ast::DropDomain(drop) => objects::drop_domain(catalog, drop),
        Ast::Query(_) | Ast::Insert(_) | Ast::Update(_) | Ast::Delete(_) | Ast::Set(_) => {
            Ok(Outcome::Skipped)
        }
        other => Err(unsupported(format!(
            "`{}` is not a statement the offline replay models",
            first_words(&other.to_string())
        ))),
    }
}

/// The first three words of a statement, for messages.
fn first_words(sql: &str) -> String {
    sql.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
}
