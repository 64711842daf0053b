//! `plumb validate`: parse and check the schema, like `prisma validate`.

use plumb_migrate::{messages, schema};

use crate::args::SchemaArgs;
use crate::exit::{Failure, print_diagnostics, print_line};

pub fn run(args: &SchemaArgs) -> Result<(), Failure> {
    let (path, mut loaded) = schema::load(args.schema.as_deref())?;
    plumb_psl::validate(&loaded.asts, &mut loaded.diagnostics);
    print_diagnostics(&loaded);
    let errors = loaded.diagnostics.errors().count();
    if errors > 0 {
        return Err(Failure::Message(messages::validation_failed(&path, errors)));
    }
    print_line(&messages::validated(&path))
}
