//! `plumb format`: rewrite the schema files in `prisma format`'s layout, or
//! with `--check` show what would change.

use std::time::Instant;

use crate::args::FormatArgs;
use crate::exit::{Failure, eprint_text, print_line, print_text};

pub fn run(args: &FormatArgs) -> Result<(), Failure> {
    let started = Instant::now();
    let (path, mut loaded) = super::load_schema(args.schema.schema.as_deref())?;
    plumb_psl::validate(&loaded.asts, &mut loaded.diagnostics);
    let files: Vec<_> = loaded.files.ids().collect();
    let texts: Vec<&str> = files.iter().map(|&f| loaded.files.text(f)).collect();
    let formatted = plumb_psl::format_files(&texts);
    // Formatting adds missing relation fields, so a schema that is invalid
    // only for lack of them is formatted, as Prisma does. Otherwise the
    // errors are shown on the lines the user wrote.
    if loaded.diagnostics.has_errors() && !formatted_is_valid(&loaded, &files, &formatted) {
        super::print_diagnostics(&loaded);
        return Err(Failure::Message(format!(
            "The schema at {} is invalid, so it was not formatted.",
            path.display()
        )));
    }
    if !loaded.diagnostics.has_errors() {
        super::print_diagnostics(&loaded);
    }
    let mut changed = Vec::new();
    for ((&file, text), formatted) in files.iter().zip(&texts).zip(formatted) {
        let name = loaded.files.name(file);
        let formatted = formatted.ok_or_else(|| {
            Failure::Message(format!(
                "{name} could not be parsed, so it was not formatted."
            ))
        })?;
        if formatted != *text {
            changed.push((name.to_string(), text.to_string(), formatted));
        }
    }
    if args.check {
        return check(&changed);
    }
    for (name, _, formatted) in &changed {
        write_atomically(name, formatted)?;
    }
    print_line(&format!(
        "Formatted {} in {}ms 🚀",
        path.display(),
        started.elapsed().as_millis()
    ))
}

/// Whether the schema, once formatted, has no errors.
fn formatted_is_valid(
    loaded: &plumb_psl::LoadedSchema,
    files: &[plumb_diagnostics::FileId],
    formatted: &[Option<String>],
) -> bool {
    let mut again = plumb_psl::LoadedSchema::default();
    for (&file, text) in files.iter().zip(formatted) {
        let Some(text) = text else {
            return false;
        };
        plumb_psl::add_file(
            &mut again,
            loaded.files.name(file).to_string(),
            text.as_bytes(),
        );
    }
    plumb_psl::validate(&again.asts, &mut again.diagnostics);
    !again.diagnostics.has_errors()
}

/// Shows a unified diff per unformatted file; exit 1 if there is one.
fn check(changed: &[(String, String, String)]) -> Result<(), Failure> {
    if changed.is_empty() {
        return print_line("All files are formatted correctly!");
    }
    for (name, text, formatted) in changed {
        let diff = similar::TextDiff::from_lines(text, formatted)
            .unified_diff()
            .context_radius(3)
            .header(name, &format!("{name} (formatted)"))
            .to_string();
        print_text(&diff)?;
    }
    eprint_text("! There are unformatted files. Run plumb format to format them.\n");
    Err(Failure::Exit(crate::exit::ERROR))
}

/// Writes beside the file and renames over it, so a failure never leaves a
/// half-written schema.
fn write_atomically(name: &str, text: &str) -> Result<(), Failure> {
    let path = std::path::Path::new(name);
    let temporary = path.with_extension("prisma.plumb-tmp");
    std::fs::write(&temporary, text)
        .and_then(|()| std::fs::rename(&temporary, path))
        .map_err(|error| {
            let _ = std::fs::remove_file(&temporary);
            Failure::Message(format!("Cannot write {name}: {error}"))
        })
}
