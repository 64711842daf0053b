//! The texts of the project commands: `init`, `validate`, `format`,
//! `db execute` and `db seed` (`docs/reference/prisma-dev-commands.md`
//! §4–5, `prisma-history-commands.md` §6).

use std::path::Path;

use crate::format::ChangedFile;
use crate::init::Initialized;

/// Prisma 7.9's schema for PostgreSQL; the URL comes from `DATABASE_URL`.
pub const INIT_SCHEMA: &str = r#"// This is your Prisma schema file,
// learn more about it in the docs: https://pris.ly/d/prisma-schema

// Get a free hosted Postgres database in seconds: `npx create-db`

generator client {
  provider = "prisma-client"
  output   = "../generated/prisma"
}

datasource db {
  provider = "postgresql"
}
"#;

pub const INIT_DEFAULT_URL: &str =
    "postgresql://johndoe:randompassword@localhost:5432/mydb?schema=public";

pub const INIT_GITIGNORE: &str =
    "node_modules\n# Keep environment variables out of version control\n.env\n";

pub const INIT_GITIGNORE_ENV: &str = "# Keep environment variables out of version control\n.env\n";

/// The comments above `DATABASE_URL`: plumb reads `.env` itself (Prisma 7
/// needs `dotenv` in its config for that).
pub const INIT_ENV_COMMENTS: &str = "# Environment variables declared in this file are read by plumb (and by Prisma 6).\n# Prisma 7 reads them through prisma.config.ts: https://pris.ly/prisma-config-env-vars.\n\n# See the documentation for all the connection string options: https://pris.ly/d/connection-strings\n\n";

pub const INIT_ENV_INSERTED: &str = "# This was inserted by `plumb init`:\n";

pub const INIT_URL_EXISTS: &str =
    "warn plumb would have added DATABASE_URL but it already exists in .env.";

pub const INIT_SCHEMA_EXISTS: &str = "File schema.prisma already exists in your project.";

pub const INIT_FOLDER_EXISTS: &str = "A folder called prisma already exists in your project.";

pub fn init_unsupported_provider(provider: &str) -> String {
    format!("Provider \"{provider}\" is not supported: plumb works with \"postgresql\" only.")
}

/// `init`'s refusal, on standard output as Prisma prints it.
pub fn init_refused(reason: &str) -> String {
    format!(
        " ERROR  {reason}\n        Please try again in a project that is not yet using Prisma.\n      \n"
    )
}

/// `init`'s summary and next steps.
pub fn initialized(done: &Initialized) -> String {
    let warnings = if done.warnings.is_empty() {
        String::new()
    } else {
        format!("\n{}\n", done.warnings.join("\n"))
    };
    format!(
        "\nInitialized Prisma in your project\n\n{}\n{warnings}\nNext steps:\n  1. Set DATABASE_URL in .env to your PostgreSQL database.\n  2. Define your models in prisma/schema.prisma.\n  3. Run plumb migrate dev --name init to create and apply your first migration.\n\n",
        done.written.join("\n")
    )
}

/// `validate`'s verdict.
pub fn validated(path: &Path) -> String {
    if path.is_dir() {
        format!("The schemas at {} are valid 🚀", path.display())
    } else {
        format!("The schema at {} is valid 🚀", path.display())
    }
}

pub fn validation_failed(path: &Path, errors: usize) -> String {
    let noun = if errors == 1 { "error" } else { "errors" };
    format!(
        "The schema at {} is invalid: {errors} {noun}.",
        path.display()
    )
}

pub fn format_refused(path: &Path) -> String {
    format!(
        "The schema at {} is invalid, so it was not formatted.",
        path.display()
    )
}

pub fn not_formattable(name: &str) -> String {
    format!("{name} could not be parsed, so it was not formatted.")
}

pub fn formatted(path: &Path, elapsed: std::time::Duration) -> String {
    format!(
        "Formatted {} in {}ms 🚀",
        path.display(),
        elapsed.as_millis()
    )
}

pub const ALL_FORMATTED: &str = "All files are formatted correctly!";

pub const UNFORMATTED: &str = "! There are unformatted files. Run plumb format to format them.\n";

/// `format --check`'s unified diff of one file.
pub fn format_diff(file: &ChangedFile) -> String {
    similar::TextDiff::from_lines(&file.text, &file.formatted)
        .unified_diff()
        .context_radius(3)
        .header(&file.name, &format!("{} (formatted)", file.name))
        .to_string()
}

pub fn cannot_write_file(name: &str, error: &std::io::Error) -> String {
    format!("Cannot write {name}: {error}")
}

/// `db execute`'s argument errors end with where to read more.
pub fn execute_usage(problem: &str) -> String {
    format!("{problem}\nSee `plumb db execute -h`")
}

pub const EXECUTE_NO_SCRIPT: &str = "Either --stdin or --file must be provided.";

pub const EXECUTE_BOTH_SCRIPTS: &str =
    "--stdin and --file cannot be used at the same time. Only 1 must be provided.";

pub const EXECUTE_URL_AND_SCHEMA: &str =
    "--url and --schema cannot be used at the same time. Only 1 must be provided.";

pub fn execute_file_missing(path: &Path) -> String {
    format!("Provided --file at {} doesn't exist.", path.display())
}

pub fn execute_file_not_text(path: &Path) -> String {
    format!("The file at {} is not UTF-8 text.", path.display())
}

pub fn execute_file_unreadable(path: &Path, error: &std::io::Error) -> String {
    format!(
        "An error occurred while reading the provided --file at {}\n{error}",
        path.display()
    )
}

pub fn stdin_unreadable(error: &std::io::Error) -> String {
    format!("Cannot read the script from standard input: {error}")
}

pub const EXECUTED: &str = "Script executed successfully.\n";

/// What `db seed` prints when no command is configured: Prisma 7's hint,
/// pointing at where plumb reads the command from.
pub const SEED_NOT_CONFIGURED: &str = "⚠️ No seed command configured

To seed your database, add a seed command to the [migrations] section of plumb.toml,
or \"prisma\": { \"seed\": \"…\" } to package.json.

Example

  # plumb.toml
  [migrations]
  seed = \"node prisma/seed.js\"

";

pub fn seed_running(command: &str) -> String {
    format!("Running seed command `{command}` ...\n")
}

pub const SEEDED: &str = "\n🌱  The seed command has been executed.\n";

/// The seed command's failure: the command as run, and how it ended
/// (`None`: killed by a signal).
pub fn seed_failed(command: &str, args: &[String], exit_code: Option<i32>) -> String {
    let shown = if args.is_empty() {
        command.to_string()
    } else {
        format!("{command} {}", args.join(" "))
    };
    let how = exit_code.map_or_else(
        || "was killed by a signal".to_string(),
        |code| format!("with exit code {code}"),
    );
    format!(
        "\nAn error occurred while running the seed command:\nError: Command failed {how}: {shown}\n"
    )
}

pub fn seed_not_started(error: &std::io::Error) -> String {
    format!("Could not start the seed command: {error}")
}
