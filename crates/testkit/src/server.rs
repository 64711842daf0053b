//! The one server a test process uses: a local throwaway cluster, or the
//! server named by `PLUMB_TEST_DATABASE_URL`.

use std::sync::OnceLock;

use plumb_introspect::ConnectionUrl;
use plumb_sql_quote::ident;

use crate::cluster::LocalCluster;

pub(crate) const EXTERNAL_URL_VAR: &str = "PLUMB_TEST_DATABASE_URL";

#[derive(Debug)]
pub(crate) enum Server {
    Local(LocalCluster),
    /// `admin_url` is the URL as given; the database in it is used for
    /// `CREATE DATABASE` and `DROP DATABASE`.
    External {
        admin_url: ConnectionUrl,
    },
}

static SERVER: OnceLock<Result<Server, String>> = OnceLock::new();

/// The server, started on first use. If it cannot be had, every test that
/// asks for it fails with the same explanation: never a silent skip.
pub(crate) fn get() -> &'static Server {
    match SERVER.get_or_init(start) {
        Ok(server) => server,
        Err(message) => panic!("{message}"),
    }
}

fn start() -> Result<Server, String> {
    match std::env::var(EXTERNAL_URL_VAR) {
        Ok(url) if !url.trim().is_empty() => {
            // Parsed here, by plumb's one URL parser, so that a typo is
            // reported once, clearly, and without echoing a password back.
            let admin_url = ConnectionUrl::parse(&url).map_err(|error| {
                format!("plumb-testkit: {EXTERNAL_URL_VAR} is not a valid connection URL: {error}")
            })?;
            Ok(Server::External { admin_url })
        }
        _ => LocalCluster::start().map(Server::Local),
    }
}

impl Server {
    fn admin_url(&self) -> ConnectionUrl {
        match self {
            Server::Local(cluster) => cluster.url("postgres"),
            Server::External { admin_url } => admin_url.clone(),
        }
    }

    /// The connection string of `database` on this server.
    pub(crate) fn database_url(&self, database: &str) -> String {
        self.admin_url().with_database(database).connection_string()
    }

    /// The certificate the server presents, if it speaks TLS and is ours.
    pub(crate) fn certificate(&self) -> Result<&std::path::Path, String> {
        match self {
            Server::Local(cluster) => cluster.certificate().ok_or_else(|| {
                "the testkit's server runs without TLS: `openssl` was not found (Debian's \
                 postgresql package brings it)"
                    .to_string()
            }),
            Server::External { .. } => Err(format!(
                "the server of {EXTERNAL_URL_VAR} is not the testkit's: its certificate is unknown"
            )),
        }
    }

    pub(crate) fn local_cluster_process(&self) -> Option<(u32, std::path::PathBuf)> {
        match self {
            Server::Local(cluster) => Some((cluster.pid(), cluster.dir().to_path_buf())),
            Server::External { .. } => None,
        }
    }

    fn admin_execute(&self, sql: &str) -> Result<(), String> {
        // Messages name the server as `host:port`, never the password.
        let admin = self.admin_url();
        let mut client = admin.config().connect(postgres::NoTls).map_err(|error| {
            format!(
                "plumb-testkit: cannot connect to {}: {error}",
                admin.server()
            )
        })?;
        client.batch_execute(sql).map_err(|error| {
            format!(
                "plumb-testkit: `{sql}` failed on {}: {error}",
                admin.server()
            )
        })
    }

    pub(crate) fn create_database(&self, name: &str) -> Result<(), String> {
        self.admin_execute(&format!("CREATE DATABASE {}", ident(name)))
    }

    pub(crate) fn drop_database(&self, name: &str) -> Result<(), String> {
        // FORCE (PostgreSQL 13+) ends sessions a test left open.
        self.admin_execute(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            ident(name)
        ))
    }
}
