//! Migration hazards: what a migration will do to a database that already
//! holds data and serves a running application. Each rule (`rules/`, one
//! file each, with its tests) looks at one statement, knowing the schema
//! before the migration (from the offline replay, or a database) and the
//! tables the migration itself created earlier — an index on a table made
//! in the same migration locks nothing anyone waits for.
//!
//! Codes are stable and never reused; each rule belongs to one
//! [`Category`]; `docs/rules/<code>.md` explains each with the safe form.

mod context;
mod rules;
mod size;

use plumb_ir::Schema;
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;

pub use context::Context;
pub use rules::RULES;
pub use size::{LARGE_BYTES, LARGE_ROWS, Size, weigh};

/// What kind of harm a finding warns of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// Data is lost.
    DataLoss,
    /// May fail on existing rows.
    DataDependent,
    /// Blocks reads or writes for the length of a scan or rewrite.
    Locking,
    /// Breaks the application version still running during a deploy.
    BackwardIncompatible,
    Other,
}

impl Category {
    pub fn name(self) -> &'static str {
        match self {
            Category::DataLoss => "data-loss",
            Category::DataDependent => "data-dependent",
            Category::Locking => "locking",
            Category::BackwardIncompatible => "backward-incompatible",
            Category::Other => "other",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One rule: its code, category, default severity, and the check.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub code: &'static str,
    pub category: Category,
    pub severity: Severity,
    /// One line: what the rule finds.
    pub summary: &'static str,
    pub check: fn(&Context<'_>, &sqlparser::ast::Statement) -> Vec<Hit>,
}

/// What a rule says about a statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The rule's severity, unless the hit is surer (or less sure) than
    /// the rule's usual case.
    pub severity: Option<Severity>,
    pub message: String,
    /// The safe form, or what to do instead.
    pub help: String,
}

/// A finding: a rule's hit on a statement of a script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: &'static str,
    pub category: Category,
    pub severity: Severity,
    pub message: String,
    pub help: String,
    /// The statement's byte range in the script (from its first word to
    /// its `;`).
    pub start: usize,
    pub end: usize,
    /// The existing table the statement acts on, if any (named as in the
    /// IR: the default namespace unqualified).
    pub table: Option<plumb_ir::QualifiedName>,
}

/// A `-- plumb-lint: ignore <code> <reason>` comment that names no rule,
/// or gives no reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadSuppression {
    /// The comment's byte range in the script.
    pub start: usize,
    pub end: usize,
    pub message: String,
}

/// Whether a rule has the code `code`.
pub fn is_code(code: &str) -> bool {
    RULES.iter().any(|r| r.code == code)
}

/// How the project sets a rule (`plumb.toml`'s `[lint.rules]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

/// The project's settings of rules: those not named keep their default.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    levels: Vec<(&'static str, Level)>,
}

impl Settings {
    /// Sets the rule `code`; `Err` when no rule has that code.
    pub fn set(&mut self, code: &str, level: Level) -> Result<(), UnknownCode> {
        let rule = RULES
            .iter()
            .find(|r| r.code == code)
            .ok_or_else(|| UnknownCode(code.to_string()))?;
        self.levels.retain(|(c, _)| *c != rule.code);
        self.levels.push((rule.code, level));
        Ok(())
    }

    /// Whether the project set the rule `code` itself.
    pub fn is_set(&self, code: &str) -> bool {
        self.level(code).is_some()
    }

    fn level(&self, code: &str) -> Option<Level> {
        self.levels
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, level)| *level)
    }

    /// The finding as the settings have it: `None` when its rule is off.
    fn apply(&self, mut finding: Finding) -> Option<Finding> {
        match self.level(finding.code) {
            Some(Level::Off) => None,
            Some(Level::On(severity)) => {
                finding.severity = severity;
                Some(finding)
            }
            None => Some(finding),
        }
    }
}

/// A code no rule has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCode(pub String);

impl std::fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "no lint rule is called `{}`", self.0)
    }
}

/// The prefix of a suppression comment.
const IGNORE: &str = "-- plumb-lint: ignore";

/// The codes the comments above a statement suppress.
fn suppressions(
    statement: &plumb_replay::script::Statement,
) -> Result<Vec<String>, BadSuppression> {
    let comments = &statement.text[..statement.code_offset - statement.offset];
    let mut codes = Vec::new();
    let mut at = statement.offset;
    for line in comments.split_inclusive('\n') {
        let trimmed = line.trim();
        if let Some(rest) = trimmed.strip_prefix(IGNORE) {
            let start = at + (line.len() - line.trim_start().len());
            let bad = |message: String| BadSuppression {
                start,
                end: start + trimmed.len(),
                message,
            };
            let mut words = rest.split_whitespace();
            let code = words
                .next()
                .ok_or_else(|| bad("name the rule to ignore".into()))?;
            if !is_code(code) {
                return Err(bad(format!("no rule is called `{code}`")));
            }
            if words.next().is_none() {
                return Err(bad(format!("say why `{code}` is ignored here")));
            }
            codes.push(code.to_string());
        }
        at += line.len();
    }
    Ok(codes)
}

/// Lints `script`, a migration applied to a database shaped like
/// `before`, whose unqualified names live in `default_namespace`.
/// Findings a suppression comment names, or of rules `settings` turn off,
/// are left out; `settings` may change a finding's severity.
pub fn lint(
    script: &str,
    before: &Schema,
    default_namespace: &str,
    settings: &Settings,
) -> Result<Vec<Finding>, BadSuppression> {
    let mut context = Context::new(before, default_namespace);
    let mut findings = Vec::new();
    // Each statement's tokens, read once by the splitter.
    let statements: Vec<(plumb_replay::script::Statement, Option<Vec<_>>)> =
        match plumb_replay::script::split_with_tokens(script) {
            Some(split) => split.into_iter().map(|(s, t)| (s, Some(t))).collect(),
            None => plumb_replay::script::split(script)
                .into_iter()
                .map(|s| (s, None))
                .collect(),
        };
    for (statement, tokens) in statements {
        let ignored = suppressions(&statement)?;
        let end = statement.offset + statement.text.len();
        let parser = Parser::new(&PostgreSqlDialect {});
        let parsed = match tokens {
            Some(tokens) => parser.with_tokens_with_locations(tokens).parse_statement(),
            None => parser
                .try_with_sql(&statement.text)
                .and_then(|mut parser| parser.parse_statement()),
        };
        let code = &statement.text[statement.code_offset - statement.offset..];
        context.see_words(&statement.keywords, code);
        context.at(statement.code_offset, end);
        let Ok(ast) = parsed else { continue };
        let table = context.statement_table(&ast);
        for rule in RULES
            .iter()
            .filter(|r| !ignored.iter().any(|code| code == r.code))
        {
            for hit in (rule.check)(&context, &ast) {
                findings.push(Finding {
                    code: rule.code,
                    category: rule.category,
                    severity: hit.severity.unwrap_or(rule.severity),
                    message: hit.message,
                    help: hit.help,
                    start: statement.code_offset,
                    end,
                    table,
                });
            }
        }
        if context.takes_access_exclusive(&ast) {
            context.note_exclusive();
        }
        context.after(&ast);
    }
    findings.extend(context.finish());
    Ok(findings
        .into_iter()
        .filter_map(|finding| settings.apply(finding))
        .collect())
}

#[cfg(test)]
mod settings {
    use super::{Level, Settings, Severity};
    use crate::rules::test::USERS;

    fn lint(settings: &Settings, script: &str) -> Vec<(&'static str, Severity)> {
        let before = plumb_replay::replay(
            &[plumb_replay::Migration {
                name: "s",
                path: "s",
                script: USERS,
            }],
            "public",
            &[],
        )
        .unwrap();
        super::lint(script, &before, "public", settings)
            .unwrap()
            .into_iter()
            .map(|f| (f.code, f.severity))
            .collect()
    }

    #[test]
    fn a_rule_can_be_turned_off_or_given_another_severity() {
        let script = "ALTER TABLE \"User\" RENAME COLUMN \"name\" TO \"fullName\";\nALTER TABLE \"Post\" DROP COLUMN \"authorId\";";
        let mut settings = Settings::default();
        assert_eq!(
            lint(&settings, script),
            [
                ("rename", Severity::Warning),
                ("drop-column", Severity::Error),
                ("lock-timeout", Severity::Warning)
            ]
        );
        settings.set("rename", Level::On(Severity::Error)).unwrap();
        settings.set("drop-column", Level::Off).unwrap();
        settings.set("lock-timeout", Level::Off).unwrap();
        assert_eq!(lint(&settings, script), [("rename", Severity::Error)]);
        assert_eq!(
            settings
                .set("drop-colum", Level::Off)
                .unwrap_err()
                .to_string(),
            "no lint rule is called `drop-colum`"
        );
    }
}
