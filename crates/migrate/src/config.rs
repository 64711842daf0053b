//! `plumb.toml`, the project's configuration, read from the working
//! directory as Prisma reads `prisma.config.ts`: the migrations folder and the seed
//! command, as Prisma's `migrations.path` and `migrations.seed`:
//!
//! ```toml
//! [migrations]
//! path = "db/migrations"          # relative to plumb.toml
//! seed = "node prisma/seed.js"    # what `plumb db seed` runs
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::database::CommandError;

pub const FILE_NAME: &str = "plumb.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub migrations: Migrations,
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
    pub fn find(directory: &Path) -> Result<Option<(PathBuf, Config)>, CommandError> {
        let path = directory.join(FILE_NAME);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(error) => {
                return Err(CommandError::plain(format!(
                    "Cannot read {}: {error}",
                    path.display()
                )));
            }
        };
        let config = Self::parse(&text)
            .map_err(|message| CommandError::plain(format!("{}:{message}", path.display())))?;
        Ok(Some((path, config)))
    }

    /// The file's text parsed; `Err` is `line:column: message` and the
    /// offending line with a caret.
    fn parse(text: &str) -> Result<Config, String> {
        toml::from_str(text).map_err(|error: toml::de::Error| {
            let message = error.message().to_string();
            let Some(span) = error.span() else {
                return format!(" {message}");
            };
            let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
            let line_number = text[..span.start].matches('\n').count() + 1;
            let column = text[line_start..span.start].chars().count() + 1;
            let line = text[line_start..].lines().next().unwrap_or_default();
            format!(
                "{line_number}:{column}: {message}\n  {line}\n  {}^",
                " ".repeat(column - 1)
            )
        })
    }

    /// The migrations folder it sets, resolved against the file's folder.
    pub fn migrations_folder(&self, config_path: &Path) -> Option<PathBuf> {
        let path = self.migrations.path.as_ref()?;
        let base = config_path.parent().unwrap_or_else(|| Path::new("."));
        Some(base.join(path))
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
        let unknown = Config::parse("[migrations]\npaht = \"x\"\n").unwrap_err();
        assert!(
            unknown.starts_with("2:1: unknown field `paht`"),
            "{unknown}"
        );
        assert!(unknown.ends_with("\n  paht = \"x\"\n  ^"), "{unknown}");
        let broken = Config::parse("[migrations]\npath = db\n").unwrap_err();
        assert!(broken.starts_with("2:8: "), "{broken}");
    }
}
