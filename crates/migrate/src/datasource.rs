//! Where a command's database is: `--url`, else the datasource's `url`
//! (a literal or `env("…")`, as Prisma 6 finds it), else `DATABASE_URL`
//! (as Prisma 7's config usually holds it); and its migrations folder.

use std::path::{Path, PathBuf};

use plumb_introspect::{ConnectionUrl, redacted};
use plumb_psl::LoadedSchema;
use plumb_psl::ast::Expression;
use plumb_psl::schema::Declarations;

use crate::{Error, messages};

/// The database a history command works on, and its migrations folder.
pub struct Target {
    pub url: ConnectionUrl,
    /// `migrations/` beside the schema, unless `plumb.toml` says otherwise
    /// or an older Prisma's layout holds the migrations (see
    /// `migrations_folder`).
    pub migrations: PathBuf,
    /// How `migrations` was found.
    pub migrations_layout: crate::migrations_folder::Layout,
    /// The datasource block's name (`db`), which Prisma's header names.
    pub datasource: String,
    /// The datasource's `schemas = [...]`; empty without one.
    pub schemas: Vec<String>,
    /// The configured shadow database: the datasource's
    /// `shadowDatabaseUrl`, else `SHADOW_DATABASE_URL`.
    pub shadow: Option<String>,
}

/// The target of the schema at `schema_path`: `given` (`--url`), else the
/// datasource's `url`, else `DATABASE_URL` from the environment or a
/// `.env` beside the schema or in the working directory.
pub fn target(
    schema_path: &Path,
    loaded: &LoadedSchema,
    given: Option<&str>,
) -> Result<Target, Error> {
    let directory = if schema_path.is_dir() {
        schema_path.to_path_buf()
    } else {
        schema_path.parent().map(PathBuf::from).unwrap_or_default()
    };
    let declarations = Declarations::collect(&loaded.asts);
    // Prisma 6's migrate commands connect through `directUrl` when the
    // datasource has one (`url` often points at a pooler such as
    // PgBouncer, where advisory locks and DDL misbehave).
    let direct = match direct_url(&declarations, &directory) {
        DatasourceUrl::Found(url) if url.is_empty() => {
            return Err(Error::plain(messages::EMPTY_DIRECT_URL));
        }
        DatasourceUrl::Found(url) => Some(url),
        DatasourceUrl::MissingVariable(name) => {
            return Err(Error::plain(messages::variable_not_found(&name)));
        }
        DatasourceUrl::Absent => None,
    };
    let text = match given.map(str::to_string).or(direct) {
        Some(url) => url,
        None => match url(&declarations, &directory) {
            DatasourceUrl::Found(url) => url,
            DatasourceUrl::MissingVariable(name) => {
                return Err(Error::plain(messages::variable_not_found(&name)));
            }
            DatasourceUrl::Absent => crate::env::var("DATABASE_URL", &[&directory, Path::new(".")])
                .ok_or_else(|| Error::plain(messages::NO_DATABASE_URL))?,
        },
    };
    let url = ConnectionUrl::parse(&text)?;
    let shadow = match shadow_url(&declarations, &directory) {
        DatasourceUrl::Found(url) if !url.is_empty() => Some(url),
        // As Prisma: an unset or empty variable is no shadow database (the
        // same schema serves deploy, where none is needed, and dev, which
        // then makes a temporary one).
        DatasourceUrl::Found(_) | DatasourceUrl::MissingVariable(_) => None,
        DatasourceUrl::Absent => {
            crate::env::var("SHADOW_DATABASE_URL", &[&directory, Path::new(".")])
        }
    };
    let migrations = migrations_folder(schema_path, loaded)?;
    Ok(Target {
        url,
        migrations: migrations.path,
        migrations_layout: migrations.layout,
        datasource: declarations
            .datasources
            .first()
            .map_or("db", |block| block.name.name.as_str())
            .to_string(),
        schemas: declarations
            .declared_schemas()
            .unwrap_or_default()
            .into_iter()
            .map(str::to_string)
            .collect(),
        shadow,
    })
}

/// The migrations folder of the schema at `schema_path`, found without a
/// database: where `plumb.toml` puts it, else beside the schema (see
/// `migrations_folder`).
pub fn migrations_folder(
    schema_path: &Path,
    loaded: &LoadedSchema,
) -> Result<crate::migrations_folder::MigrationsFolder, Error> {
    let declarations = Declarations::collect(&loaded.asts);
    let configured = crate::config::Config::find(Path::new(""))?
        .and_then(|(path, config)| config.migrations_folder(&path));
    let datasource_file = declarations
        .datasources
        .first()
        .map(|block| PathBuf::from(loaded.files.name(block.span.file)));
    Ok(crate::migrations_folder::find(
        schema_path,
        datasource_file.as_deref(),
        configured,
    ))
}

/// By fields, the shadow database's URL without its password.
impl std::fmt::Debug for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Target")
            .field("url", &self.url)
            .field("migrations", &self.migrations)
            .field("datasource", &self.datasource)
            .field("schemas", &self.schemas)
            .field("shadow", &self.shadow.as_deref().map(redacted))
            .finish()
    }
}

/// What the datasource says about the URL.
#[derive(PartialEq, Eq)]
pub enum DatasourceUrl {
    /// A URL, written or from the environment.
    Found(String),
    /// `env("NAME")`, but `NAME` is set nowhere.
    MissingVariable(String),
    /// No `url` property (Prisma 7 schemas have none).
    Absent,
}

/// Without the password.
impl std::fmt::Debug for DatasourceUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DatasourceUrl::Found(url) => f.debug_tuple("Found").field(&redacted(url)).finish(),
            DatasourceUrl::MissingVariable(name) => {
                f.debug_tuple("MissingVariable").field(name).finish()
            }
            DatasourceUrl::Absent => f.write_str("Absent"),
        }
    }
}

/// The datasource `url` of a schema in `directory`; `env()` is resolved
/// from the environment, then `.env` beside the schema, then in the
/// working directory.
pub fn url(declarations: &Declarations<'_>, directory: &Path) -> DatasourceUrl {
    url_property(declarations, "url", directory)
}

/// The datasource's `directUrl` (Prisma 6), found as [`url`] is.
pub fn direct_url(declarations: &Declarations<'_>, directory: &Path) -> DatasourceUrl {
    url_property(declarations, "directUrl", directory)
}

/// The datasource's `shadowDatabaseUrl` (Prisma 6), found as [`url`] is.
pub fn shadow_url(declarations: &Declarations<'_>, directory: &Path) -> DatasourceUrl {
    url_property(declarations, "shadowDatabaseUrl", directory)
}

fn url_property(
    declarations: &Declarations<'_>,
    property: &str,
    directory: &Path,
) -> DatasourceUrl {
    match declarations.datasource_property(property) {
        Some(Expression::String(url, _)) => DatasourceUrl::Found(url.to_string()),
        Some(Expression::Function(call, _)) if call.name.name == "env" => {
            let name = call
                .arguments
                .first()
                .and_then(|argument| match &argument.value {
                    Some(Expression::String(name, _)) => Some(name.as_str()),
                    _ => None,
                })
                .unwrap_or_default();
            match crate::env::var(name, &[directory, Path::new(".")]) {
                Some(url) => DatasourceUrl::Found(url),
                None => DatasourceUrl::MissingVariable(name.to_string()),
            }
        }
        _ => DatasourceUrl::Absent,
    }
}
