//! Column types as the catalog would hold them: `pg_type.typname`, the
//! type modifier (`atttypmod`) and whether it is an array, from the type a
//! statement writes (`VARCHAR(255)`, `timestamp(3) with time zone`,
//! `"Role"[]`, `SERIAL`). Introspection's own reading turns that into the
//! IR type, so both producers read a type one way.

use plumb_ir::{ColumnType, Name, QualifiedName};
use sqlparser::ast::{ArrayElemTypeDef, DataType};

/// A type as the catalog holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PgType {
    /// `pg_type.typname` of the type (of the element, for an array).
    pub typname: String,
    /// The enum it is (namespace resolved), for a user-defined type.
    pub enum_type: Option<QualifiedName>,
    /// `atttypmod`: -1 without arguments.
    pub typmod: i32,
    pub is_array: bool,
}

/// What a written type is.
pub(crate) enum Written {
    Type(PgType),
    /// `SERIAL`, `BIGSERIAL`, `SMALLSERIAL`: an integer type with a
    /// sequence behind it.
    Serial(PgType),
    /// A name that is no built-in type: an enum or another user type,
    /// looked up by the caller (`schema`, `name`, whether an array).
    Named(Option<Name>, Name, bool),
}

impl PgType {
    pub(crate) fn builtin(typname: &str, typmod: i32) -> PgType {
        PgType {
            typname: typname.to_string(),
            enum_type: None,
            typmod,
            is_array: false,
        }
    }

    /// The IR type, as introspection reads the catalog.
    pub(crate) fn column_type(&self, default_namespace: Name) -> ColumnType {
        let udt_name = if self.is_array {
            format!("_{}", self.typname)
        } else {
            self.typname.clone()
        };
        let kind = if self.enum_type.is_some() { "e" } else { "b" };
        // The IR names the default namespace's enums unqualified.
        let read_enum = self.enum_type.map(|name| QualifiedName {
            namespace: name.namespace.filter(|n| *n != default_namespace),
            name: name.name,
        });
        plumb_introspect::catalog_column_type(
            &self.typname,
            &udt_name,
            kind,
            read_enum,
            self.typmod,
            self.is_array,
        )
    }

    /// The element type of an array type.
    pub(crate) fn element(&self) -> PgType {
        PgType {
            is_array: false,
            ..self.clone()
        }
    }

    pub(crate) fn array(&self) -> PgType {
        PgType {
            is_array: true,
            ..self.clone()
        }
    }

    /// `format_type_with_typemod`: `character varying(255)`,
    /// `timestamp(3) without time zone`, `"Role"[]`. `default_namespace`
    /// decides whether an enum's name is qualified.
    pub(crate) fn formatted(&self, default_namespace: Name) -> String {
        let base = match &self.enum_type {
            Some(enum_type) => match enum_type.namespace {
                Some(namespace) if namespace != default_namespace => format!(
                    "{}.{}",
                    crate::names::quote(namespace.as_str()),
                    crate::names::quote(enum_type.name.as_str())
                ),
                _ => crate::names::quote(enum_type.name.as_str()),
            },
            None => self.builtin_formatted(),
        };
        if self.is_array {
            format!("{base}[]")
        } else {
            base
        }
    }

    fn builtin_formatted(&self) -> String {
        let typmod = self.typmod;
        let with_length = |name: &str, offset: i32| {
            if typmod >= offset {
                format!("{name}({})", typmod - offset)
            } else {
                name.to_string()
            }
        };
        let with_precision = |name: &str, zone: &str| {
            if typmod >= 0 {
                format!("{name}({typmod}) {zone}")
            } else {
                format!("{name} {zone}")
            }
        };
        match self.typname.as_str() {
            "int2" => "smallint".into(),
            "int4" => "integer".into(),
            "int8" => "bigint".into(),
            "float4" => "real".into(),
            "float8" => "double precision".into(),
            "bool" => "boolean".into(),
            "varchar" => with_length("character varying", 4),
            "bpchar" if typmod >= 4 => with_length("character", 4),
            "bpchar" => "bpchar".into(),
            "char" => "\"char\"".into(),
            "numeric" if typmod >= 4 => {
                let packed = typmod - 4;
                format!("numeric({},{})", packed >> 16, packed & 0xFFFF)
            }
            "timestamp" => with_precision("timestamp", "without time zone"),
            "timestamptz" => with_precision("timestamp", "with time zone"),
            "time" => with_precision("time", "without time zone"),
            "timetz" => with_precision("time", "with time zone"),
            "bit" => with_length("bit", 0),
            "varbit" => with_length("bit varying", 0),
            other => crate::names::quote(other),
        }
    }
}

/// Reads a written type.
pub(crate) fn written(data_type: &DataType) -> Option<Written> {
    match data_type {
        DataType::Array(element) => {
            let inner = match element {
                ArrayElemTypeDef::SquareBracket(inner, _)
                | ArrayElemTypeDef::AngleBracket(inner)
                | ArrayElemTypeDef::Parenthesis(inner)
                | ArrayElemTypeDef::Qualified(inner, _) => inner,
                ArrayElemTypeDef::None => return None,
            };
            match written(inner)? {
                Written::Type(pg) => Some(Written::Type(pg.array())),
                Written::Named(schema, name, _) => Some(Written::Named(schema, name, true)),
                Written::Serial(_) => None,
            }
        }
        DataType::Custom(object, arguments) => {
            let (schema, name) = crate::names::qualified(object)?;
            let quoted = object.0.last().is_some_and(|part| {
                matches!(part, sqlparser::ast::ObjectNamePart::Identifier(i) if i.quote_style.is_some())
            });
            let arguments: Vec<i64> = arguments
                .iter()
                .map(|a| a.trim().parse().ok())
                .collect::<Option<_>>()?;
            if schema.is_none() || schema.is_some_and(|s| s.as_str() == "pg_catalog") {
                // A quoted name is only a built-in type by its catalog
                // name (`"char"`, `"int4"`); a bare one also by its SQL
                // spelling.
                if let Some(found) = by_words(name.as_str(), &arguments, quoted) {
                    return Some(found);
                }
            }
            Some(Written::Named(schema, name, false))
        }
        other => {
            let text = other.to_string();
            let (words, arguments) = split_arguments(&text)?;
            by_words(&words, &arguments, false)
        }
    }
}

/// `TIMESTAMP(3) WITH TIME ZONE` → (`timestamp with time zone`, [3]).
fn split_arguments(text: &str) -> Option<(String, Vec<i64>)> {
    let lower = text.to_ascii_lowercase();
    let (words, arguments) = match (lower.find('('), lower.find(')')) {
        (Some(open), Some(close)) if open < close => {
            let arguments = lower[open + 1..close]
                .split(',')
                .map(|a| a.trim().parse().ok())
                .collect::<Option<Vec<i64>>>()?;
            (
                format!("{} {}", &lower[..open], &lower[close + 1..]),
                arguments,
            )
        }
        _ => (lower, Vec::new()),
    };
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    Some((words, arguments))
}

/// A built-in type by its words (lower case) and arguments.
fn by_words(words: &str, arguments: &[i64], quoted: bool) -> Option<Written> {
    let lower = if quoted {
        words.to_string()
    } else {
        words.to_ascii_lowercase()
    };
    let first = |offset: i64| -> i32 {
        arguments
            .first()
            .map_or(-1, |a| i32::try_from(a + offset).unwrap_or(-1))
    };
    let plain = |typname: &str| Some(Written::Type(PgType::builtin(typname, -1)));
    let with = |typname: &str, typmod: i32| Some(Written::Type(PgType::builtin(typname, typmod)));
    let serial = |typname: &str| Some(Written::Serial(PgType::builtin(typname, -1)));
    if quoted {
        // Catalog names only.
        return match lower.as_str() {
            "char" => plain("char"),
            "int2" | "int4" | "int8" | "float4" | "float8" | "bool" | "text" | "bytea" | "date"
            | "uuid" | "json" | "jsonb" | "xml" | "inet" | "money" | "oid" | "numeric"
            | "varchar" | "bpchar" | "timestamp" | "timestamptz" | "time" | "timetz" | "bit"
            | "varbit" | "interval" | "citext" => plain(&lower),
            _ => None,
        };
    }
    match lower.as_str() {
        "smallint" | "int2" => plain("int2"),
        "integer" | "int" | "int4" => plain("int4"),
        "bigint" | "int8" => plain("int8"),
        "serial" | "serial4" => serial("int4"),
        "bigserial" | "serial8" => serial("int8"),
        "smallserial" | "serial2" => serial("int2"),
        "real" | "float4" => plain("float4"),
        "double precision" | "float8" => plain("float8"),
        "float" => match arguments.first() {
            Some(p) if *p <= 24 => plain("float4"),
            _ => plain("float8"),
        },
        "decimal" | "numeric" | "dec" => match arguments {
            [] => plain("numeric"),
            [precision] => with("numeric", ((*precision as i32) << 16) + 4),
            [precision, scale, ..] => {
                with("numeric", (((*precision as i32) << 16) | *scale as i32) + 4)
            }
        },
        "money" => plain("money"),
        "inet" => plain("inet"),
        "cidr" => plain("cidr"),
        "oid" => plain("oid"),
        "citext" => plain("citext"),
        "varchar" | "character varying" | "char varying" => with("varchar", first(4)),
        // `CHAR` without a length is `CHAR(1)`.
        "char" | "character" | "bpchar" if words != "bpchar" => {
            with("bpchar", if arguments.is_empty() { 5 } else { first(4) })
        }
        "bpchar" => with("bpchar", first(4)),
        "text" => plain("text"),
        "bytea" => plain("bytea"),
        "timestamp" | "timestamp without time zone" => with("timestamp", first(0)),
        "timestamptz" | "timestamp with time zone" => with("timestamptz", first(0)),
        "time" | "time without time zone" => with("time", first(0)),
        "timetz" | "time with time zone" => with("timetz", first(0)),
        "date" => plain("date"),
        "interval" => plain("interval"),
        "boolean" | "bool" => plain("bool"),
        "bit" => with("bit", if arguments.is_empty() { 1 } else { first(0) }),
        "bit varying" | "varbit" => with("varbit", first(0)),
        "uuid" => plain("uuid"),
        "xml" => plain("xml"),
        "json" => plain("json"),
        "jsonb" => plain("jsonb"),
        "tsvector" => plain("tsvector"),
        "point" => plain("point"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqlparser::dialect::PostgreSqlDialect;
    use sqlparser::parser::Parser;

    fn catalog(sql: &str) -> (String, i32, bool) {
        let data_type = Parser::new(&PostgreSqlDialect {})
            .try_with_sql(sql)
            .unwrap()
            .parse_data_type()
            .unwrap();
        match written(&data_type) {
            Some(Written::Type(pg) | Written::Serial(pg)) => (pg.typname, pg.typmod, pg.is_array),
            _ => panic!("{sql}: not a built-in type"),
        }
    }

    #[test]
    fn written_types_read_as_the_catalog_holds_them() {
        assert_eq!(catalog("VARCHAR(255)"), ("varchar".into(), 259, false));
        assert_eq!(catalog("character varying"), ("varchar".into(), -1, false));
        assert_eq!(
            catalog("DECIMAL(65,30)"),
            ("numeric".into(), (65 << 16 | 30) + 4, false)
        );
        assert_eq!(catalog("TIMESTAMP(3)"), ("timestamp".into(), 3, false));
        assert_eq!(
            catalog("timestamp(3) with time zone"),
            ("timestamptz".into(), 3, false)
        );
        assert_eq!(catalog("TIMESTAMPTZ"), ("timestamptz".into(), -1, false));
        assert_eq!(catalog("CHAR"), ("bpchar".into(), 5, false));
        assert_eq!(catalog("\"char\""), ("char".into(), -1, false));
        assert_eq!(catalog("TEXT[]"), ("text".into(), -1, true));
        assert_eq!(catalog("SERIAL"), ("int4".into(), -1, false));
        assert_eq!(catalog("DOUBLE PRECISION"), ("float8".into(), -1, false));
        assert_eq!(catalog("BIT VARYING(3)"), ("varbit".into(), 3, false));
    }

    #[test]
    fn formatted_types_are_format_type_s() {
        let public = Name::new("public");
        let varchar = PgType::builtin("varchar", 259);
        assert_eq!(varchar.formatted(public), "character varying(255)");
        assert_eq!(
            PgType::builtin("timestamp", 3).formatted(public),
            "timestamp(3) without time zone"
        );
        assert_eq!(
            PgType::builtin("int4", -1).array().formatted(public),
            "integer[]"
        );
    }
}
