//! `plumb validate`: parse and check the schema, like `prisma validate`.

use crate::args::SchemaArgs;
use crate::exit::{Failure, print_line};

pub fn run(args: &SchemaArgs) -> Result<(), Failure> {
    let (path, mut loaded) = super::load_schema(args.schema.as_deref())?;
    plumb_psl::validate(&loaded.asts, &mut loaded.diagnostics);
    super::print_diagnostics(&loaded);
    let errors = loaded.diagnostics.errors().count();
    if errors > 0 {
        let noun = if errors == 1 { "error" } else { "errors" };
        return Err(Failure::Message(format!(
            "The schema at {} is invalid: {errors} {noun}.",
            path.display()
        )));
    }
    let message = if path.is_dir() {
        format!("The schemas at {} are valid 🚀", path.display())
    } else {
        format!("The schema at {} is valid 🚀", path.display())
    };
    print_line(&message)
}
