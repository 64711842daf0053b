//! The texts of this crate: Prisma's words for a connection that cannot
//! be made (P1000, P1001, P1003, P1010, P1011) and for a connection URL
//! that cannot be used (P1013). They name the server as `host:port` and the
//! user, never the password.

pub fn tls_failed(reason: &str) -> String {
    format!("Error opening a TLS connection: {reason}")
}

pub fn root_certificate_unreadable(path: &str, error: &dyn std::fmt::Display) -> String {
    format!("cannot read the root certificate {path}: {error}")
}

pub fn authentication_failed(host: &str, user: &str) -> String {
    format!(
        "Authentication failed against database server at `{host}`, the provided database credentials for `{user}` are not valid.\n\nPlease make sure to provide valid database credentials for the database server at `{host}`."
    )
}

pub fn database_missing(database: &str, host: &str, port: u16) -> String {
    format!("Database `{database}` does not exist on the database server at `{host}:{port}`.")
}

pub fn access_denied(user: &str, database: &str) -> String {
    format!("User `{user}` was denied access on the database `{database}`")
}

pub fn unreachable(host: &str, port: u16) -> String {
    format!(
        "Can't reach database server at `{host}:{port}`\n\nPlease make sure your database server is running at `{host}:{port}`."
    )
}

/// P1013, before the reason.
pub const INVALID_URL: &str = "The provided database string is invalid.";

pub const UNKNOWN_SCHEME: &str =
    "The scheme is not recognized: a PostgreSQL URL starts with `postgresql://` or `postgres://`.";

pub fn invalid_port_parameter(value: &str) -> String {
    format!("invalid port number `{value}`")
}

/// A port in the URL's authority, which is not echoed: a malformed URL
/// may put password text there.
pub const INVALID_PORT: &str = "invalid port number";

pub fn invalid_ssl_mode(value: &str) -> String {
    format!("invalid sslmode `{value}`: use disable, prefer, require, verify-ca or verify-full")
}

pub fn invalid_connect_timeout(value: &str) -> String {
    format!("invalid connect_timeout `{value}`")
}

pub const UNCLOSED_IPV6: &str = "an IPv6 address lacks its closing `]`";

pub fn invalid_percent_encoding(what: &str) -> String {
    format!("invalid percent-encoding in the {what}")
}

pub fn not_utf8(what: &str) -> String {
    format!("the {what} is not valid UTF-8")
}
