//! One module per command. Each turns its arguments into calls on the
//! library crates and its outcome into output.

pub mod deploy;
pub mod diff;
pub mod format;
pub mod resolve;
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

/// The database a history command works on, and its migrations folder.
pub struct DatabaseTarget {
    pub url: plumb_migrate::ConnectionUrl,
    /// `migrations/` beside the schema.
    pub migrations: PathBuf,
}

/// Loads the schema, prints Prisma's header (the schema on standard
/// error, the datasource on standard output), and finds the database:
/// `--url`, else the datasource's `url`, else `DATABASE_URL` (from the
/// environment or a `.env` beside the schema or here).
pub fn database_target(args: &ConnectionArgs) -> Result<DatabaseTarget, Failure> {
    use plumb_migrate::datasource::{DatasourceUrl, url};
    let (path, loaded) = load_schema(args.schema.schema.as_deref())?;
    let mut loaded = loaded;
    plumb_psl::validate(&loaded.asts, &mut loaded.diagnostics);
    if loaded.diagnostics.has_errors() {
        print_diagnostics(&loaded);
        return Err(Failure::Message(format!(
            "The schema at {} is invalid: fix the errors above first.",
            path.display()
        )));
    }
    eprint_text(&format!("Prisma schema loaded from {}.\n", path.display()));
    let directory = if path.is_dir() {
        path.clone()
    } else {
        path.parent().map(PathBuf::from).unwrap_or_default()
    };
    let declarations = plumb_psl::schema::Declarations::collect(&loaded.asts);
    let here = std::path::Path::new(".");
    let given = match &args.url {
        Some(url) => url.clone(),
        None => match url(&declarations, &directory) {
            DatasourceUrl::Found(url) => url,
            DatasourceUrl::MissingVariable(name) => {
                return Err(Failure::Message(format!("Environment variable not found: {name}.")));
            }
            DatasourceUrl::Absent => plumb_migrate::env::var("DATABASE_URL", &[&directory, here])
                .ok_or_else(|| {
                    Failure::Message(
                        "No database URL: pass --url, set the datasource's url, or set DATABASE_URL (here or in .env)."
                            .to_string(),
                    )
                })?,
        },
    };
    let url = plumb_migrate::ConnectionUrl::parse(&given)
        .map_err(|invalid| Failure::Message(format!("P1013\n\n{invalid}")))?;
    let datasource = declarations
        .datasources
        .first()
        .map_or("db", |block| block.name.name.as_str());
    print_text(&format!(
        "Datasource \"{datasource}\": PostgreSQL database \"{}\", schema \"{}\" at \"{}\"\n",
        url.database,
        url.schema,
        url.server()
    ))?;
    Ok(DatabaseTarget {
        url,
        migrations: directory.join("migrations"),
    })
}
