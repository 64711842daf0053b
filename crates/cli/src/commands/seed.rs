//! `plumb db seed`, and the seeding `migrate dev` (after creating the
//! database) and `migrate reset` do, with Prisma 6's texts.

use crate::args::DbSeedArgs;
use crate::exit::{Failure, eprint_text, print_text};

/// What `db seed` prints when no command is configured: Prisma 7's hint,
/// pointing at where plumb reads the command from.
const NOT_CONFIGURED: &str = "⚠️ No seed command configured

To seed your database, add a seed command to the [migrations] section of plumb.toml,
or \"prisma\": { \"seed\": \"…\" } to package.json.

Example

  # plumb.toml
  [migrations]
  seed = \"node prisma/seed.js\"

";

pub fn run(args: &DbSeedArgs) -> Result<u8, Failure> {
    match command()? {
        Some(command) => seed(&command, &args.args).map(|()| 0),
        None => print_text(NOT_CONFIGURED).map(|()| 0),
    }
}

/// The configured seed command, from the working directory.
fn command() -> Result<Option<String>, Failure> {
    plumb_migrate::seed::command(std::path::Path::new("")).map_err(super::command_failure)
}

/// Runs the seed command, if one is configured, as `migrate dev` and
/// `migrate reset` do: after a blank line; nothing when there is none.
pub fn after_migrations() -> Result<(), Failure> {
    if std::env::var_os("PRISMA_MIGRATE_SKIP_SEED").is_some() {
        return Ok(());
    }
    match command()? {
        Some(command) => {
            print_text("\n")?;
            seed(&command, &[])
        }
        None => Ok(()),
    }
}

fn seed(command: &str, args: &[String]) -> Result<(), Failure> {
    print_text(&format!("Running seed command `{command}` ...\n"))?;
    let status = plumb_migrate::seed::run(command, args).map_err(super::command_failure)?;
    if status.success() {
        return print_text("\n🌱  The seed command has been executed.\n");
    }
    let shown = if args.is_empty() {
        command.to_string()
    } else {
        format!("{command} {}", args.join(" "))
    };
    let how = status.code().map_or_else(
        || "was killed by a signal".to_string(),
        |code| format!("with exit code {code}"),
    );
    eprint_text(&format!(
        "\nAn error occurred while running the seed command:\nError: Command failed {how}: {shown}\n"
    ));
    Err(Failure::Exit(crate::exit::ERROR))
}
