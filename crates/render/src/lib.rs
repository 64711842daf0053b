//! Migration steps → text, byte for byte as Prisma's schema engine prints
//! it: the SQL script (`-- CreateTable` headers, one blank line between
//! steps), the human-readable summary of `migrate diff`, and the
//! `/* Warnings: */` block of a new migration file.
//!
//! One deliberate difference: identifiers and literals go through
//! `plumb-sql-quote`, so a `"` in a name or a `'` in an enum value is
//! escaped where Prisma writes it raw and breaks the statement.

mod alter_enum;
mod alter_table;
mod describe;
mod renames;
mod sql;
mod summary;
mod warnings;

pub use renames::renames;
pub use summary::{Origin, summary};
pub use warnings::warnings_block;

use plumb_diff::{Migration, Step};

/// A column as `CREATE TABLE` defines it: `"name" TYPE[ NOT NULL][
/// DEFAULT …]`.
pub fn column_definition(column: &plumb_ir::Column) -> String {
    sql::column_definition(column)
}

/// The script of a migration with nothing in it.
pub const EMPTY_MIGRATION: &str = "-- This is an empty migration.";

/// How a script is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Plan {
    /// As Prisma writes it, byte for byte.
    #[default]
    Prisma,
    /// In forms that do not hold locks on existing tables for a scan or a
    /// build: `lock_timeout` first, indexes built and dropped
    /// `CONCURRENTLY`, foreign keys added `NOT VALID` then validated,
    /// `SET NOT NULL` through a validated check (see `docs/lint.md`).
    Online,
}

/// How long an online plan's statements wait for a lock before failing:
/// the application's queries queue behind a waiting statement.
pub const ONLINE_LOCK_TIMEOUT: &str = "5s";

/// The migration as a SQL script, without the trailing newline `migrate
/// diff` adds to a script that lacks one.
pub fn script(migration: &Migration<'_>) -> String {
    script_with(migration, Plan::Prisma)
}

/// The migration as a SQL script written as `plan` says.
pub fn script_with(migration: &Migration<'_>, plan: Plan) -> String {
    let mut out = String::new();
    let mut timeout = LockTimeout::default();
    for step in &migration.steps {
        let statements = sql::statements(migration, *step, plan);
        if statements.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str("-- ");
        out.push_str(step_name(*step));
        out.push('\n');
        let locks = sql::locks_existing(migration, *step);
        for statement in statements {
            if plan == Plan::Online {
                out.push_str(&timeout.before(&statement, locks));
            }
            out.push_str(&statement);
            out.push_str(";\n");
        }
    }
    if timeout.was_set {
        out.push_str("\n-- ResetLockTimeout\nRESET lock_timeout;\n");
    }
    if out.is_empty() {
        EMPTY_MIGRATION.to_string()
    } else {
        out
    }
}

/// The online plan's `lock_timeout`: on before a statement that locks a
/// table in use (a statement waiting for its lock queues every query on
/// the table behind it), off before one that runs `CONCURRENTLY` (it
/// waits for older transactions without blocking anyone, and would fail
/// instead, leaving an invalid index); reset at the end, so that the
/// migrations after it on the same connection do not inherit it.
#[derive(Debug, Default)]
struct LockTimeout {
    on: bool,
    was_set: bool,
}

impl LockTimeout {
    /// The `SET` to write before `statement`, if any.
    fn before(&mut self, statement: &str, locks: bool) -> String {
        let concurrent = [
            "CREATE INDEX CONCURRENTLY ",
            "CREATE UNIQUE INDEX CONCURRENTLY ",
            "DROP INDEX CONCURRENTLY ",
        ]
        .iter()
        .any(|start| statement.starts_with(start));
        if concurrent && self.on {
            self.on = false;
            "SET lock_timeout = 0;\n".to_string()
        } else if locks && !concurrent && !self.on {
            self.on = true;
            self.was_set = true;
            format!("SET lock_timeout = '{ONLINE_LOCK_TIMEOUT}';\n")
        } else {
            String::new()
        }
    }
}

fn step_name(step: Step) -> &'static str {
    match step {
        Step::CreateSchema(_) => "CreateSchema",
        Step::DropExtension(_) => "DropExtension",
        Step::CreateExtension(_) => "CreateExtension",
        Step::AlterEnum { .. } => "AlterEnum",
        Step::AlterTable(_) => "AlterTable",
        Step::RenameForeignKey { .. } => "RenameForeignKey",
        Step::CreateEnum(_) => "CreateEnum",
        Step::DropForeignKey(_) => "DropForeignKey",
        Step::DropIndex { .. } => "DropIndex",
        Step::DropTable(_) => "DropTable",
        Step::DropEnum(_) => "DropEnum",
        Step::CreateTable(_) => "CreateTable",
        Step::CreateIndex { .. } => "CreateIndex",
        Step::AddForeignKey(_) => "AddForeignKey",
        Step::RenameIndex { .. } => "RenameIndex",
    }
}
