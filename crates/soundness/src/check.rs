//! The soundness check for one seed: plumb's migration `empty → a`, then
//! `a → b`, runs on a fresh database (with empty tables, or one row in
//! each), and afterwards the database diffs empty against `b` — as
//! `plumb migrate diff --from-url <db> --to-schema b --exit-code` would
//! say, through the same use case. Scripts run as `migrate deploy` runs a
//! migration.

use std::path::{Path, PathBuf};

use plumb_migrate::diff::{Output, Source, diff, warnings};
use plumb_migrate::history::apply::run_script;

use crate::generate;

/// What happened to one seed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Both migrations ran and both states settled.
    Sound,
    /// A migration failed in PostgreSQL.
    Failed { stage: Stage, error: String },
    /// A migration ran, yet the database still differs from its schema:
    /// the next diff would try again.
    Unsettled { stage: Stage, remaining: String },
    /// With rows: `a → b` failed, and the warnings plumb shows before it
    /// name a step that cannot run on tables with data.
    Announced { error: String },
    /// The generator wrote a schema plumb rejects (a generator defect).
    Invalid { schema: String, error: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// `empty → a`.
    Create,
    /// The rows put into `a`'s tables.
    Rows,
    /// `a → b`.
    Evolve,
}

/// The whole record of one seed, for reports.
#[derive(Debug, Clone)]
pub struct Case {
    pub seed: u64,
    pub a: String,
    pub b: String,
    pub create: String,
    pub evolve: String,
    pub outcome: Outcome,
}

impl Outcome {
    pub fn is_sound(&self) -> bool {
        matches!(self, Outcome::Sound | Outcome::Announced { .. })
    }

    /// A short name for the kind of failure, with names and numbers taken
    /// out, so that failures of one cause count together.
    pub fn class(&self) -> String {
        match self {
            Outcome::Sound => "sound".to_string(),
            Outcome::Announced { .. } => "announced by a warning".to_string(),
            Outcome::Failed { stage, error } => format!("{stage:?} fails: {}", normalise(error)),
            Outcome::Unsettled { stage, remaining } => {
                let step = remaining
                    .lines()
                    .find(|l| !l.starts_with("--") && !l.trim().is_empty())
                    .unwrap_or("");
                format!("{stage:?} unsettled: {}", normalise(step))
            }
            Outcome::Invalid { error, .. } => {
                let line = error.lines().next().unwrap_or("");
                format!("invalid schema: {}", normalise(line))
            }
        }
    }
}

/// `text` with quoted names and numbers replaced.
fn normalise(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' | '`' => {
                for d in chars.by_ref() {
                    if d == c {
                        break;
                    }
                }
                out.push_str("<n>");
            }
            '0'..='9' => {
                while chars.peek().is_some_and(char::is_ascii_digit) {
                    chars.next();
                }
                out.push('N');
            }
            _ => out.push(c),
        }
    }
    out
}

/// Runs the check for `seed`; with `rows`, one row goes into every table
/// between the two migrations. `Err` is a failure of the harness itself.
pub fn check(seed: u64, rows: bool) -> Result<Case, String> {
    let (a, b) = generate::pair(seed);
    let dir = scratch(seed, rows)?;
    let a_path = dir.join("a.prisma");
    let b_path = dir.join("b.prisma");
    let (a_text, b_text) = (a.render(), b.render());
    write(&a_path, &a_text)?;
    write(&b_path, &b_text)?;
    let mut case = Case {
        seed,
        a: a_text,
        b: b_text,
        create: String::new(),
        evolve: String::new(),
        outcome: Outcome::Sound,
    };
    let result = run(&mut case, &a, &a_path, &b_path, rows);
    let _ = std::fs::remove_dir_all(&dir);
    case.outcome = result?;
    Ok(case)
}

fn run(
    case: &mut Case,
    a: &crate::model::Schema,
    a_path: &Path,
    b_path: &Path,
    rows: bool,
) -> Result<Outcome, String> {
    let a_source = Source::Schema(a_path.to_path_buf());
    let b_source = Source::Schema(b_path.to_path_buf());
    case.create = match diff(&Source::Empty, &a_source, Output::Script) {
        Ok(d) => d.text,
        Err(error) => return Ok(invalid("a", &error)),
    };
    case.evolve = match diff(&a_source, &b_source, Output::Script) {
        Ok(d) => d.text,
        Err(error) => return Ok(invalid("b", &error)),
    };
    let database = plumb_testkit::database();
    let mut client = database.connect();
    if let Err(error) = run_script(&mut client, &case.create) {
        return Ok(failed(Stage::Create, &error));
    }
    if let Some(remaining) = remaining(database.url(), a_path)? {
        return Ok(Outcome::Unsettled {
            stage: Stage::Create,
            remaining,
        });
    }
    if rows && let Err(error) = client.batch_execute(&crate::rows::insert_one_row_each(a)) {
        return Ok(failed(Stage::Rows, &error));
    }
    if let Err(error) = run_script(&mut client, &case.evolve) {
        if rows {
            let warned = warnings(&a_source, &b_source).map_err(|e| e.to_string())?;
            if [
                "will fail",
                "will be cast",
                "not possible if the table is not empty",
                "cannot be done if there is data",
                "reference no row",
            ]
            .iter()
            .any(|announced| warned.contains(announced))
            {
                return Ok(Outcome::Announced {
                    error: message(&error),
                });
            }
        }
        return Ok(failed(Stage::Evolve, &error));
    }
    if let Some(remaining) = remaining(database.url(), b_path)? {
        return Ok(Outcome::Unsettled {
            stage: Stage::Evolve,
            remaining,
        });
    }
    Ok(Outcome::Sound)
}

/// What `migrate diff --from-url <url> --to-schema <schema>` still finds.
fn remaining(url: &str, schema: &Path) -> Result<Option<String>, String> {
    let found = diff(
        &Source::Url(url.to_string()),
        &Source::Schema(schema.to_path_buf()),
        Output::Script,
    )
    .map_err(|error| format!("reading the database back: {error}"))?;
    Ok(found.differs.then_some(found.text))
}

/// The schema's own diagnostics, not just "the schema is invalid".
fn invalid(schema: &str, error: &plumb_migrate::Error) -> Outcome {
    let error = match error {
        plumb_migrate::Error::InvalidSchema { loaded, .. } => plumb_diagnostics::render_all(
            loaded.diagnostics.errors(),
            &loaded.files,
            plumb_diagnostics::ColorChoice::Never,
        ),
        other => other.to_string(),
    };
    Outcome::Invalid {
        schema: schema.to_string(),
        error,
    }
}

fn failed(stage: Stage, error: &postgres::Error) -> Outcome {
    Outcome::Failed {
        stage,
        error: message(error),
    }
}

/// PostgreSQL's own message.
fn message(error: &postgres::Error) -> String {
    error
        .as_db_error()
        .map_or_else(|| error.to_string(), |e| e.message().to_string())
}

/// A directory of its own for the seed's schema files (the fixed-seed test
/// runs a seed with and without rows at once).
fn scratch(seed: u64, rows: bool) -> Result<PathBuf, String> {
    let kind = if rows { "rows" } else { "empty" };
    let dir =
        std::env::temp_dir().join(format!("plumb-sound-{}-{seed}-{kind}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    Ok(dir)
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}
