//! The one server a test process uses: a local throwaway cluster, or the
//! server named by `PLUMB_TEST_DATABASE_URL`.

use std::str::FromStr;
use std::sync::OnceLock;

use plumb_sql_quote::ident;

use crate::cluster::LocalCluster;
use crate::url::with_database;

pub(crate) const EXTERNAL_URL_VAR: &str = "PLUMB_TEST_DATABASE_URL";

#[derive(Debug)]
pub(crate) enum Server {
    Local(LocalCluster),
    /// `admin_url` is the URL as given; the database in it is used for
    /// `CREATE DATABASE` and `DROP DATABASE`.
    External {
        admin_url: String,
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
            // Parse it here so that a typo is reported once, clearly, and
            // without echoing a password back.
            postgres::Config::from_str(&url).map_err(|error| {
                format!("plumb-testkit: {EXTERNAL_URL_VAR} is not a valid connection URL: {error}")
            })?;
            Ok(Server::External { admin_url: url })
        }
        _ => LocalCluster::start().map(Server::Local),
    }
}

impl Server {
    fn admin_url(&self) -> String {
        match self {
            Server::Local(cluster) => cluster.url("postgres"),
            Server::External { admin_url } => admin_url.clone(),
        }
    }

    pub(crate) fn database_url(&self, database: &str) -> String {
        match self {
            Server::Local(cluster) => cluster.url(database),
            Server::External { admin_url } => with_database(admin_url, database),
        }
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

    /// `host:port` for messages: built from the parsed URL, so it can never
    /// contain the password.
    fn describe(&self) -> String {
        let Ok(config) = postgres::Config::from_str(&self.admin_url()) else {
            return "the test server".to_string();
        };
        let host = match config.get_hosts().first() {
            Some(postgres::config::Host::Tcp(host)) => host.clone(),
            Some(postgres::config::Host::Unix(path)) => path.display().to_string(),
            None => "localhost".to_string(),
        };
        let port = config.get_ports().first().copied().unwrap_or(5432);
        format!("{host}:{port}")
    }

    fn admin_execute(&self, sql: &str) -> Result<(), String> {
        let mut client =
            postgres::Client::connect(&self.admin_url(), postgres::NoTls).map_err(|error| {
                format!(
                    "plumb-testkit: cannot connect to {}: {error}",
                    self.describe()
                )
            })?;
        client.batch_execute(sql).map_err(|error| {
            format!(
                "plumb-testkit: `{sql}` failed on {}: {error}",
                self.describe()
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
