//! `plumb migrate diff`: exactly one source and one target, a summary or a
//! script, `--exit-code` and `-o`.

use plumb_migrate::diff::{Output, SideFlags, Source};
use plumb_migrate::{Error, messages};

use plumb_diagnostics::ColorChoice;
use plumb_migrate::lint;

use crate::args::{DiffFormat, MigrateDiffArgs};
use crate::exit::{DIFFERENCE, Failure, eprint_text, print_text};

pub fn run(args: &MigrateDiffArgs) -> Result<u8, Failure> {
    let shadow = args.shadow_database_url.as_deref();
    let from = SideFlags {
        empty: args.from_empty,
        schema: args.from_schema.as_deref(),
        url: args.from_url.as_deref(),
        schema_datasource: args.from_schema_datasource.as_deref(),
        config_datasource: args.from_config_datasource,
        migrations: args.from_migrations.as_deref(),
    };
    let to = SideFlags {
        empty: args.to_empty,
        schema: args.to_schema.as_deref(),
        url: args.to_url.as_deref(),
        schema_datasource: args.to_schema_datasource.as_deref(),
        config_datasource: args.to_config_datasource,
        migrations: args.to_migrations.as_deref(),
    };
    let from = Source::from_flags("from", &from, shadow)?.with_replay(args.replay.into());
    let to = Source::from_flags("to", &to, shadow)?.with_replay(args.replay.into());
    if from.makes_shadow_database() || to.makes_shadow_database() {
        crate::interrupt::drop_shadow_databases_on_interrupt();
    }
    let online = plumb_migrate::config::Config::script_plan(args.online)?
        == plumb_migrate::ScriptPlan::Online;
    let output = match (args.script || args.format.is_some(), online) {
        (false, _) => Output::Summary,
        (true, false) => Output::Script,
        (true, true) => Output::OnlineScript,
    };
    // The target schema names what the flags and questions say.
    let names = match &args.to_schema {
        Some(path) => plumb_psl::load(path).unwrap_or_default(),
        None => plumb_psl::LoadedSchema::default(),
    };
    let mut decide = crate::renames::decider(&args.rename, &names)?;
    let diff =
        plumb_migrate::diff::diff_renaming(&from, &to, output, &mut decide).map_err(failure)?;
    crate::renames::report(&diff.renames)?;
    for note in &diff.notes {
        eprint_text(note);
    }
    let shown = args
        .output
        .as_ref()
        .map_or_else(|| SCRIPT.to_string(), |file| file.display().to_string());
    let text = match args.format {
        Some(format) => {
            let report = lint::lint_diff(&diff, &shown, format == DiffFormat::Markdown)?;
            match format {
                DiffFormat::Json => lint::diff_json(&report),
                DiffFormat::Markdown => lint::markdown(&report),
            }
        }
        None => diff.text.clone(),
    };
    match &args.output {
        Some(file) => std::fs::write(file, &text).map_err(|error| {
            Failure::Message(messages::cannot_write_file(
                &file.display().to_string(),
                &error,
            ))
        })?,
        None => print_text(&text)?,
    }
    // The hazards of the script, after it.
    if args.script && args.format.is_none() && !args.no_lint && diff.differs {
        let report = lint::lint_diff(&diff, &shown, false)?;
        if !report.is_empty() {
            eprint_text(&lint::human_at_most(
                &report,
                ColorChoice::for_stderr(),
                lint::SHOWN_BESIDE_OUTPUT,
            ));
        }
    }
    Ok(if args.exit_code && diff.differs {
        DIFFERENCE
    } else {
        0
    })
}

/// How findings name the script when it goes to standard output.
const SCRIPT: &str = "<script>";

/// `migrate diff` frames an engine error without the closing blank line.
fn failure(error: Error) -> Failure {
    match error {
        Error::Coded { code, message } => Failure::coded(code, &message, false),
        Error::InvalidSchema { path, loaded } => Failure::Invalid {
            loaded,
            message: messages::diff_invalid_schema(&path),
        },
        other => other.into(),
    }
}
