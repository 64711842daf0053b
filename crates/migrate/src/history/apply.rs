//! Applying one migration, with Prisma's bookkeeping, and safer than
//! Prisma: the whole script and its "finished" record run in one
//! transaction, so a migration is either wholly applied and recorded or
//! not applied at all — unless a statement cannot run in a transaction
//! (`CREATE INDEX CONCURRENTLY`, …), in which case the statements run one
//! by one, as Prisma 7.4+ runs every script. Which of the two happened is
//! always said.

use super::folder::LocalMigration;
use super::split::{Statement, adds_enum_value, outside_transaction, split, validates_constraint};
use super::{checksum, table};

/// How a script runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    OneTransaction,
    /// One statement at a time, each committed, for this reason.
    StatementByStatement(Reason),
}

/// Why a script runs statement by statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// A statement of this kind cannot run in a transaction.
    OutsideTransaction(&'static str),
    /// A value `ALTER TYPE … ADD VALUE` adds is used later.
    EnumValueUsedLater,
    /// `VALIDATE CONSTRAINT`: the lock `ADD … NOT VALID` took must be let
    /// go first, or the validation scans under it (the online plan).
    Validation,
}

impl Mode {
    /// The words plumb adds to a failure.
    fn explained(self) -> String {
        match self {
            Mode::OneTransaction => crate::messages::RAN_IN_ONE_TRANSACTION.to_string(),
            Mode::StatementByStatement(reason) => {
                let why = match reason {
                    Reason::OutsideTransaction(kind) => {
                        format!("{kind}, which cannot run in a transaction")
                    }
                    Reason::EnumValueUsedLater => {
                        "a value ALTER TYPE … ADD VALUE adds, used before a commit".to_string()
                    }
                    Reason::Validation => {
                        "VALIDATE CONSTRAINT, which must not run under the lock the constraint was added with".to_string()
                    }
                };
                crate::messages::ran_statement_by_statement(&why)
            }
        }
    }
}

/// The mode for a script's statements.
pub fn mode(statements: &[Statement]) -> Mode {
    for (i, statement) in statements.iter().enumerate() {
        if let Some(kind) = outside_transaction(statement) {
            return Mode::StatementByStatement(Reason::OutsideTransaction(kind));
        }
        if validates_constraint(statement) {
            return Mode::StatementByStatement(Reason::Validation);
        }
        // A value added to an enum cannot be used before its transaction
        // commits: one by one if a later statement names it.
        if adds_enum_value(statement)
            && let Some(value) = added_value(&statement.text)
            && statements[i + 1..]
                .iter()
                .any(|later| later.text.contains(&value))
        {
            return Mode::StatementByStatement(Reason::EnumValueUsedLater);
        }
    }
    Mode::OneTransaction
}

/// `'ADMIN'` of `ALTER TYPE "Role" ADD VALUE 'ADMIN'`, quoted as written.
fn added_value(text: &str) -> Option<String> {
    // ASCII uppercasing keeps byte offsets, so they index `text` too.
    let upper = text.to_ascii_uppercase();
    let mut at = upper.find("ADD VALUE")? + "ADD VALUE".len();
    at += upper[at..].len() - upper[at..].trim_start().len();
    if upper[at..].starts_with("IF NOT EXISTS") {
        at += "IF NOT EXISTS".len();
        at += upper[at..].len() - upper[at..].trim_start().len();
    }
    let after = text.get(at..)?.strip_prefix('\'')?;
    let end = after.find('\'')?;
    Some(format!("'{}'", &after[..end]))
}

/// A migration that failed: Prisma's P3018 text (what goes into the
/// history row's `logs` too).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failed {
    pub message: String,
}

/// Applies `migration` on a connection holding the migration lock.
pub fn apply(client: &mut postgres::Client, migration: &LocalMigration) -> Result<Mode, Failed> {
    let statements = split(&migration.script);
    let mode = mode(&statements);
    let fail = |message: String| Failed { message };
    let id = table::record_started(
        client,
        &migration.name,
        &checksum::checksum(&migration.script),
    )
    .map_err(|error| fail(error.to_string()))?;
    let ran = match mode {
        Mode::OneTransaction => {
            let mut transaction = client
                .transaction()
                .map_err(|error| fail(error.to_string()))?;
            let ran = run(&mut transaction, &statements);
            match ran {
                Ok(()) => table::record_finished(&mut transaction, &id)
                    .and_then(|()| transaction.commit())
                    .map_err(|error| (None, error)),
                // Dropping the transaction rolls it back.
                Err(failure) => Err(failure),
            }
        }
        Mode::StatementByStatement(_) => run(client, &statements)
            .and_then(|()| table::record_finished(client, &id).map_err(|error| (None, error))),
    };
    match ran {
        Ok(()) => Ok(mode),
        Err((statement, error)) => {
            let message = p3018(migration, statement.map(|i| &statements[i]), &error, mode);
            // A script's own `BEGIN` may have left the session in a failed
            // transaction, where the record below would be refused.
            if matches!(mode, Mode::StatementByStatement(_)) {
                let _ = client.batch_execute("ROLLBACK");
            }
            // Recorded outside the rolled-back transaction; if even that
            // fails, the row stays unfinished, which still blocks.
            let _ = table::record_failed(client, &id, &message);
            Err(Failed { message })
        }
    }
}

/// Runs a script as `apply` runs a migration — one transaction, or
/// statement by statement when it must — without the history (the shadow
/// database's replay).
pub fn run_script(client: &mut postgres::Client, script: &str) -> Result<(), postgres::Error> {
    let statements = split(script);
    match mode(&statements) {
        Mode::OneTransaction => {
            let mut transaction = client.transaction()?;
            run(&mut transaction, &statements).map_err(|(_, error)| error)?;
            transaction.commit()
        }
        Mode::StatementByStatement(_) => run(client, &statements).map_err(|(_, error)| error),
    }
}

/// Runs the statements in order; the index of the one that failed.
fn run(
    client: &mut impl postgres::GenericClient,
    statements: &[Statement],
) -> Result<(), (Option<usize>, postgres::Error)> {
    for (i, statement) in statements.iter().enumerate() {
        client
            .batch_execute(&statement.text)
            .map_err(|error| (Some(i), error))?;
    }
    Ok(())
}

/// Prisma's P3018 text, with the failing statement's place in the file
/// and a few lines around it, and how plumb ran the script.
fn p3018(
    migration: &LocalMigration,
    statement: Option<&Statement>,
    error: &postgres::Error,
    mode: Mode,
) -> String {
    let (code, mut database_error) = match error.as_db_error() {
        Some(db) => (
            db.code().code().to_string(),
            format!("{}: {}", db.severity(), db.message()),
        ),
        None => ("none".to_string(), error.to_string()),
    };
    if let Some(statement) = statement {
        let position = error
            .as_db_error()
            .and_then(|db| match db.position() {
                Some(postgres::error::ErrorPosition::Original(at)) => Some(*at as usize),
                _ => None,
            })
            .map(|at| {
                let within: usize = statement
                    .text
                    .chars()
                    .take(at.saturating_sub(1))
                    .map(char::len_utf8)
                    .sum();
                statement.offset + within
            })
            .unwrap_or(statement.offset);
        database_error.push_str("\n\nPosition:\n");
        database_error.push_str(&excerpt(&migration.script, position));
    }
    database_error.push_str("\n\n");
    database_error.push_str(&mode.explained());
    crate::messages::migration_failed(&migration.name, &code, &database_error)
}

/// Up to five numbered lines before the one holding byte `at`, and that
/// line, marked.
fn excerpt(script: &str, at: usize) -> String {
    let line = script[..at.min(script.len())].matches('\n').count();
    let lines: Vec<&str> = script.lines().collect();
    let first = line.saturating_sub(5);
    (first..=line.min(lines.len().saturating_sub(1)))
        .map(|i| {
            let marker = if i == line { ">" } else { " " };
            format!("{marker}{:>4} {}", i + 1, lines[i])
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concurrent_indexes_and_used_enum_values_run_one_by_one() {
        assert_eq!(
            mode(&split("CREATE TABLE a(x int);\nCREATE INDEX i ON a(x);")),
            Mode::OneTransaction
        );
        assert_eq!(
            mode(&split("CREATE INDEX CONCURRENTLY i ON a(x);")),
            Mode::StatementByStatement(Reason::OutsideTransaction("CREATE INDEX CONCURRENTLY"))
        );
        // The online plan's validation after NOT VALID.
        let validated = "ALTER TABLE \"Post\" ADD CONSTRAINT \"k\" FOREIGN KEY (\"a\") REFERENCES \"User\"(\"id\") NOT VALID;\nALTER TABLE \"Post\" VALIDATE CONSTRAINT \"k\";";
        assert_eq!(
            mode(&split(validated)),
            Mode::StatementByStatement(Reason::Validation)
        );
        let unused = "ALTER TYPE \"Role\" ADD VALUE 'ADMIN';\nCREATE TABLE t(x int);";
        assert_eq!(mode(&split(unused)), Mode::OneTransaction);
        let used = "ALTER TYPE \"Role\" ADD VALUE 'ADMIN';\nALTER TABLE u ALTER COLUMN r SET DEFAULT 'ADMIN';";
        assert_eq!(
            mode(&split(used)),
            Mode::StatementByStatement(Reason::EnumValueUsedLater)
        );
    }

    #[test]
    fn added_values_are_found_in_any_case_and_never_panic() {
        assert_eq!(
            added_value("alter type r add value if not exists 'X'").as_deref(),
            Some("'X'")
        );
        assert_eq!(
            added_value("ALTER TYPE r ADD VALUE 'A' BEFORE 'B'").as_deref(),
            Some("'A'")
        );
        for odd in [
            "ALTER TYPE r ADD VALUE",
            "ALTER TYPE r ADD VALUE ’é’",
            "ADD VALUE 'unclosed",
        ] {
            assert_eq!(added_value(odd), None, "{odd}");
        }
    }

    #[test]
    fn the_excerpt_marks_the_failing_line() {
        let script = "a\nb\nc\nd\ne\nf\ng\n";
        assert_eq!(
            excerpt(script, script.find('g').unwrap()),
            "    2 b\n    3 c\n    4 d\n    5 e\n    6 f\n>   7 g"
        );
    }
}
