//! Catalog types → IR column types: the built-in types Prisma knows with
//! their arguments from the type modifier, enums by name, anything else
//! verbatim as an unsupported type.

use plumb_ir::{ColumnType, NativeArguments, NativeKind, NativeType, QualifiedName};

/// A column's type as the catalog gives it (for an array, its element's).
pub(crate) struct CatalogType<'a> {
    /// `pg_type.typname`: `int4`, `varchar`, `Role`.
    pub name: &'a str,
    /// The column's own type name: `_int4` for an array of `int4`.
    pub udt_name: &'a str,
    /// `e` for enums, `b` for base types, …
    pub kind: &'a str,
    /// For an enum, the read enum it is: the same one, or one of the same
    /// name in a namespace being read (Prisma matches enums by name).
    /// `None`: a type Prisma does not know.
    pub read_enum: Option<QualifiedName>,
    /// `pg_attribute.atttypmod`: -1 when the type has no arguments.
    pub modifier: i32,
    pub is_array: bool,
}

/// The IR type.
pub(crate) fn column_type(catalog: &CatalogType<'_>) -> ColumnType {
    if catalog.kind == "e"
        && let Some(read_enum) = catalog.read_enum
    {
        return ColumnType::Enum(read_enum);
    }
    match native(catalog.name, catalog.modifier, catalog.is_array) {
        Some(native) if catalog.kind == "b" => ColumnType::Native(native),
        // Prisma names what it does not know by the catalog name, the
        // underscore of an array's included.
        _ => ColumnType::Unsupported(plumb_ir::Name::new(catalog.udt_name)),
    }
}

/// A built-in type by its catalog name, with its arguments.
fn native(name: &str, modifier: i32, is_array: bool) -> Option<NativeType> {
    // Character types store length + 4; numeric stores
    // ((precision << 16) | scale) + 4; date-time and bit types store the
    // argument as is. -1: no argument.
    let argument = |offset: i32| -> NativeArguments {
        u32::try_from(modifier - offset)
            .ok()
            .filter(|_| modifier >= 0)
            .into_iter()
            .collect()
    };
    // A date-time type without a precision has PostgreSQL's, 6; Prisma
    // reads it so, except in arrays.
    let precision = || -> NativeArguments {
        if modifier < 0 && !is_array {
            [6].into_iter().collect()
        } else {
            argument(0)
        }
    };
    let (kind, arguments) = match name {
        "int2" => (NativeKind::SmallInt, NativeArguments::default()),
        "int4" => (NativeKind::Integer, NativeArguments::default()),
        "int8" => (NativeKind::BigInt, NativeArguments::default()),
        "numeric" => {
            let arguments = if modifier >= 4 {
                let packed = (modifier - 4) as u32;
                [packed >> 16, packed & 0xFFFF].into_iter().collect()
            } else {
                NativeArguments::default()
            };
            (NativeKind::Decimal, arguments)
        }
        "money" => (NativeKind::Money, NativeArguments::default()),
        "inet" => (NativeKind::Inet, NativeArguments::default()),
        "oid" => (NativeKind::Oid, NativeArguments::default()),
        "citext" => (NativeKind::Citext, NativeArguments::default()),
        "float4" => (NativeKind::Real, NativeArguments::default()),
        "float8" => (NativeKind::DoublePrecision, NativeArguments::default()),
        "varchar" => (NativeKind::VarChar, argument(4)),
        "bpchar" => (NativeKind::Char, argument(4)),
        // PostgreSQL's one-byte internal `"char"`: Prisma's Char, no length.
        "char" => (NativeKind::Char, NativeArguments::default()),
        "text" => (NativeKind::Text, NativeArguments::default()),
        "bytea" => (NativeKind::ByteA, NativeArguments::default()),
        "timestamp" => (NativeKind::Timestamp, precision()),
        "timestamptz" => (NativeKind::Timestamptz, precision()),
        "date" => (NativeKind::Date, NativeArguments::default()),
        "time" => (NativeKind::Time, precision()),
        "timetz" => (NativeKind::Timetz, precision()),
        "bool" => (NativeKind::Boolean, NativeArguments::default()),
        "bit" => (NativeKind::Bit, argument(0)),
        "varbit" => (NativeKind::VarBit, argument(0)),
        "uuid" => (NativeKind::Uuid, NativeArguments::default()),
        "xml" => (NativeKind::Xml, NativeArguments::default()),
        "json" => (NativeKind::Json, NativeArguments::default()),
        "jsonb" => (NativeKind::JsonB, NativeArguments::default()),
        _ => return None,
    };
    Some(NativeType { kind, arguments })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn native_of(name: &str, modifier: i32) -> (NativeKind, Vec<u32>) {
        let native = native(name, modifier, false).unwrap();
        (native.kind, native.arguments.to_vec())
    }

    #[test]
    fn arguments_come_from_the_type_modifier() {
        assert_eq!(native_of("varchar", 259), (NativeKind::VarChar, vec![255]));
        assert_eq!(native_of("varchar", -1), (NativeKind::VarChar, vec![]));
        assert_eq!(
            native_of("numeric", (65 << 16 | 30) + 4),
            (NativeKind::Decimal, vec![65, 30])
        );
        assert_eq!(native_of("numeric", -1), (NativeKind::Decimal, vec![]));
        assert_eq!(native_of("timestamp", 3), (NativeKind::Timestamp, vec![3]));
        assert_eq!(native_of("bpchar", 5), (NativeKind::Char, vec![1]));
        assert_eq!(native_of("time", -1), (NativeKind::Time, vec![6]));
        assert!(native("circle", -1, false).is_none());
    }
}
