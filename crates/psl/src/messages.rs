//! The texts of this crate that are not a validation rule's own message:
//! loading errors, and the hints that name a command (plumb's, where
//! Prisma's texts name `prisma format`). A rule's message stays beside the
//! rule, word for word Prisma's, where the fixture tests compare it.

use crate::load::LoadError;

/// The command that adds missing relation fields.
pub const FORMAT_COMMAND: &str = "plumb format";

/// The end of the "missing an opposite relation field" error.
pub fn run_format_or_add_it() -> String {
    format!("Either run `{FORMAT_COMMAND}` or add it manually.")
}

/// The hint after "must specify the `fields` argument".
pub fn format_fixes_it() -> String {
    format!(" You can run `{FORMAT_COMMAND}` to fix this automatically.")
}

pub const NOT_UTF8: &str = "The schema is not valid UTF-8 text.";

pub fn load_error(error: &LoadError) -> String {
    match error {
        LoadError::GivenPathMissing(path) => format!(
            "Could not load `--schema` from provided path `{}`: file or directory not found",
            path.display()
        ),
        LoadError::NotFound => {
            "Could not find a schema.prisma file that is required for this command.\n\
             You can either provide it with `--schema`, or put it into the default location \
             `./prisma/schema.prisma`."
                .to_string()
        }
        LoadError::UnreadableFolder(path, error) => format!(
            "Could not read the schema folder {}: {error}",
            path.display()
        ),
        LoadError::EmptyFolder(path) => {
            format!(
                "The schema folder {} holds no .prisma file.",
                path.display()
            )
        }
        LoadError::UnreadableFile(path, error) => {
            format!("Could not read the schema at {}: {error}", path.display())
        }
    }
}
