//! `db execute`: sends a script to the database as it is, in one simple
//! query — PostgreSQL runs it as one implicit transaction unless it has its
//! own `BEGIN`/`COMMIT` — as Prisma's engine does. No history, no lock, and
//! the database is never created.

use plumb_introspect::ConnectionUrl;
use plumb_sql_quote::ident;

use crate::database::CommandError;

pub fn execute(url: &ConnectionUrl, script: &str) -> Result<(), CommandError> {
    let mut client = plumb_introspect::connect(url)?;
    client
        .batch_execute(&format!("SET search_path TO {}", ident(&url.schema)))
        .and_then(|()| client.batch_execute(script))
        .map_err(|error| {
            // Prisma's engine prints the server's error without a code, and
            // its message ends in a blank line.
            let CommandError { message, .. } = error.into();
            CommandError::plain(format!("{message}\n\n"))
        })
}
