//! Keys and indexes as attributes: `@id`/`@unique` on a field, `@@id`,
//! `@@unique` and `@@index` on the model, with names only where they
//! differ from Prisma's and the existing schema's `name:`s kept
//! (docs/reference/prisma-db-pull.md §5).

use plumb_ir::{IndexAlgorithm, SortOrder, Table};
use plumb_psl::constraint_names;

use crate::context::Context;
use crate::names::string_literal;
use crate::previous;

/// `@id` or `@id(map: …)` when the table's primary key is this column.
pub fn field_id(table: &Table, column: plumb_ir::Name) -> Option<String> {
    let pk = table.primary_key.as_ref()?;
    if pk.columns.len() != 1 || pk.columns[0] != column {
        return None;
    }
    if pk.name.as_str() == constraint_names::primary_key(&table.name.name) {
        Some("@id".to_string())
    } else {
        Some(format!("@id(map: {})", string_literal(&pk.name)))
    }
}

/// `@unique(…)` for the first (by name) unique index on this column alone.
pub fn field_unique(table: &Table, column: plumb_ir::Name) -> Option<String> {
    let unique = table
        .indexes
        .iter()
        .filter(|i| i.unique && i.columns.len() == 1 && i.columns[0].name == column)
        .min_by(|a, b| a.name.as_str().cmp(b.name.as_str()))?;
    let mut arguments = Vec::new();
    let default = constraint_names::unique(&table.name.name, &[column.as_str()]);
    if unique.name.as_str() != default {
        arguments.push(format!("map: {}", string_literal(&unique.name)));
    }
    if unique.columns[0].sort == Some(SortOrder::Desc) {
        arguments.push("sort: Desc".to_string());
    }
    if let Some(predicate) = &unique.predicate {
        arguments.push(format!("where: raw({})", string_literal(predicate)));
    }
    Some(if arguments.is_empty() {
        "@unique".to_string()
    } else {
        format!("@unique({})", arguments.join(", "))
    })
}

/// `@@id`, then `@@unique`/`@@index`: those the existing schema has in
/// its order, then the others by name.
pub fn block_attributes(context: &Context<'_>, table: &Table) -> Vec<String> {
    let mut lines = Vec::new();
    let db_name = table.name.name.as_str();
    let previous = context.previous_model(&table.name);
    let field = |name: &str| context.column_name(&table.name, name).name;
    if let Some(pk) = &table.primary_key
        && pk.columns.len() > 1
    {
        let columns: Vec<String> = pk.columns.iter().map(|c| field(c)).collect();
        let mut line = format!("@@id([{}]", columns.join(", "));
        if let Some(name) = previous.and_then(|m| m.id_name.as_deref()) {
            line.push_str(&format!(", name: {}", string_literal(name)));
        }
        if pk.name.as_str() != constraint_names::primary_key(db_name) {
            line.push_str(&format!(", map: {}", string_literal(&pk.name)));
        }
        line.push(')');
        lines.push(line);
    }
    let mut indexes: Vec<(Option<usize>, &plumb_ir::Index)> = table
        .indexes
        .iter()
        .filter(|i| !(i.unique && i.columns.len() == 1))
        .map(|i| (previous.and_then(|m| position(m, &i.name)), i))
        .collect();
    indexes.sort_by(|(a_at, a), (b_at, b)| match (a_at, b_at) {
        (Some(x), Some(y)) => x.cmp(y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.name.as_str().cmp(b.name.as_str()),
    });
    for (at, index) in indexes {
        let kept_name = at
            .and_then(|at| previous.map(|m| &m.indexes[at]))
            .and_then(|i| i.name.as_deref());
        lines.push(index_attribute(table, index, kept_name, &field));
    }
    lines
}

/// Where the existing model declares the index the database names
/// `name`: by its constraint name, or by a `name:` without `map:` (how
/// Prisma 2 named indexes).
fn position(model: &previous::Model, name: &str) -> Option<usize> {
    model.indexes.iter().position(|i| {
        (i.map.is_none() && i.name.as_deref() == Some(name)) || i.constraint_name == name
    })
}

fn index_attribute(
    table: &Table,
    index: &plumb_ir::Index,
    kept_name: Option<&str>,
    field: &dyn Fn(&str) -> String,
) -> String {
    let db_name = table.name.name.as_str();
    let columns: Vec<String> = index
        .columns
        .iter()
        .map(|c| {
            let mut arguments = Vec::new();
            if c.sort == Some(SortOrder::Desc) {
                arguments.push("sort: Desc".to_string());
            }
            // Prisma reads the operator classes of GiST, GIN, SP-GiST and
            // BRIN indexes only.
            let classes_read = !matches!(
                index.algorithm,
                IndexAlgorithm::BTree | IndexAlgorithm::Hash
            );
            if let Some(class) = c
                .operator_class
                .as_deref()
                .filter(|_| classes_read && !c.operator_class_is_default)
            {
                arguments.push(format!("ops: {}", operator_class(class)));
            }
            if arguments.is_empty() {
                field(&c.name)
            } else {
                format!("{}({})", field(&c.name), arguments.join(", "))
            }
        })
        .collect();
    let db_columns: Vec<&str> = index.columns.iter().map(|c| c.name.as_str()).collect();
    let default = if index.unique {
        constraint_names::unique(db_name, &db_columns)
    } else {
        constraint_names::index(db_name, &db_columns)
    };
    let mut line = format!(
        "@@{}([{}]",
        if index.unique { "unique" } else { "index" },
        columns.join(", ")
    );
    // Only a compound unique's `name:` is kept: an index's is not.
    if let Some(name) = kept_name.filter(|_| index.unique) {
        line.push_str(&format!(", name: {}", string_literal(name)));
    }
    if index.name.as_str() != default {
        line.push_str(&format!(", map: {}", string_literal(&index.name)));
    }
    let algorithm = match index.algorithm {
        IndexAlgorithm::BTree => None,
        IndexAlgorithm::Hash => Some("Hash"),
        IndexAlgorithm::Gist => Some("Gist"),
        IndexAlgorithm::Gin => Some("Gin"),
        IndexAlgorithm::SpGist => Some("SpGist"),
        IndexAlgorithm::Brin => Some("Brin"),
    };
    if let Some(algorithm) = algorithm {
        line.push_str(&format!(", type: {algorithm}"));
    }
    if let Some(predicate) = &index.predicate {
        line.push_str(&format!(", where: raw({})", string_literal(predicate)));
    }
    line.push(')');
    line
}

/// An operator class as Prisma names it: a constant it knows, else
/// `raw("…")`.
fn operator_class(class: &str) -> String {
    known_operator_class(class).unwrap_or_else(|| format!("raw({})", string_literal(class)))
}

/// Prisma's constant for an operator class: `jsonb_path_ops` is
/// `JsonbPathOps`, `int4_bloom_ops` is `Int4BloomOps`.
fn known_operator_class(class: &str) -> Option<String> {
    let plain = [
        ("inet_ops", "InetOps"),
        ("jsonb_ops", "JsonbOps"),
        ("jsonb_path_ops", "JsonbPathOps"),
        ("array_ops", "ArrayOps"),
        ("text_ops", "TextOps"),
        ("bit_minmax_ops", "BitMinMaxOps"),
        ("varbit_minmax_ops", "VarBitMinMaxOps"),
        ("inet_inclusion_ops", "InetInclusionOps"),
    ];
    if let Some((_, prisma)) = plain.iter().find(|(sql, _)| *sql == class) {
        return Some(prisma.to_string());
    }
    // BRIN's classes, by type and kind.
    let types = [
        ("bpchar", "Bpchar"),
        ("bytea", "Bytea"),
        ("date", "Date"),
        ("float4", "Float4"),
        ("float8", "Float8"),
        ("inet", "Inet"),
        ("int2", "Int2"),
        ("int4", "Int4"),
        ("int8", "Int8"),
        ("numeric", "Numeric"),
        ("oid", "Oid"),
        ("text", "Text"),
        ("timestamp", "Timestamp"),
        ("timestamptz", "TimestampTz"),
        ("time", "Time"),
        ("timetz", "TimeTz"),
        ("uuid", "Uuid"),
    ];
    let kinds = [
        ("_minmax_multi_ops", "MinMaxMultiOps"),
        ("_minmax_ops", "MinMaxOps"),
        ("_bloom_ops", "BloomOps"),
    ];
    kinds.iter().find_map(|(suffix, kind)| {
        let type_name = class.strip_suffix(suffix)?;
        let (_, prisma) = types.iter().find(|(sql, _)| *sql == type_name)?;
        Some(format!("{prisma}{kind}"))
    })
}
