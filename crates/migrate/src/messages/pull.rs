//! `db pull`'s texts: Prisma's, in plumb's words.

use std::time::Duration;

/// The spinner's line, printed once where nothing animates.
pub fn pull_started(schema: &str) -> String {
    format!("\n- Introspecting based on datasource defined in {schema}\n")
}

/// The closing lines: what was written, where, how fast, and the
/// warnings.
pub fn pull_done(models: usize, schema: &str, elapsed: Duration, warnings: &str) -> String {
    let what = if models > 1 {
        format!("{models} models and wrote them")
    } else {
        format!("{models} model and wrote it")
    };
    let millis = elapsed.as_millis();
    let time = if millis < 1000 {
        format!("{millis}ms")
    } else {
        format!("{:.2}s", elapsed.as_secs_f64())
    };
    let warnings = if warnings.is_empty() {
        String::new()
    } else {
        format!("\n{warnings}")
    };
    format!(
        "✔ Introspected {what} into {schema} in {time}\n      {warnings}\nRun prisma generate to generate Prisma Client.\n\n"
    )
}

/// `--print`'s warnings, on standard error: each line a comment, so that
/// the two streams together are still a schema.
pub fn pull_printed_warnings(warnings: &str) -> String {
    format!("{}\n", format!("\n{warnings}").replace('\n', "\n// "))
}

/// P4001: nothing to pull.
pub const PULL_EMPTY: &str = "\nP4001 The introspected database was empty:\n\nplumb db pull could not create any models in your schema.prisma file and you will not be able to generate Prisma Client with the prisma generate command.\n\nTo fix this, you have two options:\n\n- manually create a table in your database.\n- make sure the database connection URL inside the datasource block in schema.prisma points to a database that is not empty (it must contain at least one table).\n\nThen you can run plumb db pull again.";

/// An existing schema with errors: re-introspection needs a valid one.
pub const PULL_INVALID_SCHEMA: &str = "Introspection failed as your current Prisma schema file is invalid\n\nPlease fix your current schema manually (using either plumb validate or the Prisma VS Code extension to understand what's broken and confirm you fixed it), and then run this command again.\nOr run this command with the --force flag to ignore your current schema and overwrite it. All local modifications will be lost.";
