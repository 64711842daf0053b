//! `plumb migrate diff`: exactly one source and one target, a summary or a
//! script, `--exit-code` and `-o`.

use plumb_migrate::diff::{DiffError, Output, Source};

use crate::args::MigrateDiffArgs;
use crate::exit::{Failure, print_text};

/// What `--exit-code` turns a difference into.
pub const DIFFERENCE: u8 = 2;

pub fn run(args: &MigrateDiffArgs) -> Result<u8, Failure> {
    let from = source(
        "from",
        args.from_empty,
        args.from_schema.as_deref(),
        args.from_url.as_deref(),
        args.from_schema_datasource.as_deref(),
        args.from_config_datasource,
        args.from_migrations.as_deref(),
        args.shadow_database_url.as_deref(),
    )?;
    let to = source(
        "to",
        args.to_empty,
        args.to_schema.as_deref(),
        args.to_url.as_deref(),
        args.to_schema_datasource.as_deref(),
        args.to_config_datasource,
        args.to_migrations.as_deref(),
        args.shadow_database_url.as_deref(),
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

/// The one `--from-*` (or `--to-*`) given, with Prisma's message when
/// there are more or none.
fn source(
    side: &str,
    empty: bool,
    schema: Option<&std::path::Path>,
    url: Option<&str>,
    schema_datasource: Option<&std::path::Path>,
    config_datasource: bool,
    migrations: Option<&std::path::Path>,
    shadow: Option<&str>,
) -> Result<Source, Failure> {
    let count = [
        empty,
        schema.is_some(),
        url.is_some(),
        schema_datasource.is_some(),
        config_datasource,
        migrations.is_some(),
    ]
    .into_iter()
    .filter(|given| *given)
    .count();
    if count != 1 {
        return Err(Failure::Message(format!(
            "{count} `--{side}-...` parameter(s) provided. 1 must be provided."
        )));
    }
    if empty {
        return Ok(Source::Empty);
    }
    if let Some(path) = schema {
        return Ok(Source::Schema(path.to_path_buf()));
    }
    if let Some(url) = url {
        return Ok(Source::Url(url.to_string()));
    }
    if let Some(path) = schema_datasource {
        return Ok(Source::SchemaDatasource(path.to_path_buf()));
    }
    if config_datasource {
        return Ok(Source::ConfigDatasource);
    }
    Ok(Source::Migrations {
        folder: migrations
            .map(std::path::Path::to_path_buf)
            .unwrap_or_default(),
        shadow: shadow.map(str::to_string),
    })
}
