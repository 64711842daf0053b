//! Finding and reading the schema: one file, or every `.prisma` file below a
//! folder (a multi-file schema), at the path Prisma would use by default.

use std::path::{Path, PathBuf};

use plumb_diagnostics::{Diagnostic, Diagnostics, FileId, SourceFiles, Span};

use crate::ast::SchemaFile;

/// Codes of loading problems.
pub mod codes {
    pub const INVALID_UTF8: &str = "E0020";
}

/// Why a schema could not be found or read. Problems in its text are
/// diagnostics, not this.
#[derive(Debug)]
pub enum LoadError {
    /// `--schema` names nothing.
    GivenPathMissing(PathBuf),
    /// No `--schema`, and neither default location has a file.
    NotFound,
    /// A schema folder that cannot be listed.
    UnreadableFolder(PathBuf, std::io::Error),
    /// A schema folder without a `.prisma` file.
    EmptyFolder(PathBuf),
    /// A schema file that cannot be read.
    UnreadableFile(PathBuf, std::io::Error),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::messages::load_error(self))
    }
}

impl std::error::Error for LoadError {}

/// Where the schema is, as Prisma looks for it: the given path, else
/// `prisma/schema.prisma`, else `schema.prisma`, relative to `base`; else
/// a `prisma/schema` folder of `.prisma` files, which Prisma found by
/// itself while multi-file schemas were a preview (5.15 to 6.5).
pub fn schema_path(given: Option<&Path>, base: &Path) -> Result<PathBuf, LoadError> {
    if let Some(path) = given {
        let path = base.join(path);
        return if path.exists() {
            Ok(path)
        } else {
            Err(LoadError::GivenPathMissing(path))
        };
    }
    ["prisma/schema.prisma", "schema.prisma"]
        .iter()
        .map(|candidate| base.join(candidate))
        .find(|candidate| candidate.is_file())
        .or_else(|| Some(base.join("prisma/schema")).filter(|folder| folder.is_dir()))
        .ok_or(LoadError::NotFound)
}

/// A schema read from disk and parsed, file by file.
#[derive(Debug, Default)]
pub struct LoadedSchema {
    pub files: SourceFiles,
    pub asts: Vec<(FileId, SchemaFile)>,
    pub diagnostics: Diagnostics,
}

/// Reads and parses the schema at `path` (a file, or a folder whose `.prisma`
/// files, at any depth and in name order, form one schema). Errors are I/O
/// errors; problems in the text are diagnostics.
pub fn load(path: &Path) -> Result<LoadedSchema, LoadError> {
    let paths = if path.is_dir() {
        let mut found = Vec::new();
        collect_prisma_files(path, &mut found)
            .map_err(|error| LoadError::UnreadableFolder(path.to_path_buf(), error))?;
        if found.is_empty() {
            return Err(LoadError::EmptyFolder(path.to_path_buf()));
        }
        found
    } else {
        vec![path.to_path_buf()]
    };
    let mut loaded = LoadedSchema::default();
    for file_path in paths {
        let bytes = std::fs::read(&file_path)
            .map_err(|error| LoadError::UnreadableFile(file_path.clone(), error))?;
        add_file(&mut loaded, file_path.display().to_string(), bytes);
    }
    Ok(loaded)
}

/// Parses one file's bytes into `loaded`. Invalid UTF-8 is reported at the
/// first bad byte; the rest is parsed with the bad bytes replaced.
/// Valid text is kept without a copy (big schemas are megabytes).
pub fn add_file(loaded: &mut LoadedSchema, name: String, bytes: impl Into<Vec<u8>>) {
    let (text, bad_byte) = match String::from_utf8(bytes.into()) {
        Ok(text) => (text, None),
        Err(error) => (
            String::from_utf8_lossy(error.as_bytes()).into_owned(),
            Some(error.utf8_error().valid_up_to()),
        ),
    };
    let file = loaded.files.add(name, text);
    if let Some(offset) = bad_byte {
        // The offset is in the original bytes; before it, both texts agree.
        let end = loaded.files.text(file)[offset..]
            .chars()
            .next()
            .map_or(offset, |c| offset + c.len_utf8());
        loaded.diagnostics.push(Diagnostic::error(
            codes::INVALID_UTF8,
            crate::messages::NOT_UTF8,
            Span::new(file, offset..end),
        ));
    }
    let ast = crate::parse(&loaded.files, file, &mut loaded.diagnostics);
    loaded.asts.push((file, ast));
}

fn collect_prisma_files(dir: &Path, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            collect_prisma_files(&entry, found)?;
        } else if entry.extension().is_some_and(|ext| ext == "prisma") {
            found.push(entry);
        }
    }
    Ok(())
}
