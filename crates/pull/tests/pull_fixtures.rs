//! `fixtures/pull/<case>/`: the database `database.sql` builds, read back
//! and pulled, must be the schema Prisma's engine pulled from it
//! (`expected.prisma`, from `fixtures/pull/regenerate.sh`), byte for byte.
//! The introspection fixtures' databases (`fixtures/introspect/<case>/
//! setup.sql`) are pulled too, against `pulled.prisma`, and so are the
//! diff fixtures' `to` databases (`fixtures/diff/<case>/to.prisma`, created
//! by plumb's own script from nothing; the oracle's pull of the database
//! Prisma pushed, from `fixtures/diff/regenerate-pulled.sh`). A case listed in
//! `fixtures/pull/not_yet.txt` (with what is missing) must still differ:
//! the list cannot go stale.

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

use std::path::Path;
use std::process::ExitCode;

use plumb_testkit::cases::{self, Case};

fn main() -> ExitCode {
    // A case with a schema.prisma pulls into it: re-introspection.
    let pull = cases::discover("pull", |path| path.join("database.sql").is_file());
    let introspect = cases::discover("introspect", |path| {
        path.join("pulled.prisma").is_file() || path.join("pulled_error.txt").is_file()
    });
    let mut trials = cases::trials("pull", pull, |case| check(case, "database.sql", "expected"));
    trials.extend(cases::trials("introspect", introspect, |case| {
        check(case, "setup.sql", "pulled")
    }));
    let diff = cases::discover("diff", |path| {
        path.join("pulled.prisma").is_file() || path.join("pulled_error.txt").is_file()
    });
    trials.extend(cases::trials("diff", diff, |case| {
        check(case, "to.prisma", "pulled")
    }));
    cases::run(trials)
}

/// The SQL that builds a case's database: the script itself, or for a
/// schema, plumb's migration from nothing to it.
fn script(case: &Case, source: &str) -> String {
    let text = std::fs::read_to_string(case.path.join(source)).unwrap();
    if !source.ends_with(".prisma") {
        return text;
    }
    let mut loaded = plumb_psl::LoadedSchema::default();
    plumb_psl::add_file(&mut loaded, source.to_string(), text);
    let to = plumb_lower::lower(&loaded.asts);
    let from = plumb_ir::Schema::empty_database();
    plumb_render::script(&plumb_diff::diff(&from, &to))
}

/// The cases not pulled as Prisma pulls them yet, by `<kind>/<case>`.
fn not_yet() -> Vec<String> {
    let list = cases::fixtures().join("pull/not_yet.txt");
    std::fs::read_to_string(list)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split(':').next().map(|c| c.trim().to_string()))
        .collect()
}

fn check(case: &Case, sql: &str, expected: &str) -> Result<(), String> {
    let kind = case
        .path
        .parent()
        .and_then(Path::file_name)
        .map(|k| k.to_string_lossy().into_owned())
        .unwrap_or_default();
    let listed = not_yet().contains(&format!("{kind}/{}", case.name));
    let outcome = compare(case, sql, expected);
    match (outcome, listed) {
        (Ok(()), false) | (Err(_), true) => Ok(()),
        (Err(difference), false) => Err(difference),
        (Ok(()), true) => Err(format!(
            "pulled as Prisma pulls it now: take {kind}/{} off fixtures/pull/not_yet.txt",
            case.name
        )),
    }
}

fn compare(case: &Case, sql: &str, expected: &str) -> Result<(), String> {
    let script = script(case, sql);
    let database = plumb_testkit::database();
    let mut client = database.connect();
    client
        .batch_execute(&script)
        .map_err(|error| format!("{sql} does not apply: {error}"))?;
    // A pull case with a schema.prisma pulls into it (re-introspection);
    // an introspection case's schema.prisma is that fixture's own.
    // A pull case with a schema/ folder pulls into that schema of several
    // files.
    let schema = case.path.join("schema.prisma");
    let folder = case.path.join("schema");
    let existing = if sql != "database.sql" {
        None
    } else if folder.is_dir() {
        Some(plumb_psl::load(&folder).unwrap())
    } else {
        schema.is_file().then(|| plumb_psl::load(&schema).unwrap())
    };
    // The datasource's `schemas = [...]` are read, else `public`.
    let schemas: Vec<String> = existing
        .as_ref()
        .and_then(|loaded| {
            plumb_psl::schema::Declarations::collect(&loaded.asts)
                .declared_schemas()
                .map(|s| s.iter().map(|s| s.to_string()).collect())
        })
        .unwrap_or_else(|| vec!["public".to_string()]);
    let schemas: Vec<&str> = schemas.iter().map(String::as_str).collect();
    let ir = plumb_introspect::introspect(&mut client, &schemas, "public")
        .map_err(|error| error.to_string())?
        .schema;
    let facts = plumb_introspect::pull_facts(&mut client, &schemas, "public", true)
        .map_err(|error| error.to_string())?;
    let pulled = match plumb_pull::pull(
        &ir,
        &facts,
        existing.as_ref(),
        &plumb_pull::Options::default(),
    ) {
        Ok(pulled) => pulled,
        // P4002: the oracle's error must say the same.
        Err(inconsistent) => {
            let error = std::fs::read_to_string(case.path.join(format!("{expected}_error.txt")))
                .unwrap_or_default();
            return if error.trim_end() == inconsistent.message {
                Ok(())
            } else {
                Err(format!("plumb: {}\nPrisma: {error}", inconsistent.message))
            };
        }
    };
    let expected_name = expected;
    if folder.is_dir() && sql == "database.sql" {
        let loaded = existing.as_ref().unwrap();
        compare_files(case, loaded, &pulled)?;
        return compare_warnings(case, expected_name, &pulled);
    }
    let Ok(expected) = std::fs::read_to_string(case.path.join(format!("{expected}.prisma"))) else {
        // Prisma refused: an empty database.
        return if pulled.models + pulled.enums == 0 {
            Ok(())
        } else {
            Err("Prisma found nothing to pull here".to_string())
        };
    };
    // Prisma's engine returns the text without its last newline; the file
    // it writes has one.
    let expected_text = format!("{}\n", expected.trim_end_matches('\n'));
    if pulled.text() != expected_text {
        return Err(
            similar::TextDiff::from_lines(expected_text.as_str(), pulled.text())
                .unified_diff()
                .header("expected.prisma", "plumb")
                .to_string(),
        );
    }
    compare_views(case, &pulled)?;
    compare_warnings(case, expected_name, &pulled)
}

/// With the `views` preview: each view's file, against the engine's
/// (`expected_views/<schema>/<name>.sql`).
fn compare_views(case: &Case, pulled: &plumb_pull::Pulled) -> Result<(), String> {
    let Some(files) = &pulled.view_files else {
        return Ok(());
    };
    let mut plumb: Vec<(String, String)> = files
        .iter()
        .map(|f| (format!("{}/{}.sql", f.schema, f.name), f.definition.clone()))
        .collect();
    plumb.sort();
    let folder = case.path.join("expected_views");
    let mut expected = Vec::new();
    for schema in std::fs::read_dir(&folder).into_iter().flatten() {
        let schema = schema.unwrap().path();
        for file in std::fs::read_dir(&schema).unwrap() {
            let file = file.unwrap().path();
            let name = format!(
                "{}/{}",
                schema.file_name().unwrap().to_string_lossy(),
                file.file_name().unwrap().to_string_lossy()
            );
            expected.push((name, std::fs::read_to_string(&file).unwrap()));
        }
    }
    expected.sort();
    if plumb == expected {
        Ok(())
    } else {
        Err(format!(
            "view files differ:\nPrisma: {expected:#?}\nplumb: {plumb:#?}"
        ))
    }
}

/// A schema of several files: each file the oracle wrote (`expected/`),
/// by name, against plumb's.
fn compare_files(
    case: &Case,
    loaded: &plumb_psl::LoadedSchema,
    pulled: &plumb_pull::Pulled,
) -> Result<(), String> {
    let mut expected: Vec<(String, String)> = std::fs::read_dir(case.path.join("expected"))
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).unwrap())
        })
        .collect();
    expected.sort();
    let mut plumb: Vec<(String, String)> = pulled
        .files
        .iter()
        .map(|file| {
            let name = match file.existing {
                Some(index) => Path::new(loaded.files.name(loaded.asts[index].0))
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                None => "introspected.prisma".to_string(),
            };
            (name, file.text.clone())
        })
        .collect();
    plumb.sort();
    if plumb == expected {
        return Ok(());
    }
    let show = |files: &[(String, String)]| {
        files
            .iter()
            .map(|(name, text)| format!("// {name}\n{text}"))
            .collect::<String>()
    };
    Err(
        similar::TextDiff::from_lines(&show(&expected), &show(&plumb))
            .unified_diff()
            .header("expected/", "plumb")
            .to_string(),
    )
}

fn compare_warnings(
    case: &Case,
    expected_name: &str,
    pulled: &plumb_pull::Pulled,
) -> Result<(), String> {
    // The warnings, as the oracle printed them (with a closing newline).
    let warnings_file = case.path.join(format!("{expected_name}_warnings.txt"));
    let expected_warnings = std::fs::read_to_string(warnings_file).unwrap_or_default();
    let warnings = if pulled.warnings.is_empty() {
        String::new()
    } else {
        format!("{}\n", pulled.warnings)
    };
    if warnings == expected_warnings {
        return Ok(());
    }
    Err(similar::TextDiff::from_lines(&expected_warnings, &warnings)
        .unified_diff()
        .header("warnings", "plumb")
        .to_string())
}
