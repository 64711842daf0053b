//! Connecting, with failures in Prisma's words and codes (P1000, P1001,
//! P1003, P1010, P1011). Messages name the server and the user, never the
//! password.

use std::fmt;

use crate::url::{ConnectionUrl, SslMode};

/// A connection that could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectError {
    /// Prisma's error code (`P1001`).
    pub code: &'static str,
    pub message: String,
}

impl fmt::Display for ConnectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for ConnectError {}

/// Opens one connection to `url`'s database.
pub fn connect(url: &ConnectionUrl) -> Result<postgres::Client, ConnectError> {
    if url.ssl_mode == SslMode::Require {
        return Err(ConnectError {
            code: "P1011",
            message: "Error opening a TLS connection: plumb does not support TLS yet; use sslmode=prefer or sslmode=disable.".to_string(),
        });
    }
    url.config()
        .connect(postgres::NoTls)
        .map_err(|error| classify(&error, url))
}

/// Prisma's code and text for a failed connection.
fn classify(error: &postgres::Error, url: &ConnectionUrl) -> ConnectError {
    let user = url.user.as_deref().unwrap_or("");
    let host = &url.host;
    let port = url.port;
    let (code, message) = match error.as_db_error().map(|db| db.code().code()) {
        Some("28P01" | "28000") => (
            "P1000",
            format!(
                "Authentication failed against database server at `{host}`, the provided database credentials for `{user}` are not valid.\n\nPlease make sure to provide valid database credentials for the database server at `{host}`."
            ),
        ),
        Some("3D000") => (
            "P1003",
            format!(
                "Database `{}` does not exist on the database server at `{host}:{port}`.",
                url.database
            ),
        ),
        Some("42501") => (
            "P1010",
            format!(
                "User `{user}` was denied access on the database `{}`",
                url.database
            ),
        ),
        _ => (
            "P1001",
            format!(
                "Can't reach database server at `{host}`:`{port}`\n\nPlease make sure your database server is running at `{host}`:`{port}`."
            ),
        ),
    };
    ConnectError {
        code,
        message: message.to_string(),
    }
}
