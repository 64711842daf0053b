//! `migrate lint`: the hazards of migrations (see `plumb_lint`), each
//! linted against the schema before it — the folder replayed offline up
//! to that migration, or from a statement the offline replay cannot model
//! on, in a shadow database. Which migrations: those named, all
//! (`--all`), those a database has not applied (with `--url`), else the
//! newest.

use std::path::Path;

use plumb_diagnostics::{ColorChoice, Diagnostic, SourceFiles, Span};
use plumb_lint::Severity;

use crate::offline::ReplayMode;
use crate::{Error, messages};

mod diagram;
mod format;

pub use format::{JSON_VERSION, diff_json, github, human, human_at_most, json, markdown};

/// How many findings `migrate diff` and `migrate dev` show beside their
/// output; `migrate lint` shows them all.
pub const SHOWN_BESIDE_OUTPUT: usize = 20;

/// What to lint.
#[derive(Debug, Default, Clone)]
pub struct Options<'a> {
    pub schema: Option<&'a Path>,
    pub migrations: Vec<String>,
    pub all: bool,
    pub url: Option<&'a str>,
    /// Draw each migration's tables (for `--format markdown`).
    pub diagrams: bool,
    /// Offline, or in a shadow database where the offline replay cannot
    /// model a statement (`Auto`), or in one only.
    pub replay: ReplayMode,
    pub shadow: Option<&'a str>,
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
    /// Each linted script, for the human and Markdown reports.
    scripts: Vec<Script>,
    /// For standard error: the offline replay gave way to a shadow
    /// database.
    pub notes: Vec<String>,
}

/// A linted script.
#[derive(Debug, Clone)]
struct Script {
    name: String,
    path: String,
    text: String,
    /// A Mermaid `erDiagram` of the tables it creates, changes or drops.
    diagram: Option<String>,
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
        let lines = Lines::of(script);
        for finding in found {
            let (line, column) = lines.line_column(finding.start);
            let (end_line, end_column) = lines.line_column(finding.end);
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
        self.scripts.push(Script {
            name: name.to_string(),
            path: path.to_string(),
            text: script.to_string(),
            diagram: None,
        });
        Ok(())
    }

    /// Draws the tables the last script added changes, from the schema
    /// before it to the schema after.
    fn draw(
        &mut self,
        before: &plumb_ir::Schema,
        after: &plumb_ir::Schema,
        default_namespace: &str,
    ) {
        if let Some(script) = self.scripts.last_mut() {
            script.diagram = diagram::draw(before, after, default_namespace);
        }
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

/// Lints the script of `migrate diff --script`, shown as `path` (the
/// output file, or a placeholder), against the diff's source; a database
/// source's table sizes weigh the findings. With `diagram`, the report
/// draws the tables the script changes (`--format markdown`).
pub fn lint_diff(diff: &crate::diff::Diff, path: &str, diagram: bool) -> Result<Report, Error> {
    let default_namespace = diff.from.default_namespace.map_or_else(
        || plumb_ir::DEFAULT_NAMESPACE.to_string(),
        |n| n.to_string(),
    );
    let mut report = lint_script(path, path, &diff.text, &diff.from, &default_namespace)?;
    if diagram {
        report.draw(&diff.from, &diff.to, &default_namespace);
    }
    if let Some(url) = diff.from_url.as_deref().filter(|_| !report.is_empty()) {
        let namespaces: Vec<&str> = diff.from.namespaces.iter().map(|n| n.as_str()).collect();
        let sizes = table_sizes(url, &namespaces, &default_namespace)?;
        report.weigh(&sizes, &project_settings()?);
    }
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
    let mut database_settings = crate::read::DatabaseSettings::default();
    crate::read::lower(&loaded, &mut database_settings);
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
    let default_namespace = match options.url {
        Some(url) => plumb_introspect::ConnectionUrl::parse(url)?.schema,
        None => crate::offline::default_namespace(options.shadow),
    };
    let here = std::env::current_dir().unwrap_or_default();
    let walk = Walk {
        migrations: &migrations,
        shown: migrations
            .iter()
            .map(|m| {
                let path = folder.join(&m.name).join("migration.sql");
                path.strip_prefix(&here)
                    .unwrap_or(&path)
                    .display()
                    .to_string()
            })
            .collect(),
        selected: &selected,
        namespaces: database_settings
            .schemas
            .iter()
            .map(String::as_str)
            .collect(),
        default_namespace: &default_namespace,
        settings: project_settings()?,
        diagrams: options.diagrams,
    };
    let mut report = Report::default();
    // Where the shadow database takes over: from the start, after the
    // migration the offline replay refused, or not at all.
    let shadow_from = match options.replay {
        ReplayMode::Shadow => Some(0),
        ReplayMode::Auto | ReplayMode::Offline => match walk.offline(&mut report)? {
            None => None,
            Some(refusal) => {
                let forced = options.replay == ReplayMode::Offline;
                if forced || !crate::offline::shadow_available(options.shadow) {
                    return Err(Error::plain(messages::replay_refused(
                        &refusal.render(ColorChoice::Never),
                        forced,
                    )));
                }
                report.notes.push(messages::replay_falls_back(
                    &refusal.location(),
                    &refusal.reason,
                ));
                let at = migrations.iter().position(|m| m.name == refusal.migration);
                Some(at.map_or(0, |at| at + 1))
            }
        },
    };
    if let Some(start) = shadow_from {
        walk.in_shadow(start, &mut report, options.shadow, &database_settings)?;
    }
    if let Some(url) = options.url {
        let sizes = table_sizes(url, &walk.namespaces, &default_namespace)?;
        report.weigh(&sizes, &walk.settings);
    }
    Ok(report)
}

/// The migrations folder, walked in order, each selected migration linted
/// against the state before it.
struct Walk<'a> {
    migrations: &'a [crate::history::folder::LocalMigration],
    /// Each migration's script, as findings name it.
    shown: Vec<String>,
    selected: &'a [String],
    namespaces: Vec<&'a str>,
    default_namespace: &'a str,
    settings: plumb_lint::Settings,
    diagrams: bool,
}

impl Walk<'_> {
    /// Lints against the offline replay; where it cannot model a statement
    /// and a later migration is to be linted, its refusal.
    fn offline(&self, report: &mut Report) -> Result<Option<Box<plumb_replay::Refusal>>, Error> {
        let mut replay = plumb_replay::Replay::new(self.default_namespace);
        for (migration, shown) in self.migrations.iter().zip(&self.shown) {
            // Rules ask what exists, never for defaults.
            let before = self
                .is_selected(migration)
                .then(|| replay.shape(&self.namespaces));
            if let Some(before) = &before {
                self.lint(report, migration, shown, before)?;
            }
            let applied = replay.apply(&plumb_replay::Migration {
                name: &migration.name,
                path: shown,
                script: &migration.script,
            });
            if let (Some(before), true, Ok(())) = (&before, self.diagrams, &applied) {
                report.draw(
                    before,
                    &replay.shape(&self.namespaces),
                    self.default_namespace,
                );
            }
            if let Err(refusal) = applied {
                // The state after this migration is unknown here.
                if self.selected.iter().any(|s| s > &migration.name) {
                    return Ok(Some(refusal));
                }
                break;
            }
        }
        Ok(None)
    }

    /// Lints the migrations from `start` on against a shadow database
    /// that runs the folder migration by migration.
    fn in_shadow(
        &self,
        start: usize,
        report: &mut Report,
        shadow: Option<&str>,
        database_settings: &crate::read::DatabaseSettings,
    ) -> Result<(), Error> {
        let shadow = crate::diff::empty_shadow(shadow, database_settings)?;
        shadow.replay_migrations(&self.migrations[..start])?;
        let read = || crate::read::database(shadow.url(), database_settings);
        for (migration, shown) in self.migrations.iter().zip(&self.shown).skip(start) {
            let before = self.is_selected(migration).then(read).transpose()?;
            if let Some(before) = &before {
                self.lint(report, migration, shown, before)?;
            }
            shadow.replay_migrations(std::slice::from_ref(migration))?;
            if let (Some(before), true) = (&before, self.diagrams) {
                report.draw(before, &read()?, self.default_namespace);
            }
            if !self.selected.iter().any(|s| s > &migration.name) {
                break;
            }
        }
        Ok(())
    }

    fn is_selected(&self, migration: &crate::history::folder::LocalMigration) -> bool {
        self.selected.contains(&migration.name)
    }

    fn lint(
        &self,
        report: &mut Report,
        migration: &crate::history::folder::LocalMigration,
        shown: &str,
        before: &plumb_ir::Schema,
    ) -> Result<(), Error> {
        report.add(
            &migration.name,
            shown,
            &migration.script,
            before,
            self.default_namespace,
            &self.settings,
        )
    }
}

/// How big the tables of the database at `url` are.
fn table_sizes(
    url: &str,
    namespaces: &[&str],
    default_namespace: &str,
) -> Result<Vec<plumb_introspect::TableSize>, Error> {
    let url = plumb_introspect::ConnectionUrl::parse(url)?;
    // Only read: nothing created, unlike the commands that write.
    let mut client = plumb_introspect::connect(&url)?;
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

/// Where each line of a script starts: a finding's line and column in
/// time that does not grow with the script (a diff's script can hold
/// thousands of findings).
struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn of(text: &'a str) -> Lines<'a> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { text, starts }
    }

    /// 1-based line and column (in characters) of a byte offset.
    fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let start = self.starts[line];
        let column = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().count());
        (line + 1, column + 1)
    }
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
