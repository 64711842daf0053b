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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NativeType {
    pub name: &'static str,
    pub scalar: ScalarType,
    pub arguments: ArgumentCount,
    pub rule: NativeArgumentRule,
}

const fn native(
    name: &'static str,
    scalar: ScalarType,
    arguments: ArgumentCount,
    rule: NativeArgumentRule,
) -> NativeType {
    NativeType {
        name,
        scalar,
        arguments,
        rule,
    }
}

use ArgumentCount::*;
use NativeArgumentRule::*;

/// Every native type of the PostgreSQL connector.
pub const POSTGRES_NATIVE_TYPES: &[NativeType] = &[
    native("SmallInt", ScalarType::Int, None, Length),
    native("Integer", ScalarType::Int, None, Length),
    native("BigInt", ScalarType::BigInt, None, Length),
    native(
        "Decimal",
        ScalarType::Decimal,
        OptionalTwo,
        DecimalPrecisionScale,
    ),
    native("Money", ScalarType::Decimal, None, Length),
    native("Inet", ScalarType::String, None, Length),
    native("Oid", ScalarType::Int, None, Length),
    native("Citext", ScalarType::String, None, Length),
    native("Real", ScalarType::Float, None, Length),
    native("DoublePrecision", ScalarType::Float, None, Length),
    native("VarChar", ScalarType::String, OptionalOne, Length),
    native("Char", ScalarType::String, OptionalOne, Length),
    native("Text", ScalarType::String, None, Length),
    native("ByteA", ScalarType::Bytes, None, Length),
    native(
        "Timestamp",
        ScalarType::DateTime,
        OptionalOne,
        TimePrecision,
    ),
    native(
        "Timestamptz",
        ScalarType::DateTime,
        OptionalOne,
        TimePrecision,
    ),
    native("Date", ScalarType::DateTime, None, Length),
    native("Time", ScalarType::DateTime, OptionalOne, TimePrecision),
    native("Timetz", ScalarType::DateTime, OptionalOne, TimePrecision),
    native("Boolean", ScalarType::Boolean, None, Length),
    native("Bit", ScalarType::String, OptionalOne, PositiveLength),
    native("VarBit", ScalarType::String, OptionalOne, PositiveLength),
    native("Uuid", ScalarType::String, None, Length),
    native("Xml", ScalarType::String, None, Length),
    native("Json", ScalarType::Json, None, Length),
    native("JsonB", ScalarType::Json, None, Length),
];

pub fn postgres_native_type(name: &str) -> Option<&'static NativeType> {
    POSTGRES_NATIVE_TYPES.iter().find(|t| t.name == name)
}
