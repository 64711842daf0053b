//! Prisma scalar and native types → PostgreSQL column types.

use plumb_ir::{ColumnType, NativeArguments, NativeKind, NativeType};
use plumb_psl::ast::{Expression, Field};
use plumb_psl::types::ScalarType;

/// The type PostgreSQL gets for a scalar field without `@db.*`.
pub(crate) fn default_native_type(scalar: ScalarType) -> NativeType {
    let (kind, arguments): (NativeKind, &[u32]) = match scalar {
        ScalarType::String => (NativeKind::Text, &[]),
        ScalarType::Boolean => (NativeKind::Boolean, &[]),
        ScalarType::Int => (NativeKind::Integer, &[]),
        ScalarType::BigInt => (NativeKind::BigInt, &[]),
        ScalarType::Float => (NativeKind::DoublePrecision, &[]),
        ScalarType::Decimal => (NativeKind::Decimal, &[65, 30]),
        ScalarType::DateTime => (NativeKind::Timestamp, &[3]),
        ScalarType::Json => (NativeKind::JsonB, &[]),
        ScalarType::Bytes => (NativeKind::ByteA, &[]),
    };
    NativeType {
        kind,
        arguments: NativeArguments::from(arguments),
    }
}

/// The `@db.*` attribute of a field, as a native type, if it has one.
pub(crate) fn native_type_attribute(field: &Field) -> Option<NativeType> {
    field.attributes.iter().find_map(|attribute| {
        let name = attribute.name.name.strip_prefix("db.")?;
        let kind = NativeKind::from_prisma_name(name)?;
        let arguments = attribute
            .arguments
            .iter()
            .filter_map(|a| match &a.value {
                Some(Expression::Number(n, _)) => n.parse().ok(),
                _ => None,
            })
            .collect();
        Some(NativeType { kind, arguments })
    })
}

pub(crate) fn scalar_column_type(field: &Field, scalar: ScalarType) -> ColumnType {
    ColumnType::Native(native_type_attribute(field).unwrap_or_else(|| default_native_type(scalar)))
}
