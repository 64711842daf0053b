//! Exit statuses and how failures reach the user.
//!
//! 0 success, 1 error (Prisma's convention), 2 usage error or a command that
//! does not exist yet, 130 cancelled. A closed standard output (`plumb … |
//! head`) is not an error: plumb stops quietly with 0.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::error::ErrorKind;

pub const ERROR: u8 = 1;
pub const USAGE: u8 = 2;

#[derive(Debug)]
pub enum Failure {
    /// A command that is declared but not built yet.
    NotImplemented(&'static str),
}

/// The exit status for a command's outcome, after printing any failure.
pub fn report(outcome: Result<(), Failure>) -> ExitCode {
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::NotImplemented(command)) => {
            eprint_line(&format!("plumb: '{command}' is not implemented yet"));
            ExitCode::from(USAGE)
        }
    }
}

/// Help and version go to standard output with status 0; usage errors to
/// standard error with status 2.
pub fn from_clap(error: &clap::Error) -> ExitCode {
    let printed = error.print();
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => match printed {
            Err(error) if error.kind() != io::ErrorKind::BrokenPipe => ExitCode::from(ERROR),
            _ => ExitCode::SUCCESS,
        },
        _ => ExitCode::from(USAGE),
    }
}

/// Writes a line to standard error, ignoring failure: there is nowhere left
/// to report it.
pub fn eprint_line(line: &str) {
    let mut stderr = io::stderr().lock();
    let _ = writeln!(stderr, "{line}");
}
