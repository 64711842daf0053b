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
    /// With the `views` preview feature: the views folder (`views` beside
    /// the schema) and each view's file in it.
    pub views: Option<(PathBuf, Vec<(PathBuf, String)>)>,
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
    // The folder of the schema: its file's, or the folder of several.
    let root = if loaded.asts.len() > 1 {
        path.to_path_buf()
    } else {
        path.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    let views_folder = root.join("views");
    let views = pulled.view_files.map(|files| {
        let files = files
            .into_iter()
            .map(|f| {
                let file = views_folder.join(&f.schema).join(format!("{}.sql", f.name));
                (file, f.definition)
            })
            .collect();
        (views_folder.clone(), files)
    });
    Ok(Pulled {
        files,
        removed,
        views,
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

/// Writes each view's file and removes the other `.sql` files in the
/// views folder's schema folders, then the folders left empty — as
/// Prisma's CLI does, with `--print` too.
pub fn write_views(pulled: &Pulled) -> Result<(), Error> {
    let Some((folder, files)) = &pulled.views else {
        return Ok(());
    };
    let failed = |path: &Path, error: std::io::Error| {
        Error::plain(messages::cannot_write_file(
            &path.display().to_string(),
            &error,
        ))
    };
    for (path, text) in files {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| failed(parent, e))?;
        }
        write(path, text)?;
    }
    let Ok(schemas) = std::fs::read_dir(folder) else {
        return Ok(());
    };
    for schema in schemas.flatten().map(|e| e.path()).filter(|p| p.is_dir()) {
        prune_views(&schema, files).map_err(|e| failed(&schema, e))?;
    }
    remove_if_empty(folder).map_err(|e| failed(folder, e))
}

/// Removes the `.sql` files below `folder` that are not `keep`, and the
/// folders left empty.
fn prune_views(folder: &Path, keep: &[(PathBuf, String)]) -> std::io::Result<()> {
    for entry in std::fs::read_dir(folder)? {
        let path = entry?.path();
        if path.is_dir() {
            prune_views(&path, keep)?;
        } else if path.extension().is_some_and(|e| e == "sql")
            && !keep.iter().any(|(k, _)| *k == path)
        {
            std::fs::remove_file(&path)?;
        }
    }
    remove_if_empty(folder)
}

fn remove_if_empty(folder: &Path) -> std::io::Result<()> {
    if std::fs::read_dir(folder)?.next().is_none() {
        std::fs::remove_dir(folder)?;
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
