//! Where a schema's migrations folder is. Prisma versions disagree when the
//! schema is a folder of files: 7 (and every version, for one file) keeps
//! `migrations/` in the schema's folder; 6.6–6.19 beside the file that holds
//! the datasource; 6.5 and earlier beside the schema folder itself
//! (`prisma/migrations` for `prisma/schema/`). A project moved between
//! versions keeps its folder where it was, so each place is looked at and
//! the one holding migrations wins; a folder other than Prisma 7's is named
//! when it is used.

use std::path::{Path, PathBuf};

/// The folder and how it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationsFolder {
    pub path: PathBuf,
    pub layout: Layout,
}

/// The convention the folder follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// `plumb.toml`'s `[migrations] path` (Prisma 6.12+'s `migrations.path`).
    Configured,
    /// `migrations/` in the schema's folder (Prisma 7; one schema file).
    SchemaFolder,
    /// Beside the file holding the datasource (Prisma 6.6–6.19).
    DatasourceFile,
    /// Beside the schema folder (Prisma 6.5 and earlier).
    AboveSchemaFolder,
}

/// The migrations folder of the schema at `schema_path` (a file or a
/// folder) whose datasource is in `datasource_file`, unless `configured`.
pub fn find(
    schema_path: &Path,
    datasource_file: Option<&Path>,
    configured: Option<PathBuf>,
) -> MigrationsFolder {
    if let Some(path) = configured {
        return MigrationsFolder {
            path,
            layout: Layout::Configured,
        };
    }
    let is_folder = schema_path.is_dir();
    let root = if is_folder {
        schema_path.to_path_buf()
    } else {
        schema_path.parent().map(PathBuf::from).unwrap_or_default()
    };
    let mut candidates = vec![(root.join("migrations"), Layout::SchemaFolder)];
    if is_folder {
        if let Some(folder) = datasource_file.and_then(Path::parent)
            && folder != root
        {
            candidates.push((folder.join("migrations"), Layout::DatasourceFile));
        }
        if let Some(parent) = root.parent() {
            candidates.push((parent.join("migrations"), Layout::AboveSchemaFolder));
        }
    }
    let chosen = candidates
        .iter()
        .find(|(path, _)| holds_migrations(path))
        .or_else(|| candidates.iter().find(|(path, _)| path.is_dir()))
        .unwrap_or(&candidates[0]);
    MigrationsFolder {
        path: chosen.0.clone(),
        layout: chosen.1,
    }
}

/// Whether `folder` has a migration: a directory with a `migration.sql`.
fn holds_migrations(folder: &Path) -> bool {
    std::fs::read_dir(folder).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|entry| entry.path().join("migration.sql").is_file())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scratch project: `files` relative paths, each created empty.
    fn project(name: &str, files: &[&str]) -> PathBuf {
        let root = std::env::temp_dir().join(format!(
            "plumb-migrations-folder-{}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&root);
        for file in files {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        root
    }

    #[test]
    fn a_schema_file_keeps_its_migrations_beside_it() {
        let root = project("file", &["prisma/schema.prisma"]);
        let found = find(&root.join("prisma/schema.prisma"), None, None);
        assert_eq!(found.path, root.join("prisma/migrations"));
        assert_eq!(found.layout, Layout::SchemaFolder);
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn a_schema_folder_finds_the_layout_of_older_prisma_versions() {
        // Prisma 6.5 and earlier: prisma/migrations beside prisma/schema/.
        let root = project(
            "old",
            &[
                "prisma/schema/main.prisma",
                "prisma/migrations/20240101000000_init/migration.sql",
            ],
        );
        let schema = root.join("prisma/schema");
        let found = find(&schema, Some(&schema.join("main.prisma")), None);
        assert_eq!(found.path, root.join("prisma/migrations"));
        assert_eq!(found.layout, Layout::AboveSchemaFolder);

        // Prisma 6.6–6.19: beside the datasource's file, in a subfolder.
        let root = project(
            "datasource",
            &[
                "prisma/schema/base/db.prisma",
                "prisma/schema/models.prisma",
                "prisma/schema/base/migrations/20240101000000_init/migration.sql",
            ],
        );
        let schema = root.join("prisma/schema");
        let found = find(&schema, Some(&schema.join("base/db.prisma")), None);
        assert_eq!(found.path, schema.join("base/migrations"));
        assert_eq!(found.layout, Layout::DatasourceFile);

        // Nothing anywhere: where Prisma 7 will create it.
        let root = project("none", &["prisma/schema/main.prisma"]);
        let schema = root.join("prisma/schema");
        let found = find(&schema, Some(&schema.join("main.prisma")), None);
        assert_eq!(found.path, schema.join("migrations"));
        assert_eq!(found.layout, Layout::SchemaFolder);
        for name in ["old", "datasource", "none"] {
            let _ = std::fs::remove_dir_all(std::env::temp_dir().join(format!(
                "plumb-migrations-folder-{}-{name}",
                std::process::id()
            )));
        }
    }

    #[test]
    fn prisma_7s_folder_wins_when_both_hold_migrations() {
        let root = project(
            "both",
            &[
                "prisma/schema/main.prisma",
                "prisma/schema/migrations/20240102000000_new/migration.sql",
                "prisma/migrations/20240101000000_old/migration.sql",
            ],
        );
        let schema = root.join("prisma/schema");
        let found = find(&schema, Some(&schema.join("main.prisma")), None);
        assert_eq!(found.path, schema.join("migrations"));
        std::fs::remove_dir_all(root).unwrap();
    }
}
