//! Connection URLs as Prisma reads them:
//! `postgresql://user:password@host:port/database?schema=x&sslmode=…`.
//!
//! The one place a URL is taken apart, and the one place it is printed:
//! [`ConnectionUrl`]'s `Display` never shows the password, and nothing else
//! in plumb prints a URL.

use std::fmt;
use std::time::Duration;

use crate::messages;

/// The schema (namespace) a URL without `?schema=` works in.
pub const DEFAULT_SCHEMA: &str = "public";

/// How long a connection may take, unless `connect_timeout` says.
const DEFAULT_CONNECT_TIMEOUT: Option<Duration> = Some(Duration::from_secs(5));

/// A parsed PostgreSQL connection URL.
#[derive(Clone, PartialEq, Eq)]
pub struct ConnectionUrl {
    pub user: Option<String>,
    password: Option<String>,
    /// A host name, an address, or a Unix socket directory (`/var/run/postgresql`).
    pub host: String,
    pub port: u16,
    pub database: String,
    /// `?schema=`: the namespace plumb manages.
    pub schema: String,
    pub ssl_mode: SslMode,
    /// `sslrootcert` (libpq) or `sslcert` (Prisma's name for it): a PEM
    /// file of certificates to trust besides the public roots.
    pub root_certificate: Option<String>,
    /// `sslaccept=strict` (Prisma): check the certificate and host name.
    pub strict_certificates: bool,
    pub connect_timeout: Option<Duration>,
    pub application_name: Option<String>,
}

/// libpq's `sslmode` (`allow` reads as `prefer`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslMode {
    Disable,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

/// Why a URL cannot be used: the details of Prisma's P1013.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidUrl(pub String);

impl InvalidUrl {
    /// Prisma's code for an invalid connection string.
    pub fn code(&self) -> plumb_codes::Code {
        plumb_codes::Code::P1013
    }
}

impl fmt::Display for InvalidUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", messages::INVALID_URL, self.0)
    }
}

impl ConnectionUrl {
    pub fn parse(url: &str) -> Result<ConnectionUrl, InvalidUrl> {
        let rest = url
            .strip_prefix("postgresql://")
            .or_else(|| url.strip_prefix("postgres://"))
            .ok_or_else(|| InvalidUrl(messages::UNKNOWN_SCHEME.to_string()))?;
        // The credentials end at the last `@`: a password may hold `/`, `?`
        // or `@` unencoded, and splitting at those first would put part of
        // it where an error message shows it.
        let (credentials, rest) = match rest.rsplit_once('@') {
            Some((credentials, rest)) => (Some(credentials), rest),
            None => (None, rest),
        };
        let (rest, query) = rest.split_once('?').unwrap_or((rest, ""));
        let (host_port, database) = rest.split_once('/').unwrap_or((rest, ""));
        let (user, password) = match credentials {
            Some(credentials) => {
                let (user, password) = match credentials.split_once(':') {
                    Some((user, password)) => (user, Some(password)),
                    None => (credentials, None),
                };
                (
                    Some(decode(user, "user")?).filter(|u| !u.is_empty()),
                    password.map(|p| decode(p, "password")).transpose()?,
                )
            }
            None => (None, None),
        };
        let (host, port) = host_and_port(host_port)?;
        let mut parsed = ConnectionUrl {
            user,
            password,
            host: decode(&host, "host")?,
            port,
            database: decode(database, "database name")?,
            schema: DEFAULT_SCHEMA.to_string(),
            ssl_mode: SslMode::Prefer,
            root_certificate: None,
            strict_certificates: false,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            application_name: None,
        };
        for pair in query.split('&').filter(|pair| !pair.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = decode(value, key)?;
            parsed.parameter(key, value)?;
        }
        if parsed.host.is_empty() {
            parsed.host = "localhost".to_string();
        }
        // Prisma's default, not libpq's (the user's name).
        if parsed.database.is_empty() {
            parsed.database = "postgres".to_string();
        }
        Ok(parsed)
    }

    /// One `?key=value`: Prisma's own parameters are read, PostgreSQL's
    /// that plumb supports are passed on, and the rest are ignored as
    /// Prisma ignores them (pool settings mean nothing to one connection).
    fn parameter(&mut self, key: &str, value: String) -> Result<(), InvalidUrl> {
        match key {
            "schema" => self.schema = value,
            "host" => self.host = value,
            "port" => {
                self.port = value
                    .parse()
                    .map_err(|_| InvalidUrl(messages::invalid_port_parameter(&value)))?;
            }
            "user" => self.user = Some(value),
            "password" => self.password = Some(value),
            "sslmode" => {
                self.ssl_mode = match value.as_str() {
                    "disable" => SslMode::Disable,
                    "prefer" | "allow" => SslMode::Prefer,
                    "require" => SslMode::Require,
                    "verify-ca" => SslMode::VerifyCa,
                    "verify-full" => SslMode::VerifyFull,
                    _ => {
                        return Err(InvalidUrl(messages::invalid_ssl_mode(&value)));
                    }
                }
            }
            "sslrootcert" | "sslcert" => self.root_certificate = Some(value),
            "sslaccept" => self.strict_certificates = value == "strict",
            "connect_timeout" => {
                let seconds: u64 = value
                    .parse()
                    .map_err(|_| InvalidUrl(messages::invalid_connect_timeout(&value)))?;
                self.connect_timeout = (seconds > 0).then(|| Duration::from_secs(seconds));
            }
            "application_name" => self.application_name = Some(value),
            _ => {}
        }
        Ok(())
    }

    pub fn password(&self) -> Option<&str> {
        self.password.as_deref()
    }

    /// The same server and credentials, another database.
    pub fn with_database(&self, database: &str) -> ConnectionUrl {
        ConnectionUrl {
            database: database.to_string(),
            ..self.clone()
        }
    }

    /// The URL as a connection string, password included, for handing to
    /// another process (an environment variable). Never for printing:
    /// `Display` is for that. Parsing it gives this URL back.
    pub fn connection_string(&self) -> String {
        let mut text = "postgresql://".to_string();
        if self.user.is_some() || self.password.is_some() {
            text.push_str(&encode(self.user.as_deref().unwrap_or_default()));
            if let Some(password) = &self.password {
                text.push(':');
                text.push_str(&encode(password));
            }
            text.push('@');
        }
        let socket = self.host.starts_with('/');
        if !socket {
            if self.host.contains(':') {
                text.push_str(&format!("[{}]:{}", self.host, self.port));
            } else {
                text.push_str(&format!("{}:{}", encode(&self.host), self.port));
            }
        }
        text.push('/');
        text.push_str(&encode(&self.database));
        // Only what differs from the defaults, so that a plain URL stays
        // plain (tests append their own `?…`).
        let mut parameters = Vec::new();
        if self.schema != DEFAULT_SCHEMA {
            parameters.push(("schema", self.schema.clone()));
        }
        if socket {
            parameters.push(("host", self.host.clone()));
            parameters.push(("port", self.port.to_string()));
        }
        let ssl_mode = match self.ssl_mode {
            SslMode::Disable => Some("disable"),
            SslMode::Prefer => None,
            SslMode::Require => Some("require"),
            SslMode::VerifyCa => Some("verify-ca"),
            SslMode::VerifyFull => Some("verify-full"),
        };
        if let Some(mode) = ssl_mode {
            parameters.push(("sslmode", mode.to_string()));
        }
        if let Some(path) = &self.root_certificate {
            parameters.push(("sslrootcert", path.clone()));
        }
        if self.strict_certificates {
            parameters.push(("sslaccept", "strict".to_string()));
        }
        if self.connect_timeout != DEFAULT_CONNECT_TIMEOUT {
            let seconds = self.connect_timeout.map_or(0, |timeout| timeout.as_secs());
            parameters.push(("connect_timeout", seconds.to_string()));
        }
        if let Some(name) = &self.application_name {
            parameters.push(("application_name", name.clone()));
        }
        let query: Vec<String> = parameters
            .iter()
            .map(|(key, value)| format!("{key}={}", encode(value)))
            .collect();
        if !query.is_empty() {
            text.push('?');
            text.push_str(&query.join("&"));
        }
        text
    }

    /// The same server and database as another user, without this one's
    /// password.
    pub fn with_user(&self, user: &str) -> ConnectionUrl {
        ConnectionUrl {
            user: Some(user.to_string()),
            password: None,
            ..self.clone()
        }
    }

    /// `host:port` as Prisma's error messages name the server.
    pub fn server(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }

    /// The settings for the `postgres` crate.
    pub fn config(&self) -> postgres::Config {
        let mut config = postgres::Config::new();
        config
            .host(&self.host)
            .port(self.port)
            .dbname(&self.database);
        if let Some(user) = &self.user {
            config.user(user);
        }
        if let Some(password) = &self.password {
            config.password(password);
        }
        if let Some(timeout) = self.connect_timeout {
            config.connect_timeout(timeout);
        }
        config.application_name(self.application_name.as_deref().unwrap_or("plumb"));
        config.ssl_mode(match self.ssl_mode {
            SslMode::Disable => postgres::config::SslMode::Disable,
            SslMode::Prefer => postgres::config::SslMode::Prefer,
            SslMode::Require | SslMode::VerifyCa | SslMode::VerifyFull => {
                postgres::config::SslMode::Require
            }
        });
        config
    }
}

/// Redacted: the password is never shown.
impl fmt::Display for ConnectionUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "postgresql://")?;
        if let Some(user) = &self.user {
            write!(f, "{user}")?;
            if self.password.is_some() {
                write!(f, ":***")?;
            }
            write!(f, "@")?;
        }
        if self.host.starts_with('/') {
            write!(f, "/{}?host={}", self.database, self.host)?;
            write!(f, "&schema={}", self.schema)
        } else {
            write!(
                f,
                "{}/{}?schema={}",
                self.server(),
                self.database,
                self.schema
            )
        }
    }
}

/// A connection URL given as text, as messages and debug prints may show
/// it: parsed and shown without its password, or not shown at all when
/// it does not parse.
pub fn redacted(url: &str) -> String {
    ConnectionUrl::parse(url).map_or_else(
        |_| "<a connection URL that does not parse>".to_string(),
        |url| url.to_string(),
    )
}

/// As `Display`: a URL in a debug print must not leak its password either.
impl fmt::Debug for ConnectionUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ConnectionUrl({self})")
    }
}

/// `host`, `host:port`, `[::1]:port`; an empty host means a `?host=`
/// parameter or localhost.
fn host_and_port(host_port: &str) -> Result<(String, u16), InvalidUrl> {
    let default_port = 5432;
    if let Some(rest) = host_port.strip_prefix('[') {
        let (address, after) = rest
            .split_once(']')
            .ok_or_else(|| InvalidUrl(messages::UNCLOSED_IPV6.to_string()))?;
        let port = match after.strip_prefix(':') {
            Some(port) => parse_port(port)?,
            None => default_port,
        };
        return Ok((address.to_string(), port));
    }
    match host_port.rsplit_once(':') {
        Some((host, port)) => Ok((host.to_string(), parse_port(port)?)),
        None => Ok((host_port.to_string(), default_port)),
    }
}

fn parse_port(port: &str) -> Result<u16, InvalidUrl> {
    port.parse()
        // Not echoed: a malformed URL may put password text here.
        .map_err(|_| InvalidUrl(messages::INVALID_PORT.to_string()))
}

/// Percent-encoding of everything but URL-safe characters.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Percent-decoding; `what` names the part in the error.
fn decode(text: &str, what: &str) -> Result<String, InvalidUrl> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text
                .get(i + 1..i + 3)
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
                .ok_or_else(|| InvalidUrl(messages::invalid_percent_encoding(what)))?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| InvalidUrl(messages::not_utf8(what)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_connection_string_parses_back_to_the_same_url() {
        for url in [
            "postgresql://al%40ice:p%3As%2Fs@db.example.com:6543/shop?schema=sales&sslmode=disable&connect_timeout=3",
            "postgres://u:pw@[::1]:5433/d?sslmode=verify-full&sslrootcert=/a%20b.pem&sslaccept=strict",
            "postgresql://u@/d?host=/var/run/postgresql&port=5433&application_name=x%20y&connect_timeout=0",
            "postgresql://h",
            "postgresql://:secret@h/d",
        ] {
            let parsed = ConnectionUrl::parse(url).unwrap();
            let again = ConnectionUrl::parse(&parsed.connection_string()).unwrap();
            assert_eq!(again.password(), parsed.password(), "{url}");
            assert!(again == parsed, "{url}: {again} is not {parsed}");
        }
        let plain = ConnectionUrl::parse("postgresql://u@h:1/d").unwrap();
        assert_eq!(plain.connection_string(), "postgresql://u@h:1/d");
    }

    #[test]
    fn a_url_given_as_text_is_shown_without_its_password() {
        assert_eq!(
            redacted("postgresql://u:secret@h:1/d"),
            "postgresql://u:***@h:1/d?schema=public"
        );
        assert!(!redacted("postgresql://u:secret@h:port/d").contains("secret"));
    }

    #[test]
    fn reads_every_part() {
        let url = ConnectionUrl::parse(
            "postgresql://al%40ice:p%3Ass@db.example.com:6543/shop?schema=sales&sslmode=disable&connect_timeout=3&connection_limit=5",
        )
        .unwrap();
        assert_eq!(url.user.as_deref(), Some("al@ice"));
        assert_eq!(url.password(), Some("p:ss"));
        assert_eq!(url.host, "db.example.com");
        assert_eq!(url.port, 6543);
        assert_eq!(url.database, "shop");
        assert_eq!(url.schema, "sales");
        assert_eq!(url.ssl_mode, SslMode::Disable);
        assert_eq!(url.connect_timeout, Some(Duration::from_secs(3)));
    }

    #[test]
    fn defaults_and_socket_hosts() {
        let url = ConnectionUrl::parse("postgres://bob@/app?host=/var/run/postgresql").unwrap();
        assert_eq!(url.host, "/var/run/postgresql");
        assert_eq!(url.port, 5432);
        assert_eq!(url.schema, "public");
        let url = ConnectionUrl::parse("postgresql://[::1]:5433/x").unwrap();
        assert_eq!((url.host.as_str(), url.port), ("::1", 5433));
        let url = ConnectionUrl::parse("postgresql://h").unwrap();
        assert_eq!(url.database, "postgres");
    }

    #[test]
    fn an_unencoded_password_stays_a_password() {
        let url = ConnectionUrl::parse("postgresql://app:Ab/c?d@e@db:5433/shop?schema=s").unwrap();
        assert_eq!(url.password(), Some("Ab/c?d@e"));
        assert_eq!((url.host.as_str(), url.port), ("db", 5433));
        assert_eq!((url.database.as_str(), url.schema.as_str()), ("shop", "s"));
        let bad = ConnectionUrl::parse("postgresql://app:1234x/y@db:port/shop").unwrap_err();
        assert!(!bad.to_string().contains("1234"), "{bad}");
        let no_path = ConnectionUrl::parse("postgresql://bob@h").unwrap();
        assert_eq!(no_path.database, "postgres");
    }

    #[test]
    fn never_shows_the_password() {
        let url = ConnectionUrl::parse("postgresql://u:secret@h:1/d").unwrap();
        assert_eq!(url.to_string(), "postgresql://u:***@h:1/d?schema=public");
        assert!(!format!("{url:?}").contains("secret"));
    }

    #[test]
    fn bad_urls_say_what_is_wrong() {
        for (url, says) in [
            ("mysql://h/d", "scheme"),
            ("postgresql://h:port/d", "port"),
            ("postgresql://h/d?sslmode=sometimes", "sslmode"),
            ("postgresql://u%zz@h/d", "percent-encoding in the user"),
        ] {
            let error = ConnectionUrl::parse(url).unwrap_err().to_string();
            assert!(
                error.starts_with("The provided database string is invalid."),
                "{error}"
            );
            assert!(error.contains(says), "{url}: {error}");
        }
    }
}
