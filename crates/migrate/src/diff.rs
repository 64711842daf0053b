//! `migrate diff`: the difference between two schemas as a summary or a
//! SQL script. Schema-to-schema needs no database; a database side is read
//! by introspection.

use std::path::{Path, PathBuf};

use plumb_psl::LoadedSchema;

use crate::datasource::DatasourceUrl;
use crate::read::{DatabaseSettings, ReadError};

/// One side of a comparison.
#[derive(Debug, Clone)]
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
    /// A migrations folder, replayed in a shadow database: `shadow` (reset
    /// and reused), else `SHADOW_DATABASE_URL`, else a temporary database
    /// on `DATABASE_URL`'s server.
    Migrations {
        folder: PathBuf,
        shadow: Option<String>,
    },
}

impl Source {
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
}

/// The result: the text (ending with a newline) and whether the schemas
/// differ.
#[derive(Debug)]
pub struct Diff {
    pub text: String,
    pub differs: bool,
}

#[derive(Debug)]
pub enum DiffError {
    /// A schema could not be read or is invalid; its diagnostics are in
    /// the loaded schema, for the caller to print.
    InvalidSchema {
        path: PathBuf,
        loaded: Box<LoadedSchema>,
    },
    /// A database could not be reached or read: Prisma's code (`P1001`)
    /// and message.
    Database { code: &'static str, message: String },
    /// Anything else, in words.
    Message(String),
}

/// Compares `from` with `to`.
pub fn diff(from: &Source, to: &Source, output: Output) -> Result<Diff, DiffError> {
    let (from_ir, to_ir) = both_irs(from, to)?;
    let migration = plumb_diff::diff(&from_ir, &to_ir);
    let mut text = match output {
        Output::Summary => plumb_render::summary(&migration),
        Output::Script => plumb_render::script(&migration),
    };
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(Diff {
        text,
        differs: !migration.steps.is_empty(),
    })
}

/// The `/* Warnings: */` block a migration from `from` to `to` would
/// start with (empty when nothing may be lost).
pub fn warnings(from: &Source, to: &Source) -> Result<String, DiffError> {
    let (from_ir, to_ir) = both_irs(from, to)?;
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
fn both_irs(from: &Source, to: &Source) -> Result<(plumb_ir::Schema, plumb_ir::Schema), DiffError> {
    let (mut from_ir, mut to_ir) = read_both(from, to)?;
    crate::read::align(&mut from_ir, &mut to_ir);
    Ok((from_ir, to_ir))
}

/// Both sides' IRs as read.
fn read_both(
    from: &Source,
    to: &Source,
) -> Result<(plumb_ir::Schema, plumb_ir::Schema), DiffError> {
    if from.is_database() || to.is_database() {
        return with_databases(from, to);
    }
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
fn side_ir(source: &Source, settings: &DatabaseSettings) -> Result<plumb_ir::Schema, DiffError> {
    let mut own = DatabaseSettings::default();
    match source {
        Source::Empty => Ok(plumb_ir::Schema::empty_database()),
        Source::Schema(path) => schema_ir(path, &mut own),
        Source::Url(url) => database_ir(url, settings),
        Source::SchemaDatasource(_) | Source::ConfigDatasource => {
            let url = database_url(source, &mut own)?.unwrap_or_default();
            database_ir(&url, &own)
        }
        Source::Migrations { folder, shadow } => {
            let shadow = replayed(folder, shadow.as_deref(), settings)?;
            read_database(shadow.url(), settings)
        }
    }
}

/// A shadow database with `folder`'s migrations replayed in it.
fn replayed(
    folder: &Path,
    shadow: Option<&str>,
    settings: &DatabaseSettings,
) -> Result<crate::shadow::Shadow, DiffError> {
    // As Prisma: the lock file says which database the folder is for.
    if !folder.join("migration_lock.toml").is_file() {
        return Err(DiffError::Message(
            "Could not determine the connector from the migrations directory (missing migration_lock.toml).".to_string(),
        ));
    }
    crate::history::folder::check_provider(folder).map_err(|error| DiffError::Database {
        code: error.code,
        message: error.message,
    })?;
    let parse = |url: &str| {
        plumb_introspect::ConnectionUrl::parse(url).map_err(|invalid| DiffError::Database {
            code: "P1013",
            message: invalid.to_string(),
        })
    };
    let command = |error: crate::database::CommandError| match error.code {
        Some(code) => DiffError::Database {
            code,
            message: error.message,
        },
        None => DiffError::Message(error.message),
    };
    let configured = shadow
        .map(str::to_string)
        .or_else(|| crate::env::var("SHADOW_DATABASE_URL", &[Path::new(".")]));
    let main = crate::env::var("DATABASE_URL", &[Path::new(".")])
        .map(|url| parse(&url))
        .transpose()?;
    let shadow = match (configured, main) {
        (Some(url), main) => {
            let schemas: Vec<String> = settings.schemas.iter().cloned().collect();
            crate::shadow::Shadow::configured(&parse(&url)?, main.as_ref(), &schemas)
                .map_err(command)?
        }
        (None, Some(main)) => crate::shadow::Shadow::temporary(&main).map_err(command)?,
        (None, None) => {
            return Err(DiffError::Message(
                "A migrations folder is replayed in a shadow database: pass --shadow-database-url, or set SHADOW_DATABASE_URL or DATABASE_URL (a temporary database is made on its server)."
                    .to_string(),
            ));
        }
    };
    shadow.replay(folder).map_err(command)?;
    Ok(shadow)
}

/// The connection URL of a database side (`None` for other sides); a
/// schema datasource's `schemas` go into `settings`.
fn database_url(
    source: &Source,
    settings: &mut DatabaseSettings,
) -> Result<Option<String>, DiffError> {
    match source {
        Source::Empty | Source::Schema(_) | Source::Migrations { .. } => Ok(None),
        Source::Url(url) => Ok(Some(url.clone())),
        Source::ConfigDatasource => crate::env::var("DATABASE_URL", &[Path::new(".")])
            .map(Some)
            .ok_or_else(|| {
                DiffError::Message(
                    "Environment variable not found: DATABASE_URL. Set it, or put it in a .env file in the working directory."
                        .to_string(),
                )
            }),
        Source::SchemaDatasource(path) => {
            let loaded = load_valid(path)?;
            let declarations = plumb_psl::schema::Declarations::collect(&loaded.asts);
            if let Some(schemas) = declarations.declared_schemas() {
                settings.schemas.extend(schemas.into_iter().map(str::to_string));
            }
            let directory = path.parent().unwrap_or(Path::new("."));
            match crate::datasource::url(&declarations, directory) {
                DatasourceUrl::Found(url) => Ok(Some(url)),
                DatasourceUrl::MissingVariable(name) => Err(DiffError::Message(format!(
                    "Environment variable not found: {name}."
                ))),
                DatasourceUrl::Absent => Err(DiffError::Message(format!(
                    "The datasource in {} has no `url`: give the database with --from-url / --to-url instead.",
                    path.display()
                ))),
            }
        }
    }
}

/// Sides of which at least one is a database: the schema sides first, for
/// the namespaces and preview features the databases are read with.
fn with_databases(
    from: &Source,
    to: &Source,
) -> Result<(plumb_ir::Schema, plumb_ir::Schema), DiffError> {
    // A side as far as it can be read before every schema side is known.
    enum Side {
        Read(plumb_ir::Schema),
        Url(String),
        Migrations(PathBuf, Option<String>),
    }
    fn offline(source: &Source, settings: &mut DatabaseSettings) -> Result<Side, DiffError> {
        Ok(match source {
            Source::Empty => Side::Read(plumb_ir::Schema::empty_database()),
            Source::Schema(path) => Side::Read(schema_ir(path, settings)?),
            Source::Migrations { folder, shadow } => {
                Side::Migrations(folder.clone(), shadow.clone())
            }
            _ => Side::Url(database_url(source, settings)?.unwrap_or_default()),
        })
    }
    let mut settings = DatabaseSettings::default();
    let from_ir = offline(from, &mut settings)?;
    let to_ir = offline(to, &mut settings)?;
    let online = |side: Side| match side {
        Side::Read(ir) => Ok(ir),
        Side::Url(url) => database_ir(&url, &settings),
        Side::Migrations(folder, shadow) => {
            // Dropped (a temporary one) as soon as it has been read.
            let shadow = replayed(&folder, shadow.as_deref(), &settings)?;
            read_database(shadow.url(), &settings)
        }
    };
    Ok((online(from_ir)?, online(to_ir)?))
}

/// Reads a database the way Prisma's engine does for a diff.
fn database_ir(url: &str, settings: &DatabaseSettings) -> Result<plumb_ir::Schema, DiffError> {
    let url =
        plumb_introspect::ConnectionUrl::parse(url).map_err(|invalid| DiffError::Database {
            code: "P1013",
            message: invalid.to_string(),
        })?;
    read_database(&url, settings)
}

/// A schema file's IR; what it says about reading databases goes into
/// `settings`.
fn schema_ir(path: &Path, settings: &mut DatabaseSettings) -> Result<plumb_ir::Schema, DiffError> {
    Ok(crate::read::lower(&load_valid(path)?, settings))
}

/// Reads a database with `settings`, a failure as `migrate diff` reports it.
fn read_database(
    url: &plumb_introspect::ConnectionUrl,
    settings: &DatabaseSettings,
) -> Result<plumb_ir::Schema, DiffError> {
    crate::read::database(url, settings).map_err(|error| match error {
        ReadError::Connect(error) => DiffError::Database {
            code: error.code,
            message: error.message,
        },
        ReadError::Catalog(message) => DiffError::Database {
            code: "P1001",
            message,
        },
    })
}

/// Reads and validates a schema; Prisma requires a datasource to diff it.
fn load_valid(path: &Path) -> Result<LoadedSchema, DiffError> {
    let mut loaded = plumb_psl::load(path).map_err(DiffError::Message)?;
    plumb_psl::validate(&loaded.asts, &mut loaded.diagnostics);
    if loaded.diagnostics.has_errors() {
        return Err(DiffError::InvalidSchema {
            path: path.to_path_buf(),
            loaded: Box::new(loaded),
        });
    }
    let has_datasource = loaded.asts.iter().any(|(_, file)| {
        file.tops
            .iter()
            .any(|top| matches!(top, plumb_psl::ast::Top::Datasource(_)))
    });
    if !has_datasource {
        return Err(DiffError::Message(
            "There is no datasource in the schema.".to_string(),
        ));
    }
    Ok(loaded)
}
