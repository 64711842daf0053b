//! `plumb.toml`, the project's configuration, read from the working
//! directory as Prisma reads `prisma.config.ts`: the migrations folder and the seed
//! command, as Prisma's `migrations.path` and `migrations.seed`:
//!
//! ```toml
//! [migrations]
//! path = "db/migrations"          # relative to plumb.toml
//! seed = "node prisma/seed.js"    # what `plumb db seed` runs
//!
//! [migrate]
//! online = true                   # `migrate dev`/`diff` write the online plan
//!
//! [fleet]                         # `migrate deploy`/`status` on many databases
//! file = "tenants.txt"            # one URL per line, relative to plumb.toml
//! # query = "SELECT url FROM tenants"   # or the main database lists them
//! concurrency = 8
//!
//! [lint.rules]                    # `plumb migrate lint`'s rules, by code
//! rename = "off"
//! set-not-null = "error"          # or "warning"
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::Error;

pub const FILE_NAME: &str = "plumb.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub migrations: Migrations,
    #[serde(default)]
    pub lint: Lint,
    #[serde(default)]
    pub migrate: Migrate,
    /// The fleet `migrate deploy` and `migrate status` work on, when set.
    pub fleet: Option<Fleet>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fleet {
    /// A fleet file, relative to the configuration file.
    pub file: Option<PathBuf>,
    /// A query on the main database that lists the fleet's URLs.
    pub query: Option<String>,
    pub concurrency: Option<usize>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Migrate {
    /// Write migrations in the online plan's safe forms (`--online`).
    #[serde(default)]
    pub online: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lint {
    /// Rule code → what to do with its findings.
    #[serde(default)]
    pub rules: BTreeMap<toml::Spanned<String>, RuleLevel>,
}

/// A rule's setting in `[lint.rules]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    Off,
    Warning,
    Error,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Migrations {
    /// The migrations folder, relative to the configuration file.
    pub path: Option<PathBuf>,
    /// The seed command, run by a shell in the configuration file's
    /// folder (Prisma's `migrations.seed`).
    pub seed: Option<String>,
}

impl Config {
    /// `plumb.toml` in `directory`, if there is one; an unreadable or
    /// invalid file is an error that names it, with line and column.
    pub fn find(directory: &Path) -> Result<Option<(PathBuf, Config)>, Error> {
        let path = directory.join(FILE_NAME);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(error) => {
                return Err(Error::plain(crate::messages::cannot_read(&path, &error)));
            }
        };
        let config = Self::parse(&text)
            .map_err(|error| Error::plain(format!("{}:{error}", path.display())))?;
        Ok(Some((path, config)))
    }

    /// The file's text parsed; a rule code no rule has is an error.
    fn parse(text: &str) -> Result<Config, ConfigError> {
        let config: Config =
            toml::from_str(text).map_err(|error: toml::de::Error| ConfigError {
                message: error.message().to_string(),
                at: error.span().map(|span| Place::of(text, span.start)),
            })?;
        config
            .lint_settings()
            .map_err(|(code, error)| ConfigError {
                message: format!("{error} (`plumb migrate lint --help` lists them)"),
                at: Some(Place::of(text, code.span().start)),
            })?;
        Ok(config)
    }

    /// `[lint.rules]` as the linter takes it; `Err` names the first code
    /// no rule has.
    pub fn lint_settings(
        &self,
    ) -> Result<plumb_lint::Settings, (&toml::Spanned<String>, plumb_lint::UnknownCode)> {
        let mut settings = plumb_lint::Settings::default();
        for (code, level) in &self.lint.rules {
            let level = match level {
                RuleLevel::Off => plumb_lint::Level::Off,
                RuleLevel::Warning => plumb_lint::Level::On(plumb_lint::Severity::Warning),
                RuleLevel::Error => plumb_lint::Level::On(plumb_lint::Severity::Error),
            };
            settings
                .set(code.get_ref(), level)
                .map_err(|error| (code, error))?;
        }
        Ok(settings)
    }

    /// The plan scripts are written in: online when `--online` (`flag`) or
    /// `[migrate] online = true` asks for it.
    pub fn script_plan(flag: bool) -> Result<plumb_render::Plan, Error> {
        let configured = match Config::find(Path::new(""))? {
            Some((_, config)) => config.migrate.online,
            None => false,
        };
        Ok(if flag || configured {
            plumb_render::Plan::Online
        } else {
            plumb_render::Plan::Prisma
        })
    }

    /// The fleet file it sets, resolved against the file's folder.
    pub fn fleet_file(&self, config_path: &Path) -> Option<PathBuf> {
        let file = self.fleet.as_ref()?.file.as_ref()?;
        let base = config_path.parent().unwrap_or_else(|| Path::new("."));
        Some(base.join(file))
    }

    /// The migrations folder it sets, resolved against the file's folder.
    pub fn migrations_folder(&self, config_path: &Path) -> Option<PathBuf> {
        let path = self.migrations.path.as_ref()?;
        let base = config_path.parent().unwrap_or_else(|| Path::new("."));
        Some(base.join(path))
    }
}

/// Why `plumb.toml` cannot be read, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub message: String,
    pub at: Option<Place>,
}

/// A place in the file: line and column (from 1) and the line's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub line: usize,
    pub column: usize,
    pub text: String,
}

impl Place {
    /// The place of byte `offset` of `text`.
    fn of(text: &str, offset: usize) -> Place {
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        Place {
            line: text[..offset].matches('\n').count() + 1,
            column: text[line_start..offset].chars().count() + 1,
            text: text[line_start..]
                .lines()
                .next()
                .unwrap_or_default()
                .to_string(),
        }
    }
}

/// `line:column: message`, then the line with a caret under the column
/// (written after the file's name and a colon).
impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.at {
            None => write!(f, " {}", self.message),
            Some(place) => write!(
                f,
                "{}:{}: {}\n  {}\n  {}^",
                place.line,
                place.column,
                self.message,
                place.text,
                " ".repeat(place.column - 1)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_migrations_path_is_relative_to_the_file() {
        let config = Config::parse("[migrations]\npath = \"db/migrations\"\n");
        assert!(config.is_ok(), "{config:?}");
        let config = config.unwrap_or_default();
        assert_eq!(
            config.migrations_folder(Path::new("project/plumb.toml")),
            Some(PathBuf::from("project/db/migrations"))
        );
        let empty = Config::parse("# nothing yet\n");
        assert!(empty.is_ok(), "{empty:?}");
        let empty = empty.unwrap_or_default();
        assert_eq!(empty.migrations_folder(Path::new("plumb.toml")), None);
    }

    #[test]
    fn mistakes_are_located() {
        let unknown = Config::parse("[migrations]\npaht = \"x\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            unknown.starts_with("2:1: unknown field `paht`"),
            "{unknown}"
        );
        assert!(unknown.ends_with("\n  paht = \"x\"\n  ^"), "{unknown}");
        let broken = Config::parse("[migrations]\npath = db\n")
            .unwrap_err()
            .to_string();
        assert!(broken.starts_with("2:8: "), "{broken}");
    }

    #[test]
    fn lint_rules_are_set_by_code_and_unknown_codes_are_located() {
        let config = Config::parse("[lint.rules]\nrename = \"off\"\nset-not-null = \"error\"\n");
        assert!(config.is_ok(), "{config:?}");
        assert!(config.unwrap_or_default().lint_settings().is_ok());
        let unknown = Config::parse("[lint.rules]\nrename = \"off\"\n  drop-tables = \"off\"\n")
            .unwrap_err()
            .to_string();
        assert_eq!(
            unknown,
            "3:3: no lint rule is called `drop-tables` (`plumb migrate lint --help` lists them)\n    drop-tables = \"off\"\n    ^"
        );
        let level = Config::parse("[lint.rules]\nrename = \"loud\"\n")
            .unwrap_err()
            .to_string();
        assert!(level.starts_with("2:10: unknown variant `loud`"), "{level}");
    }
}
