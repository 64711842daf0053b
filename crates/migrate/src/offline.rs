//! A migrations folder replayed without a database (`plumb_replay`), and
//! the choice between that and a shadow database: `--replay auto` (the
//! default) replays offline and falls back to a shadow database, saying
//! so, when the replay meets a statement it cannot model.

use std::path::Path;

use plumb_replay::Refusal;

use crate::Error;
use crate::history::folder;

/// How a migrations folder is replayed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReplayMode {
    /// Offline; in a shadow database when the offline replay cannot model
    /// a statement and a shadow database can be had.
    #[default]
    Auto,
    /// Offline only: a statement it cannot model is an error.
    Offline,
    /// In a shadow database, as Prisma does.
    Shadow,
}

/// What the offline replay of a folder gave.
#[derive(Debug)]
pub enum Offline {
    Replayed(plumb_ir::Schema),
    /// It stopped at a statement; the migrations before it are applied.
    Refused(Box<Refusal>),
}

/// Replays `migrations_folder` offline into the IR introspection would
/// read in `namespaces` (none: the default namespace). Unqualified names
/// go to `default_namespace`, the URL's `?schema=` where one is known.
pub fn replay(
    migrations_folder: &Path,
    default_namespace: &str,
    namespaces: &[&str],
) -> Result<Offline, Error> {
    let migrations = folder::list(migrations_folder)?;
    Ok(replay_migrations(
        migrations_folder,
        &migrations,
        default_namespace,
        namespaces,
    ))
}

/// [`replay`] for migrations already read.
pub fn replay_migrations(
    migrations_folder: &Path,
    migrations: &[folder::LocalMigration],
    default_namespace: &str,
    namespaces: &[&str],
) -> Offline {
    match replayed(migrations_folder, migrations, default_namespace) {
        (replay, None) => Offline::Replayed(replay.schema(namespaces)),
        (_, Some(refusal)) => Offline::Refused(refusal),
    }
}

/// The replay of `migrations` (read from `migrations_folder`), as far as it
/// went, and the refusal that stopped it, if one did.
pub fn replayed(
    migrations_folder: &Path,
    migrations: &[folder::LocalMigration],
    default_namespace: &str,
) -> (plumb_replay::Replay, Option<Box<Refusal>>) {
    let paths: Vec<String> = migrations
        .iter()
        .map(|m| {
            migrations_folder
                .join(&m.name)
                .join("migration.sql")
                .display()
                .to_string()
        })
        .collect();
    let mut replay = plumb_replay::Replay::new(default_namespace);
    for (migration, path) in migrations.iter().zip(&paths) {
        let migration = plumb_replay::Migration {
            name: &migration.name,
            path,
            script: &migration.script,
        };
        if let Err(refusal) = replay.apply(&migration) {
            return (replay, Some(refusal));
        }
    }
    (replay, None)
}

/// The namespace unqualified names land in on replay: the `?schema=` of
/// the shadow database's URL, else of `DATABASE_URL`, else `public`.
pub fn default_namespace(shadow: Option<&str>) -> String {
    let here = [Path::new(".")];
    shadow
        .map(str::to_string)
        .or_else(|| crate::env::var("SHADOW_DATABASE_URL", &here))
        .or_else(|| crate::env::var("DATABASE_URL", &here))
        .and_then(|url| plumb_introspect::ConnectionUrl::parse(&url).ok())
        .map_or_else(|| plumb_ir::DEFAULT_NAMESPACE.to_string(), |url| url.schema)
}

/// Whether a shadow database could be had for a fallback.
pub fn shadow_available(shadow: Option<&str>) -> bool {
    let here = [Path::new(".")];
    shadow.is_some()
        || crate::env::var("SHADOW_DATABASE_URL", &here).is_some()
        || crate::env::var("DATABASE_URL", &here).is_some()
}
