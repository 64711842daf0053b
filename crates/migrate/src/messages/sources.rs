//! The texts of finding a command's database and of `migrate diff`'s
//! sides.

use std::path::Path;

/// Prisma's check of `migrate diff`'s flags: one source, one target.
pub fn diff_sides(side: &str, count: usize) -> String {
    format!("{count} `--{side}-...` parameter(s) provided. 1 must be provided.")
}

/// What `migrate diff` says after an invalid schema's errors.
pub fn diff_invalid_schema(path: &Path) -> String {
    format!(
        "The schema at {} is invalid: fix the errors above, then diff again.",
        path.display()
    )
}

pub const NO_LOCK_FILE: &str = "Could not determine the connector from the migrations directory (missing migration_lock.toml).";

pub const NO_SHADOW_DATABASE: &str = "A migrations folder is replayed in a shadow database: pass --shadow-database-url, or set SHADOW_DATABASE_URL or DATABASE_URL (a temporary database is made on its server).";

pub const NO_DATABASE_URL_VARIABLE: &str = "Environment variable not found: DATABASE_URL. Set it, or put it in a .env file in the working directory.";

pub const NO_DATABASE_URL: &str =
    "No database URL: pass --url, set the datasource's url, or set DATABASE_URL (here or in .env).";

/// Prisma's words (it adds the variable's name, which plumb does not keep).
pub const EMPTY_DIRECT_URL: &str =
    "You must provide a nonempty direct URL: the datasource's `directUrl` is empty.";

pub fn variable_not_found(name: &str) -> String {
    format!("Environment variable not found: {name}.")
}

pub fn datasource_without_url(path: &Path) -> String {
    format!(
        "The datasource in {} has no `url`: give the database with --from-url / --to-url instead.",
        path.display()
    )
}

pub fn catalog_unreadable(
    url: &plumb_introspect::ConnectionUrl,
    error: &postgres::Error,
) -> String {
    format!("Reading the database at {url} failed: {error}")
}

pub fn cannot_read(path: &Path, error: &std::io::Error) -> String {
    format!("Cannot read {}: {error}", path.display())
}

/// A JSON file that does not parse, located.
pub fn invalid_json(path: &Path, line: usize, column: usize, error: &serde_json::Error) -> String {
    format!("{}:{line}:{column}: {error}", path.display())
}

pub fn no_working_directory(error: &std::io::Error) -> String {
    format!("Cannot read the current directory: {error}")
}

/// No connection to `postgres` or `template1` to create a database from.
pub const DATABASE_NOT_CREATED: &str = "cannot create the database";

/// A bug: `migrate dev` asked for a plan before reading the history.
pub const PLANNED_BEFORE_REPLAY: &str =
    "Internal error: the migrations were not replayed before planning.";

pub const NO_DATASOURCE: &str = "There is no datasource in the schema.";

/// Prisma's header line for the database, with its newline.
pub fn datasource_line(target: &crate::datasource::Target) -> String {
    let schemas = if target.schemas.is_empty() {
        format!("schema \"{}\"", target.url.schema)
    } else {
        format!("schemas \"{}\"", target.schemas.join(", "))
    };
    format!(
        "Datasource \"{}\": PostgreSQL database \"{}\", {schemas} at \"{}\"\n",
        target.datasource,
        target.url.database,
        target.url.server()
    )
}

/// Prisma's header line for the schema, with its newline.
pub fn schema_loaded(path: &Path) -> String {
    format!("Prisma schema loaded from {}.\n", path.display())
}

/// The offline replay stopped; the folder is replayed in a shadow
/// database instead (standard error).
pub fn replay_falls_back(location: &str, reason: &str) -> String {
    format!(
        "The offline replay stopped at {location}: {reason}.\nReplaying the migrations folder in a shadow database instead.\n"
    )
}

/// The offline replay stopped and no shadow database can be had.
pub fn replay_refused(diagnostic: &str, forced: bool) -> String {
    let help = if forced {
        "plumb replays this folder only in a shadow database: drop `--replay offline`, and pass --shadow-database-url (or set SHADOW_DATABASE_URL or DATABASE_URL)."
    } else {
        "to replay it in a shadow database instead, pass --shadow-database-url (or set SHADOW_DATABASE_URL or DATABASE_URL)."
    };
    format!("{}\nhelp: {help}", diagnostic.trim_end())
}
