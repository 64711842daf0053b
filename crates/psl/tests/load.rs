//! Finding and reading schemas from disk.

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

use std::path::{Path, PathBuf};

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("plumb-psl-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn write(&self, path: &str, bytes: &[u8]) {
        let path = self.0.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn the_default_path_is_prisma_schema_then_schema() {
    let dir = TempDir::new("defaults");
    assert!(
        plumb_psl::schema_path(None, &dir.0)
            .unwrap_err()
            .to_string()
            .contains("./prisma/schema.prisma")
    );
    dir.write("schema.prisma", b"");
    assert_eq!(
        plumb_psl::schema_path(None, &dir.0).unwrap(),
        dir.0.join("schema.prisma")
    );
    dir.write("prisma/schema.prisma", b"");
    assert_eq!(
        plumb_psl::schema_path(None, &dir.0).unwrap(),
        dir.0.join("prisma/schema.prisma")
    );
    let given = plumb_psl::schema_path(Some(Path::new("schema.prisma")), &dir.0).unwrap();
    assert_eq!(given, dir.0.join("schema.prisma"));
    assert!(
        plumb_psl::schema_path(Some(Path::new("missing.prisma")), &dir.0)
            .unwrap_err()
            .to_string()
            .contains("not found")
    );
}

#[test]
fn a_folder_is_one_schema_of_all_its_prisma_files() {
    let dir = TempDir::new("folder");
    dir.write(
        "schema/main.prisma",
        b"datasource db {\n  provider = \"postgresql\"\n}\n",
    );
    dir.write(
        "schema/models/user.prisma",
        b"model User {\n  id Int @id\n}\n",
    );
    dir.write("schema/README.md", b"not a schema");
    let loaded = plumb_psl::load(&dir.0.join("schema")).unwrap();
    assert!(loaded.diagnostics.is_empty());
    let names: Vec<&str> = loaded.files.ids().map(|id| loaded.files.name(id)).collect();
    assert_eq!(names.len(), 2);
    assert!(
        names[0].ends_with("main.prisma") && names[1].ends_with("user.prisma"),
        "{names:?}"
    );
}

#[test]
fn invalid_utf8_is_a_diagnostic_at_the_bad_byte() {
    let dir = TempDir::new("utf8");
    dir.write("schema.prisma", b"model A {\n  id Int @id // \xff\xfe\n}\n");
    let loaded = plumb_psl::load(&dir.0.join("schema.prisma")).unwrap();
    let errors: Vec<_> = loaded.diagnostics.errors().collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].code, plumb_psl::load_codes::INVALID_UTF8);
    assert!(
        loaded
            .files
            .location(errors[0].span)
            .ends_with("schema.prisma:2:17")
    );
}
