//! `AlterTable`: the statements sequences need before, one `ALTER TABLE`
//! with every clause joined by `,\n`, then the primary key rename and the
//! sequence ownership and drops — Prisma's text to the byte.

use plumb_diff::{ColumnChange, Migration, TableChange, TableChanges};
use plumb_ir::{Column, ColumnArity, Default, QualifiedName, Table};
use plumb_sql_quote::{ident, ident_bare_if_plain, literal};

use crate::Plan;
use crate::sql::{column_definition, data_type, default_sql, qualified};

pub(crate) fn statements(
    migration: &Migration<'_>,
    changes: &TableChanges,
    plan: Plan,
) -> Vec<String> {
    let old = &migration.from.tables[changes.previous];
    let new = &migration.to.tables[changes.next];
    let table = qualified(&new.name);
    let (mut before, mut clauses, mut after) = (Vec::new(), Vec::new(), Vec::new());
    for change in &changes.changes {
        match *change {
            TableChange::DropPrimaryKey => {
                if let Some(key) = &old.primary_key {
                    clauses.push(format!("DROP CONSTRAINT {}", ident(&key.name)));
                }
            }
            TableChange::RenamePrimaryKey => {
                if let (Some(a), Some(b)) = (&old.primary_key, &new.primary_key) {
                    after.push(format!(
                        "ALTER TABLE {table} RENAME CONSTRAINT {} TO {}",
                        ident(&a.name),
                        ident(&b.name)
                    ));
                }
            }
            TableChange::DropColumn(c) => {
                clauses.push(format!("DROP COLUMN {}", ident(&old.columns[c].name)));
            }
            TableChange::AddColumn(c) => clauses.push(add_column(&new.columns[c])),
            TableChange::DropAndRecreateColumn(change) => {
                clauses.push(format!(
                    "DROP COLUMN {}",
                    ident(&old.columns[change.previous].name)
                ));
                clauses.push(add_column(&new.columns[change.next]));
            }
            TableChange::AlterColumn(change) => {
                let sequence = sequence_name(new, &new.columns[change.next]);
                let checked = plan == Plan::Online && becomes_not_null(old, new, change);
                if checked {
                    let (check, not_null) = not_null_through_check(&table, new, change);
                    before.extend(check);
                    after.extend(not_null);
                }
                alter_column(old, new, change, &sequence, checked, &mut clauses);
                let (previous, next) = (&old.columns[change.previous], &new.columns[change.next]);
                if change.changes.auto_increment && next.auto_increment {
                    before.push(format!("CREATE SEQUENCE {sequence}"));
                    after.push(format!(
                        "ALTER SEQUENCE {sequence} OWNED BY {table}.{}",
                        ident(&next.name)
                    ));
                } else if change.changes.auto_increment && previous.auto_increment {
                    // Dropped unless a column of the next schema still
                    // draws from a sequence of that name, as Prisma has it
                    // (from a schema file, where no side knows a name, any
                    // auto-incrementing column counts: Prisma keeps it).
                    let dropped = previous.sequence.as_deref();
                    let still_used = migration.to.tables.iter().any(|t| {
                        t.columns
                            .iter()
                            .any(|c| c.auto_increment && c.sequence.as_deref() == dropped)
                    });
                    if !still_used {
                        after.push(format!("DROP SEQUENCE {}", owned_sequence(old, previous)));
                    }
                } else if previous.auto_increment
                    && next.auto_increment
                    && change.changes.cast.is_some()
                {
                    // The column's new integer type is the sequence's too,
                    // or it would run out at the old type's limit.
                    after.push(format!(
                        "ALTER SEQUENCE {} AS {}",
                        owned_sequence(old, previous),
                        data_type(next)
                    ));
                }
            }
            TableChange::AddPrimaryKey => {
                if let Some(key) = &new.primary_key {
                    let columns: Vec<String> = key.columns.iter().map(|c| ident(c)).collect();
                    clauses.push(format!(
                        "ADD CONSTRAINT {} PRIMARY KEY ({})",
                        ident(&key.name),
                        columns.join(", ")
                    ));
                }
            }
        }
    }
    let mut statements = before;
    if !clauses.is_empty() {
        statements.push(format!("ALTER TABLE {table} {}", clauses.join(",\n")));
    }
    statements.extend(after);
    statements
}

/// `ADD COLUMN` and the column definition with its CREATE TABLE indent:
/// five spaces, as Prisma writes it.
fn add_column(column: &Column) -> String {
    format!("ADD COLUMN     {}", column_definition(column))
}

/// The sequence behind a column that becomes auto-incrementing:
/// `[<"schema">.]<table>_<column>_seq`, all lowercased, bare but for the
/// schema — Prisma's spelling — and quoted when a bare name would not
/// read back as itself (a space in a `@@map`, say).
fn sequence_name(table: &Table, column: &Column) -> String {
    let QualifiedName { namespace, name } = &table.name;
    let bare = ident_bare_if_plain(&format!("{name}_{}_seq", column.name).to_lowercase());
    match namespace {
        Some(namespace) => format!("{}.{bare}", ident(&namespace.to_lowercase())),
        None => bare,
    }
}

/// The sequence an auto-incrementing column of the previous schema draws
/// from: the name a database gave (introspected), else the one PostgreSQL
/// gives a serial column, in the table's schema.
fn owned_sequence(table: &Table, column: &Column) -> String {
    let name = match column.sequence.as_deref() {
        Some(name) => name.to_string(),
        None => serial_sequence_name(&table.name.name, &column.name),
    };
    match &table.name.namespace {
        Some(namespace) => format!("{}.{}", ident(namespace), ident(&name)),
        None => ident(&name),
    }
}

/// `<table>_<column>_seq` as PostgreSQL names a serial's sequence
/// (`makeObjectName`): the longer of the two parts is shortened, a byte at
/// a time and never inside a character, until the name fits in 63 bytes.
fn serial_sequence_name(table: &str, column: &str) -> String {
    const AVAILABLE: usize = 63 - "_".len() - "_seq".len();
    let (mut a, mut b) = (table.len(), column.len());
    while a + b > AVAILABLE {
        if a > b {
            a -= 1;
        } else {
            b -= 1;
        }
    }
    let clip = |text: &str, mut at: usize| {
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        text[..at].to_string()
    };
    format!("{}_{}_seq", clip(table, a), clip(column, b))
}

/// Whether an existing nullable column becomes NOT NULL, its type kept
/// (a type change rewrites the table anyway, checking as it goes).
fn becomes_not_null(old: &Table, new: &Table, change: ColumnChange) -> bool {
    let (previous, next) = (&old.columns[change.previous], &new.columns[change.next]);
    change.changes.arity
        && change.changes.cast.is_none()
        && plumb_diff::held_arity(previous) == ColumnArity::Nullable
        && plumb_diff::held_arity(next) == ColumnArity::Required
}

/// `SET NOT NULL` without a scan under ACCESS EXCLUSIVE: a `CHECK (… IS
/// NOT NULL) NOT VALID` (instant), validated (rows are read while writes
/// go on); then `SET NOT NULL` uses the valid check instead of scanning,
/// and the check goes. The statements before the `ALTER TABLE`, and after.
fn not_null_through_check(
    table: &str,
    new: &Table,
    change: ColumnChange,
) -> (Vec<String>, Vec<String>) {
    let column = &new.columns[change.next].name;
    let name = check_name(&new.name.name, column);
    let (check, column) = (ident(&name), ident(column));
    (
        vec![
            // A check of that name is what a failed run left.
            format!(
                "ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {check}, ADD CONSTRAINT {check} CHECK ({column} IS NOT NULL) NOT VALID"
            ),
            format!("ALTER TABLE {table} VALIDATE CONSTRAINT {check}"),
        ],
        vec![
            format!("ALTER TABLE {table} ALTER COLUMN {column} SET NOT NULL"),
            format!("ALTER TABLE {table} DROP CONSTRAINT {check}"),
        ],
    )
}

/// `<table>_<column>_not_null_check`; when that is longer than the 63
/// bytes PostgreSQL keeps, the two names cut to fit, with a hash of the
/// whole so that two long columns of one table get two names.
fn check_name(table: &str, column: &str) -> String {
    const SUFFIX: &str = "_not_null_check";
    let whole = format!("{table}_{column}{SUFFIX}");
    if whole.len() <= 63 {
        return whole;
    }
    // FNV-1a: stable across runs and builds, unlike the std hasher.
    let hash = whole.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    let mut head = format!("{table}_{column}");
    let mut end = 63 - SUFFIX.len() - 9;
    while !head.is_char_boundary(end) {
        end -= 1;
    }
    head.truncate(end);
    format!("{head}_{hash:08x}{SUFFIX}")
}

/// The `ALTER COLUMN` clauses of one column: arity, default,
/// auto-increment, then type; without `SET NOT NULL` when `checked` (the
/// online plan sets it after a check).
fn alter_column(
    old: &Table,
    new: &Table,
    change: ColumnChange,
    sequence: &str,
    checked: bool,
    clauses: &mut Vec<String>,
) {
    let (previous, next) = (&old.columns[change.previous], &new.columns[change.next]);
    let column = ident(&next.name);
    let mut clause = |text: String| clauses.push(format!("ALTER COLUMN {column} {text}"));
    let changes = change.changes;
    if changes.arity {
        // As the database will hold it: a column that becomes
        // auto-incrementing is NOT NULL, as a serial column is.
        match plumb_diff::held_arity(next) {
            ColumnArity::Required if checked => {}
            ColumnArity::Required => clause("SET NOT NULL".to_string()),
            ColumnArity::Nullable => clause("DROP NOT NULL".to_string()),
            ColumnArity::List => {}
        }
    }
    if changes.default && !next.auto_increment {
        match &next.default {
            Some(default) => clause(format!("SET DEFAULT {}", set_default(default, next))),
            // Dropping the sequence drops the default below.
            None if previous.auto_increment => {}
            None => clause("DROP DEFAULT".to_string()),
        }
    }
    if changes.auto_increment {
        if next.auto_increment {
            clause(format!("SET DEFAULT nextval({})", literal(sequence)));
        } else if next.default.as_ref().is_none_or(Default::is_empty) {
            clause("DROP DEFAULT".to_string());
        }
        // Else the SET DEFAULT above has replaced the sequence's (Prisma
        // drops it again right after, losing the new default).
    }
    let list = |c: &Column| c.arity == ColumnArity::List;
    if changes.cast.is_some() || list(previous) != list(next) {
        // Never a serial pseudo-type, which only CREATE TABLE and ADD
        // COLUMN know (Prisma writes it: `type "bigserial" does not exist`);
        // the sequence follows the type after the ALTER TABLE.
        let mut set = format!("SET DATA TYPE {}", data_type(next));
        // An enum and an array of it have no cast between them (Prisma
        // writes none, and PostgreSQL refuses even on an empty table).
        if matches!(next.column_type, plumb_ir::ColumnType::Enum(_)) && list(previous) != list(next)
        {
            if list(next) {
                set.push_str(&format!(" USING ARRAY[{column}]"));
            } else {
                set.push_str(&format!(" USING {column}[1]"));
            }
        }
        if let Some(path) = plumb_diff::explicit_path(previous, next) {
            let suffix = if list(next) { "[]" } else { "" };
            set.push_str(&format!(" USING {column}"));
            for kind in path {
                set.push_str(&format!("::{}{suffix}", kind.sql_name()));
            }
            set.push_str(&format!("::{}", data_type(next)));
        }
        clause(set);
        // A list default names its type (`ARRAY[1]::SMALLINT[]`), and
        // PostgreSQL keeps it through the type change as a cast of the old
        // one, which then differs from the schema's on every diff (Prisma
        // writes nothing): it is set again in the new type.
        if let (false, Some(default @ Default::Value(plumb_ir::Value::List(_)))) =
            (changes.default, &next.default)
        {
            clause(format!("SET DEFAULT {}", set_default(default, next)));
        }
    }
}

fn set_default(default: &Default, column: &Column) -> String {
    default_sql(default, &data_type(column))
}

#[cfg(test)]
mod tests {
    use super::{check_name, serial_sequence_name};

    #[test]
    fn check_names_fit_in_63_bytes_and_stay_apart() {
        assert_eq!(check_name("User", "name"), "User_name_not_null_check");
        let table = "Table_with_a_very_long_name_that_goes_on_and_on";
        let a = check_name(table, "first_long_column_name");
        let b = check_name(table, "first_long_column_name_too");
        assert!(a.len() <= 63 && b.len() <= 63, "{a} {b}");
        assert_ne!(a, b);
        assert!(a.ends_with("_not_null_check"), "{a}");
        // Never inside a character.
        assert!(check_name(&"é".repeat(40), "c").len() <= 63);
    }

    /// The names PostgreSQL 15 gave the sequences of
    /// `CREATE TABLE "Table_with_a_very_long_name_that_goes_on_and_on_and_on"
    /// ("column_with_a_long_name_too_long" serial, "Id" serial)`.
    #[test]
    fn serial_sequence_names_are_cut_as_postgresql_cuts_them() {
        let table = "Table_with_a_very_long_name_that_goes_on_and_on_and_on";
        assert_eq!(
            serial_sequence_name(table, "column_with_a_long_name_too_long"),
            "Table_with_a_very_long_name_t_column_with_a_long_name_too_l_seq"
        );
        assert_eq!(
            serial_sequence_name(table, "Id"),
            "Table_with_a_very_long_name_that_goes_on_and_on_and_on_Id_seq"
        );
        assert_eq!(serial_sequence_name("T", "id"), "T_id_seq");
    }
}
