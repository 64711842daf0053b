//! How PostgreSQL gets a column from one type to another, in Prisma's
//! classification: a plain `SET DATA TYPE` that keeps every value, one that
//! may lose data (a warning), or no cast at all (drop and recreate).

use plumb_ir::{Column, ColumnArity, ColumnType, NativeKind, NativeType};

/// The cast a type change needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cast {
    /// `SET DATA TYPE`; every value survives.
    Safe,
    /// `SET DATA TYPE`; values may be cut or fail to convert.
    Risky,
    /// No cast: the column is dropped and added again.
    Impossible,
}

/// The cast from `old`'s type to `new`'s.
pub(crate) fn cast(old: &Column, new: &Column) -> Cast {
    let (old_list, new_list) = (
        old.arity == ColumnArity::List,
        new.arity == ColumnArity::List,
    );
    match (&old.column_type, &new.column_type) {
        _ if !old_list && new_list => Cast::Impossible,
        // Any array converts to text, nothing else.
        (_, ColumnType::Native(b)) if old_list && !new_list => match b.kind {
            NativeKind::Text => Cast::Safe,
            _ => Cast::Impossible,
        },
        (ColumnType::Native(a), ColumnType::Native(b)) => native(a, b),
        _ => Cast::Impossible,
    }
}

fn native(old: &NativeType, new: &NativeType) -> Cast {
    use NativeKind::*;
    match (old.kind, new.kind) {
        (_, Text) => Cast::Safe,
        (Text, VarChar) => Cast::Risky,
        (VarChar, VarChar) | (Char, Char) => {
            if widens(old, new) {
                Cast::Safe
            } else {
                Cast::Risky
            }
        }
        (SmallInt, Integer | BigInt) | (Integer, BigInt) => Cast::Safe,
        (BigInt, Integer | SmallInt) | (Integer, SmallInt) => Cast::Risky,
        (SmallInt | Integer | BigInt, DoublePrecision | Real | Decimal) => Cast::Safe,
        (DoublePrecision | Real | Decimal, DoublePrecision | Real | Decimal) => Cast::Risky,
        (Timestamp, Timestamptz) | (Timestamptz, Timestamp) => Cast::Safe,
        _ => Cast::Impossible,
    }
}

/// Whether `new`'s length argument keeps every value of `old`'s.
fn widens(old: &NativeType, new: &NativeType) -> bool {
    match (old.arguments.first(), new.arguments.first()) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(a), Some(b)) => b >= a,
    }
}
