//! Connecting, with failures in Prisma's words and codes (P1000, P1001,
//! P1003, P1010, P1011). Messages name the server and the user, never the
//! password.

use std::fmt;

use plumb_codes::Code;

use crate::messages;
use crate::url::{ConnectionUrl, SslMode};

/// A connection that could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectError {
    /// Prisma's error code (`P1001`).
    pub code: Code,
    pub message: String,
}

impl fmt::Display for ConnectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for ConnectError {}

/// Opens one connection to `url`'s database, over TLS unless its
/// `sslmode` is `disable` (`prefer` falls back to plain when the server
/// has no TLS).
pub fn connect(url: &ConnectionUrl) -> Result<postgres::Client, ConnectError> {
    let config = url.config();
    let connected = if url.ssl_mode == SslMode::Disable {
        config.connect(postgres::NoTls)
    } else {
        let tls = crate::tls::connector(url)?;
        config.connect(tls)
    };
    connected.map_err(|error| classify(&error, url))
}

pub(crate) fn tls_error(message: &str) -> ConnectError {
    ConnectError {
        code: Code::P1011,
        message: messages::tls_failed(message),
    }
}

/// Prisma's code and text for a failed connection.
fn classify(error: &postgres::Error, url: &ConnectionUrl) -> ConnectError {
    // The postgres crate names a failed handshake only in its text.
    let text = error.to_string();
    if let Some(reason) = text.strip_prefix("error performing TLS handshake") {
        let reason = reason.trim_start_matches(':').trim();
        let detail = std::error::Error::source(error).map_or(String::new(), |s| s.to_string());
        let reason = if reason.is_empty() {
            detail.as_str()
        } else {
            reason
        };
        return tls_error(reason);
    }
    let user = url.user.as_deref().unwrap_or("");
    let host = &url.host;
    let port = url.port;
    let (code, message) = match error.as_db_error().map(|db| db.code().code()) {
        Some("28P01" | "28000") => (Code::P1000, messages::authentication_failed(host, user)),
        Some("3D000") => (
            Code::P1003,
            messages::database_missing(&url.database, host, port),
        ),
        Some("42501") => (Code::P1010, messages::access_denied(user, &url.database)),
        _ => (Code::P1001, messages::unreachable(host, port)),
    };
    ConnectError { code, message }
}
