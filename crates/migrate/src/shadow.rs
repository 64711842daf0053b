//! The shadow database: where a migrations folder is replayed to learn the
//! schema it builds. Without a configured one, a temporary database
//! `prisma_migrate_shadow_db_<uuid>` on the main database's server, always
//! dropped (`WITH (FORCE)`) when the handle goes — also after a failed
//! replay or a panic; with one, it is reset first and kept.

use std::path::Path;
use std::sync::Mutex;

use plumb_codes::Code;
use plumb_introspect::ConnectionUrl;
use plumb_sql_quote::ident;

use crate::history::{apply, folder};
use crate::{Error, messages};

/// A shadow database for as long as this handle lives.
#[derive(Debug)]
pub struct Shadow {
    url: ConnectionUrl,
    /// The temporary database to drop, and the server connection to drop
    /// it from; `None` for a configured shadow database.
    temporary: Option<(String, ConnectionUrl)>,
}

impl Shadow {
    /// A temporary shadow database on `main`'s server, created from a
    /// connection to `main` (P3014 when that is refused).
    pub fn temporary(main: &ConnectionUrl) -> Result<Shadow, Error> {
        let mut client = plumb_introspect::connect(main)?;
        let uuid: String = client
            .query_one("SELECT gen_random_uuid()::text", &[])?
            .get(0);
        let name = format!("prisma_migrate_shadow_db_{uuid}");
        client
            .batch_execute(&format!("CREATE DATABASE {}", ident(&name)))
            .map_err(|error| {
                let (code, message) = coded(&error);
                Error::coded(Code::P3014, messages::shadow_not_created(&code, &message))
            })?;
        register(&name, main);
        Ok(Shadow {
            url: main.with_database(&name),
            temporary: Some((name, main.clone())),
        })
    }

    /// A configured shadow database: never the main one (same server and
    /// database, whatever the schema); emptied first as Prisma resets it —
    /// its schema and `schemas` (the ones the replay will write) dropped
    /// and created again, its history table gone.
    pub fn configured(
        shadow: &ConnectionUrl,
        main: Option<&ConnectionUrl>,
        schemas: &[String],
    ) -> Result<Shadow, Error> {
        let same = |main: &ConnectionUrl| {
            main.server() == shadow.server() && main.database == shadow.database
        };
        if main.is_some_and(same) {
            return Err(Error::plain(messages::SHADOW_IS_MAIN));
        }
        let (mut client, _) = crate::database::open(shadow, false)?;
        let mut reset = String::new();
        for schema in schemas.iter().chain([&shadow.schema]) {
            let schema = ident(schema);
            reset.push_str(&format!(
                "DROP SCHEMA IF EXISTS {schema} CASCADE;\nCREATE SCHEMA {schema};\n"
            ));
        }
        reset.push_str(&format!("SET search_path TO {};", ident(&shadow.schema)));
        client.batch_execute(&reset)?;
        Ok(Shadow {
            url: shadow.clone(),
            temporary: None,
        })
    }

    pub fn url(&self) -> &ConnectionUrl {
        &self.url
    }

    /// Runs every migration of the folder, in order, as deploy runs it but
    /// without a history table. A failure is Prisma's P3006.
    pub fn replay(&self, migrations_folder: &Path) -> Result<(), Error> {
        self.replay_migrations(&folder::list(migrations_folder)?)
    }

    /// Runs `migrations`, in the order given, after what it already holds.
    pub fn replay_migrations(&self, migrations: &[folder::LocalMigration]) -> Result<(), Error> {
        if migrations.is_empty() {
            return Ok(());
        }
        let (mut client, _) = crate::database::open(&self.url, false)?;
        for migration in migrations {
            apply::run_script(&mut client, &migration.script).map_err(|error| {
                let (code, message) = coded(&error);
                Error::coded(
                    Code::P3006,
                    messages::shadow_replay_failed(&migration.name, &code, &message),
                )
            })?;
        }
        Ok(())
    }
}

/// Prisma's `Error code: X\n` line (empty without a SQLSTATE) and the
/// server's message.
fn coded(error: &postgres::Error) -> (String, String) {
    match error.as_db_error() {
        Some(db) => (
            format!("Error code: {}\n", db.code().code()),
            format!("{}: {}", db.severity(), db.message()),
        ),
        None => (String::new(), error.to_string()),
    }
}

impl Drop for Shadow {
    fn drop(&mut self) {
        if let Some((name, server)) = self.temporary.take() {
            drop_database(&name, &server);
            if let Ok(mut live) = LIVE.lock() {
                live.retain(|(live, _)| *live != name);
            }
        }
    }
}

/// The temporary shadow databases that exist now, for [`drop_all`].
static LIVE: Mutex<Vec<(String, ConnectionUrl)>> = Mutex::new(Vec::new());

fn register(name: &str, server: &ConnectionUrl) {
    if let Ok(mut live) = LIVE.lock() {
        live.push((name.to_string(), server.clone()));
    }
}

/// Drops every temporary shadow database this process has made and not
/// yet dropped: for a signal handler, which cannot wait for the handles'
/// destructors. `WITH (FORCE)` ends the replay still using one.
pub fn drop_all() {
    let live = match LIVE.lock() {
        Ok(mut live) => std::mem::take(&mut *live),
        Err(poisoned) => std::mem::take(&mut *poisoned.into_inner()),
    };
    for (name, server) in live {
        drop_database(&name, &server);
    }
}

fn drop_database(name: &str, server: &ConnectionUrl) {
    // Nowhere to report a failure from here; the name says what it is,
    // should one ever be left behind.
    if let Ok(mut client) = plumb_introspect::connect(server) {
        let _ = client.batch_execute(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            ident(name)
        ));
    }
}
