//! `format`: the schema's files in `prisma format`'s layout. Formatting
//! adds missing relation fields, so a schema that is invalid only for
//! lack of them is formatted, as Prisma does; otherwise a schema with
//! errors is left alone, and the errors are shown on the lines the user
//! wrote.

use plumb_psl::LoadedSchema;

use crate::Error;
use crate::messages;

/// A file whose formatting differs from its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangedFile {
    pub name: String,
    pub text: String,
    pub formatted: String,
}

/// What formatting the schema gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Formatting {
    /// The schema has errors that formatting does not mend.
    Invalid,
    /// The files that would change (none when all are formatted).
    Changed(Vec<ChangedFile>),
}

/// Formats `loaded`, which has been validated.
pub fn format(loaded: &LoadedSchema) -> Result<Formatting, Error> {
    let files: Vec<_> = loaded.files.ids().collect();
    let texts: Vec<&str> = files.iter().map(|&f| loaded.files.text(f)).collect();
    let formatted = plumb_psl::format_files(&texts);
    if loaded.diagnostics.has_errors() && !valid_once_formatted(loaded, &formatted) {
        return Ok(Formatting::Invalid);
    }
    let mut changed = Vec::new();
    for ((&file, text), formatted) in files.iter().zip(&texts).zip(formatted) {
        let name = loaded.files.name(file);
        let formatted = formatted.ok_or_else(|| Error::plain(messages::not_formattable(name)))?;
        if formatted != *text {
            changed.push(ChangedFile {
                name: name.to_string(),
                text: text.to_string(),
                formatted,
            });
        }
    }
    Ok(Formatting::Changed(changed))
}

/// Whether the schema, once formatted, has no errors.
fn valid_once_formatted(loaded: &LoadedSchema, formatted: &[Option<String>]) -> bool {
    let mut again = LoadedSchema::default();
    for (file, text) in loaded.files.ids().zip(formatted) {
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

/// Writes each file beside itself and renames it over the original, so a
/// failure never leaves a half-written schema.
pub fn write(changed: &[ChangedFile]) -> Result<(), Error> {
    for file in changed {
        let path = std::path::Path::new(&file.name);
        let temporary = path.with_extension("prisma.plumb-tmp");
        std::fs::write(&temporary, &file.formatted)
            .and_then(|()| std::fs::rename(&temporary, path))
            .map_err(|error| {
                let _ = std::fs::remove_file(&temporary);
                Error::plain(messages::cannot_write_file(&file.name, &error))
            })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loaded(text: &str) -> LoadedSchema {
        let mut loaded = LoadedSchema::default();
        plumb_psl::add_file(&mut loaded, "schema.prisma".to_string(), text.as_bytes());
        plumb_psl::validate(&loaded.asts, &mut loaded.diagnostics);
        loaded
    }

    const DATASOURCE: &str = "datasource db {\n  provider = \"postgresql\"\n}\n";

    #[test]
    fn a_schema_missing_only_relation_fields_is_formatted() {
        let text = format!(
            "{DATASOURCE}\nmodel User {{\n  id Int @id\n  posts Post[]\n}}\n\nmodel Post {{\n  id Int @id\n}}\n"
        );
        let schema = loaded(&text);
        assert!(schema.diagnostics.has_errors());
        let Ok(Formatting::Changed(changed)) = format(&schema) else {
            panic!("formatted: {:?}", format(&schema));
        };
        assert_eq!(changed.len(), 1);
        assert!(
            changed[0].formatted.contains("userId"),
            "{}",
            changed[0].formatted
        );
    }

    #[test]
    fn other_errors_leave_the_schema_alone() {
        let schema = loaded(&format!("{DATASOURCE}\nmodel User {{\n  id Nope @id\n}}\n"));
        assert_eq!(format(&schema).ok(), Some(Formatting::Invalid));
        let formatted = loaded(&format!("{DATASOURCE}\nmodel User {{\n  id Int @id\n}}\n"));
        assert_eq!(
            format(&formatted).ok(),
            Some(Formatting::Changed(Vec::new()))
        );
    }
}
