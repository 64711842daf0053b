//! `plumb db pull`: Prisma's texts (`docs/reference/prisma-db-pull.md`
//! §9): the spinner's line, the summary, P4001; `--print` prints the
//! schema and writes nothing.

use plumb_migrate::{datasource, messages, pull};

use crate::args::DbPullArgs;
use crate::exit::{Failure, eprint_text, print_text};

pub fn run(args: &DbPullArgs) -> Result<u8, Failure> {
    let connection = &args.connection;
    let (path, loaded) = plumb_migrate::schema::load_valid(connection.schema.schema.as_deref())?;
    let target = datasource::target(&path, &loaded, connection.url.as_deref())?;
    if args.print {
        let pulled = pull::pull(&target, &loaded, args.force, &args.schemas)?;
        print_text(&format!("{}\n\n", pulled.text))?;
        if !pulled.warnings.is_empty() {
            eprint_text(&messages::pull_printed_warnings(&pulled.warnings));
        }
        return Ok(0);
    }
    eprint_text(&messages::schema_loaded(&path));
    print_text(&messages::datasource_line(&target))?;
    let shown = shown(&path);
    print_text(&messages::pull_started(&shown))?;
    let pulled = pull::pull(&target, &loaded, args.force, &args.schemas)?;
    pull::write(&path, &pulled.text)?;
    print_text(&messages::pull_done(
        pulled.models,
        &shown,
        pulled.elapsed,
        &pulled.warnings,
    ))?;
    Ok(0)
}

/// The schema's path as the summary names it: relative to the working
/// directory when below it.
fn shown(path: &std::path::Path) -> String {
    let here = std::env::current_dir().unwrap_or_default();
    path.strip_prefix(&here)
        .unwrap_or(path)
        .display()
        .to_string()
}
