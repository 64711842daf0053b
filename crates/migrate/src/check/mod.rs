//! `migrate check`: the CI check that needs no database. Does the
//! migrations folder build exactly what the schema says (replayed
//! offline)? Is the folder sound — lock file, names, scripts, no migration
//! edited after it was merged, none created on a parallel branch and
//! ordered before migrations it never saw? With a database, also: is its
//! history the folder's, and has it drifted from what the folder builds?
//! Every problem is a [`Finding`]; the report renders as text, JSON or
//! GitHub annotations (`report.rs`).

mod folder_checks;
mod git;
pub mod report;

use std::path::Path;

use crate::offline::ReplayMode;
use crate::read::DatabaseSettings;
use crate::{Error, messages};

/// What to check.
#[derive(Debug, Default, Clone, Copy)]
pub struct Options<'a> {
    pub schema: Option<&'a Path>,
    /// A database to check against the folder too.
    pub url: Option<&'a str>,
    /// Where to replay what the offline replay cannot model.
    pub shadow: Option<&'a str>,
    /// The git branch migrations are merged into (default: the remote's
    /// default branch, else `main` or `master`).
    pub base: Option<&'a str>,
    pub replay: ReplayMode,
}

/// One problem found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// A stable code, documented in the README (`schema-not-migrated`).
    pub code: &'static str,
    pub message: String,
    pub location: Option<Location>,
    /// What a reviewer needs next: the summary and SQL of the missing
    /// migration, the failing statement, the branch to rebase onto.
    pub details: Option<String>,
}

/// Where a finding is: a file, and a line and column when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl Location {
    pub fn file(path: impl Into<String>) -> Location {
        Location {
            path: path.into(),
            line: None,
            column: None,
        }
    }

    pub fn at(path: impl Into<String>, line: usize, column: usize) -> Location {
        Location {
            path: path.into(),
            line: Some(line),
            column: Some(column),
        }
    }
}

/// What was checked and what was found.
#[derive(Debug, Clone)]
pub struct Report {
    pub schema: String,
    pub migrations: String,
    pub migration_count: usize,
    /// `offline` or `shadow database`.
    pub replayed: &'static str,
    pub database: bool,
    pub findings: Vec<Finding>,
    /// What was not checked, and why (no git, no base branch).
    pub notes: Vec<String>,
}

impl Report {
    /// 0 clean, 2 a finding.
    pub fn exit_status(&self) -> u8 {
        if self.findings.is_empty() { 0 } else { 2 }
    }
}

/// Runs every check.
pub fn check(options: &Options<'_>) -> Result<Report, Error> {
    let (schema_path, loaded) = crate::schema::load_valid(options.schema)?;
    let folder = crate::datasource::migrations_folder(&schema_path, &loaded)?.path;
    let mut settings = DatabaseSettings::default();
    let mut schema_ir = crate::read::lower(&loaded, &mut settings);
    let mut report = Report {
        schema: shown(&schema_path),
        migrations: shown(&folder),
        migration_count: 0,
        replayed: "offline",
        database: options.url.is_some(),
        findings: Vec::new(),
        notes: Vec::new(),
    };

    let migrations = folder_checks::check(&folder, &mut report.findings);
    report.migration_count = migrations.len();

    let namespaces: Vec<&str> = settings.schemas.iter().map(String::as_str).collect();
    let default_namespace = crate::offline::default_namespace(options.shadow);
    let folder_ir = match replay_folder(
        options,
        &folder,
        &migrations,
        (&default_namespace, &namespaces),
        &settings,
        &mut schema_ir,
        &mut report,
    )? {
        Some(ir) => ir,
        None => return Ok(report),
    };

    if let Some(finding) = schema_not_migrated(
        &report,
        &folder_ir.0,
        folder_ir.1.as_ref(),
        &schema_ir,
        &settings,
    ) {
        report.findings.push(finding);
    }

    down_checks(
        &folder,
        &migrations,
        (&default_namespace, &namespaces),
        &mut report,
    );

    match git::check(&folder, options.base, folder_ir.1.as_ref()) {
        Ok(found) => report.findings.extend(found),
        Err(note) => report.notes.push(note),
    }

    if let Some(url) = options.url {
        database_checks(url, &folder, &folder_ir.0, &settings, &mut report)?;
    }
    Ok(report)
}

/// Each migration's `down.sql`, replayed after it, must give back the
/// schema before it: a down script that fails, or leaves something of the
/// migration behind, is a finding.
fn down_checks(
    folder: &Path,
    migrations: &[crate::history::folder::LocalMigration],
    (default_namespace, namespaces): (&str, &[&str]),
    report: &mut Report,
) {
    let down_of = |name: &str| folder.join(name).join(crate::down::DOWN_FILE);
    if !migrations.iter().any(|m| down_of(&m.name).is_file()) {
        return;
    }
    let mut replay = plumb_replay::Replay::new(default_namespace);
    for migration in migrations {
        let down_path = down_of(&migration.name);
        let down = std::fs::read_to_string(&down_path).ok();
        // Only a migration with a down script needs the schema before it.
        let before = down.as_ref().map(|_| replay.schema(namespaces));
        let path = folder.join(&migration.name).join("migration.sql");
        let path = path.display().to_string();
        let up = plumb_replay::Migration {
            name: &migration.name,
            path: &path,
            script: &migration.script,
        };
        if replay.apply(&up).is_err() {
            // Reported as migration-fails; nothing after it can be checked.
            return;
        }
        let (Some(down), Some(before)) = (down, before) else {
            continue;
        };
        let shown_path = shown(&down_path);
        let mut undone = replay.clone();
        let script = plumb_replay::Migration {
            name: &migration.name,
            path: &shown_path,
            script: &down,
        };
        if let Err(refusal) = undone.apply(&script) {
            report.findings.push(Finding {
                code: "down-script-fails",
                message: messages::check_down_fails(&migration.name, &refusal.reason),
                location: Some(Location::at(shown_path, refusal.line, refusal.column)),
                details: Some(refusal.statement.clone()),
            });
            continue;
        }
        let after_down = undone.schema(namespaces);
        let left = plumb_diff::diff(&after_down, &before);
        if !left.steps.is_empty() {
            let summary = plumb_render::summary(
                &left,
                [
                    plumb_render::Origin::Database,
                    plumb_render::Origin::Database,
                ],
            );
            report.findings.push(Finding {
                code: "down-script-incomplete",
                message: messages::check_down_incomplete(&migration.name),
                location: Some(Location::file(shown_path)),
                details: Some(summary),
            });
        }
    }
}

/// A path as the user should see it: relative to the working directory
/// when inside it.
fn shown(path: &Path) -> String {
    let here = std::env::current_dir().unwrap_or_default();
    path.strip_prefix(&here)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// The folder's IR, and the offline replay when it was the one used
/// (it knows which migration last changed each table). `None` when a
/// migration would fail: that is the finding, and nothing after it can be
/// compared. The schema's defaults take the folder's words where
/// PostgreSQL stores both alike, as `migrate diff` compares them.
fn replay_folder(
    options: &Options<'_>,
    folder: &Path,
    migrations: &[crate::history::folder::LocalMigration],
    (default_namespace, namespaces): (&str, &[&str]),
    settings: &DatabaseSettings,
    schema_ir: &mut plumb_ir::Schema,
    report: &mut Report,
) -> Result<Option<(plumb_ir::Schema, Option<plumb_replay::Replay>)>, Error> {
    if options.replay != ReplayMode::Shadow {
        let (replay, refusal) = crate::offline::replayed(folder, migrations, default_namespace);
        match refusal {
            None => {
                let mut ir = replay.schema(namespaces);
                if !settings.extensions {
                    ir.extensions.clear();
                }
                let candidates = crate::stored_defaults::Candidates::of(&ir, schema_ir);
                crate::stored_defaults::align_offline(schema_ir, candidates, default_namespace);
                return Ok(Some((ir, Some(replay))));
            }
            Some(refusal) if refusal.kind == plumb_replay::RefusalKind::Fails => {
                report.findings.push(Finding {
                    code: "migration-fails",
                    message: format!(
                        "migration `{}` would fail on PostgreSQL: {}",
                        refusal.migration, refusal.reason
                    ),
                    location: Some(Location::at(
                        refusal.path.clone(),
                        refusal.line,
                        refusal.column,
                    )),
                    details: Some(refusal.render(plumb_diagnostics::ColorChoice::Never)),
                });
                return Ok(None);
            }
            Some(refusal) => {
                let forced = options.replay == ReplayMode::Offline;
                if forced || !crate::offline::shadow_available(options.shadow) {
                    let shown = refusal.render(plumb_diagnostics::ColorChoice::Never);
                    return Err(Error::plain(messages::replay_refused(&shown, forced)));
                }
                report.notes.push(messages::replay_falls_back(
                    &refusal.location(),
                    &refusal.reason,
                ));
            }
        }
    }
    let shadow = crate::diff::Source::Migrations {
        folder: folder.to_path_buf(),
        shadow: options.shadow.map(str::to_string),
        replay: ReplayMode::Shadow,
    };
    report.replayed = "shadow database";
    let ir = crate::diff::database_side_ir(&shadow, settings, schema_ir)?;
    Ok(Some((ir, None)))
}

/// The folder against the schema: the migration that is missing, if one is.
fn schema_not_migrated(
    report: &Report,
    folder_ir: &plumb_ir::Schema,
    replay: Option<&plumb_replay::Replay>,
    schema_ir: &plumb_ir::Schema,
    settings: &DatabaseSettings,
) -> Option<Finding> {
    let (mut from, mut to) = (folder_ir.clone(), schema_ir.clone());
    crate::read::align(&mut from, &mut to, settings);
    let migration = plumb_diff::diff(&from, &to);
    if migration.steps.is_empty() {
        return None;
    }
    let summary = plumb_render::summary(
        &migration,
        [plumb_render::Origin::Database, plumb_render::Origin::Schema],
    );
    let script = plumb_render::script(&migration);
    let mut details = format!(
        "{}\n\n{}\n{}",
        summary.trim(),
        messages::CHECK_MISSING_MIGRATION,
        indent(script.trim_end())
    );
    // Where each table that differs was last changed: an edited old
    // migration shows here.
    if let Some(replay) = replay {
        let mut lines = Vec::new();
        for table in changed_tables(&migration) {
            if let Some(change) = replay.last_change(&table) {
                lines.push(messages::check_last_change(
                    table.name.as_str(),
                    &format!("{}:{}:{}", change.path, change.line, change.column),
                ));
            }
        }
        if !lines.is_empty() {
            details.push_str("\n\n");
            details.push_str(&lines.join("\n"));
        }
    }
    Some(Finding {
        code: "schema-not-migrated",
        message: messages::check_schema_not_migrated(&report.schema, &report.migrations),
        location: Some(Location::file(report.schema.clone())),
        details: Some(details),
    })
}

/// The tables of the folder's side that the missing migration changes,
/// in the folder's order.
fn changed_tables(migration: &plumb_diff::Migration<'_>) -> Vec<plumb_ir::QualifiedName> {
    use plumb_diff::Step;
    let mut positions: Vec<usize> = Vec::new();
    let position_of =
        |name: &plumb_ir::QualifiedName| migration.from.tables.iter().position(|t| t.name == *name);
    for step in &migration.steps {
        let found = match step {
            Step::DropIndex { table, .. } | Step::DropTable(table) => Some(*table),
            Step::AlterTable(i) => migration.alter_tables.get(*i).map(|t| t.previous),
            Step::CreateIndex { previous, .. } => *previous,
            Step::RenameIndex { previous_table, .. } => Some(*previous_table),
            Step::DropForeignKey(i) => migration
                .from
                .foreign_keys
                .get(*i)
                .and_then(|k| position_of(&k.table)),
            Step::AddForeignKey(i) | Step::RenameForeignKey { next: i, .. } => migration
                .to
                .foreign_keys
                .get(*i)
                .and_then(|k| position_of(&k.table)),
            _ => None,
        };
        if let Some(position) = found
            && !positions.contains(&position)
        {
            positions.push(position);
        }
    }
    positions.sort_unstable();
    positions
        .into_iter()
        .map(|p| migration.from.tables[p].name)
        .collect()
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|line| {
            if line.is_empty() {
                String::new()
            } else {
                format!("    {line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The database's history against the folder, and its drift from what
/// the folder builds.
fn database_checks(
    url: &str,
    folder: &Path,
    folder_ir: &plumb_ir::Schema,
    settings: &DatabaseSettings,
    report: &mut Report,
) -> Result<(), Error> {
    let url = plumb_introspect::ConnectionUrl::parse(url)?;
    let diagnosis = crate::status::diagnose(&url, folder)?;
    let names = |list: &[String]| {
        list.iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let migration_path = |name: &str| shown(&folder.join(name).join("migration.sql"));
    if !diagnosis.has_table {
        report.findings.push(Finding {
            code: "database-not-managed",
            message: messages::CHECK_NOT_MANAGED.to_string(),
            location: None,
            details: None,
        });
        return Ok(());
    }
    if !diagnosis.unapplied.is_empty() {
        report.findings.push(Finding {
            code: "database-behind",
            message: messages::check_behind(&names(&diagnosis.unapplied)),
            location: diagnosis
                .unapplied
                .first()
                .map(|n| Location::file(migration_path(n))),
            details: None,
        });
    }
    for name in &diagnosis.failed {
        report.findings.push(Finding {
            code: "database-failed",
            message: messages::check_failed(name),
            location: Some(Location::file(migration_path(name))),
            details: None,
        });
    }
    if !diagnosis.missing_locally.is_empty() {
        report.findings.push(Finding {
            code: "database-missing-locally",
            message: messages::check_missing_locally(&names(&diagnosis.missing_locally)),
            location: None,
            details: None,
        });
    }
    for name in &diagnosis.edited {
        report.findings.push(Finding {
            code: "migration-edited",
            message: messages::check_edited_after_applied(name),
            location: Some(Location::file(migration_path(name))),
            details: None,
        });
    }
    let up_to_date = diagnosis.unapplied.is_empty()
        && diagnosis.failed.is_empty()
        && diagnosis.missing_locally.is_empty();
    if up_to_date {
        let database_ir =
            crate::read::database(&url, settings).map_err(Error::connection_as_engine_error)?;
        let (mut from, mut to) = (folder_ir.clone(), database_ir);
        crate::read::align(&mut from, &mut to, settings);
        let migration = plumb_diff::diff(&from, &to);
        if !migration.steps.is_empty() {
            let summary = plumb_render::summary(
                &migration,
                [
                    plumb_render::Origin::Database,
                    plumb_render::Origin::Database,
                ],
            );
            report.findings.push(Finding {
                code: "database-drift",
                message: messages::check_drift(&url.database),
                location: None,
                details: Some(summary.trim().to_string()),
            });
        }
    }
    Ok(())
}
