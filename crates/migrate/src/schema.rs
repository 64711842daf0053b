//! Finding, reading and validating the project's schema, as every command
//! that takes `--schema` does.

use std::path::{Path, PathBuf};

use plumb_psl::LoadedSchema;

use crate::Error;

/// Finds and parses the schema as Prisma would locate it (`given`, else
/// the default places); its path is relative to the working directory
/// when it is below it, so messages name files as the user does.
pub fn load(given: Option<&Path>) -> Result<(PathBuf, LoadedSchema), Error> {
    let base = std::env::current_dir()
        .map_err(|error| Error::plain(crate::messages::no_working_directory(&error)))?;
    let path = plumb_psl::schema_path(given, &base)?;
    let path = path.strip_prefix(&base).map(PathBuf::from).unwrap_or(path);
    let loaded = plumb_psl::load(&path)?;
    Ok((path, loaded))
}

/// [`load`], then validated: a schema with errors is
/// [`Error::InvalidSchema`], its warnings are in the diagnostics.
pub fn load_valid(given: Option<&Path>) -> Result<(PathBuf, LoadedSchema), Error> {
    let (path, loaded) = load(given)?;
    valid(path, loaded)
}

/// Validates a loaded schema.
pub fn valid(path: PathBuf, mut loaded: LoadedSchema) -> Result<(PathBuf, LoadedSchema), Error> {
    plumb_psl::validate(&loaded.asts, &mut loaded.diagnostics);
    if loaded.diagnostics.has_errors() {
        return Err(Error::InvalidSchema {
            path,
            loaded: Box::new(loaded),
        });
    }
    Ok((path, loaded))
}
