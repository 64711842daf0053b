//! The reports of `migrate lint` (and of `migrate diff --format`): human,
//! JSON, GitHub annotations, and a pull-request comment in Markdown.

use plumb_diagnostics::{ColorChoice, Diagnostic, SourceFiles, Span};
use plumb_lint::Severity;
use serde::Serialize;

use super::Report;
use crate::messages;

/// rustc-style: `warning[code]: message`, the statement with a caret,
/// `help:` with the safe form.
pub fn human(report: &Report, color: ColorChoice) -> String {
    human_at_most(report, color, usize::MAX)
}

/// As [`human`], showing the first `limit` findings and counting the rest:
/// what `migrate diff` and `migrate dev` print beside their own output,
/// where hundreds of findings (a schema dropped whole) would bury it.
pub fn human_at_most(report: &Report, color: ColorChoice, limit: usize) -> String {
    let mut files = SourceFiles::new();
    let ids: Vec<(String, plumb_diagnostics::FileId)> = report
        .scripts
        .iter()
        .map(|script| {
            let id = files.add(script.path.clone(), script.text.clone());
            (script.path.clone(), id)
        })
        .collect();
    let mut out = String::new();
    for located in report.findings.iter().take(limit) {
        let Some((_, file)) = ids.iter().find(|(p, _)| *p == located.path) else {
            continue;
        };
        let finding = &located.finding;
        let first_line_end = files.text(*file)[finding.start..finding.end]
            .find('\n')
            .map_or(finding.end, |at| finding.start + at);
        let span = Span::new(*file, finding.start..first_line_end);
        let diagnostic = match finding.severity {
            Severity::Error => Diagnostic::error(finding.code, finding.message.clone(), span),
            Severity::Warning => Diagnostic::warning(finding.code, finding.message.clone(), span),
        }
        .with_label(finding.category.name())
        .with_help(finding.help.clone());
        out.push_str(&plumb_diagnostics::render(&diagnostic, &files, color));
        out.push_str("\n\n");
    }
    if report.findings.len() > limit {
        out.push_str(&messages::lint_not_shown(report.findings.len() - limit));
    }
    out.push_str(&messages::lint_summary(
        report.findings.len(),
        report.linted.len(),
    ));
    out.push('\n');
    out
}

/// The version of the JSON document.
pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    migrations: &'a [String],
    findings: Vec<JsonFinding<'a>>,
    /// The SQL linted, for `migrate diff --format json` (no file holds it).
    #[serde(skip_serializing_if = "Option::is_none")]
    script: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    code: &'a str,
    category: &'a str,
    severity: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
    help: &'a str,
    /// The existing table the statement acts on, `namespace.name` when
    /// not in the default namespace.
    table: Option<String>,
    /// Its estimated rows and bytes, with `--url`.
    rows: Option<u64>,
    bytes: Option<i64>,
}

pub fn json(report: &Report) -> String {
    json_document(report, None)
}

/// The JSON document of `migrate diff --format json`: the findings and
/// the script.
pub fn diff_json(report: &Report) -> String {
    json_document(report, report.scripts.first().map(|s| s.text.as_str()))
}

fn json_document(report: &Report, script: Option<&str>) -> String {
    let document = JsonReport {
        script,
        version: JSON_VERSION,
        migrations: &report.linted,
        findings: report
            .findings
            .iter()
            .map(|l| JsonFinding {
                code: l.finding.code,
                category: l.finding.category.name(),
                severity: l.finding.severity.name(),
                file: &l.path,
                line: l.line,
                column: l.column,
                end_line: l.end_line,
                end_column: l.end_column,
                message: &l.finding.message,
                help: &l.finding.help,
                table: l.finding.table.map(|t| match t.namespace {
                    Some(namespace) => format!("{namespace}.{}", t.name),
                    None => t.name.to_string(),
                }),
                rows: l.size.and_then(|s| s.rows).map(|rows| rows.round() as u64),
                bytes: l.size.map(|s| s.bytes),
            })
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&document).unwrap_or_default();
    out.push('\n');
    out
}

/// GitHub workflow annotations, one per finding.
pub fn github(report: &Report) -> String {
    let escape = |text: &str| {
        text.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let property = |text: &str| escape(text).replace(':', "%3A").replace(',', "%2C");
    let mut out = String::new();
    for l in &report.findings {
        out.push_str(&format!(
            "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            l.finding.severity.name(),
            property(&l.path),
            l.line,
            l.column,
            l.end_line,
            l.end_column,
            property(&format!("plumb {}", l.finding.code)),
            escape(&format!(
                "{}\n\nhelp: {}",
                l.finding.message, l.finding.help
            )),
        ));
    }
    out.push_str(&messages::lint_summary(
        report.findings.len(),
        report.linted.len(),
    ));
    out.push('\n');
    out
}

/// A pull-request comment: a table of the findings, then for each
/// migration a Mermaid `erDiagram` of the tables it creates, changes or
/// drops, and its SQL.
pub fn markdown(report: &Report) -> String {
    let mut out = format!(
        "### plumb: {}\n\n",
        messages::lint_summary(report.findings.len(), report.linted.len()).trim_end_matches('.')
    );
    if !report.findings.is_empty() {
        out.push_str("| | rule | category | where | finding |\n|---|---|---|---|---|\n");
        for l in &report.findings {
            let mark = match l.finding.severity {
                Severity::Error => "⛔ error",
                Severity::Warning => "⚠️ warning",
            };
            out.push_str(&format!(
                "| {mark} | `{}` | {} | `{}:{}:{}` | {}<br>**help:** {} |\n",
                l.finding.code,
                l.finding.category.name(),
                cell(&l.path),
                l.line,
                l.column,
                cell(&l.finding.message),
                cell(&l.finding.help),
            ));
        }
        out.push('\n');
    }
    for script in &report.scripts {
        out.push_str(&format!("#### `{}`\n\n", script.name));
        if let Some(diagram) = &script.diagram {
            out.push_str(&format!("```mermaid\n{diagram}```\n\n"));
        }
        let fence = fence_for(&script.text);
        out.push_str(&format!(
            "<details><summary>SQL</summary>\n\n{fence}sql\n{}{}{fence}\n\n</details>\n\n",
            script.text,
            if script.text.ends_with('\n') {
                ""
            } else {
                "\n"
            },
        ));
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// A table cell's text: no line breaks, no bare `|`.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', "<br>")
}

/// A code fence longer than any run of backticks in `text`.
fn fence_for(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
}
