//! `migrate diff`: the difference between two schemas as a summary or a
//! SQL script. Schema-to-schema needs no database.

use std::path::{Path, PathBuf};

use plumb_psl::LoadedSchema;

/// One side of a comparison.
#[derive(Debug, Clone)]
pub enum Source {
    Empty,
    /// A schema file or folder.
    Schema(PathBuf),
}

/// What to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Summary,
    Script,
}

/// The result: the text (ending with a newline) and whether the schemas
/// differ.
#[derive(Debug)]
pub struct Diff {
    pub text: String,
    pub differs: bool,
}

#[derive(Debug)]
pub enum DiffError {
    /// A schema could not be read or is invalid; its diagnostics are in
    /// the loaded schema, for the caller to print.
    InvalidSchema {
        path: PathBuf,
        loaded: Box<LoadedSchema>,
    },
    /// Anything else, in words.
    Message(String),
}

/// Compares `from` with `to`.
pub fn diff(from: &Source, to: &Source, output: Output) -> Result<Diff, DiffError> {
    let (from_ir, to_ir) = both_irs(from, to)?;
    let migration = plumb_diff::diff(&from_ir, &to_ir);
    let mut text = match output {
        Output::Summary => plumb_render::summary(&migration),
        Output::Script => plumb_render::script(&migration),
    };
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(Diff {
        text,
        differs: !migration.steps.is_empty(),
    })
}

/// The `/* Warnings: */` block a migration from `from` to `to` would
/// start with (empty when nothing may be lost).
pub fn warnings(from: &Source, to: &Source) -> Result<String, DiffError> {
    let (from_ir, to_ir) = both_irs(from, to)?;
    let migration = plumb_diff::diff(&from_ir, &to_ir);
    Ok(plumb_render::warnings_block(&plumb_diff::checks::check(
        &migration,
    )))
}

/// Schemas read together up to this size are read on two threads; larger
/// ones one after the other, so that only one syntax tree is alive at a
/// time (memory, not time, is what grows with them).
const PARALLEL_READ_LIMIT: u64 = 4 << 20;

/// Both sides' IRs; `from`'s error first when both fail.
fn both_irs(from: &Source, to: &Source) -> Result<(plumb_ir::Schema, plumb_ir::Schema), DiffError> {
    let size = |source: &Source| match source {
        Source::Empty => 0,
        Source::Schema(path) => std::fs::metadata(path).map_or(0, |m| m.len()),
    };
    if size(from) + size(to) > PARALLEL_READ_LIMIT {
        return Ok((schema_ir(from)?, schema_ir(to)?));
    }
    let (from_ir, to_ir) = std::thread::scope(|scope| {
        let from_ir = scope.spawn(|| schema_ir(from));
        let to_ir = schema_ir(to);
        (from_ir.join(), to_ir)
    });
    let from_ir = from_ir.unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
    Ok((from_ir, to_ir?))
}

fn schema_ir(source: &Source) -> Result<plumb_ir::Schema, DiffError> {
    match source {
        Source::Empty => Ok(plumb_ir::Schema::empty_database()),
        Source::Schema(path) => {
            let loaded = load_valid(path)?;
            Ok(plumb_lower::lower(&loaded.asts))
        }
    }
}

/// Reads and validates a schema; Prisma requires a datasource to diff it.
fn load_valid(path: &Path) -> Result<LoadedSchema, DiffError> {
    let mut loaded = plumb_psl::load(path).map_err(DiffError::Message)?;
    plumb_psl::validate(&loaded.asts, &mut loaded.diagnostics);
    if loaded.diagnostics.has_errors() {
        return Err(DiffError::InvalidSchema {
            path: path.to_path_buf(),
            loaded: Box::new(loaded),
        });
    }
    let has_datasource = loaded.asts.iter().any(|(_, file)| {
        file.tops
            .iter()
            .any(|top| matches!(top, plumb_psl::ast::Top::Datasource(_)))
    });
    if !has_datasource {
        return Err(DiffError::Message(
            "There is no datasource in the schema.".to_string(),
        ));
    }
    Ok(loaded)
}
