//! Opening the database a command works on, as Prisma's engine does: the
//! URL's schema is the search path (and is created when missing), and a
//! database that does not exist is created for the commands that apply
//! migrations.

use plumb_codes::Code;
use plumb_introspect::ConnectionUrl;
use plumb_sql_quote::ident;

use crate::Error;

/// The oldest PostgreSQL plumb supports (`server_version_num`): 13, the
/// oldest version still supported upstream when plumb began, and the
/// oldest the version matrix tests (`just test-versions`).
pub const MINIMUM_VERSION: i32 = 130_000;

/// A connection to `url`'s database with its schema as the search path.
/// With `create`, a missing database is created first (Prisma's "ensure
/// database exists"); the returned line says so.
pub fn open(
    url: &ConnectionUrl,
    create: bool,
) -> Result<(postgres::Client, Option<String>), Error> {
    let mut created = None;
    let mut client = match plumb_introspect::connect(url) {
        Ok(client) => client,
        Err(error) if create && error.code == Code::P1003 => {
            create_database(url)?;
            created = Some(crate::messages::database_created(
                &url.database,
                &url.server(),
            ));
            plumb_introspect::connect(url)?
        }
        Err(error) => return Err(error.into()),
    };
    // Looked up first, as Prisma does: `CREATE SCHEMA IF NOT EXISTS` needs
    // the CREATE privilege on the database even when the schema exists,
    // which a deploy role or a read-only standby does not have.
    // The server's version comes with it: one round trip.
    let row = client.query_one(
        "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1),
                current_setting('server_version_num')::integer,
                current_setting('server_version')",
        &[&url.schema],
    )?;
    let (exists, version, shown): (bool, i32, String) = (row.get(0), row.get(1), row.get(2));
    if version < MINIMUM_VERSION {
        return Err(Error::plain(crate::messages::unsupported_server(&shown)));
    }
    let schema = ident(&url.schema);
    if !exists {
        client.batch_execute(&format!("CREATE SCHEMA IF NOT EXISTS {schema}"))?;
    }
    client.batch_execute(&format!("SET search_path TO {schema}"))?;
    Ok((client, created))
}

/// Prisma's "ensure database exists": creates a missing database; the line
/// that says so, if it did.
pub fn ensure_exists(url: &ConnectionUrl) -> Result<Option<String>, Error> {
    open(url, true).map(|(_, created)| created)
}

/// `CREATE DATABASE`, from the `postgres` database, else `template1`, as
/// Prisma tries them.
fn create_database(url: &ConnectionUrl) -> Result<(), Error> {
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
        || Error::plain(crate::messages::DATABASE_NOT_CREATED),
        Into::into,
    ))
}
