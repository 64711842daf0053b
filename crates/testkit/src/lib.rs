//! Throwaway PostgreSQL for tests: one cluster per test process, one fresh
//! database per test. Also what benchmarks share: generated schemas of any
//! size ([`generated`]) and measured command runs ([`measure`]).
//!
//! ```no_run
//! let db = plumb_testkit::database();
//! let mut client = db.connect();
//! client.batch_execute("CREATE TABLE t (id int)").unwrap();
//! // the database is dropped when `db` goes out of scope
//! ```
//!
//! The cluster is started lazily by the first call to [`database`]: `initdb`
//! into a temporary directory, a free port on 127.0.0.1, `fsync=off`. As root
//! it runs as the `postgres` system user (initdb refuses root). It is stopped
//! and its directory removed when the test process exits, and it shuts itself
//! down if the process dies without exiting (see `cluster.rs`).
//!
//! With `PLUMB_TEST_DATABASE_URL` set, no cluster is started: databases are
//! created on that server instead (the URL's user needs `CREATEDB`).

mod binaries;
pub mod cases;
mod cluster;
pub mod compare;
mod database;
pub mod generated;
pub mod measure;
mod server;
mod words;

pub use database::{TestDatabase, database};
pub use words::prisma_words;

/// The certificate of the test server, which speaks TLS when the testkit
/// started it and `openssl` was at hand; `Err` says why not.
pub fn server_certificate() -> Result<&'static std::path::Path, String> {
    server::get().certificate()
}

/// The postmaster's process id and the cluster's directory, for the testkit's
/// own tests of cleanup. `None` when an external server is used.
#[doc(hidden)]
pub fn local_cluster_process() -> Option<(u32, std::path::PathBuf)> {
    server::get().local_cluster_process()
}
