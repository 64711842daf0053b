//! `plumb migrate diff`: exactly one source and one target, a summary or a
//! script, `--exit-code` and `-o`.

use std::path::Path;

use plumb_migrate::diff::{DiffError, Output, Source};

use crate::args::MigrateDiffArgs;
use crate::exit::{Failure, print_text};

/// What `--exit-code` turns a difference into.
pub const DIFFERENCE: u8 = 2;

pub fn run(args: &MigrateDiffArgs) -> Result<u8, Failure> {
    let shadow = args.shadow_database_url.as_deref();
    let from = source(
        "from",
        &Given {
            empty: args.from_empty,
            schema: args.from_schema.as_deref(),
            url: args.from_url.as_deref(),
            schema_datasource: args.from_schema_datasource.as_deref(),
            config_datasource: args.from_config_datasource,
            migrations: args.from_migrations.as_deref(),
        },
        shadow,
    )?;
    let to = source(
        "to",
        &Given {
            empty: args.to_empty,
            schema: args.to_schema.as_deref(),
            url: args.to_url.as_deref(),
            schema_datasource: args.to_schema_datasource.as_deref(),
            config_datasource: args.to_config_datasource,
            migrations: args.to_migrations.as_deref(),
        },
        shadow,
    )?;
    let output = if args.script {
        Output::Script
    } else {
        Output::Summary
    };
    let diff = plumb_migrate::diff::diff(&from, &to, output).map_err(|error| match error {
        DiffError::InvalidSchema { path, loaded } => {
            super::print_diagnostics(&loaded);
            Failure::Message(format!(
                "The schema at {} is invalid: fix the errors above, then diff again.",
                path.display()
            ))
        }
        DiffError::Database { code, message } => Failure::Message(format!("{code}\n\n{message}")),
        DiffError::Message(message) => Failure::Message(message),
    })?;
    match &args.output {
        Some(file) => std::fs::write(file, &diff.text).map_err(|error| {
            Failure::Message(format!("Cannot write {}: {error}", file.display()))
        })?,
        None => print_text(&diff.text)?,
    }
    Ok(if args.exit_code && diff.differs {
        DIFFERENCE
    } else {
        0
    })
}

/// The `--from-*` (or `--to-*`) flags of one side.
struct Given<'a> {
    empty: bool,
    schema: Option<&'a Path>,
    url: Option<&'a str>,
    schema_datasource: Option<&'a Path>,
    config_datasource: bool,
    migrations: Option<&'a Path>,
}

/// The one `--from-*` (or `--to-*`) given, with Prisma's message when
/// there are more or none.
fn source(side: &str, given: &Given<'_>, shadow: Option<&str>) -> Result<Source, Failure> {
    let count = [
        given.empty,
        given.schema.is_some(),
        given.url.is_some(),
        given.schema_datasource.is_some(),
        given.config_datasource,
        given.migrations.is_some(),
    ]
    .into_iter()
    .filter(|given| *given)
    .count();
    if count != 1 {
        return Err(Failure::Message(format!(
            "{count} `--{side}-...` parameter(s) provided. 1 must be provided."
        )));
    }
    Ok(if given.empty {
        Source::Empty
    } else if let Some(path) = given.schema {
        Source::Schema(path.to_path_buf())
    } else if let Some(url) = given.url {
        Source::Url(url.to_string())
    } else if let Some(path) = given.schema_datasource {
        Source::SchemaDatasource(path.to_path_buf())
    } else if given.config_datasource {
        Source::ConfigDatasource
    } else {
        Source::Migrations {
            folder: given.migrations.map(Path::to_path_buf).unwrap_or_default(),
            shadow: shadow.map(str::to_string),
        }
    })
}
