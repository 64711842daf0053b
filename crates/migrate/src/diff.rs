//! `migrate diff`: the difference between two schemas as a summary or a
//! SQL script. Schema-to-schema needs no database; a database side is read
//! by introspection.

use std::path::{Path, PathBuf};

use plumb_introspect::redacted;
use plumb_psl::LoadedSchema;

use crate::Error;
use crate::datasource::DatasourceUrl;
pub use crate::offline::ReplayMode;
use crate::read::DatabaseSettings;
use crate::renames::Decided;

/// One side of a comparison.
#[derive(Clone)]
pub enum Source {
    Empty,
    /// A schema file or folder.
    Schema(PathBuf),
    /// A live database, by connection URL.
    Url(String),
    /// The database at the `url` of a schema's datasource (literal or
    /// `env("…")`), read with that datasource's `schemas`.
    SchemaDatasource(PathBuf),
    /// The database at `DATABASE_URL`, from the environment or a `.env`
    /// file in the working directory (Prisma 7's config datasource).
    ConfigDatasource,
    /// A migrations folder, replayed offline or in a shadow database as
    /// `replay` says: `shadow` (reset and reused), else
    /// `SHADOW_DATABASE_URL`, else a temporary database on
    /// `DATABASE_URL`'s server.
    Migrations {
        folder: PathBuf,
        shadow: Option<String>,
        replay: ReplayMode,
    },
}

/// Without passwords.
impl std::fmt::Debug for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Empty => f.write_str("Empty"),
            Source::Schema(path) => f.debug_tuple("Schema").field(path).finish(),
            Source::Url(url) => f.debug_tuple("Url").field(&redacted(url)).finish(),
            Source::SchemaDatasource(path) => {
                f.debug_tuple("SchemaDatasource").field(path).finish()
            }
            Source::ConfigDatasource => f.write_str("ConfigDatasource"),
            Source::Migrations {
                folder,
                shadow,
                replay,
            } => f
                .debug_struct("Migrations")
                .field("folder", folder)
                .field("shadow", &shadow.as_deref().map(redacted))
                .field("replay", replay)
                .finish(),
        }
    }
}

/// The `--from-*` (or `--to-*`) flags of one side, as given.
#[derive(Clone, Copy, Default)]
pub struct SideFlags<'a> {
    pub empty: bool,
    pub schema: Option<&'a Path>,
    pub url: Option<&'a str>,
    pub schema_datasource: Option<&'a Path>,
    pub config_datasource: bool,
    pub migrations: Option<&'a Path>,
}

/// Without passwords.
impl std::fmt::Debug for SideFlags<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SideFlags")
            .field("empty", &self.empty)
            .field("schema", &self.schema)
            .field("url", &self.url.map(redacted))
            .field("schema_datasource", &self.schema_datasource)
            .field("config_datasource", &self.config_datasource)
            .field("migrations", &self.migrations)
            .finish()
    }
}

impl Source {
    /// The one source `flags` name for `side` (`from` or `to`), with
    /// Prisma's message when there are more or none; `shadow` is the
    /// shadow database for a migrations folder.
    pub fn from_flags(
        side: &str,
        flags: &SideFlags<'_>,
        shadow: Option<&str>,
    ) -> Result<Source, Error> {
        let count = [
            flags.empty,
            flags.schema.is_some(),
            flags.url.is_some(),
            flags.schema_datasource.is_some(),
            flags.config_datasource,
            flags.migrations.is_some(),
        ]
        .into_iter()
        .filter(|given| *given)
        .count();
        if count != 1 {
            return Err(Error::plain(crate::messages::diff_sides(side, count)));
        }
        Ok(if flags.empty {
            Source::Empty
        } else if let Some(path) = flags.schema {
            Source::Schema(path.to_path_buf())
        } else if let Some(url) = flags.url {
            Source::Url(url.to_string())
        } else if let Some(path) = flags.schema_datasource {
            Source::SchemaDatasource(path.to_path_buf())
        } else if flags.config_datasource {
            Source::ConfigDatasource
        } else {
            Source::Migrations {
                folder: flags.migrations.map(Path::to_path_buf).unwrap_or_default(),
                shadow: shadow.map(str::to_string),
                replay: ReplayMode::default(),
            }
        })
    }

    /// A migrations folder replayed as `mode` says; other sources as they
    /// are.
    pub fn with_replay(self, mode: ReplayMode) -> Source {
        match self {
            Source::Migrations { folder, shadow, .. } => Source::Migrations {
                folder,
                shadow,
                replay: mode,
            },
            other => other,
        }
    }

    /// Whether comparing this side may make a shadow database.
    pub fn makes_shadow_database(&self) -> bool {
        matches!(self, Source::Migrations { replay, .. } if *replay != ReplayMode::Offline)
    }

    /// Where the side's schema is read from, as the summary tells.
    fn origin(&self) -> plumb_render::Origin {
        if self.is_database() {
            plumb_render::Origin::Database
        } else {
            plumb_render::Origin::Schema
        }
    }

    fn is_database(&self) -> bool {
        matches!(
            self,
            Source::Url(_)
                | Source::SchemaDatasource(_)
                | Source::ConfigDatasource
                | Source::Migrations { .. }
        )
    }
}

/// What to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Summary,
    Script,
    /// The script in the online plan's safe forms.
    OnlineScript,
}

/// The result: the text (ending with a newline), whether the schemas
/// differ, notes for standard error (a replay that fell back to a shadow
/// database), and both sides' schemas (for linting the script).
#[derive(Debug)]
pub struct Diff {
    pub text: String,
    pub differs: bool,
    /// The renames made first, and the candidates left alone.
    pub renames: Decided,
    pub notes: Vec<String>,
    pub from: plumb_ir::Schema,
    pub to: plumb_ir::Schema,
    /// The source's URL when it is a database (whose table sizes weigh
    /// the script's hazards).
    pub from_url: Option<String>,
}

/// Compares `from` with `to`.
pub fn diff(from: &Source, to: &Source, output: Output) -> Result<Diff, Error> {
    diff_renaming(from, to, output, &mut |_| Decided::default())
}

/// Compares `from` with `to`, with the rename candidates `decide` keeps
/// made first.
pub fn diff_renaming(
    from: &Source,
    to: &Source,
    output: Output,
    decide: crate::plan::Decide<'_>,
) -> Result<Diff, Error> {
    let mut notes = Vec::new();
    let (from_ir, to_ir) = both_irs(from, to, &mut notes)?;
    let renames = decide(&plumb_diff::renames::candidates(&from_ir, &to_ir));
    let renamed = plumb_diff::renames::apply(&from_ir, &renames.chosen);
    let migration = plumb_diff::diff(&renamed, &to_ir);
    let renamed_sql = plumb_render::renames(&from_ir, &renames.chosen);
    let mut text = match output {
        Output::Summary => {
            let summary = plumb_render::summary(&migration, [from.origin(), to.origin()]);
            let lines: Vec<String> = renames
                .described
                .iter()
                .map(|what| crate::messages::renamed(what))
                .collect();
            match (lines.is_empty(), migration.steps.is_empty()) {
                (true, _) => summary,
                (false, true) => lines.join("\n"),
                (false, false) => format!("{}\n{summary}", lines.join("\n")),
            }
        }
        Output::Script => crate::plan::with_renames(renamed_sql, plumb_render::script(&migration)),
        Output::OnlineScript => crate::plan::with_renames(
            renamed_sql,
            plumb_render::script_with(&migration, plumb_render::Plan::Online),
        ),
    };
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let from_url = match from {
        Source::Url(_) | Source::SchemaDatasource(_) | Source::ConfigDatasource => {
            database_url(from, &mut DatabaseSettings::default())?
        }
        _ => None,
    };
    Ok(Diff {
        text,
        differs: !migration.steps.is_empty() || !renames.chosen.is_empty(),
        renames,
        notes,
        from: from_ir,
        to: to_ir,
        from_url,
    })
}

/// The `/* Warnings: */` block a migration from `from` to `to` would
/// start with (empty when nothing may be lost).
pub fn warnings(from: &Source, to: &Source) -> Result<String, Error> {
    let (from_ir, to_ir) = both_irs(from, to, &mut Vec::new())?;
    let migration = plumb_diff::diff(&from_ir, &to_ir);
    Ok(plumb_render::warnings_block(&plumb_diff::checks::check(
        &migration,
    )))
}

/// Schemas read together up to this size are read on two threads; larger
/// ones one after the other, so that only one syntax tree is alive at a
/// time (memory, not time, is what grows with them).
const PARALLEL_READ_LIMIT: u64 = 4 << 20;

/// Both sides' IRs, ready to diff; `from`'s error first when both fail.
fn both_irs(
    from: &Source,
    to: &Source,
    notes: &mut Vec<String>,
) -> Result<(plumb_ir::Schema, plumb_ir::Schema), Error> {
    let (mut from_ir, mut to_ir, settings) = if from.is_database() || to.is_database() {
        with_databases(from, to, notes)?
    } else {
        let (from_ir, to_ir) = schemas_only(from, to)?;
        // Only schemas with `partialIndexes` can state a partial index.
        let compare_all = DatabaseSettings {
            partial_indexes: true,
            ..DatabaseSettings::default()
        };
        (from_ir, to_ir, compare_all)
    };
    crate::read::align(&mut from_ir, &mut to_ir, &settings);
    Ok((from_ir, to_ir))
}

/// Both sides' IRs when neither is a database.
fn schemas_only(from: &Source, to: &Source) -> Result<(plumb_ir::Schema, plumb_ir::Schema), Error> {
    let size = |source: &Source| match source {
        Source::Schema(path) => std::fs::metadata(path).map_or(0, |m| m.len()),
        _ => 0,
    };
    let settings = DatabaseSettings::default();
    if size(from) + size(to) > PARALLEL_READ_LIMIT {
        return Ok((side_ir(from, &settings)?, side_ir(to, &settings)?));
    }
    let (from_ir, to_ir) = std::thread::scope(|scope| {
        let from_ir = scope.spawn(|| side_ir(from, &settings));
        let to_ir = side_ir(to, &settings);
        (from_ir.join(), to_ir)
    });
    let from_ir = from_ir.unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
    Ok((from_ir, to_ir?))
}

/// One side's IR on its own (a database with its own settings).
fn side_ir(source: &Source, settings: &DatabaseSettings) -> Result<plumb_ir::Schema, Error> {
    let mut own = DatabaseSettings::default();
    match source {
        Source::Empty => Ok(plumb_ir::Schema::empty_database()),
        Source::Schema(path) => schema_ir(path, &mut own),
        Source::Url(url) => database_ir(url, settings),
        Source::SchemaDatasource(_) | Source::ConfigDatasource => {
            let url = database_url(source, &mut own)?.unwrap_or_default();
            database_ir(&url, &own)
        }
        Source::Migrations { .. } => migrations_ir(source, settings, None, &mut Vec::new()),
    }
}

/// A migrations folder's IR, replayed as its source says; a schema on the
/// other side (`counterpart`) takes a shadow database's stored defaults.
fn migrations_ir(
    source: &Source,
    settings: &DatabaseSettings,
    counterpart: Option<&mut plumb_ir::Schema>,
    notes: &mut Vec<String>,
) -> Result<plumb_ir::Schema, Error> {
    let Source::Migrations {
        folder,
        shadow,
        replay,
    } = source
    else {
        return Err(Error::plain("not a migrations folder"));
    };
    // As Prisma: the lock file says which database the folder is for.
    if !folder.join("migration_lock.toml").is_file() {
        return Err(Error::plain(crate::messages::NO_LOCK_FILE));
    }
    crate::history::folder::check_provider(folder)?;
    if *replay != ReplayMode::Shadow {
        let namespaces: Vec<&str> = settings.schemas.iter().map(String::as_str).collect();
        let default_namespace = crate::offline::default_namespace(shadow.as_deref());
        match crate::offline::replay(folder, &default_namespace, &namespaces)? {
            crate::offline::Offline::Replayed(mut ir) => {
                if !settings.extensions {
                    ir.extensions.clear();
                }
                if let Some(schema) = counterpart {
                    let candidates = crate::stored_defaults::Candidates::of(&ir, schema);
                    crate::stored_defaults::align_offline(schema, candidates, &default_namespace);
                }
                return Ok(ir);
            }
            crate::offline::Offline::Refused(refusal) => {
                let forced = *replay == ReplayMode::Offline;
                if forced || !crate::offline::shadow_available(shadow.as_deref()) {
                    let shown = refusal.render(plumb_diagnostics::ColorChoice::Never);
                    return Err(Error::plain(crate::messages::replay_refused(
                        &shown, forced,
                    )));
                }
                notes.push(crate::messages::replay_falls_back(
                    &refusal.location(),
                    &refusal.reason,
                ));
            }
        }
    }
    // Dropped (a temporary one) as soon as it has been read.
    let shadow = replayed(folder, shadow.as_deref(), settings)?;
    let ir = read_database(shadow.url(), settings)?;
    defaults_by_meaning(shadow.url(), &ir, counterpart);
    Ok(ir)
}

/// A migrations folder's IR, replayed as its source says, against
/// `schema` (which takes the folder's stored defaults where they mean the
/// same).
pub(crate) fn database_side_ir(
    source: &Source,
    settings: &DatabaseSettings,
    schema: &mut plumb_ir::Schema,
) -> Result<plumb_ir::Schema, Error> {
    migrations_ir(source, settings, Some(schema), &mut Vec::new())
}

/// A shadow database with `folder`'s migrations replayed in it.
fn replayed(
    folder: &Path,
    shadow: Option<&str>,
    settings: &DatabaseSettings,
) -> Result<crate::shadow::Shadow, Error> {
    let shadow = empty_shadow(shadow, settings)?;
    shadow.replay(folder)?;
    Ok(shadow)
}

/// An empty shadow database: `shadow`, else `SHADOW_DATABASE_URL`, else a
/// temporary one on `DATABASE_URL`'s server.
pub(crate) fn empty_shadow(
    shadow: Option<&str>,
    settings: &DatabaseSettings,
) -> Result<crate::shadow::Shadow, Error> {
    let parse = |url: &str| plumb_introspect::ConnectionUrl::parse(url).map_err(Error::from);
    let configured = shadow
        .map(str::to_string)
        .or_else(|| crate::env::var("SHADOW_DATABASE_URL", &[Path::new(".")]));
    let main = crate::env::var("DATABASE_URL", &[Path::new(".")])
        .map(|url| parse(&url))
        .transpose()?;
    let shadow = match (configured, main) {
        (Some(url), main) => {
            let schemas: Vec<String> = settings.schemas.iter().cloned().collect();
            crate::shadow::Shadow::configured(&parse(&url)?, main.as_ref(), &schemas)?
        }
        (None, Some(main)) => crate::shadow::Shadow::temporary(&main)?,
        (None, None) => return Err(Error::plain(crate::messages::NO_SHADOW_DATABASE)),
    };
    Ok(shadow)
}

/// The connection URL of a database side (`None` for other sides); a
/// schema datasource's `schemas` go into `settings`.
fn database_url(source: &Source, settings: &mut DatabaseSettings) -> Result<Option<String>, Error> {
    match source {
        Source::Empty | Source::Schema(_) | Source::Migrations { .. } => Ok(None),
        Source::Url(url) => Ok(Some(url.clone())),
        Source::ConfigDatasource => crate::env::var("DATABASE_URL", &[Path::new(".")])
            .map(Some)
            .ok_or_else(|| Error::plain(crate::messages::NO_DATABASE_URL_VARIABLE)),
        Source::SchemaDatasource(path) => {
            let loaded = load_valid(path)?;
            let declarations = plumb_psl::schema::Declarations::collect(&loaded.asts);
            if let Some(schemas) = declarations.declared_schemas() {
                settings
                    .schemas
                    .extend(schemas.into_iter().map(str::to_string));
            }
            let directory = path.parent().unwrap_or(Path::new("."));
            match crate::datasource::url(&declarations, directory) {
                DatasourceUrl::Found(url) => Ok(Some(url)),
                DatasourceUrl::MissingVariable(name) => {
                    Err(Error::plain(crate::messages::variable_not_found(&name)))
                }
                DatasourceUrl::Absent => {
                    Err(Error::plain(crate::messages::datasource_without_url(path)))
                }
            }
        }
    }
}

/// Sides of which at least one is a database: the schema sides first, for
/// the namespaces and preview features the databases are read with.
fn with_databases(
    from: &Source,
    to: &Source,
    notes: &mut Vec<String>,
) -> Result<(plumb_ir::Schema, plumb_ir::Schema, DatabaseSettings), Error> {
    // A side as far as it can be read before every schema side is known.
    enum Side {
        Read(plumb_ir::Schema),
        Url(String),
        Migrations(Source),
    }
    fn offline(source: &Source, settings: &mut DatabaseSettings) -> Result<Side, Error> {
        Ok(match source {
            Source::Empty => Side::Read(plumb_ir::Schema::empty_database()),
            Source::Schema(path) => Side::Read(schema_ir(path, settings)?),
            Source::Migrations { .. } => Side::Migrations(source.clone()),
            _ => Side::Url(database_url(source, settings)?.unwrap_or_default()),
        })
    }
    let mut settings = DatabaseSettings::default();
    let from_side = offline(from, &mut settings)?;
    let to_side = offline(to, &mut settings)?;
    // A database side is read while it is at hand, and a schema on the
    // other side takes its defaults' stored form where they mean the same.
    let mut online = |side: Side,
                      counterpart: Option<&mut plumb_ir::Schema>|
     -> Result<plumb_ir::Schema, Error> {
        match side {
            Side::Read(ir) => Ok(ir),
            Side::Url(url) => {
                let url = plumb_introspect::ConnectionUrl::parse(&url)?;
                let ir = read_database(&url, &settings)?;
                defaults_by_meaning(&url, &ir, counterpart);
                Ok(ir)
            }
            Side::Migrations(source) => migrations_ir(&source, &settings, counterpart, notes),
        }
    };
    let (from_ir, to_ir) = match (from_side, to_side) {
        (Side::Read(mut from_ir), to_side) => {
            let to_ir = online(to_side, Some(&mut from_ir))?;
            (from_ir, to_ir)
        }
        (from_side, Side::Read(mut to_ir)) => {
            let from_ir = online(from_side, Some(&mut to_ir))?;
            (from_ir, to_ir)
        }
        (from_side, to_side) => (online(from_side, None)?, online(to_side, None)?),
    };
    Ok((from_ir, to_ir, settings))
}

/// See `stored_defaults`: a connection is made only when some default
/// differs.
fn defaults_by_meaning(
    url: &plumb_introspect::ConnectionUrl,
    database: &plumb_ir::Schema,
    schema: Option<&mut plumb_ir::Schema>,
) {
    let Some(schema) = schema else { return };
    let candidates = crate::stored_defaults::Candidates::of(database, schema);
    if candidates.is_empty() {
        return;
    }
    if let Ok(mut client) = plumb_introspect::connect(url) {
        crate::stored_defaults::align(&mut client, schema, candidates);
    }
}

/// Reads a database the way Prisma's engine does for a diff.
fn database_ir(url: &str, settings: &DatabaseSettings) -> Result<plumb_ir::Schema, Error> {
    read_database(&plumb_introspect::ConnectionUrl::parse(url)?, settings)
}

/// A schema file's IR; what it says about reading databases goes into
/// `settings`.
fn schema_ir(path: &Path, settings: &mut DatabaseSettings) -> Result<plumb_ir::Schema, Error> {
    Ok(crate::read::lower(&load_valid(path)?, settings))
}

/// Reads a database with `settings`, a failure as `migrate diff` reports it.
fn read_database(
    url: &plumb_introspect::ConnectionUrl,
    settings: &DatabaseSettings,
) -> Result<plumb_ir::Schema, Error> {
    crate::read::database(url, settings).map_err(Error::connection_as_engine_error)
}

/// Reads and validates a schema; Prisma requires a datasource to diff it.
fn load_valid(path: &Path) -> Result<LoadedSchema, Error> {
    let (_, loaded) = crate::schema::valid(path.to_path_buf(), plumb_psl::load(path)?)?;
    let has_datasource = loaded.asts.iter().any(|(_, file)| {
        file.tops
            .iter()
            .any(|top| matches!(top, plumb_psl::ast::Top::Datasource(_)))
    });
    if !has_datasource {
        return Err(Error::plain(crate::messages::NO_DATASOURCE));
    }
    Ok(loaded)
}
