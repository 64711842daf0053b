//! `plumb format`: rewrite the schema files in `prisma format`'s layout, or
//! with `--check` show what would change (`plumb_migrate::format`).

use std::time::Instant;

use plumb_migrate::format::{self, Formatting};
use plumb_migrate::{messages, schema};

use crate::args::FormatArgs;
use crate::exit::{ERROR, Failure, eprint_text, print_diagnostics, print_line, print_text};

pub fn run(args: &FormatArgs) -> Result<(), Failure> {
    let started = Instant::now();
    let (path, mut loaded) = schema::load(args.schema.schema.as_deref())?;
    plumb_psl::validate(&loaded.asts, &mut loaded.diagnostics);
    let changed = match format::format(&loaded)? {
        Formatting::Invalid => {
            return Err(Failure::Invalid {
                loaded: Box::new(loaded),
                message: messages::format_refused(&path),
            });
        }
        Formatting::Changed(changed) => changed,
    };
    // Errors that formatting mends are not worth showing.
    if !loaded.diagnostics.has_errors() {
        print_diagnostics(&loaded);
    }
    if args.check {
        if changed.is_empty() {
            return print_line(messages::ALL_FORMATTED);
        }
        for file in &changed {
            print_text(&messages::format_diff(file))?;
        }
        eprint_text(messages::UNFORMATTED);
        return Err(Failure::Exit(ERROR));
    }
    format::write(&changed)?;
    print_line(&messages::formatted(&path, started.elapsed()))
}
