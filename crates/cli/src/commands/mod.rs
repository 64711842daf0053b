//! One module per command. Each parses nothing and decides nothing: it
//! calls the use case in `plumb_migrate` and prints what comes back, in
//! the words of `plumb_migrate::messages`.

pub mod check;
pub mod deploy;
pub mod dev;
pub mod diff;
pub mod down;
pub mod execute;
pub mod fleet;
pub mod format;
pub mod init;
pub mod lint;
pub mod pull;
pub mod push;
pub mod reset;
pub mod resolve;
pub mod seed;
pub mod status;
pub mod validate;

use plumb_migrate::datasource::{self, Target};
use plumb_migrate::deploy::Progress;
use plumb_migrate::{Error, messages};
use plumb_psl::LoadedSchema;

use crate::args::ConnectionArgs;
use crate::exit::{Failure, eprint_text, print_text};

/// Loads and validates the schema, finds the database and prints
/// Prisma's header: the schema on standard error, the datasource on
/// standard output.
pub fn database_target(args: &ConnectionArgs) -> Result<Target, Failure> {
    schema_and_target(args).map(|(target, _)| target)
}

/// [`database_target`], and the schema it loaded.
pub fn schema_and_target(args: &ConnectionArgs) -> Result<(Target, LoadedSchema), Failure> {
    let (path, loaded) = plumb_migrate::schema::load_valid(args.schema.schema.as_deref())?;
    eprint_text(&messages::schema_loaded(&path));
    let target = datasource::target(&path, &loaded, args.url.as_deref())?;
    if let Some(note) =
        messages::migrations_folder_note(target.migrations_layout, &migrations_as_shown(&target))
    {
        eprint_text(&note);
    }
    print_text(&messages::datasource_line(&target))?;
    Ok((target, loaded))
}

/// The schema's target, saying only which schema was loaded (on standard
/// error): for output that must be a document alone (a fleet's JSON).
pub fn quiet_target(args: &ConnectionArgs) -> Result<Target, Failure> {
    let (path, loaded) = plumb_migrate::schema::load_valid(args.schema.schema.as_deref())?;
    eprint_text(&messages::schema_loaded(&path));
    Ok(datasource::target(&path, &loaded, args.url.as_deref())?)
}

/// The target's migrations folder, relative to the working directory
/// where it is inside it.
pub fn migrations_as_shown(target: &Target) -> String {
    let working_directory = std::env::current_dir().unwrap_or_default();
    plumb_migrate::dev::folder_as_shown(&target.migrations, &working_directory)
}

/// Runs `apply`, printing Prisma's line for each migration it applies; a
/// failure is reported even when standard output has closed.
pub fn applying(
    apply: impl FnOnce(&mut dyn FnMut(Progress)) -> Result<Vec<String>, Error>,
) -> Result<Vec<String>, Failure> {
    let mut output = Ok(());
    let applied = apply(&mut |progress| {
        if let (Progress::Applying(name), Ok(())) = (progress, &output) {
            output = print_text(&messages::applying(&name));
        }
    })?;
    output?;
    Ok(applied)
}

/// A failure before the first connection succeeded: Prisma's connection
/// check leaves a blank line before its error.
pub fn after_blank_line(error: Error) -> Failure {
    let _ = print_text("\n");
    error.into()
}
