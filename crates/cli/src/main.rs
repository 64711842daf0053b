//! The `plumb` binary: parses the command line, runs the command, and turns
//! the outcome into output and an exit status. Behaviour lives in the library
//! crates; this is glue.

mod args;
mod commands;
mod exit;
mod interrupt;
mod messages;
mod panic_report;
mod prompt;
mod renames;

use std::process::ExitCode;

use clap::Parser;

use crate::args::{Cli, Command};
use crate::exit::Failure;

fn main() -> ExitCode {
    panic_report::install();
    let outcome = std::panic::catch_unwind(|| {
        let cli = match Cli::try_parse() {
            Ok(cli) => cli,
            Err(error) => return exit::from_clap(&error),
        };
        let outcome = run(cli);
        // Interrupted: the failure is the signal's doing, and the exit
        // with 130 is under way (after the shadow databases are dropped).
        if interrupt::interrupted() {
            interrupt::wait_for_exit();
        }
        exit::report(outcome)
    });
    // The hook has already told the user; unwinding ran every destructor
    // (temporary databases, locks) on the way here.
    outcome.unwrap_or(ExitCode::from(exit::ERROR))
}

/// Runs the command; `Ok` carries the exit status of a success (`migrate
/// diff --exit-code` has two).
fn run(cli: Cli) -> Result<u8, Failure> {
    match cli.command {
        Command::Panic => panic!("panic requested with `plumb __panic`"),
        Command::Validate(args) => commands::validate::run(&args).map(|()| 0),
        Command::Format(args) => commands::format::run(&args).map(|()| 0),
        Command::Migrate(args::MigrateCommand::Diff(args)) => commands::diff::run(&args),
        Command::Migrate(args::MigrateCommand::Check(args)) => commands::check::run(&args),
        Command::Migrate(args::MigrateCommand::Lint(args)) => commands::lint::run(&args),
        Command::Migrate(args::MigrateCommand::Deploy(args)) => commands::deploy::run(&args),
        Command::Migrate(args::MigrateCommand::Down(args)) => commands::down::run(&args),
        Command::Migrate(args::MigrateCommand::Status(args)) => commands::status::run(&args),
        Command::Migrate(args::MigrateCommand::Resolve(args)) => commands::resolve::run(&args),
        Command::Migrate(args::MigrateCommand::Reset(args)) => commands::reset::run(&args),
        Command::Migrate(args::MigrateCommand::Dev(args)) => commands::dev::run(&args),
        Command::Db(args::DbCommand::Execute(args)) => commands::execute::run(&args),
        Command::Db(args::DbCommand::Seed(args)) => commands::seed::run(&args),
        Command::Db(args::DbCommand::Push(args)) => commands::push::run(&args),
        Command::Db(args::DbCommand::Pull(args)) => commands::pull::run(&args),
        Command::Init(args) => commands::init::run(&args),
    }
}
