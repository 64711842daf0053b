//! Prisma scalar and native types → PostgreSQL column types.

use plumb_ir::{ColumnType, NativeArguments, NativeType};
use plumb_psl::ast::{Expression, Field};
use plumb_psl::types::{ScalarType, postgres_native_type};

/// The type PostgreSQL gets for a scalar field without `@db.*`.
pub(crate) fn default_native_type(scalar: ScalarType) -> NativeType {
    let (kind, arguments) = scalar.default_native();
    NativeType {
        kind,
        arguments: NativeArguments::from(arguments),
    }
}

/// The `@db.*` attribute of a field, if it has one: a native type, or,
/// for a name PostgreSQL lacks (which validation has already refused),
/// the name as an unsupported type rather than a guess.
pub(crate) fn native_type_attribute(field: &Field) -> Option<ColumnType> {
    field.attributes.iter().find_map(|attribute| {
        let name = attribute.name.name.strip_prefix("db.")?;
        let Some(native) = postgres_native_type(name) else {
            return Some(ColumnType::Unsupported(plumb_ir::Name::new(name)));
        };
        let kind = native.kind;
        let arguments = attribute
            .arguments
            .iter()
            .filter_map(|a| match &a.value {
                Some(Expression::Number(n, _)) => n.parse().ok(),
                _ => None,
            })
            .collect();
        Some(ColumnType::Native(NativeType { kind, arguments }))
    })
}

pub(crate) fn scalar_column_type(field: &Field, scalar: ScalarType) -> ColumnType {
    native_type_attribute(field).unwrap_or_else(|| ColumnType::Native(default_native_type(scalar)))
}
