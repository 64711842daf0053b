//! Exit statuses and how failures reach the user.
//!
//! 0 success, 1 error (usage errors included, as Prisma's `HelpError`), 2 a
//! difference or finding (`migrate diff --exit-code`), 130 cancelled. A
//! closed standard output (`plumb … | head`) is not an error: plumb stops
//! quietly with 0.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::error::ErrorKind;
use plumb_diagnostics::ColorChoice;
use plumb_migrate::{Error, messages};
use plumb_psl::LoadedSchema;

pub const ERROR: u8 = 1;
/// A difference or finding, so CI can tell it from an error.
pub const DIFFERENCE: u8 = 2;
/// Cancelled by the user, or a reset needed (`migrate dev`).
pub const CANCELLED: u8 = 130;

#[derive(Debug)]
pub enum Failure {
    /// An error to print as `Error: <message>` (exit 1).
    Message(String),
    /// A schema with errors: its diagnostics, then `Error: <message>`.
    Invalid {
        loaded: Box<LoadedSchema>,
        message: String,
    },
    /// Standard output was closed by its reader: stop quietly.
    ClosedOutput,
    /// The failure has been reported already (`format --check`'s files, a
    /// seed command's error, `init`'s refusal): exit with this status.
    Exit(u8),
}

impl Failure {
    /// An engine error as Prisma's CLI frames it: the code, a blank line,
    /// the message, and (for every command but `migrate diff`) a closing
    /// blank line.
    pub fn coded(code: plumb_migrate::Code, message: &str, closing_blank_line: bool) -> Failure {
        let close = if closing_blank_line { "\n" } else { "" };
        Failure::Message(format!("{code}\n\n{message}{close}"))
    }
}

/// A use case's error, framed as Prisma's CLI frames an engine error:
/// `Error: <code>`, a blank line, the message and a blank line.
impl From<Error> for Failure {
    fn from(error: Error) -> Failure {
        match error {
            Error::Coded { code, message } => Failure::coded(code, &message, true),
            Error::InvalidSchema { path, loaded } => Failure::Invalid {
                loaded,
                message: messages::invalid_schema(&path),
            },
            other => Failure::Message(other.to_string()),
        }
    }
}

/// The exit status for a command's outcome, after printing any failure.
pub fn report(outcome: Result<u8, Failure>) -> ExitCode {
    match outcome {
        Ok(status) => ExitCode::from(status),
        Err(Failure::Message(message)) => {
            eprint_line(&format!("Error: {message}"));
            ExitCode::from(ERROR)
        }
        Err(Failure::Invalid { loaded, message }) => {
            print_diagnostics(&loaded);
            eprint_line(&format!("Error: {message}"));
            ExitCode::from(ERROR)
        }
        Err(Failure::ClosedOutput) => ExitCode::SUCCESS,
        Err(Failure::Exit(status)) => ExitCode::from(status),
    }
}

/// Prints every diagnostic (errors and warnings) to standard error.
pub fn print_diagnostics(loaded: &LoadedSchema) {
    let diagnostics = loaded.diagnostics.sorted();
    if diagnostics.is_empty() {
        return;
    }
    let rendered =
        plumb_diagnostics::render_all(diagnostics, &loaded.files, ColorChoice::for_stderr());
    eprint_text(&rendered);
}

/// Writes a line to standard output; a closed pipe ends the command quietly.
pub fn print_line(line: &str) -> Result<(), Failure> {
    print_text(&format!("{line}\n"))
}

/// Writes text to standard output as it is.
pub fn print_text(text: &str) -> Result<(), Failure> {
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Err(Failure::ClosedOutput),
        Err(error) => Err(Failure::Message(crate::messages::cannot_write_stdout(
            &error,
        ))),
    }
}

/// Writes each text to its stream, in order.
pub fn print_texts(texts: &[messages::Text]) -> Result<(), Failure> {
    for text in texts {
        match text {
            messages::Text::Out(text) => print_text(text)?,
            messages::Text::Err(text) => eprint_text(text),
        }
    }
    Ok(())
}

/// Writes text to standard error as it is, ignoring failure.
pub fn eprint_text(text: &str) {
    let mut stderr = io::stderr().lock();
    let _ = stderr.write_all(text.as_bytes());
}

/// Help and version go to standard output with status 0; usage errors to
/// standard error with status 1, as Prisma exits on a bad flag (2 is kept
/// for "a difference").
pub fn from_clap(error: &clap::Error) -> ExitCode {
    let printed = error.print();
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => match printed {
            Err(error) if error.kind() != io::ErrorKind::BrokenPipe => ExitCode::from(ERROR),
            _ => ExitCode::SUCCESS,
        },
        _ => ExitCode::from(ERROR),
    }
}

/// Writes a line to standard error, ignoring failure: there is nowhere left
/// to report it.
pub fn eprint_line(line: &str) {
    let mut stderr = io::stderr().lock();
    let _ = writeln!(stderr, "{line}");
}
