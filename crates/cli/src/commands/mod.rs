//! One module per command. Each turns its arguments into calls on the
//! library crates and its outcome into output.

pub mod deploy;
pub mod dev;
pub mod diff;
pub mod execute;
pub mod format;
pub mod init;
pub mod push;
pub mod reset;
pub mod resolve;
pub mod seed;
pub mod status;
pub mod validate;

use std::path::PathBuf;

use plumb_diagnostics::ColorChoice;
use plumb_psl::LoadedSchema;

use crate::args::ConnectionArgs;
use crate::exit::{Failure, eprint_text, print_text};

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

/// Loads and validates the schema, finds the database and prints
/// Prisma's header: the schema on standard error, the datasource on
/// standard output.
pub fn database_target(
    args: &ConnectionArgs,
) -> Result<plumb_migrate::datasource::Target, Failure> {
    schema_and_target(args).map(|(target, _)| target)
}

/// [`database_target`], and the schema it loaded.
pub fn schema_and_target(
    args: &ConnectionArgs,
) -> Result<(plumb_migrate::datasource::Target, LoadedSchema), Failure> {
    let (path, mut loaded) = load_schema(args.schema.schema.as_deref())?;
    plumb_psl::validate(&loaded.asts, &mut loaded.diagnostics);
    if loaded.diagnostics.has_errors() {
        print_diagnostics(&loaded);
        return Err(Failure::Message(format!(
            "The schema at {} is invalid: fix the errors above first.",
            path.display()
        )));
    }
    eprint_text(&format!("Prisma schema loaded from {}.\n", path.display()));
    let target = plumb_migrate::datasource::target(&path, &loaded, args.url.as_deref())
        .map_err(command_failure)?;
    print_text(&target.datasource_line())?;
    Ok((target, loaded))
}

/// A command's error as Prisma's CLI prints an engine error: `Error:
/// <code>`, a blank line, the message and a blank line; without a code,
/// `Error: <message>`.
pub fn command_failure(error: plumb_migrate::database::CommandError) -> Failure {
    match error.code {
        Some(code) => Failure::Message(format!("{code}\n\n{}\n", error.message)),
        None => Failure::Message(error.message),
    }
}

/// Prisma's tree of applied migrations, without a final newline.
pub fn applied_tree(applied: &[String]) -> String {
    tree("migrations", applied)
}

/// The tree of migrations under `root`, without a final newline.
pub fn tree(root: &str, applied: &[String]) -> String {
    let mut tree = format!("{root}/");
    for name in applied {
        tree.push_str(&format!("\n  └─ {name}/\n    └─ migration.sql"));
    }
    tree
}
