//! Finding the PostgreSQL server binaries.

use std::path::{Path, PathBuf};

/// Names the server binaries' directory to test against.
pub const BINDIR_VAR: &str = "PLUMB_PG_BINDIR";

/// A directory holding `initdb` and `postgres`.
#[derive(Debug, Clone)]
pub(crate) struct ServerBinaries {
    pub initdb: PathBuf,
    pub postgres: PathBuf,
}

/// The directory `PLUMB_PG_BINDIR` names, when set (another PostgreSQL
/// version: `scripts/fetch-postgres.sh` prints one); else on `PATH` first
/// (following symlinks, since distributions link the binaries into
/// `/usr/local/bin` or `/usr/bin`), then under
/// `/usr/lib/postgresql/<version>/bin`, newest version first (Debian's
/// layout, which does not put the server on `PATH`).
pub(crate) fn find() -> Result<ServerBinaries, String> {
    if let Some(dir) = std::env::var_os(BINDIR_VAR) {
        let dir = PathBuf::from(dir);
        return in_dir(&dir).ok_or_else(|| {
            format!(
                "plumb-testkit: {BINDIR_VAR}={} holds no `initdb` and `postgres`.",
                dir.display()
            )
        });
    }
    find_in(
        std::env::var_os("PATH").as_deref(),
        Path::new("/usr/lib/postgresql"),
    )
}

fn find_in(
    path_var: Option<&std::ffi::OsStr>,
    debian_root: &Path,
) -> Result<ServerBinaries, String> {
    let from_path = path_var
        .map(|path| std::env::split_paths(path).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .map(|dir| dir.join("initdb"))
        .filter(|initdb| initdb.is_file())
        .filter_map(|initdb| initdb.canonicalize().ok())
        .filter_map(|initdb| initdb.parent().map(Path::to_path_buf));
    let debian = debian_bin_dirs(debian_root);
    from_path.chain(debian).find_map(|dir| in_dir(&dir)).ok_or_else(|| {
        "plumb-testkit: no PostgreSQL server binaries found: looked for `initdb` and `postgres` \
         on PATH and under /usr/lib/postgresql/*/bin.\n\
         Install them (Debian/Ubuntu: `apt-get install -y postgresql`), or set \
         PLUMB_TEST_DATABASE_URL to a server that the tests may create databases on."
            .to_string()
    })
}

fn in_dir(dir: &Path) -> Option<ServerBinaries> {
    let initdb = dir.join("initdb");
    let postgres = dir.join("postgres");
    (initdb.is_file() && postgres.is_file()).then_some(ServerBinaries { initdb, postgres })
}

/// `<root>/<version>/bin`, highest version first.
fn debian_bin_dirs(root: &Path) -> Vec<PathBuf> {
    let mut versions: Vec<(Vec<u32>, PathBuf)> = std::fs::read_dir(root)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let version = name
                .split('.')
                .map(str::parse)
                .collect::<Result<Vec<u32>, _>>()
                .ok()?;
            Some((version, entry.path().join("bin")))
        })
        .collect();
    versions.sort();
    versions.into_iter().rev().map(|(_, dir)| dir).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_binaries_the_error_says_how_to_install_them() {
        let error = find_in(Some("/nonexistent".as_ref()), Path::new("/nonexistent")).unwrap_err();
        assert!(error.contains("apt-get install -y postgresql"), "{error}");
        assert!(error.contains("PLUMB_TEST_DATABASE_URL"), "{error}");
    }

    #[test]
    fn debian_versions_are_tried_newest_first() {
        let root = std::env::temp_dir().join(format!("plumb-binaries-test-{}", std::process::id()));
        for version in ["9.6", "15", "13"] {
            let bin = root.join(version).join("bin");
            std::fs::create_dir_all(&bin).unwrap();
            std::fs::write(bin.join("initdb"), "").unwrap();
            std::fs::write(bin.join("postgres"), "").unwrap();
        }
        let found = find_in(None, &root).unwrap();
        assert_eq!(found.initdb, root.join("15/bin/initdb"));
        std::fs::remove_dir_all(&root).unwrap();
    }
}
