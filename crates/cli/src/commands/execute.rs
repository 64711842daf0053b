//! `plumb db execute --file F | --stdin`: runs a SQL script on the
//! database, with Prisma's checks and texts (`docs/reference/prisma-history-commands.md` §6).
//! No header lines: Prisma prints neither the schema nor the datasource.

use std::io::Read;

use crate::args::DbExecuteArgs;
use crate::exit::{Failure, print_text};

pub fn run(args: &DbExecuteArgs) -> Result<u8, Failure> {
    let usage = |problem: &str| Failure::Message(format!("{problem}\nSee `prisma db execute -h`"));
    match (&args.file, args.stdin) {
        (None, false) => return Err(usage("Either --stdin or --file must be provided.")),
        (Some(_), true) => {
            return Err(usage(
                "--stdin and --file cannot be used at the same time. Only 1 must be provided.",
            ));
        }
        _ => {}
    }
    if args.connection.url.is_some() && args.connection.schema.schema.is_some() {
        return Err(usage(
            "--url and --schema cannot be used at the same time. Only 1 must be provided.",
        ));
    }
    let script = match (&args.file, args.stdin) {
        (Some(path), false) => read_file(path)?,
        _ => {
            let mut script = String::new();
            std::io::stdin()
                .read_to_string(&mut script)
                .map_err(|error| {
                    Failure::Message(format!(
                        "Cannot read the script from standard input: {error}"
                    ))
                })?;
            script
        }
    };
    let url = match &args.connection.url {
        Some(url) => plumb_migrate::ConnectionUrl::parse(url)
            .map_err(|invalid| Failure::Message(format!("P1013\n\n{invalid}\n")))?,
        None => {
            let (path, loaded) = super::load_schema(args.connection.schema.schema.as_deref())?;
            plumb_migrate::datasource::target(&path, &loaded, None)
                .map_err(super::command_failure)?
                .url
        }
    };
    plumb_migrate::execute::execute(&url, &script).map_err(super::command_failure)?;
    print_text("Script executed successfully.\n")?;
    Ok(0)
}

fn read_file(path: &std::path::Path) -> Result<String, Failure> {
    match std::fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|_| {
            Failure::Message(format!("The file at {} is not UTF-8 text.", path.display()))
        }),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Err(Failure::Message(
            format!("Provided --file at {} doesn't exist.", path.display()),
        )),
        Err(error) => {
            crate::exit::eprint_line(&format!(
                "An error occurred while reading the provided --file at {}",
                path.display()
            ));
            Err(Failure::Message(error.to_string()))
        }
    }
}
