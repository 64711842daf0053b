//! The migrations folder on its own: the lock file, each migration's
//! name and script.

use std::path::Path;

use super::{Finding, Location, shown};
use crate::history::folder::{LocalMigration, PROVIDER};
use crate::messages;

/// Checks `folder`; the migrations that can be replayed, in order.
pub(super) fn check(folder: &Path, findings: &mut Vec<Finding>) -> Vec<LocalMigration> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    lock_file(folder, findings);
    let mut directories: Vec<std::path::PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.is_dir())
        .collect();
    directories.sort();
    let mut migrations = Vec::new();
    for directory in directories {
        let name = directory
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !well_formed(&name) {
            findings.push(Finding {
                code: "migration-name",
                message: messages::check_bad_name(&name),
                location: Some(Location::file(shown(&directory))),
                details: None,
            });
        }
        let script_path = directory.join("migration.sql");
        let script = match std::fs::read(&script_path) {
            Err(_) if !script_path.exists() => {
                findings.push(Finding {
                    code: "migration-missing-script",
                    message: messages::check_missing_script(&name),
                    location: Some(Location::file(shown(&directory))),
                    details: None,
                });
                continue;
            }
            Err(error) => {
                findings.push(Finding {
                    code: "migration-unreadable",
                    message: messages::check_unreadable(&name, &error.to_string()),
                    location: Some(Location::file(shown(&script_path))),
                    details: None,
                });
                continue;
            }
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(_) => {
                    findings.push(Finding {
                        code: "migration-unreadable",
                        message: messages::check_unreadable(&name, "not UTF-8"),
                        location: Some(Location::file(shown(&script_path))),
                        details: None,
                    });
                    continue;
                }
            },
        };
        if script.trim().is_empty() {
            findings.push(Finding {
                code: "migration-empty",
                message: messages::check_empty(&name),
                location: Some(Location::file(shown(&script_path))),
                details: None,
            });
        }
        migrations.push(LocalMigration { name, script });
    }
    migrations
}

/// `migration_lock.toml` there, naming PostgreSQL.
fn lock_file(folder: &Path, findings: &mut Vec<Finding>) {
    let path = folder.join("migration_lock.toml");
    let Ok(text) = std::fs::read_to_string(&path) else {
        findings.push(Finding {
            code: "lock-file-missing",
            message: messages::CHECK_LOCK_FILE_MISSING.to_string(),
            location: Some(Location::file(shown(folder))),
            details: None,
        });
        return;
    };
    let provider = text.lines().enumerate().find_map(|(i, line)| {
        let value = line
            .trim()
            .strip_prefix("provider")?
            .trim()
            .strip_prefix('=')?;
        Some((i + 1, value.trim().trim_matches('"').to_string()))
    });
    match provider {
        Some((_, provider)) if provider == PROVIDER => {}
        Some((line, provider)) => findings.push(Finding {
            code: "lock-file-provider",
            message: messages::check_lock_provider(&provider),
            location: Some(Location::at(shown(&path), line, 1)),
            details: None,
        }),
        None => findings.push(Finding {
            code: "lock-file-provider",
            message: messages::check_lock_provider(""),
            location: Some(Location::file(shown(&path))),
            details: None,
        }),
    }
}

/// `YYYYMMDDHHMMSS_name`, as `migrate dev` names migrations.
pub(super) fn well_formed(name: &str) -> bool {
    let bytes = name.as_bytes();
    bytes.len() > 15
        && bytes[..14].iter().all(u8::is_ascii_digit)
        && bytes[14] == b'_'
        && name[15..]
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

#[cfg(test)]
mod tests {
    use super::well_formed;

    #[test]
    fn names_are_a_timestamp_and_a_slug() {
        assert!(well_formed("20240101000000_init"));
        assert!(well_formed("20240101000000_add-users_2"));
        assert!(!well_formed("20240101000000"));
        assert!(!well_formed("2024010100000_init"));
        assert!(!well_formed("init"));
        assert!(!well_formed("20240101000000_has space"));
    }
}
