//! Comparing the two versions of a column, as Prisma's differ does: its
//! arity, its default, whether it auto-increments, and its type (with the
//! cast PostgreSQL would need).

use plumb_ir::{Column, ColumnArity, ColumnType, Default, NativeKind, Value};

use crate::casts::{self, Cast};

/// A column on both sides that changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnChange {
    /// Position in the previous table's columns.
    pub previous: usize,
    /// Position in the next table's columns.
    pub next: usize,
    pub changes: ColumnChanges,
}

/// What changes about a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ColumnChanges {
    pub arity: bool,
    pub default: bool,
    pub auto_increment: bool,
    /// The type changes (an array's element type or array-ness included),
    /// and how the data would get there.
    pub cast: Option<Cast>,
}

impl ColumnChanges {
    /// No cast exists: the column is dropped and added again.
    pub fn recreates(&self) -> bool {
        self.cast == Some(Cast::Impossible)
    }

    fn any(&self) -> bool {
        self.arity || self.default || self.auto_increment || self.cast.is_some()
    }
}

/// The change from `old` (at `p`) to `new` (at `n`), if there is one.
pub(crate) fn compare(p: usize, old: &Column, n: usize, new: &Column) -> Option<ColumnChange> {
    // An enum column keeps its type when it becomes a list or stops being
    // one; a scalar column's type is its element type and array-ness.
    let type_changes = match (&old.column_type, &new.column_type) {
        (ColumnType::Enum(a), ColumnType::Enum(b)) => a != b,
        (a, b) => a != b || is_list(old.arity) != is_list(new.arity),
    };
    let changes = ColumnChanges {
        arity: old.arity != new.arity,
        default: !defaults_match(old, new),
        auto_increment: old.auto_increment != new.auto_increment,
        cast: type_changes.then(|| casts::cast(old, new)),
    };
    changes.any().then_some(ColumnChange {
        previous: p,
        next: n,
        changes,
    })
}

fn is_list(arity: ColumnArity) -> bool {
    arity == ColumnArity::List
}

/// Whether the defaults count as the same. An auto-incrementing column's
/// default is its sequence; gaining a sequence, or losing one for no
/// default, is an auto-increment change only. Like Prisma, a date/time
/// literal never counts as changed against another literal or `now()`,
/// and numbers compare by value (`1` = `1.0`).
fn defaults_match(old: &Column, new: &Column) -> bool {
    match (effective_default(old), effective_default(new)) {
        (_, Some(EffectiveDefault::Sequence)) | (Some(EffectiveDefault::Sequence), None) => true,
        (None, None) => true,
        (Some(EffectiveDefault::Plain(a)), Some(EffectiveDefault::Plain(b))) => {
            same_default(a, b)
                || (is_date_time(old) && is_date_time(new) && is_temporal(a) && is_temporal(b))
        }
        _ => false,
    }
}

fn same_default(a: &Default, b: &Default) -> bool {
    match (a, b) {
        (Default::Value(a), Default::Value(b)) => same_value(a, b),
        _ => a == b,
    }
}

fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(a), Value::Number(b)) => canonical_number(a) == canonical_number(b),
        (Value::List(a), Value::List(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same_value(a, b))
        }
        _ => a == b,
    }
}

/// A plain decimal without trailing fractional zeros: `1.50` → `1.5`.
fn canonical_number(number: &str) -> &str {
    if number.contains('.') {
        number.trim_end_matches('0').trim_end_matches('.')
    } else {
        number
    }
}

/// A column's default as Prisma's differ sees it.
pub enum EffectiveDefault<'a> {
    Sequence,
    Plain(&'a Default),
}

/// The default Prisma compares and describes: the sequence of an
/// auto-incrementing column, else the column's default.
pub fn effective_default(column: &Column) -> Option<EffectiveDefault<'_>> {
    if column.auto_increment {
        Some(EffectiveDefault::Sequence)
    } else {
        column.default.as_ref().map(EffectiveDefault::Plain)
    }
}

fn is_temporal(default: &Default) -> bool {
    matches!(default, Default::Now | Default::Value(Value::String(_)))
}

fn is_date_time(column: &Column) -> bool {
    matches!(
        &column.column_type,
        ColumnType::Native(native) if matches!(
            native.kind,
            NativeKind::Timestamp
                | NativeKind::Timestamptz
                | NativeKind::Date
                | NativeKind::Time
                | NativeKind::Timetz
        )
    )
}
