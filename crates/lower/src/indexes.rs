//! Primary keys and indexes of a model, named as Prisma names them, in
//! Prisma's order: `@unique` fields, then every `@@index`, then every
//! `@@unique`.

use plumb_ir::{Index, IndexAlgorithm, IndexColumn, Name, PrimaryKey, SortOrder};
use plumb_psl::ast::{Argument, Attribute, Expression, Model};
use plumb_psl::constraint_names;

use plumb_psl::schema::{field, field_attribute};

use crate::schema::{argument, block_attributes, column_name, field_references, string_argument};

pub(crate) fn primary_key(model: &Model, table: &str) -> Option<PrimaryKey> {
    if let Some((field, attribute)) = model
        .fields
        .iter()
        .find_map(|f| field_attribute(f, "id").map(|a| (f, a)))
    {
        return Some(PrimaryKey {
            name: explicit_name(attribute, false)
                .unwrap_or_else(|| constraint_names::primary_key(table).into()),
            columns: vec![Name::new(column_name(field))],
        });
    }
    let attribute = block_attributes(model, "id").next()?;
    Some(PrimaryKey {
        name: explicit_name(attribute, false)
            .unwrap_or_else(|| constraint_names::primary_key(table).into()),
        columns: columns(model, attribute)
            .into_iter()
            .map(|c| c.name)
            .collect(),
    })
}

pub(crate) fn indexes(model: &Model, table: &str) -> Vec<Index> {
    let mut out = Vec::new();
    for f in &model.fields {
        if let Some(attribute) = field_attribute(f, "unique") {
            let column = IndexColumn {
                name: Name::new(column_name(f)),
                sort: sort(&attribute.arguments),
                operator_class: None,
                operator_class_is_default: false,
            };
            out.push(Index {
                name: explicit_name(attribute, false)
                    .unwrap_or_else(|| constraint_names::unique(table, &[&column.name]).into()),
                unique: true,
                columns: vec![column],
                algorithm: IndexAlgorithm::BTree,
                predicate: predicate(attribute),
            });
        }
    }
    for (attribute_name, unique) in [("index", false), ("unique", true)] {
        for attribute in block_attributes(model, attribute_name) {
            let columns = columns(model, attribute);
            let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
            let generated = if unique {
                constraint_names::unique(table, &names)
            } else {
                constraint_names::index(table, &names)
            };
            out.push(Index {
                // On @@index, `name:` is the database name (a legacy of
                // Prisma 2); on @@unique it names the client's argument.
                name: explicit_name(attribute, !unique).unwrap_or_else(|| generated.into()),
                unique,
                columns,
                algorithm: algorithm(attribute),
                predicate: predicate(attribute),
            });
        }
    }
    out
}

/// `map:`, or for `@@index` also `name:`.
fn explicit_name(attribute: &Attribute, name_is_database_name: bool) -> Option<Name> {
    string_argument(attribute, "map", false)
        .or_else(|| {
            name_is_database_name
                .then(|| string_argument(attribute, "name", false))
                .flatten()
        })
        .map(Name::new)
}

/// The columns of `@@id([..])`, `@@index([..])`, `@@unique([..])`.
fn columns(model: &Model, attribute: &Attribute) -> Vec<IndexColumn> {
    field_references(argument(attribute, "fields", true))
        .into_iter()
        .map(|(name, arguments)| IndexColumn {
            name: Name::new(field(model, name).map_or(name, column_name)),
            sort: sort(arguments),
            operator_class: arguments
                .iter()
                .find(|a| a.is_named("ops"))
                .and_then(|a| a.value.as_ref())
                .and_then(operator_class),
            operator_class_is_default: false,
        })
        .collect()
}

fn sort(arguments: &[Argument]) -> Option<SortOrder> {
    arguments
        .iter()
        .find(|a| a.is_named("sort"))
        .and_then(|a| match &a.value {
            Some(Expression::Constant(order, _)) if order == "Desc" => Some(SortOrder::Desc),
            Some(Expression::Constant(order, _)) if order == "Asc" => Some(SortOrder::Asc),
            _ => None,
        })
}

fn algorithm(attribute: &Attribute) -> IndexAlgorithm {
    match argument(attribute, "type", false) {
        Some(Expression::Constant(name, _)) => match name.as_str() {
            "Hash" => IndexAlgorithm::Hash,
            "Gist" => IndexAlgorithm::Gist,
            "Gin" => IndexAlgorithm::Gin,
            "SpGist" => IndexAlgorithm::SpGist,
            "Brin" => IndexAlgorithm::Brin,
            _ => IndexAlgorithm::BTree,
        },
        _ => IndexAlgorithm::BTree,
    }
}

/// `where: raw("…")` of a partial index.
fn predicate(attribute: &Attribute) -> Option<String> {
    raw_sql(argument(attribute, "where", false)?)
}

/// `ops: JsonbPathOps` → `jsonb_path_ops`; `ops: raw("x")` → `x`.
fn operator_class(expression: &Expression) -> Option<String> {
    match expression {
        Expression::Constant(name, _) => Some(sql_operator_class(name)),
        other => raw_sql(other),
    }
}

/// The SQL of `raw("…")`, verbatim.
fn raw_sql(expression: &Expression) -> Option<String> {
    match expression {
        Expression::Function(call, _) if call.name.name == "raw" => {
            call.arguments.first().and_then(|a| match &a.value {
                Some(Expression::String(sql, _)) => Some(sql.to_string()),
                _ => None,
            })
        }
        _ => None,
    }
}

/// PostgreSQL's name of one of Prisma's operator classes: the words in
/// lower case joined by `_`, with PostgreSQL's compounds kept whole
/// (`minmax`, `varbit`, `timestamptz`, `timetz`).
fn sql_operator_class(name: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    for c in name.chars() {
        if c.is_ascii_uppercase() || words.is_empty() {
            words.push(c.to_ascii_lowercase().to_string());
        } else if let Some(last) = words.last_mut() {
            last.push(c);
        }
    }
    let mut merged: Vec<String> = Vec::new();
    for word in words {
        match (merged.last().map(String::as_str), word.as_str()) {
            (Some("min"), "max") | (Some("var"), "bit") | (Some("timestamp" | "time"), "tz") => {
                if let Some(last) = merged.last_mut() {
                    last.push_str(&word);
                }
            }
            _ => merged.push(word),
        }
    }
    merged.join("_")
}

#[cfg(test)]
mod tests {
    use super::sql_operator_class;

    #[test]
    fn operator_classes_get_postgresql_names() {
        for (prisma, sql) in [
            ("JsonbPathOps", "jsonb_path_ops"),
            ("InetOps", "inet_ops"),
            ("Int4MinMaxOps", "int4_minmax_ops"),
            ("Int8MinMaxMultiOps", "int8_minmax_multi_ops"),
            ("VarBitMinMaxOps", "varbit_minmax_ops"),
            ("TimestampTzBloomOps", "timestamptz_bloom_ops"),
            ("TimeTzMinMaxOps", "timetz_minmax_ops"),
            ("BpcharBloomOps", "bpchar_bloom_ops"),
        ] {
            assert_eq!(sql_operator_class(prisma), sql);
        }
    }
}
