//! A check's report for people (rustc-style, coloured on a terminal), for
//! programs (`--format json`, schema version 1, documented in the README)
//! and for GitHub Actions (`--format github`: workflow annotations that
//! show on the pull request's files).

use plumb_diagnostics::ColorChoice;
use serde::Serialize;

use super::{Finding, Report};
use crate::messages;

/// The version of the JSON document; a change that breaks readers bumps it.
pub const JSON_VERSION: u32 = 1;

/// The report for a terminal or a log.
pub fn human(report: &Report, color: ColorChoice) -> String {
    let paint = |code: &str, text: &str| match color {
        ColorChoice::Always => format!("\x1b[{code}m{text}\x1b[0m"),
        ColorChoice::Never => text.to_string(),
    };
    let mut out = String::new();
    for finding in &report.findings {
        out.push_str(&paint("1;31", &format!("error[{}]", finding.code)));
        out.push_str(&paint("1", &format!(": {}", finding.message)));
        out.push('\n');
        if finding.location.is_some() {
            out.push_str(&paint("1;34", "  --> "));
            out.push_str(&location_text(finding));
            out.push('\n');
        }
        if let Some(details) = &finding.details {
            out.push('\n');
            for line in details.trim_end().lines() {
                if line.is_empty() {
                    out.push('\n');
                } else {
                    out.push_str("  ");
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
        out.push('\n');
    }
    for note in &report.notes {
        out.push_str(&paint("1;36", "note"));
        out.push_str(": ");
        out.push_str(note.trim_end());
        out.push('\n');
    }
    if report.findings.is_empty() {
        out.push_str(&messages::check_clean(
            &report.migrations,
            report.migration_count,
            &report.schema,
            report.replayed,
        ));
    } else {
        out.push_str(&messages::check_found(
            report.findings.len(),
            &report.migrations,
            report.replayed,
        ));
    }
    out.push('\n');
    out
}

fn location_text(finding: &Finding) -> String {
    match &finding.location {
        Some(location) => match (location.line, location.column) {
            (Some(line), Some(column)) => format!("{}:{line}:{column}", location.path),
            (Some(line), None) => format!("{}:{line}", location.path),
            _ => location.path.clone(),
        },
        None => String::new(),
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    clean: bool,
    schema: &'a str,
    migrations: &'a str,
    migration_count: usize,
    replayed: &'a str,
    database: bool,
    findings: Vec<JsonFinding<'a>>,
    notes: &'a [String],
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    code: &'a str,
    severity: &'a str,
    message: &'a str,
    file: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
    details: Option<&'a str>,
}

/// The report as one JSON document (and a newline).
pub fn json(report: &Report) -> String {
    let document = JsonReport {
        version: JSON_VERSION,
        clean: report.findings.is_empty(),
        schema: &report.schema,
        migrations: &report.migrations,
        migration_count: report.migration_count,
        replayed: report.replayed,
        database: report.database,
        findings: report
            .findings
            .iter()
            .map(|f| JsonFinding {
                code: f.code,
                severity: "error",
                message: &f.message,
                file: f.location.as_ref().map(|l| l.path.as_str()),
                line: f.location.as_ref().and_then(|l| l.line),
                column: f.location.as_ref().and_then(|l| l.column),
                details: f.details.as_deref(),
            })
            .collect(),
        notes: &report.notes,
    };
    let mut out = serde_json::to_string_pretty(&document).unwrap_or_default();
    out.push('\n');
    out
}

/// GitHub workflow commands: one `::error` per finding, with its file and
/// line, its code as the title and its details after the message.
pub fn github(report: &Report) -> String {
    let mut out = String::new();
    for finding in &report.findings {
        let mut properties = Vec::new();
        if let Some(location) = &finding.location {
            properties.push(format!("file={}", property(&location.path)));
            if let Some(line) = location.line {
                properties.push(format!("line={line}"));
            }
            if let Some(column) = location.column {
                properties.push(format!("col={column}"));
            }
        }
        properties.push(format!(
            "title={}",
            property(&format!("plumb {}", finding.code))
        ));
        let mut message = finding.message.clone();
        if let Some(details) = &finding.details {
            message.push_str("\n\n");
            message.push_str(details.trim_end());
        }
        out.push_str(&format!(
            "::error {}::{}\n",
            properties.join(","),
            data(&message)
        ));
    }
    for note in &report.notes {
        out.push_str(&format!(
            "::notice title=plumb::{}\n",
            data(note.trim_end())
        ));
    }
    let last = if report.findings.is_empty() {
        messages::check_clean(
            &report.migrations,
            report.migration_count,
            &report.schema,
            report.replayed,
        )
    } else {
        messages::check_found(report.findings.len(), &report.migrations, report.replayed)
    };
    out.push_str(&last);
    out.push('\n');
    out
}

/// A workflow command's message: `%`, CR and LF escaped.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property: also `:` and `,`.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Location;

    fn report(findings: Vec<Finding>) -> Report {
        Report {
            schema: "prisma/schema.prisma".into(),
            migrations: "prisma/migrations".into(),
            migration_count: 2,
            replayed: "offline",
            database: false,
            findings,
            notes: Vec::new(),
        }
    }

    #[test]
    fn github_annotations_escape_what_workflow_commands_read() {
        let text = github(&report(vec![Finding {
            code: "migration-fails",
            message: "100% broken, a:b".into(),
            location: Some(Location::at("m,1/migration.sql", 3, 5)),
            details: Some("line one\nline two".into()),
        }]));
        assert_eq!(
            text.lines().next().unwrap(),
            "::error file=m%2C1/migration.sql,line=3,col=5,title=plumb migration-fails::100% broken, a:b%0A%0Aline one%0Aline two"
                .replace("100% broken", "100%25 broken")
        );
    }

    #[test]
    fn json_documents_carry_their_version_and_verdict() {
        let value: serde_json::Value = serde_json::from_str(&json(&report(Vec::new()))).unwrap();
        assert_eq!(value["version"], 1);
        assert_eq!(value["clean"], true);
        assert_eq!(value["findings"].as_array().map(Vec::len), Some(0));
    }
}
