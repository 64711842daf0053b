//! Opening the database a command works on, as Prisma's engine does: the
//! URL's schema is the search path (and is created when missing), and a
//! database that does not exist is created for the commands that apply
//! migrations.

use plumb_introspect::{ConnectError, ConnectionUrl};
use plumb_sql_quote::ident;

/// A failure with Prisma's code, printed as `Error: <code>\n\n<message>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandError {
    pub code: Option<&'static str>,
    pub message: String,
}

impl CommandError {
    pub fn new(code: &'static str, message: impl Into<String>) -> CommandError {
        CommandError {
            code: Some(code),
            message: message.into(),
        }
    }

    pub fn plain(message: impl Into<String>) -> CommandError {
        CommandError {
            code: None,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for CommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.code {
            Some(code) => write!(f, "{code}\n\n{}", self.message),
            None => write!(f, "{}", self.message),
        }
    }
}

/// A connection failure, as Prisma's CLI reports one before the engine
/// runs: `<code>: <message>` on one line.
impl From<ConnectError> for CommandError {
    fn from(error: ConnectError) -> CommandError {
        CommandError::plain(format!("{}: {}", error.code, error.message))
    }
}

impl From<crate::history::folder::FolderError> for CommandError {
    fn from(error: crate::history::folder::FolderError) -> CommandError {
        CommandError::new(error.code, error.message)
    }
}

impl From<postgres::Error> for CommandError {
    fn from(error: postgres::Error) -> CommandError {
        let message = match error.as_db_error() {
            Some(db) => format!("{}: {}", db.severity(), db.message()),
            None => error.to_string(),
        };
        CommandError::plain(message)
    }
}

/// A connection to `url`'s database with its schema as the search path.
/// With `create`, a missing database is created first (Prisma's "ensure
/// database exists"); the returned line says so.
pub fn open(
    url: &ConnectionUrl,
    create: bool,
) -> Result<(postgres::Client, Option<String>), CommandError> {
    let mut created = None;
    let mut client = match plumb_introspect::connect(url) {
        Ok(client) => client,
        Err(error) if create && error.code == "P1003" => {
            create_database(url)?;
            created = Some(format!(
                "PostgreSQL database {} created at {}",
                url.database,
                url.server()
            ));
            plumb_introspect::connect(url)?
        }
        Err(error) => return Err(error.into()),
    };
    // Looked up first, as Prisma does: `CREATE SCHEMA IF NOT EXISTS` needs
    // the CREATE privilege on the database even when the schema exists,
    // which a deploy role or a read-only standby does not have.
    let exists: bool = client
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1)",
            &[&url.schema],
        )?
        .get(0);
    let schema = ident(&url.schema);
    if !exists {
        client.batch_execute(&format!("CREATE SCHEMA IF NOT EXISTS {schema}"))?;
    }
    client.batch_execute(&format!("SET search_path TO {schema}"))?;
    Ok((client, created))
}

/// Prisma's "ensure database exists": creates a missing database; the line
/// that says so, if it did.
pub fn ensure_exists(url: &ConnectionUrl) -> Result<Option<String>, CommandError> {
    open(url, true).map(|(_, created)| created)
}

/// `CREATE DATABASE`, from the `postgres` database, else `template1`, as
/// Prisma tries them.
fn create_database(url: &ConnectionUrl) -> Result<(), CommandError> {
    let mut last = None;
    for admin in ["postgres", "template1"] {
        match plumb_introspect::connect(&url.with_database(admin)) {
            Ok(mut client) => {
                client.batch_execute(&format!("CREATE DATABASE {}", ident(&url.database)))?;
                return Ok(());
            }
            Err(error) => last = Some(error),
        }
    }
    Err(last.map_or_else(
        || CommandError::plain("cannot create the database"),
        Into::into,
    ))
}
