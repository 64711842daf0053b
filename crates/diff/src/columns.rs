//! Comparing the two versions of a column, as Prisma's differ does: its
//! arity, its default, whether it auto-increments, and its type (with the
//! cast PostgreSQL would need).

use plumb_ir::{Column, Default, LiteralKind, Value};

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
    let changes = ColumnChanges {
        arity: held_arity(old) != held_arity(new),
        default: !defaults_match(old, new),
        auto_increment: old.auto_increment != new.auto_increment,
        cast: casts::cast(old, new),
    };
    changes.any().then_some(ColumnChange {
        previous: p,
        next: n,
        changes,
    })
}

/// The arity the database holds: a serial column is NOT NULL whatever its
/// field says. Prisma writes an optional `autoincrement()` field as a
/// nullable `SERIAL`, which PostgreSQL makes NOT NULL, and compared as
/// written it would differ from its database on every diff.
/// (A database's column, which names its sequence, is read as it is.)
pub fn held_arity(column: &Column) -> plumb_ir::ColumnArity {
    if column.auto_increment
        && column.sequence.is_none()
        && column.arity == plumb_ir::ColumnArity::Nullable
    {
        plumb_ir::ColumnArity::Required
    } else {
        column.arity
    }
}

/// A column's default as Prisma's differ sees it.
enum EffectiveDefault<'a> {
    /// `autoincrement()`.
    Sequence,
    Plain(&'a Default),
}

/// The default Prisma compares and describes: the sequence of an
/// auto-incrementing column, else the column's default.
fn effective_default(column: &Column) -> Option<EffectiveDefault<'_>> {
    if column.auto_increment {
        Some(EffectiveDefault::Sequence)
    } else {
        column.default.as_ref().map(EffectiveDefault::Plain)
    }
}

/// Whether the defaults count as the same, by Prisma's rules (first match
/// wins): a sequence gained, or lost for nothing, is an auto-increment
/// change only; a date/time literal never differs from any other default
/// (Prisma cannot compare them reliably); `dbgenerated()` without SQL
/// never differs; `dbgenerated` SQL compares ignoring ASCII case; numbers
/// compare by value, an `Int` equal to a `BigInt` of the same value.
fn defaults_match(old: &Column, new: &Column) -> bool {
    use EffectiveDefault::{Plain, Sequence};
    let (a, b) = (effective_default(old), effective_default(new));
    // On a date/time column that stays one, a date/time literal (or a list
    // of them) equals any other default (Prisma's rule: a database spells
    // them its own way) but `now()`. A literal replaced by `now()` or back,
    // or a column that stops or starts being date/time, is a change, which
    // Prisma misses and the database then differs on every diff.
    let date_times =
        old.literal_kind() == LiteralKind::DateTime && new.literal_kind() == LiteralKind::DateTime;
    let literal =
        |default: &Default| matches!(default, Default::Value(Value::String(_) | Value::List(_)));
    match (a, b) {
        (_, Some(Sequence)) | (Some(Sequence), None) | (None, None) => true,
        (Some(Plain(Default::Now)), Some(Plain(other)))
        | (Some(Plain(other)), Some(Plain(Default::Now)))
            if literal(other) =>
        {
            false
        }
        (Some(Plain(a)), Some(Plain(b))) if date_times && (literal(a) || literal(b)) => true,
        (_, Some(Plain(default))) if default.is_empty() => true,
        (Some(Plain(Default::Expression(a))), Some(Plain(Default::Expression(b)))) => {
            a.eq_ignore_ascii_case(b)
        }
        (Some(Plain(Default::Value(a))), Some(Plain(Default::Value(b)))) => {
            same_value(a, old.literal_kind(), b, new.literal_kind())
        }
        (Some(Plain(Default::Now)), Some(Plain(Default::Now))) => true,
        _ => false,
    }
}

/// Literal equality: numbers by value within one kind (and `Int` =
/// `BigInt` outside lists); list elements must also agree in kind.
fn same_value(a: &Value, a_kind: LiteralKind, b: &Value, b_kind: LiteralKind) -> bool {
    let integers = |k| matches!(k, LiteralKind::Int | LiteralKind::BigInt);
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            (a_kind == b_kind || (integers(a_kind) && integers(b_kind)))
                && canonical_number(x) == canonical_number(y)
        }
        (Value::List(x), Value::List(y)) => {
            x.len() == y.len()
                && x.iter().zip(y).all(|(x, y)| match (x, y) {
                    (Value::Number(_), Value::Number(_)) if a_kind != b_kind => false,
                    _ => same_value(x, a_kind, y, b_kind),
                })
        }
        (Value::String(x), Value::String(y))
            if a_kind == LiteralKind::Json && b_kind == LiteralKind::Json =>
        {
            crate::json::same_json(x, y)
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
