//! `db pull`: the database's schema, written as `schema.prisma` the way
//! Prisma writes it (`plumb_pull`), after the existing schema's generator
//! and datasource blocks, keeping what its models and enums say of the
//! same tables and types (re-introspection) unless `--force`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use plumb_psl::LoadedSchema;

use crate::datasource::Target;
use crate::{Code, Error, messages};

/// What was pulled.
#[derive(Debug, Clone)]
pub struct Pulled {
    /// The files to write and their texts: the existing schema's files,
    /// and `introspected.prisma` in the schema's folder for new models of
    /// a schema of several files.
    pub files: Vec<(PathBuf, String)>,
    /// The existing files the new one replaces (`--force` on a schema of
    /// several files).
    pub removed: Vec<PathBuf>,
    pub models: usize,
    /// Prisma's warnings (empty when there are none).
    pub warnings: String,
    /// From reading the database to having the text.
    pub elapsed: Duration,
}

/// Reads the target database and writes its schema over `loaded`: the
/// schemas `--schemas` names, else the datasource's, else the URL's.
pub fn pull(
    target: &Target,
    path: &Path,
    loaded: &LoadedSchema,
    force: bool,
    schemas: &[String],
) -> Result<Pulled, Error> {
    let started = Instant::now();
    let read_schemas = if schemas.is_empty() {
        &target.schemas
    } else {
        schemas
    };
    let settings = crate::read::DatabaseSettings {
        schemas: read_schemas.iter().cloned().collect(),
        ..crate::read::DatabaseSettings::default()
    };
    // The facts beyond the IR are read on their own connection meanwhile.
    let with_views = plumb_pull::wants_views(loaded);
    let (ir, facts) = std::thread::scope(|scope| {
        let facts = scope.spawn(|| read_facts(target, &settings, with_views));
        let ir = crate::read::database(&target.url, &settings);
        let facts = facts
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (ir, facts)
    });
    let (ir, facts) = (ir?, facts?);
    let options = plumb_pull::Options {
        force,
        schemas: schemas.to_vec(),
    };
    let pulled = plumb_pull::pull(&ir, &facts, Some(loaded), &options)
        .map_err(|inconsistent| Error::coded(Code::P4002, inconsistent.message))?;
    if pulled.models + pulled.enums == 0 {
        // Prisma prints the code inline, at the start of its text.
        debug_assert!(messages::PULL_EMPTY.contains(Code::P4001.as_str()));
        return Err(Error::plain(messages::PULL_EMPTY));
    }
    let existing = |index: usize| PathBuf::from(loaded.files.name(loaded.asts[index].0));
    // A schema of several files is a folder: new files go in it.
    let new_file = path.join("introspected.prisma");
    let files = pulled
        .files
        .into_iter()
        .map(|file| match file.existing {
            Some(index) => (existing(index), file.text),
            None if loaded.asts.len() > 1 => (new_file.clone(), file.text),
            None => (path.to_path_buf(), file.text),
        })
        .collect();
    let removed = if pulled.replaces_files {
        (0..loaded.asts.len()).map(existing).collect()
    } else {
        Vec::new()
    };
    Ok(Pulled {
        files,
        removed,
        models: pulled.models,
        warnings: pulled.warnings,
        elapsed: started.elapsed(),
    })
}

/// What the database has beyond the IR that a pull writes or notes (its
/// views only with the `views` preview feature).
fn read_facts(
    target: &Target,
    settings: &crate::read::DatabaseSettings,
    with_views: bool,
) -> Result<plumb_ir::PullFacts, Error> {
    let url = &target.url;
    let namespaces: Vec<&str> = if settings.schemas.is_empty() {
        vec![url.schema.as_str()]
    } else {
        settings.schemas.iter().map(String::as_str).collect()
    };
    let mut client = plumb_introspect::connect(url)?;
    plumb_introspect::pull_facts(&mut client, &namespaces, &url.schema, with_views)
        .map_err(|error| Error::coded(Code::P1001, messages::catalog_unreadable(url, &error)))
}

/// Writes the pulled files (each beside itself, then renamed over it),
/// then removes the old files the new one replaces.
pub fn write_all(pulled: &Pulled) -> Result<(), Error> {
    for (path, text) in &pulled.files {
        write(path, text)?;
    }
    for old in &pulled.removed {
        if pulled.files.iter().any(|(path, _)| path == old) {
            continue;
        }
        std::fs::remove_file(old).map_err(|error| {
            Error::plain(messages::cannot_write_file(
                &old.display().to_string(),
                &error,
            ))
        })?;
    }
    Ok(())
}

/// Writes the schema beside itself and renames it over `path`, so a
/// failure never leaves it half-written.
pub fn write(path: &Path, text: &str) -> Result<(), Error> {
    let temporary = path.with_extension("prisma.plumb-tmp");
    std::fs::write(&temporary, text)
        .and_then(|()| std::fs::rename(&temporary, path))
        .map_err(|error| {
            let _ = std::fs::remove_file(&temporary);
            Error::plain(messages::cannot_write_file(
                &path.display().to_string(),
                &error,
            ))
        })
}
