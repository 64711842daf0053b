//! One fresh database per test.

use std::sync::atomic::{AtomicU32, Ordering};

use crate::server;

/// A database that exists for as long as this handle does.
pub struct TestDatabase {
    name: String,
    url: String,
}

/// By name: the URL may hold a password.
impl std::fmt::Debug for TestDatabase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestDatabase")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// Creates a fresh, empty database on the test server (starting the server
/// on first use) and returns its handle. Panics with an explanation when no
/// server can be had.
pub fn database() -> TestDatabase {
    let server = server::get();
    let name = unique_name();
    if let Err(message) = server.create_database(&name) {
        panic!("{message}");
    }
    TestDatabase {
        url: server.database_url(&name),
        name,
    }
}

impl TestDatabase {
    /// A `postgresql://` URL for this database.
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    fn parsed(&self) -> plumb_introspect::ConnectionUrl {
        plumb_introspect::ConnectionUrl::parse(&self.url)
            .unwrap_or_else(|error| panic!("plumb-testkit: {}: {error}", self.name))
    }

    /// The URL of another database on the same server, with the same
    /// credentials (it need not exist).
    pub fn url_of(&self, database: &str) -> String {
        self.parsed().with_database(database).connection_string()
    }

    /// The URL of another database on the same server as `user`, without
    /// a password.
    pub fn url_as(&self, user: &str, database: &str) -> String {
        self.parsed()
            .with_database(database)
            .with_user(user)
            .connection_string()
    }

    /// `host:port`, as plumb's messages name the server.
    pub fn server(&self) -> String {
        self.parsed().server()
    }

    /// A new connection to this database.
    pub fn connect(&self) -> postgres::Client {
        self.parsed()
            .config()
            .connect(postgres::NoTls)
            .unwrap_or_else(|error| {
                panic!("plumb-testkit: cannot connect to {}: {error}", self.name)
            })
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Err(message) = server::get().drop_database(&self.name) {
            if std::thread::panicking() {
                #[allow(
                    clippy::print_stderr,
                    reason = "a second panic would abort the test run"
                )]
                {
                    eprintln!("{message}");
                }
            } else {
                panic!("{message}");
            }
        }
    }
}

/// `plumb_<pid>_<n>_<test name>`: unique within the process (counter) and
/// across processes sharing an external server (pid), and readable in
/// `\l` when a test leaves something behind. At most 63 bytes, PostgreSQL's
/// identifier limit.
fn unique_name() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let prefix = format!("plumb_{}_{n}_", std::process::id());
    // libtest names each test's thread after the test.
    let test: String = std::thread::current()
        .name()
        .unwrap_or("test")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    let room = 63 - prefix.len();
    let test = if test.len() > room {
        &test[test.len() - room..]
    } else {
        &test[..]
    };
    format!("{prefix}{test}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_are_unique_short_and_plain() {
        let a = super::unique_name();
        let b = super::unique_name();
        assert_ne!(a, b);
        for name in [a, b] {
            assert!(name.len() <= 63, "{name}");
            assert!(
                name.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            );
            assert!(name.ends_with("names_are_unique_short_and_plain"), "{name}");
        }
    }
}
