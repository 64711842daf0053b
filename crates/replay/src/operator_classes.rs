//! The default operator class of a column type for each index method, as
//! `pg_opclass.opcdefault` has it: introspection names a non-B-tree
//! index's class, and tells whether it is the type's default.

use crate::types::PgType;

/// The default class of `ty` for `method`, when PostgreSQL has one.
pub(crate) fn default_class(method: &str, ty: &PgType) -> Option<String> {
    if ty.is_array {
        return match method {
            "gin" => Some("array_ops".into()),
            "btree" | "hash" => Some("array_ops".into()),
            _ => None,
        };
    }
    if ty.enum_type.is_some() {
        return match method {
            "btree" | "hash" => Some("enum_ops".into()),
            _ => None,
        };
    }
    let name = ty.typname.as_str();
    // Types that use another type's classes (binary coercible).
    let family = match name {
        "varchar" => "text",
        other => other,
    };
    match method {
        "btree" | "hash" => Some(
            match family {
                "bpchar" => "bpchar_ops",
                "int2" => "int2_ops",
                "int4" => "int4_ops",
                "int8" => "int8_ops",
                "float4" => "float4_ops",
                "float8" => "float8_ops",
                "bool" => "bool_ops",
                "timestamptz" => "timestamptz_ops",
                other => return Some(format!("{other}_ops")),
            }
            .to_string(),
        ),
        "gin" => match family {
            "jsonb" => Some("jsonb_ops".into()),
            "tsvector" => Some("tsvector_ops".into()),
            _ => None,
        },
        "gist" => match family {
            "tsvector" => Some("tsvector_ops".into()),
            "point" => Some("point_ops".into()),
            _ => None,
        },
        "spgist" => match family {
            "inet" | "cidr" => Some("inet_ops".into()),
            "text" => Some("text_ops".into()),
            "point" => Some("quad_point_ops".into()),
            _ => None,
        },
        "brin" => match family {
            "int2" | "int4" | "int8" | "float4" | "float8" | "numeric" | "text" | "bpchar"
            | "bytea" | "date" | "time" | "timetz" | "timestamp" | "timestamptz" | "uuid"
            | "oid" | "bit" | "varbit" | "char" | "money" | "interval" | "name" => {
                Some(format!("{family}_minmax_ops"))
            }
            "inet" | "cidr" => Some("inet_minmax_ops".into()),
            _ => None,
        },
        _ => None,
    }
}
