//! How PostgreSQL gets a column from one type to another, in Prisma's
//! classification: a plain `SET DATA TYPE` that keeps every value, one that
//! may lose data (a warning), or no cast at all (drop and recreate). The
//! table is Prisma's, quirks included (Money and Citext always "cast",
//! `Time(p)` → `Time(q)` never does); see
//! `docs/reference/prisma-column-changes.md` §3.

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

use Cast::{Impossible, Risky, Safe};

/// The cast from `old`'s type to `new`'s, or `None` when the type does not
/// change.
pub(crate) fn cast(old: &Column, new: &Column) -> Option<Cast> {
    let (old_list, new_list) = (
        old.arity == ColumnArity::List,
        new.arity == ColumnArity::List,
    );
    match (&old.column_type, &new.column_type) {
        // The same enum stays the same type, list or not.
        (ColumnType::Enum(a), ColumnType::Enum(b)) if a == b => None,
        (ColumnType::Enum(_), _) | (_, ColumnType::Enum(_)) => Some(Impossible),
        _ if !old_list && new_list => Some(Impossible),
        (_, ColumnType::Native(to)) if old_list && !new_list => Some(match to.kind {
            NativeKind::Text => Safe,
            NativeKind::VarChar if to.arguments.is_empty() => Safe,
            NativeKind::VarChar | NativeKind::Char => Risky,
            _ => Impossible,
        }),
        // Prisma compares an unsupported type with itself: never a change.
        (ColumnType::Unsupported(_), ColumnType::Unsupported(_)) => None,
        (ColumnType::Unsupported(_), _) | (_, ColumnType::Unsupported(_)) => Some(Risky),
        (ColumnType::Native(from), ColumnType::Native(to)) => native(from, to),
    }
}

/// The types a value passes through when PostgreSQL has no assignment
/// cast for a change the table above allows, so that a bare `SET DATA
/// TYPE` fails even on an empty table ("cannot be cast automatically";
/// Prisma writes it so): `USING "c"::<via>::<new>`, an empty path being
/// the direct explicit cast. `None` when `SET DATA TYPE` alone works.
/// Checked for every pair of types against PostgreSQL by
/// `crates/soundness/tests/type_changes.rs`.
pub fn explicit_path(old: &Column, new: &Column) -> Option<&'static [NativeKind]> {
    use NativeKind::*;
    let (ColumnType::Native(from), ColumnType::Native(to)) = (&old.column_type, &new.column_type)
    else {
        return None;
    };
    if (old.arity == ColumnArity::List) != (new.arity == ColumnArity::List)
        || !matches!(native(from, to), Some(Safe | Risky))
    {
        return None;
    }
    match (from.kind, to.kind) {
        // citext converts to other types only explicitly (through text).
        (Citext, Text | VarChar | Char | Citext) => None,
        (Citext, _) => Some(&[]),
        (Money, SmallInt | Integer | BigInt | Real | DoublePrecision) => Some(&[Decimal]),
        (Timestamp, Timetz) => Some(&[Timestamptz]),
        _ => None,
    }
}

/// A type's length or precision argument.
fn length(native: &NativeType) -> Option<u32> {
    native.arguments.first().copied()
}

/// Casting to a string type of a given length: risky below `needed`
/// characters; an unbounded `VARCHAR` is safe, a bare `CHAR` risky.
fn to_string_of(to: &NativeType, needed: u32) -> Cast {
    match (to.kind, length(to)) {
        (_, Some(n)) if n < needed => Risky,
        (_, Some(_)) | (NativeKind::VarChar, None) => Safe,
        _ => Risky,
    }
}

/// Like [`to_string_of`], for types whose text may not fit at all: no
/// cast below `needed` characters, none to a bare `CHAR`.
fn to_string_or_none(to: &NativeType, needed: u32) -> Cast {
    match (to.kind, length(to)) {
        (_, Some(n)) if n < needed => Impossible,
        (_, Some(_)) | (NativeKind::VarChar, None) => Safe,
        _ => Impossible,
    }
}

/// Whether a temporal type keeps its kind and precision. A next side
/// without a precision matches any (Prisma's rule). A previous side
/// without one is PostgreSQL's default, 6, as the database will read it
/// back: Prisma matches it with any precision too, writes nothing, and
/// the next diff from the database finds the change again.
fn same_precision(from: &NativeType, to: &NativeType) -> bool {
    match (length(from), length(to)) {
        (Some(a), Some(b)) => a == b,
        (None, Some(b)) => b == DEFAULT_TEMPORAL_PRECISION,
        _ => true,
    }
}

/// The precision of `time`, `timestamp` and their `tz` kinds without one.
const DEFAULT_TEMPORAL_PRECISION: u32 = 6;

/// `(precision, scale)` of a decimal, if given.
fn decimal(native: &NativeType) -> Option<(u32, u32)> {
    let precision = *native.arguments.first()?;
    Some((precision, native.arguments.get(1).copied().unwrap_or(0)))
}

/// An integer of `digits` decimal digits into `DECIMAL(p,s)`.
fn integer_to_decimal(to: &NativeType, digits: u32) -> Cast {
    match decimal(to) {
        Some((p, s)) if p.saturating_sub(s) < digits => Risky,
        _ => Safe,
    }
}

/// `DECIMAL(p,s)` into an integer of at most `digits` digits.
fn decimal_to_integer(from: &NativeType, digits: u32) -> Cast {
    match decimal(from) {
        Some((p, 0)) if p <= digits => Safe,
        _ => Risky,
    }
}

fn native(from: &NativeType, to: &NativeType) -> Option<Cast> {
    use NativeKind::*;
    if from == to {
        return None;
    }
    // `CHAR` and `BIT` are one long: the database reads them back as
    // `CHAR(1)` and `BIT(1)`, which must equal a schema's bare type (Prisma
    // drops and recreates them on every diff from the database).
    if from.kind == to.kind
        && matches!(to.kind, Char | Bit)
        && to.arguments.is_empty()
        && from.arguments.iter().eq([&1])
    {
        return None;
    }
    let string = matches!(to.kind, VarChar | Char);
    Some(match (from.kind, to.kind) {
        (_, Text) => Safe,
        (SmallInt, Integer | BigInt | Real | DoublePrecision) => Safe,
        (SmallInt, Decimal) => integer_to_decimal(to, 3),
        (SmallInt, _) if string => to_string_of(to, 4),
        (Integer, SmallInt) => Risky,
        (Integer, BigInt | Real | DoublePrecision) => Safe,
        (Integer, Decimal) => integer_to_decimal(to, 10),
        (Integer, _) if string => to_string_of(to, 11),
        (BigInt, SmallInt | Integer) => Risky,
        (BigInt, Real | DoublePrecision) => Safe,
        (BigInt, Decimal) => integer_to_decimal(to, 19),
        (BigInt, _) if string => to_string_of(to, 20),
        (Decimal, SmallInt) => decimal_to_integer(from, 2),
        (Decimal, Integer) => decimal_to_integer(from, 9),
        (Decimal, BigInt) => decimal_to_integer(from, 18),
        (Decimal, Decimal) => match (decimal(from), decimal(to)) {
            (Some((p, s)), Some((q, t))) if p - s.min(p) > q - t.min(q) || s > t => Risky,
            (None, Some(_)) => Risky,
            _ => Safe,
        },
        (Decimal, Real | DoublePrecision) => Risky,
        (Decimal, _) if string => match decimal(from) {
            Some((p, 0)) => to_string_of(to, p + 1),
            Some((p, _)) => to_string_of(to, p + 2),
            None => to_string_of(to, 131_073),
        },
        (Money, Citext | VarChar) => Safe,
        // Prisma says "risky" to every other type; PostgreSQL has casts
        // to these (to the numbers through NUMERIC, see `explicit_path`)
        // and to no other.
        (Money, Decimal | Char | SmallInt | Integer | BigInt | Real | DoublePrecision) => Risky,
        (Money, _) => Impossible,
        (Inet, Citext | VarChar) => Safe,
        (Oid, Integer | BigInt | VarChar) => Safe,
        (Citext, VarChar) => Safe,
        (Citext, _) => Risky,
        (Real, SmallInt | Integer | BigInt | Decimal) => Risky,
        (Real, DoublePrecision) => Safe,
        (Real, _) if string => to_string_of(to, 47),
        (DoublePrecision, SmallInt | Integer | BigInt | Decimal | Real) => Risky,
        (DoublePrecision, _) if string => to_string_of(to, 317),
        (VarChar | Char, VarChar | Char) => between_strings(from, to),
        (Text, Citext) => Safe,
        (Text, VarChar) if length(to).is_none() => Safe,
        (Text, VarChar | Char) => Risky,
        (ByteA, VarChar | Char) => match (to.kind, length(to)) {
            (_, Some(n)) if n > 2 => Risky,
            (VarChar, None) => Safe,
            _ => Impossible,
        },
        (Timestamp, _) if string => to_string_or_none(to, 23),
        (Timestamptz | Date, _) if string => to_string_or_none(to, 28),
        (Time, _) if string => to_string_or_none(to, 14),
        (Timetz, _) if string => to_string_or_none(to, 19),
        (Timestamp, Timestamp) | (Timestamptz, Timestamptz) | (Timetz, Timetz) => {
            if same_precision(from, to) {
                return None;
            }
            Safe
        }
        (Time, Time) => {
            if same_precision(from, to) {
                return None;
            }
            Impossible
        }
        (Timestamp, Timestamptz | Date | Time | Timetz)
        | (Timestamptz, Timestamp | Date | Time | Timetz)
        | (Date, Timestamp | Timestamptz)
        | (Time, Timetz)
        | (Timetz, Time) => Safe,
        (Boolean, VarChar) => Safe,
        (Boolean, Char) => match length(to) {
            Some(n) if n > 4 => Safe,
            Some(4) => Risky,
            _ => Impossible,
        },
        (Bit, _) => bit(from, to),
        (VarBit, _) => var_bit(from, to),
        (Uuid, _) if string => to_string_or_none(to, 32),
        (Xml | Json | JsonB, VarChar) if length(to).is_none() => Safe,
        (Xml | Json | JsonB, VarChar | Char) => Risky,
        (Json, JsonB) | (JsonB, Json) => Safe,
        _ => Impossible,
    })
}

/// `VARCHAR`/`CHAR` to `VARCHAR`/`CHAR`: risky when the new length is
/// shorter; a bare `CHAR` is one character to PostgreSQL but "no length"
/// to Prisma.
fn between_strings(from: &NativeType, to: &NativeType) -> Cast {
    use NativeKind::{Char, VarChar};
    match (from.kind, length(from), to.kind, length(to)) {
        (_, Some(n), _, Some(m)) => {
            if n > m {
                Risky
            } else {
                Safe
            }
        }
        (_, Some(_), VarChar, None) => Safe,
        (_, Some(n), Char, None) => {
            if n == 1 {
                Safe
            } else {
                Risky
            }
        }
        (Char, None, _, _) => Safe,
        _ => Risky,
    }
}

fn bit(from: &NativeType, to: &NativeType) -> Cast {
    use NativeKind::{Bit, Char, VarBit, VarChar};
    match (length(from), to.kind, length(to)) {
        (None, VarChar | Char | VarBit, _) => Safe,
        (None, _, _) => Impossible,
        (Some(_), VarChar | VarBit, None) => Safe,
        (Some(n), VarChar | VarBit | Char, Some(m)) if m >= n => Safe,
        (Some(_), Bit | Char | VarChar | VarBit, _) => Impossible,
        _ => Impossible,
    }
}

fn var_bit(from: &NativeType, to: &NativeType) -> Cast {
    use NativeKind::{Bit, Char, VarBit, VarChar};
    match (length(from), to.kind, length(to)) {
        (None, VarChar, None) => Safe,
        (None, VarChar | Char | Bit, _) => Risky,
        (None, VarBit, Some(_)) => Impossible,
        (Some(_), VarChar | VarBit, None) => Safe,
        (Some(n), VarBit, Some(m)) => {
            if m > n {
                Safe
            } else {
                Impossible
            }
        }
        (Some(n), VarChar | Char, Some(m)) => {
            if m >= n {
                Safe
            } else {
                Risky
            }
        }
        (Some(_), Char, None) => Risky,
        (Some(n), Bit, Some(m)) => {
            if m <= n {
                Risky
            } else {
                Impossible
            }
        }
        (Some(_), Bit, None) => Risky,
        _ => Impossible,
    }
}

#[cfg(test)]
mod tests {
    //! Cells of Prisma's table that the fixtures do not all reach, as the
    //! oracle classified them (docs/reference/prisma-column-changes.md §3).

    use super::*;
    use plumb_ir::NativeKind::*;

    fn column(kind: NativeKind, arguments: &[u32], arity: ColumnArity) -> Column {
        Column {
            name: plumb_ir::Name::new("c"),
            column_type: ColumnType::Native(NativeType {
                kind,
                arguments: arguments.into(),
            }),
            arity,
            default: None,
            auto_increment: false,
            sequence: None,
            client_default: false,
        }
    }

    fn scalar(kind: NativeKind, arguments: &[u32]) -> Column {
        column(kind, arguments, ColumnArity::Required)
    }

    #[test]
    fn prismas_cast_table() {
        let cases: &[(Column, Column, Option<Cast>)] = &[
            // Prisma: Risky, and its `SET DATA TYPE` fails (no cast exists).
            (scalar(Money, &[]), scalar(Boolean, &[]), Some(Impossible)),
            (scalar(Citext, &[]), scalar(Integer, &[]), Some(Risky)),
            (
                scalar(VarChar, &[10]),
                scalar(Citext, &[]),
                Some(Impossible),
            ),
            (scalar(Text, &[]), scalar(Citext, &[]), Some(Safe)),
            (scalar(Time, &[3]), scalar(Time, &[6]), Some(Impossible)),
            (scalar(Timestamp, &[3]), scalar(Timestamp, &[6]), Some(Safe)),
            // Prisma: None (and nothing settles: the database reads 6).
            (scalar(Timestamp, &[]), scalar(Timestamp, &[3]), Some(Safe)),
            (scalar(Timestamp, &[]), scalar(Timestamp, &[6]), None),
            (scalar(Timestamp, &[3]), scalar(Timestamp, &[]), None),
            (scalar(Date, &[]), scalar(Time, &[]), Some(Impossible)),
            (scalar(Timestamp, &[3]), scalar(Time, &[]), Some(Safe)),
            (scalar(Oid, &[]), scalar(SmallInt, &[]), Some(Impossible)),
            (scalar(Oid, &[]), scalar(BigInt, &[]), Some(Safe)),
            (scalar(Integer, &[]), scalar(Decimal, &[10, 2]), Some(Risky)),
            (scalar(Integer, &[]), scalar(Decimal, &[12, 2]), Some(Safe)),
            (scalar(Decimal, &[9, 0]), scalar(Integer, &[]), Some(Safe)),
            (scalar(Decimal, &[10, 0]), scalar(Integer, &[]), Some(Risky)),
            (
                scalar(Decimal, &[10, 2]),
                scalar(Decimal, &[12, 4]),
                Some(Safe),
            ),
            (
                scalar(Decimal, &[10, 2]),
                scalar(Decimal, &[10, 4]),
                Some(Risky),
            ),
            (scalar(Boolean, &[]), scalar(Char, &[4]), Some(Risky)),
            (scalar(Boolean, &[]), scalar(Char, &[3]), Some(Impossible)),
            (scalar(Boolean, &[]), scalar(VarChar, &[1]), Some(Safe)),
            (scalar(VarBit, &[]), scalar(VarBit, &[4]), Some(Impossible)),
            (scalar(VarBit, &[7]), scalar(Bit, &[4]), Some(Risky)),
            (scalar(Bit, &[3]), scalar(Bit, &[5]), Some(Impossible)),
            (scalar(Uuid, &[]), scalar(VarChar, &[32]), Some(Safe)),
            (scalar(Uuid, &[]), scalar(VarChar, &[31]), Some(Impossible)),
            (scalar(ByteA, &[]), scalar(Char, &[2]), Some(Impossible)),
            (scalar(Json, &[]), scalar(JsonB, &[]), Some(Safe)),
            (scalar(Real, &[]), scalar(VarChar, &[46]), Some(Risky)),
            (scalar(Real, &[]), scalar(VarChar, &[47]), Some(Safe)),
            (
                column(Integer, &[], ColumnArity::List),
                scalar(Text, &[]),
                Some(Safe),
            ),
            (
                column(Integer, &[], ColumnArity::List),
                scalar(Integer, &[]),
                Some(Impossible),
            ),
            (
                scalar(Text, &[]),
                column(Text, &[], ColumnArity::List),
                Some(Impossible),
            ),
            (
                column(Integer, &[], ColumnArity::List),
                column(BigInt, &[], ColumnArity::List),
                Some(Safe),
            ),
        ];
        for (old, new, expected) in cases {
            assert_eq!(
                cast(old, new),
                *expected,
                "{:?} → {:?}",
                old.column_type,
                new.column_type
            );
        }
    }
}
