//! `init`: a new project's `prisma/schema.prisma`, `.env` with
//! `DATABASE_URL`, and `.env` in `.gitignore` — refusing, as Prisma does,
//! when the project already has a schema
//! (`docs/reference/prisma-dev-commands.md` §5).

use std::path::Path;

use crate::Error;
use crate::messages;

/// What `init` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Init {
    /// Nothing written: the project already has a schema (Prisma's text).
    Refused(&'static str),
    Initialized(Initialized),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Initialized {
    /// The files and folders created, as Prisma's summary lists them.
    pub written: Vec<&'static str>,
    pub warnings: Vec<&'static str>,
}

/// Sets up a project in `directory` for `provider` (only PostgreSQL),
/// with `url` (else Prisma's example URL) as `DATABASE_URL`.
pub fn init(directory: &Path, provider: &str, url: Option<&str>) -> Result<Init, Error> {
    if !provider.eq_ignore_ascii_case("postgresql") {
        return Err(Error::plain(messages::init_unsupported_provider(provider)));
    }
    if directory.join("schema.prisma").exists() {
        return Ok(Init::Refused(messages::INIT_SCHEMA_EXISTS));
    }
    if directory.join("prisma").exists() {
        return Ok(Init::Refused(messages::INIT_FOLDER_EXISTS));
    }
    let write = |name: &str, text: &str| {
        let path = directory.join(name);
        std::fs::write(&path, text)
            .map_err(|error| Error::plain(messages::cannot_write(&path, &error)))
    };
    let prisma = directory.join("prisma");
    std::fs::create_dir_all(&prisma)
        .map_err(|error| Error::plain(messages::cannot_create_folder(&prisma, &error)))?;
    write("prisma/schema.prisma", messages::INIT_SCHEMA)?;
    let mut done = Initialized {
        written: vec!["  prisma/", "    schema.prisma"],
        warnings: Vec::new(),
    };
    let env_line = format!(
        "DATABASE_URL=\"{}\"",
        url.unwrap_or(messages::INIT_DEFAULT_URL)
    );
    match std::fs::read_to_string(directory.join(".env")) {
        Err(_) => {
            write(
                ".env",
                &format!("{}{env_line}", messages::INIT_ENV_COMMENTS),
            )?;
            done.written.push("  .env");
        }
        Ok(existing) if crate::env::lookup(&existing, "DATABASE_URL").is_some() => {
            done.warnings.push(messages::INIT_URL_EXISTS);
        }
        Ok(existing) => write(
            ".env",
            &format!(
                "{existing}\n\n{}{}{env_line}",
                messages::INIT_ENV_INSERTED,
                messages::INIT_ENV_COMMENTS
            ),
        )?,
    }
    match std::fs::read_to_string(directory.join(".gitignore")) {
        Err(_) => {
            write(
                ".gitignore",
                &format!("{}\n/generated/prisma\n", messages::INIT_GITIGNORE),
            )?;
            done.written.push("  .gitignore");
        }
        Ok(existing) => write(".gitignore", &with_env_ignored(&existing))?,
    }
    Ok(Init::Initialized(done))
}

/// An existing `.gitignore` with `.env` added when missing, and Prisma's
/// generated client.
fn with_env_ignored(existing: &str) -> String {
    let ignored = existing
        .lines()
        .any(|line| matches!(line.trim(), ".env" | "/.env"));
    let mut text = existing.to_string();
    if !ignored {
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(messages::INIT_GITIGNORE_ENV);
    }
    text.push_str("\n/generated/prisma\n");
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("plumb-init-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let _ = std::fs::create_dir_all(&dir);
        dir
    }

    #[test]
    fn a_new_project_gets_a_schema_an_env_and_a_gitignore() {
        let dir = project("new");
        let done = init(&dir, "postgresql", Some("postgresql://u@h/d")).unwrap();
        let Init::Initialized(done) = done else {
            panic!("refused: {done:?}");
        };
        assert_eq!(
            done.written,
            ["  prisma/", "    schema.prisma", "  .env", "  .gitignore"]
        );
        assert!(done.warnings.is_empty());
        let env = std::fs::read_to_string(dir.join(".env")).unwrap();
        assert!(
            env.ends_with("DATABASE_URL=\"postgresql://u@h/d\""),
            "{env}"
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("prisma/schema.prisma")).unwrap(),
            messages::INIT_SCHEMA
        );
        // Run again: the project has a schema now.
        assert_eq!(
            init(&dir, "postgresql", None).unwrap(),
            Init::Refused(messages::INIT_FOLDER_EXISTS)
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_existing_database_url_is_kept_and_other_providers_refused() {
        let dir = project("existing");
        std::fs::write(dir.join(".env"), "export DATABASE_URL=x\n").unwrap();
        let Init::Initialized(done) = init(&dir, "PostgreSQL", None).unwrap() else {
            panic!("refused");
        };
        assert_eq!(done.warnings, [messages::INIT_URL_EXISTS]);
        assert_eq!(
            std::fs::read_to_string(dir.join(".env")).unwrap(),
            "export DATABASE_URL=x\n"
        );
        assert!(init(&project("mysql"), "mysql", None).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn env_is_ignored_once() {
        assert_eq!(
            with_env_ignored("target"),
            "target\n# Keep environment variables out of version control\n.env\n\n/generated/prisma\n"
        );
        assert_eq!(with_env_ignored("/.env\n"), "/.env\n\n/generated/prisma\n");
    }
}
