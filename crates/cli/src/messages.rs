//! The CLI's own texts: what only the binary can say (the library's
//! texts are in `plumb_migrate::messages`).

pub fn cannot_write_stdout(error: &std::io::Error) -> String {
    format!("Cannot write to standard output: {error}")
}

/// Prisma's prompt for a yes or no, whose default is no.
pub fn yes_no_question(question: &str) -> String {
    format!("? {question} › (y/N) ")
}

/// Prisma's prompt for a line of text.
pub fn text_question(question: &str) -> String {
    format!("? {question} › ")
}

pub fn panicked(message: &str, location: &str) -> String {
    format!(
        "plumb {version} stopped because of a bug in plumb (not in your schema or database):\n  \
         {message}{location}\n\n\
         Please report it to the plumb maintainers with the command you ran and the lines above.",
        version = env!("CARGO_PKG_VERSION"),
    )
}
