//! Prisma's scalar types and the PostgreSQL native types (`@db.*`) each of
//! them accepts. Validation checks against this table; lowering reads it.

/// A Prisma scalar type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ScalarType {
    String,
    Boolean,
    Int,
    BigInt,
    Float,
    Decimal,
    DateTime,
    Json,
    Bytes,
}

impl ScalarType {
    pub const ALL: [ScalarType; 9] = [
        ScalarType::String,
        ScalarType::Boolean,
        ScalarType::Int,
        ScalarType::BigInt,
        ScalarType::Float,
        ScalarType::Decimal,
        ScalarType::DateTime,
        ScalarType::Json,
        ScalarType::Bytes,
    ];

    pub fn from_name(name: &str) -> Option<ScalarType> {
        ScalarType::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The native type a field of this type gets without `@db.*`.
    pub fn default_native(self) -> (NativeKind, &'static [u32]) {
        match self {
            ScalarType::String => (NativeKind::Text, &[]),
            ScalarType::Boolean => (NativeKind::Boolean, &[]),
            ScalarType::Int => (NativeKind::Integer, &[]),
            ScalarType::BigInt => (NativeKind::BigInt, &[]),
            ScalarType::Float => (NativeKind::DoublePrecision, &[]),
            ScalarType::Decimal => (NativeKind::Decimal, &[65, 30]),
            ScalarType::DateTime => (NativeKind::Timestamp, &[3]),
            ScalarType::Json => (NativeKind::JsonB, &[]),
            ScalarType::Bytes => (NativeKind::ByteA, &[]),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ScalarType::String => "String",
            ScalarType::Boolean => "Boolean",
            ScalarType::Int => "Int",
            ScalarType::BigInt => "BigInt",
            ScalarType::Float => "Float",
            ScalarType::Decimal => "Decimal",
            ScalarType::DateTime => "DateTime",
            ScalarType::Json => "Json",
            ScalarType::Bytes => "Bytes",
        }
    }
}

/// How many arguments a native type takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgumentCount {
    None,
    /// `VarChar` or `VarChar(n)`.
    OptionalOne,
    /// `Decimal` or `Decimal(p, s)`.
    OptionalTwo,
}

/// What the arguments of a native type may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NativeArgumentRule {
    /// Any non-negative integer: a length.
    Length,
    /// A length of at least 1 (`Bit`, `VarBit`).
    PositiveLength,
    /// Fractional-second precision, 0 to 6.
    TimePrecision,
    /// Decimal precision 1 to 1000 and a scale not above it.
    DecimalPrecisionScale,
}

/// What the schema language says of a native type: the scalar type it
/// belongs to and the arguments it takes. The type itself, with its SQL
/// and Prisma names, is the IR's [`NativeKind`]: one table for both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NativeType {
    pub kind: NativeKind,
    pub scalar: ScalarType,
    pub arguments: ArgumentCount,
    pub rule: NativeArgumentRule,
}

impl NativeType {
    /// The name after `@db.`.
    pub fn name(&self) -> &'static str {
        self.kind.prisma_name()
    }
}

const fn native(
    kind: NativeKind,
    scalar: ScalarType,
    arguments: ArgumentCount,
    rule: NativeArgumentRule,
) -> NativeType {
    NativeType {
        kind,
        scalar,
        arguments,
        rule,
    }
}

pub use plumb_ir::NativeKind;

use ArgumentCount::*;
use NativeArgumentRule::*;

/// Every native type of the PostgreSQL connector.
pub const POSTGRES_NATIVE_TYPES: &[NativeType] = &[
    native(NativeKind::SmallInt, ScalarType::Int, None, Length),
    native(NativeKind::Integer, ScalarType::Int, None, Length),
    native(NativeKind::BigInt, ScalarType::BigInt, None, Length),
    native(
        NativeKind::Decimal,
        ScalarType::Decimal,
        OptionalTwo,
        DecimalPrecisionScale,
    ),
    native(NativeKind::Money, ScalarType::Decimal, None, Length),
    native(NativeKind::Inet, ScalarType::String, None, Length),
    native(NativeKind::Oid, ScalarType::Int, None, Length),
    native(NativeKind::Citext, ScalarType::String, None, Length),
    native(NativeKind::Real, ScalarType::Float, None, Length),
    native(NativeKind::DoublePrecision, ScalarType::Float, None, Length),
    native(NativeKind::VarChar, ScalarType::String, OptionalOne, Length),
    native(NativeKind::Char, ScalarType::String, OptionalOne, Length),
    native(NativeKind::Text, ScalarType::String, None, Length),
    native(NativeKind::ByteA, ScalarType::Bytes, None, Length),
    native(
        NativeKind::Timestamp,
        ScalarType::DateTime,
        OptionalOne,
        TimePrecision,
    ),
    native(
        NativeKind::Timestamptz,
        ScalarType::DateTime,
        OptionalOne,
        TimePrecision,
    ),
    native(NativeKind::Date, ScalarType::DateTime, None, Length),
    native(
        NativeKind::Time,
        ScalarType::DateTime,
        OptionalOne,
        TimePrecision,
    ),
    native(
        NativeKind::Timetz,
        ScalarType::DateTime,
        OptionalOne,
        TimePrecision,
    ),
    native(NativeKind::Boolean, ScalarType::Boolean, None, Length),
    native(
        NativeKind::Bit,
        ScalarType::String,
        OptionalOne,
        PositiveLength,
    ),
    native(
        NativeKind::VarBit,
        ScalarType::String,
        OptionalOne,
        PositiveLength,
    ),
    native(NativeKind::Uuid, ScalarType::String, None, Length),
    native(NativeKind::Xml, ScalarType::String, None, Length),
    native(NativeKind::Json, ScalarType::Json, None, Length),
    native(NativeKind::JsonB, ScalarType::Json, None, Length),
];

/// The native type `@db.<name>` names, if PostgreSQL has it.
pub fn postgres_native_type(name: &str) -> Option<&'static NativeType> {
    POSTGRES_NATIVE_TYPES.iter().find(|t| t.name() == name)
}

/// Names the generated client takes for itself: `PrismaClient` and the
/// JavaScript keywords. No model, view or enum may have one (validation);
/// `db pull` renames a table that does.
pub const CLIENT_RESERVED_NAMES: &[&str] = &[
    "PrismaClient",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "implements",
    "import",
    "in",
    "instanceof",
    "interface",
    "let",
    "new",
    "null",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "yield",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_native_kind_is_in_the_table_once() {
        for kind in NativeKind::ALL {
            let entries = POSTGRES_NATIVE_TYPES
                .iter()
                .filter(|native| native.kind == kind)
                .count();
            assert_eq!(entries, 1, "{kind:?}");
        }
        assert_eq!(POSTGRES_NATIVE_TYPES.len(), NativeKind::ALL.len());
        assert_eq!(
            postgres_native_type("Timestamptz").map(|native| native.kind),
            Some(NativeKind::Timestamptz)
        );
    }
}
