//! `plumb db pull`: Prisma's texts (`docs/reference/prisma-db-pull.md`
//! §9): the spinner's line, the summary, P4001; `--print` prints the
//! schema and writes nothing.

use plumb_migrate::{datasource, messages, pull};

use crate::args::DbPullArgs;
use crate::exit::{Failure, eprint_text, print_text};

pub fn run(args: &DbPullArgs) -> Result<u8, Failure> {
    let connection = &args.connection;
    // An invalid schema cannot be re-introspected; with --force only its
    // generator and datasource blocks are kept, so it may be.
    let (path, loaded) = plumb_migrate::schema::load(connection.schema.schema.as_deref())?;
    let (path, loaded) = match plumb_migrate::schema::valid(path, loaded) {
        Ok(valid) => valid,
        Err(plumb_migrate::Error::InvalidSchema { path, loaded }) if args.force => (path, *loaded),
        Err(plumb_migrate::Error::InvalidSchema { loaded, .. }) => {
            return Err(Failure::Invalid {
                loaded,
                message: messages::PULL_INVALID_SCHEMA.to_string(),
            });
        }
        Err(other) => return Err(other.into()),
    };
    let target = datasource::target(&path, &loaded, connection.url.as_deref())?;
    if args.print {
        let pulled = pull::pull(&target, &path, &loaded, args.force, &args.schemas)?;
        // Prisma's CLI writes the view files with --print too.
        pull::write_views(&pulled)?;
        print_text(&printed(&pulled))?;
        if !pulled.warnings.is_empty() {
            eprint_text(&messages::pull_printed_warnings(&pulled.warnings));
        }
        return Ok(0);
    }
    eprint_text(&messages::schema_loaded(&path));
    print_text(&messages::datasource_line(&target))?;
    let shown = shown(&path);
    print_text(&messages::pull_started(&shown))?;
    let pulled = pull::pull(&target, &path, &loaded, args.force, &args.schemas)?;
    pull::write_all(&pulled)?;
    pull::write_views(&pulled)?;
    print_text(&messages::pull_done(
        pulled.models,
        &shown,
        pulled.elapsed,
        &pulled.warnings,
    ))?;
    Ok(0)
}

/// `--print`'s text: one file's text and a blank line; several files by
/// path, each after a `// <path>` line.
fn printed(pulled: &pull::Pulled) -> String {
    if let [(_, text)] = pulled.files.as_slice() {
        return format!("{text}\n\n");
    }
    let mut files: Vec<&(std::path::PathBuf, String)> = pulled.files.iter().collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = String::new();
    for (path, text) in files {
        out.push_str(&format!("// {}\n{text}\n", shown(path)));
    }
    out.push('\n');
    out
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
