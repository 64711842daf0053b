//! The project's seed command, found as Prisma 6 finds it — the
//! configuration's `migrations.seed` (here `plumb.toml`), else
//! `package.json`'s `"prisma": {"seed": "…"}` — and run by the shell in
//! the working directory with the terminal's input and output.

use std::path::Path;
use std::process::{Command, ExitStatus};

use crate::Error;
use crate::config::Config;
use crate::interaction::Env;
use crate::messages;

/// The seed command configured in `directory`, if any.
pub fn command(directory: &Path) -> Result<Option<String>, Error> {
    if let Some((_, config)) = Config::find(directory)?
        && let Some(seed) = config.migrations.seed
    {
        return Ok(Some(seed));
    }
    package_json_seed(directory)
}

/// The command `migrate dev` (after creating the database) and `migrate
/// reset` run after the migrations: the configured one, unless
/// `PRISMA_MIGRATE_SKIP_SEED` is set, as Prisma 6 skips it.
pub fn after_migrations(directory: &Path, env: Env<'_>) -> Result<Option<String>, Error> {
    if env("PRISMA_MIGRATE_SKIP_SEED").is_some() {
        return Ok(None);
    }
    command(directory)
}

/// `"prisma": {"seed": "…"}` of `package.json`; a file that is not JSON is
/// an error that says where.
fn package_json_seed(directory: &Path) -> Result<Option<String>, Error> {
    let path = directory.join("package.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(None);
    };
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|error| {
        Error::plain(messages::invalid_json(
            &path,
            error.line(),
            error.column(),
            &error,
        ))
    })?;
    Ok(json
        .get("prisma")
        .and_then(|prisma| prisma.get("seed"))
        .and_then(serde_json::Value::as_str)
        .map(str::to_string))
}

/// Runs `command` with `args` appended (each passed as one argument, not
/// re-split by the shell); its exit status.
pub fn run(command: &str, args: &[String]) -> Result<ExitStatus, Error> {
    let script = if args.is_empty() {
        command.to_string()
    } else {
        format!("{command} \"$@\"")
    };
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg("sh")
        .args(args)
        .status()
        .map_err(|error| Error::plain(messages::seed_not_started(&error)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("plumb-seed-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let _ = std::fs::create_dir_all(&dir);
        dir
    }

    #[test]
    fn plumb_toml_comes_before_package_json() {
        let dir = project("order");
        assert_eq!(command(&dir).ok(), Some(None));
        let _ = std::fs::write(
            dir.join("package.json"),
            r#"{"name": "x", "prisma": {"seed": "node seed.js"}}"#,
        );
        assert_eq!(command(&dir).ok(), Some(Some("node seed.js".to_string())));
        let skip = crate::interaction::env_of(&[("PRISMA_MIGRATE_SKIP_SEED", "1")]);
        assert_eq!(after_migrations(&dir, &skip).ok(), Some(None));
        let none = crate::interaction::env_of(&[]);
        assert_eq!(
            after_migrations(&dir, &none).ok(),
            Some(Some("node seed.js".to_string()))
        );
        let _ = std::fs::write(
            dir.join("plumb.toml"),
            "[migrations]\nseed = \"./seed.sh\"\n",
        );
        assert_eq!(command(&dir).ok(), Some(Some("./seed.sh".to_string())));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_broken_package_json_is_located() {
        let dir = project("broken");
        let _ = std::fs::write(dir.join("package.json"), "{\n  \"prisma\": {,\n}");
        let error = command(&dir).unwrap_err().to_string();
        assert!(error.contains("package.json:2:"), "{error}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn arguments_are_passed_whole() {
        let check = "check() { test \"$#\" = 2 && test \"$1\" = 'a b'; }; check";
        let status = run(check, &["a b".into(), "c".into()]);
        assert!(status.is_ok_and(|status| status.success()));
        let failed = run("exit 3", &[]);
        assert!(failed.is_ok_and(|status| status.code() == Some(3)));
    }
}
