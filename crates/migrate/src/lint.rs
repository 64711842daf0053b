//! `migrate lint`: the hazards of migrations (see `plumb_lint`), each
//! linted against the schema before it — the folder replayed offline up
//! to that migration. Which migrations: those named, all (`--all`), those
//! a database has not applied (with `--url`), else the newest.

use std::path::Path;

use plumb_diagnostics::{ColorChoice, Diagnostic, SourceFiles, Span};
use plumb_lint::Severity;
use serde::Serialize;

use crate::{Error, messages};

/// What to lint.
#[derive(Debug, Default, Clone)]
pub struct Options<'a> {
    pub schema: Option<&'a Path>,
    pub migrations: Vec<String>,
    pub all: bool,
    pub url: Option<&'a str>,
}

/// One finding, located.
#[derive(Debug, Clone)]
pub struct Located {
    pub finding: plumb_lint::Finding,
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// The size of the existing table the finding is on, when a database
    /// was read.
    pub size: Option<plumb_lint::Size>,
}

/// The findings of the migrations linted, with their scripts for showing.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub linted: Vec<String>,
    pub findings: Vec<Located>,
    /// Each linted script, by path, for the human report.
    scripts: Vec<(String, String)>,
}

impl Report {
    /// Lints `script` (shown as `path`), applied to `before`, and adds
    /// its findings under `name`.
    fn add(
        &mut self,
        name: &str,
        path: &str,
        script: &str,
        before: &plumb_ir::Schema,
        default_namespace: &str,
        settings: &plumb_lint::Settings,
    ) -> Result<(), Error> {
        let found = plumb_lint::lint(script, before, default_namespace, settings)
            .map_err(|bad| Error::plain(bad_suppression(path, script, &bad)))?;
        for finding in found {
            let (line, column) = line_column(script, finding.start);
            let (end_line, end_column) = line_column(script, finding.end);
            self.findings.push(Located {
                finding,
                path: path.to_string(),
                line,
                column,
                end_line,
                end_column,
                size: None,
            });
        }
        self.linted.push(name.to_string());
        self.scripts.push((path.to_string(), script.to_string()));
        Ok(())
    }

    /// Adds what the database says of each finding's table: its size in
    /// the message, and — for a locking finding on a large table whose
    /// rule the project did not set — the severity of an error.
    fn weigh(&mut self, sizes: &[plumb_introspect::TableSize], settings: &plumb_lint::Settings) {
        for located in &mut self.findings {
            let Some(table) = located.finding.table else {
                continue;
            };
            let Some(size) = sizes.iter().find(|s| s.table == table) else {
                continue;
            };
            let size = plumb_lint::Size {
                rows: size.rows,
                bytes: size.bytes,
            };
            let configured = settings.is_set(located.finding.code);
            plumb_lint::weigh(&mut located.finding, size, configured);
            located.size = Some(size);
        }
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.findings.is_empty()
    }

    /// 2 when a finding is at or above `deny`, else 0.
    pub fn exit_status(&self, deny: Severity) -> u8 {
        if self.findings.iter().any(|f| f.finding.severity >= deny) {
            2
        } else {
            0
        }
    }
}

/// Lints one script applied to a database shaped like `before`: the
/// migration `migrate dev` just wrote, or the SQL `migrate diff` produced
/// (`name` and `path` say which).
pub fn lint_script(
    name: &str,
    path: &str,
    script: &str,
    before: &plumb_ir::Schema,
    default_namespace: &str,
) -> Result<Report, Error> {
    let mut report = Report::default();
    report.add(
        name,
        path,
        script,
        before,
        default_namespace,
        &project_settings()?,
    )?;
    Ok(report)
}

/// `plumb.toml`'s `[lint.rules]`, or the defaults.
fn project_settings() -> Result<plumb_lint::Settings, Error> {
    Ok(match crate::config::Config::find(Path::new(""))? {
        // Unknown codes were refused when the file was read.
        Some((_, config)) => config.lint_settings().unwrap_or_default(),
        None => plumb_lint::Settings::default(),
    })
}

/// Lints the selected migrations of the schema's folder.
pub fn lint(options: &Options<'_>) -> Result<Report, Error> {
    let (schema_path, loaded) = crate::schema::load_valid(options.schema)?;
    let folder = crate::datasource::migrations_folder(&schema_path, &loaded)?.path;
    let mut settings = crate::read::DatabaseSettings::default();
    crate::read::lower(&loaded, &mut settings);
    let namespaces: Vec<&str> = settings.schemas.iter().map(String::as_str).collect();
    let migrations = crate::history::folder::list(&folder)?;
    for name in &options.migrations {
        if !migrations.iter().any(|m| m.name == *name) {
            return Err(Error::plain(messages::lint_unknown_migration(name)));
        }
    }
    let selected: Vec<String> = if options.all {
        migrations.iter().map(|m| m.name.clone()).collect()
    } else if !options.migrations.is_empty() {
        options.migrations.clone()
    } else if let Some(url) = options.url {
        let url = plumb_introspect::ConnectionUrl::parse(url)?;
        crate::status::diagnose(&url, &folder)?.unapplied
    } else {
        migrations
            .last()
            .map(|m| m.name.clone())
            .into_iter()
            .collect()
    };
    let settings = project_settings()?;
    let default_namespace = match options.url {
        Some(url) => plumb_introspect::ConnectionUrl::parse(url)?.schema,
        None => crate::offline::default_namespace(None),
    };
    let mut replay = plumb_replay::Replay::new(&default_namespace);
    let mut report = Report::default();
    let here = std::env::current_dir().unwrap_or_default();
    for migration in &migrations {
        let path = folder.join(&migration.name).join("migration.sql");
        let shown = path
            .strip_prefix(&here)
            .unwrap_or(&path)
            .display()
            .to_string();
        if selected.contains(&migration.name) {
            // Rules ask what exists, never for defaults.
            let before = replay.shape(&namespaces);
            report.add(
                &migration.name,
                &shown,
                &migration.script,
                &before,
                &default_namespace,
                &settings,
            )?;
        }
        let replayed = plumb_replay::Migration {
            name: &migration.name,
            path: &shown,
            script: &migration.script,
        };
        if let Err(refusal) = replay.apply(&replayed) {
            // The state after this migration is unknown: later ones cannot
            // be linted against it.
            if selected.iter().any(|s| s > &migration.name) {
                return Err(Error::plain(messages::replay_refused(
                    &refusal.render(ColorChoice::Never),
                    false,
                )));
            }
            break;
        }
    }
    if let Some(url) = options.url {
        let sizes = table_sizes(url, &namespaces, &default_namespace)?;
        report.weigh(&sizes, &settings);
    }
    Ok(report)
}

/// How big the tables of the database at `url` are.
fn table_sizes(
    url: &str,
    namespaces: &[&str],
    default_namespace: &str,
) -> Result<Vec<plumb_introspect::TableSize>, Error> {
    let url = plumb_introspect::ConnectionUrl::parse(url)?;
    let (mut client, _) = crate::database::open(&url, false)?;
    let namespaces: Vec<&str> = if namespaces.is_empty() {
        vec![default_namespace]
    } else {
        namespaces.to_vec()
    };
    Ok(plumb_introspect::table_sizes(
        &mut client,
        &namespaces,
        default_namespace,
    )?)
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// A suppression comment that names no rule or gives no reason, located.
fn bad_suppression(path: &str, script: &str, bad: &plumb_lint::BadSuppression) -> String {
    let mut files = SourceFiles::new();
    let file = files.add(path.to_string(), script.to_string());
    let diagnostic = Diagnostic::error(
        "L0001",
        bad.message.clone(),
        Span::new(file, bad.start..bad.end),
    )
    .with_help("write `-- plumb-lint: ignore <code> <why>` just above the statement");
    messages::lint_bad_suppression(&plumb_diagnostics::render(
        &diagnostic,
        &files,
        ColorChoice::Never,
    ))
}

/// rustc-style: `warning[code]: message`, the statement with a caret,
/// `help:` with the safe form.
pub fn human(report: &Report, color: ColorChoice) -> String {
    let mut files = SourceFiles::new();
    let ids: Vec<(String, plumb_diagnostics::FileId)> = report
        .scripts
        .iter()
        .map(|(path, script)| (path.clone(), files.add(path.clone(), script.clone())))
        .collect();
    let mut out = String::new();
    for located in &report.findings {
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
    let document = JsonReport {
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
