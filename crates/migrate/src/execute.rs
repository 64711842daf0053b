//! `db execute`: sends a script to the database as it is, in one simple
//! query — PostgreSQL runs it as one implicit transaction unless it has its
//! own `BEGIN`/`COMMIT` — as Prisma's engine does. No history, no lock, and
//! the database is never created. The arguments are checked as Prisma's
//! command checks them (`docs/reference/prisma-history-commands.md` §6).

use std::io::Read;
use std::path::{Path, PathBuf};

use plumb_introspect::ConnectionUrl;
use plumb_sql_quote::ident;

use crate::Error;
use crate::messages;

/// Where the script comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Script {
    File(PathBuf),
    Stdin,
}

/// Where the database is.
#[derive(Clone, PartialEq, Eq)]
pub enum Database {
    Url(String),
    /// The datasource of the schema found from this (`--schema`, or the
    /// default places).
    Schema(Option<PathBuf>),
}

/// Without the password.
impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Database::Url(url) => f
                .debug_tuple("Url")
                .field(&plumb_introspect::redacted(url))
                .finish(),
            Database::Schema(path) => f.debug_tuple("Schema").field(path).finish(),
        }
    }
}

/// `db execute`'s arguments, checked: exactly one script, at most one of
/// `--url` and `--schema`.
pub fn arguments(
    file: Option<&Path>,
    stdin: bool,
    url: Option<&str>,
    schema: Option<&Path>,
) -> Result<(Script, Database), Error> {
    let usage = |problem: &str| Error::plain(messages::execute_usage(problem));
    let script = match (file, stdin) {
        (None, false) => return Err(usage(messages::EXECUTE_NO_SCRIPT)),
        (Some(_), true) => return Err(usage(messages::EXECUTE_BOTH_SCRIPTS)),
        (Some(path), false) => Script::File(path.to_path_buf()),
        (None, true) => Script::Stdin,
    };
    let database = match (url, schema) {
        (Some(_), Some(_)) => return Err(usage(messages::EXECUTE_URL_AND_SCHEMA)),
        (Some(url), None) => Database::Url(url.to_string()),
        (None, schema) => Database::Schema(schema.map(Path::to_path_buf)),
    };
    Ok((script, database))
}

/// The script's text; `stdin` is read for [`Script::Stdin`].
pub fn read(script: &Script, stdin: &mut dyn Read) -> Result<String, Error> {
    match script {
        Script::Stdin => {
            let mut text = String::new();
            stdin
                .read_to_string(&mut text)
                .map_err(|error| Error::plain(messages::stdin_unreadable(&error)))?;
            Ok(text)
        }
        Script::File(path) => match std::fs::read(path) {
            Ok(bytes) => String::from_utf8(bytes)
                .map_err(|_| Error::plain(messages::execute_file_not_text(path))),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                Err(Error::plain(messages::execute_file_missing(path)))
            }
            Err(error) => Err(Error::plain(messages::execute_file_unreadable(
                path, &error,
            ))),
        },
    }
}

/// The connection URL of `database`.
pub fn url(database: &Database) -> Result<ConnectionUrl, Error> {
    match database {
        Database::Url(url) => Ok(ConnectionUrl::parse(url)?),
        Database::Schema(given) => {
            let (path, loaded) = crate::schema::load(given.as_deref())?;
            Ok(crate::datasource::target(&path, &loaded, None)?.url)
        }
    }
}

pub fn execute(url: &ConnectionUrl, script: &str) -> Result<(), Error> {
    let mut client = plumb_introspect::connect(url)?;
    client
        .batch_execute(&format!("SET search_path TO {}", ident(&url.schema)))
        .and_then(|()| client.batch_execute(script))
        .map_err(|error| {
            // Prisma's engine prints the server's error without a code, and
            // its message ends in a blank line.
            Error::plain(format!("{}\n\n", Error::from(error)))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_script_and_one_database_at_most() {
        let file = Some(Path::new("x.sql"));
        let checked = |file, stdin, url, schema| {
            arguments(file, stdin, url, schema).map_err(|error| error.to_string())
        };
        assert_eq!(
            checked(None, false, None, None).unwrap_err(),
            "Either --stdin or --file must be provided.\nSee `plumb db execute -h`"
        );
        assert!(
            checked(file, true, None, None)
                .unwrap_err()
                .starts_with("--stdin and --file")
        );
        assert!(
            checked(
                file,
                false,
                Some("postgresql://h/d"),
                Some(Path::new("s.prisma"))
            )
            .unwrap_err()
            .starts_with("--url and --schema")
        );
        assert_eq!(
            checked(None, true, None, None),
            Ok((Script::Stdin, Database::Schema(None)))
        );
    }

    #[test]
    fn a_missing_file_is_named() {
        let missing = read(
            &Script::File(PathBuf::from("/nonexistent/x.sql")),
            &mut std::io::empty(),
        );
        assert_eq!(
            missing.map_err(|error| error.to_string()),
            Err("Provided --file at /nonexistent/x.sql doesn't exist.".to_string())
        );
        let mut input: &[u8] = b"SELECT 1";
        assert_eq!(
            read(&Script::Stdin, &mut input).ok().as_deref(),
            Some("SELECT 1")
        );
    }
}
