//! `plumb migrate check`: the CI check; the report in the format asked
//! for, exit 0 (clean), 2 (a finding) or 1 (an error).

use plumb_diagnostics::ColorChoice;
use plumb_migrate::check::{Options, check, report};

use crate::args::{CheckFormat, MigrateCheckArgs};
use crate::exit::{Failure, print_text};

pub fn run(args: &MigrateCheckArgs) -> Result<u8, Failure> {
    let options = Options {
        schema: args.schema.schema.as_deref(),
        url: args.url.as_deref(),
        shadow: args.shadow_database_url.as_deref(),
        base: args.base.as_deref(),
        replay: args.replay.into(),
    };
    if options.replay != plumb_migrate::offline::ReplayMode::Offline {
        crate::interrupt::drop_shadow_databases_on_interrupt();
    }
    let found = check(&options)?;
    let text = match args.format {
        CheckFormat::Human => report::human(&found, ColorChoice::for_stdout()),
        CheckFormat::Json => report::json(&found),
        CheckFormat::Github => report::github(&found),
    };
    print_text(&text)?;
    Ok(found.exit_status())
}
