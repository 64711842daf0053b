//! One module per command. Each turns its arguments into calls on the
//! library crates and its outcome into output.

pub mod diff;
pub mod format;
pub mod validate;

use std::path::PathBuf;

use plumb_diagnostics::ColorChoice;
use plumb_psl::LoadedSchema;

use crate::exit::{Failure, eprint_text};

/// Finds, reads and parses the schema as Prisma would locate it.
pub fn load_schema(given: Option<&std::path::Path>) -> Result<(PathBuf, LoadedSchema), Failure> {
    let base = std::env::current_dir()
        .map_err(|error| Failure::Message(format!("Cannot read the current directory: {error}")))?;
    let path = plumb_psl::schema_path(given, &base).map_err(Failure::Message)?;
    // Relative to where the user is, so messages name files as they do.
    let path = path.strip_prefix(&base).map(PathBuf::from).unwrap_or(path);
    let loaded = plumb_psl::load(&path).map_err(Failure::Message)?;
    Ok((path, loaded))
}

/// Prints every diagnostic (errors and warnings) to standard error.
pub fn print_diagnostics(loaded: &LoadedSchema) {
    let diagnostics = loaded.diagnostics.sorted();
    if diagnostics.is_empty() {
        return;
    }
    let rendered =
        plumb_diagnostics::render_all(diagnostics, &loaded.files, ColorChoice::for_stderr());
    eprint_text(&rendered);
}
