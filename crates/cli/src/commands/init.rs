//! `plumb init`: a new project's schema, `.env` and `.gitignore`
//! (`plumb_migrate::init`), with Prisma's texts.

use std::path::Path;

use plumb_migrate::init::{Init, init};
use plumb_migrate::messages;

use crate::args::InitArgs;
use crate::exit::{ERROR, Failure, print_text};

pub fn run(args: &InitArgs) -> Result<u8, Failure> {
    match init(
        Path::new(""),
        &args.datasource_provider,
        args.url.as_deref(),
    )? {
        Init::Refused(reason) => {
            print_text(&messages::init_refused(reason))?;
            Err(Failure::Exit(ERROR))
        }
        Init::Initialized(done) => {
            print_text(&messages::initialized(&done))?;
            Ok(0)
        }
    }
}
