//! `plumb migrate lint`: the findings in the format asked for; exit 2 when
//! one is at or above `--deny`.

use plumb_diagnostics::ColorChoice;
use plumb_lint::Severity;
use plumb_migrate::lint::{self, Options};

use crate::args::{Deny, LintFormat, MigrateLintArgs};
use crate::exit::{Failure, eprint_text, print_text};

pub fn run(args: &MigrateLintArgs) -> Result<u8, Failure> {
    let options = Options {
        schema: args.schema.schema.as_deref(),
        migrations: args.migrations.clone(),
        all: args.all,
        url: args.url.as_deref(),
        diagrams: args.format == LintFormat::Markdown,
        replay: args.replay.into(),
        shadow: args.shadow_database_url.as_deref(),
    };
    if options.replay != plumb_migrate::offline::ReplayMode::Offline {
        crate::interrupt::drop_shadow_databases_on_interrupt();
    }
    let report = lint::lint(&options)?;
    for note in &report.notes {
        eprint_text(note);
    }
    let text = match args.format {
        LintFormat::Human => lint::human(&report, ColorChoice::for_stdout()),
        LintFormat::Json => lint::json(&report),
        LintFormat::Github => lint::github(&report),
        LintFormat::Markdown => lint::markdown(&report),
    };
    print_text(&text)?;
    let deny = match args.deny {
        Deny::Warning => Severity::Warning,
        Deny::Error => Severity::Error,
    };
    Ok(report.exit_status(deny))
}
