//! The one error of plumb's use cases, and the conversions from the
//! errors of the crates below, so a call site writes `?` and never maps
//! by hand.

use std::fmt;
use std::path::PathBuf;

use plumb_codes::Code;
use plumb_introspect::{ConnectError, InvalidUrl};
use plumb_psl::{LoadError, LoadedSchema};

#[derive(Debug)]
pub enum Error {
    /// A failure Prisma's engine gives a code: printed as `Error:
    /// <code>`, a blank line and the message.
    Coded { code: Code, message: String },
    /// A connection that could not be made, as Prisma's CLI reports one
    /// before its engine runs: `<code>: <message>` on one line.
    Connect(ConnectError),
    /// A failure without a code, in words.
    Plain(String),
    /// A schema with errors: its diagnostics are for the caller to print
    /// before saying what could not be done.
    InvalidSchema {
        path: PathBuf,
        loaded: Box<LoadedSchema>,
    },
}

impl Error {
    pub fn coded(code: Code, message: impl Into<String>) -> Error {
        Error::Coded {
            code,
            message: message.into(),
        }
    }

    pub fn plain(message: impl Into<String>) -> Error {
        Error::Plain(message.into())
    }

    /// Prisma's code, if the failure has one.
    pub fn code(&self) -> Option<Code> {
        match self {
            Error::Coded { code, .. } => Some(*code),
            Error::Connect(error) => Some(error.code),
            Error::Plain(_) | Error::InvalidSchema { .. } => None,
        }
    }

    /// A connection failure as the engine's own commands (`migrate diff`)
    /// report it: coded like any engine error.
    pub(crate) fn connection_as_engine_error(self) -> Error {
        match self {
            Error::Connect(ConnectError { code, message }) => Error::Coded { code, message },
            other => other,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Coded { code, message } => write!(f, "{code}\n\n{message}"),
            Error::Connect(error) => write!(f, "{error}"),
            Error::Plain(message) => f.write_str(message),
            Error::InvalidSchema { path, .. } => {
                f.write_str(&crate::messages::invalid_schema(path))
            }
        }
    }
}

impl std::error::Error for Error {}

impl From<ConnectError> for Error {
    fn from(error: ConnectError) -> Error {
        Error::Connect(error)
    }
}

/// Prisma's P1013, wherever a URL is parsed.
impl From<InvalidUrl> for Error {
    fn from(invalid: InvalidUrl) -> Error {
        Error::coded(invalid.code(), invalid.to_string())
    }
}

/// A statement the server refused: its severity and message, as
/// Prisma's engine words an uncoded database error.
impl From<postgres::Error> for Error {
    fn from(error: postgres::Error) -> Error {
        let message = match error.as_db_error() {
            Some(db) => format!("{}: {}", db.severity(), db.message()),
            None => error.to_string(),
        };
        Error::Plain(message)
    }
}

impl From<LoadError> for Error {
    fn from(error: LoadError) -> Error {
        Error::Plain(error.to_string())
    }
}
