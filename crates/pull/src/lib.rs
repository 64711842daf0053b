//! A database's SQL schema IR → `schema.prisma`, as `prisma db pull`
//! writes it (docs/reference/prisma-db-pull.md): models and enums named
//! as Prisma names them, scalar and native types, defaults, ids, uniques
//! and indexes with names only where they differ from Prisma's, relations
//! on both sides. The text is laid out by the formatter, as Prisma's is.
//!
//! Not yet: re-introspection (keeping what an existing schema says),
//! implicit many-to-many tables, views, multiSchema, `@@ignore` and the
//! comments and warnings for what Prisma cannot represent.

mod fields;
mod names;
mod relations;
mod warnings;

use plumb_ir::{IndexAlgorithm, QualifiedName, Schema, SortOrder, Table};
use plumb_psl::constraint_names;

use names::{string_literal, top_level};

/// The datasource block of a new schema.
pub const DATASOURCE: &str = "datasource db {\n  provider = \"postgresql\"\n}";

/// A schema pulled from a database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pulled {
    /// The schema file's text, formatted.
    pub text: String,
    /// How many models it has.
    pub models: usize,
    /// How many enums it has.
    pub enums: usize,
    /// Prisma's warnings for what the schema cannot represent (empty when
    /// there are none).
    pub warnings: String,
}

/// The schema of `ir`, after `config` (the datasource and generator
/// blocks, as the existing schema has them).
pub fn pull(ir: &Schema, config: &str) -> Pulled {
    let mut tables: Vec<&Table> = ir
        .tables
        .iter()
        .filter(|t| !is_migrations_table(t))
        .collect();
    tables.sort_by_key(|t| key(&t.name));
    // Join tables of implicit many-to-many relations are no models.
    let joins = relations::join_tables(ir, &tables);
    tables.retain(|t| !joins.iter().any(|j| j.table.name == t.name));
    let mut enums: Vec<&plumb_ir::Enum> = ir.enums.iter().collect();
    enums.sort_by_key(|e| key(&e.name));
    let default_namespace = ir.default_namespace.map_or_else(
        || plumb_ir::DEFAULT_NAMESPACE.to_string(),
        |n| n.to_string(),
    );
    let names = Names::new(&tables, &enums, &default_namespace);
    let model_name = |name: &QualifiedName| names.of(name).name;
    // Relation and field names are made of the names before the schema
    // prefix of duplicates: Prisma names them first.
    let plain_name = |name: &QualifiedName| top_level(&name.name).name;
    let field_name = |name: &str| names::field(name).0;
    let enum_name = |name: &QualifiedName| names.of(name).name;
    let ignored = |name: &QualifiedName| {
        tables
            .iter()
            .find(|t| t.name == *name)
            .is_some_and(|t| !has_identifier(t))
    };
    let relation_fields = relations::fields(
        ir,
        &tables,
        &joins,
        [&model_name, &plain_name],
        &field_name,
        &ignored,
    );

    let mut out = config.trim_end().to_string();
    let mut warnings = warnings::Warnings::default();
    // Prisma looks at enums first.
    for enum_type in &enums {
        if names.is_duplicate(&enum_type.name) {
            warnings.duplicate("enum", &names.of(&enum_type.name).name);
        }
    }
    for table in &tables {
        out.push_str("\n\n");
        let name = names.of(&table.name);
        if names.is_duplicate(&table.name) {
            warnings.duplicate("model", &name.name);
        }
        warnings.table(ir, table, &name.name, has_identifier(table));
        for line in model_docs(ir, table, &name) {
            out.push_str(&format!("/// {line}\n"));
        }
        if table.columns.is_empty() {
            out.push_str(&format!("// model {} {{\n// }}", name.name));
            continue;
        }
        out.push_str(&format!("model {} {{\n", name.name));
        for column in &table.columns {
            for line in scalar_field(table, column, &enum_name) {
                out.push_str(&format!("  {line}\n"));
            }
        }
        for field in relation_fields.iter().filter(|f| f.table == table.name) {
            out.push_str(&format!("  {}\n", field.line));
        }
        let mut block = block_attributes(table, name.mapped.as_deref());
        if !has_identifier(table) {
            block.push("@@ignore".to_string());
        }
        if !block.is_empty() {
            out.push('\n');
            for line in block {
                out.push_str(&format!("  {line}\n"));
            }
        }
        out.push('}');
    }
    for enum_type in &enums {
        out.push_str("\n\n");
        let name = names.of(&enum_type.name);
        out.push_str(&format!("enum {} {{\n", name.name));
        for value in &enum_type.values {
            let (prisma, mapped) = names::enum_value(value);
            if mapped {
                out.push_str(&format!("  {prisma} @map({})\n", string_literal(value)));
            } else {
                out.push_str(&format!("  {prisma}\n"));
            }
        }
        if let Some(mapped) = &name.mapped {
            out.push_str(&format!("\n  @@map({})\n", string_literal(mapped)));
        }
        out.push('}');
    }
    out.push('\n');
    let text = plumb_psl::format(&out).unwrap_or(out);
    Pulled {
        text,
        models: tables.iter().filter(|t| !t.columns.is_empty()).count(),
        enums: enums.len(),
        warnings: warnings.text(),
    }
}

/// A usable identifier: the primary key, or a unique index, whose columns
/// are all required and supported.
fn has_identifier(table: &Table) -> bool {
    let usable = |columns: Vec<plumb_ir::Name>| {
        columns.into_iter().all(|name| {
            table.columns.iter().any(|c| {
                c.name == name
                    && c.arity == plumb_ir::ColumnArity::Required
                    && !matches!(c.column_type, plumb_ir::ColumnType::Unsupported(_))
            })
        })
    };
    table
        .primary_key
        .as_ref()
        .is_some_and(|pk| usable(pk.columns.clone()))
        || table
            .indexes
            .iter()
            .filter(|i| i.unique)
            .any(|i| usable(i.columns.iter().map(|c| c.name).collect()))
}

/// The `///` lines Prisma writes above a model, in its order.
fn model_docs(ir: &Schema, table: &Table, name: &names::TopName) -> Vec<String> {
    let mut lines = Vec::new();
    if name.renamed {
        lines.push(format!(
            "This model has been renamed to '{}' during introspection, because the original name '{}' is reserved.",
            name.name, table.name.name
        ));
    }
    let has = |kind: &str| {
        ir.unmanaged.iter().any(|o| {
            o.kind == kind
                && o.table == Some(table.name.name)
                && o.name.namespace == table.name.namespace
        })
    };
    if has("check constraint") {
        lines.push("This table contains check constraints and requires additional setup for migrations. Visit https://pris.ly/d/check-constraints for more info.".to_string());
    }
    if has("exclusion constraint") {
        lines.push("This table contains exclusion constraints and requires additional setup for migrations. Visit https://pris.ly/d/exclusion-constraints for more info.".to_string());
    }
    if table.columns.is_empty() {
        lines.push("We could not retrieve columns for the underlying table. Either it has none or you are missing rights to see them. Please check your privileges.".to_string());
    } else if !has_identifier(table) {
        lines.push("The underlying table does not contain a valid unique identifier and can therefore currently not be handled by Prisma Client.".to_string());
    }
    if has("table comment") || has("column comment") {
        lines.push("This model or at least one of its fields has comments in the database, and requires an additional setup for migrations: Read more: https://pris.ly/d/database-comments".to_string());
    }
    lines
}

/// The Prisma names of models and enums: [`top_level`]'s, except where
/// two clean to one name — then each is `<schema>_<name>`, cleaned.
struct Names {
    duplicates: Vec<QualifiedName>,
    default_namespace: String,
}

impl Names {
    fn new(tables: &[&Table], enums: &[&plumb_ir::Enum], default_namespace: &str) -> Names {
        let all: Vec<QualifiedName> = tables
            .iter()
            .map(|t| t.name)
            .chain(enums.iter().map(|e| e.name))
            .collect();
        let plain = |name: &QualifiedName| top_level(&name.name).name;
        let duplicates = all
            .iter()
            .filter(|name| {
                all.iter()
                    .filter(|other| plain(other) == plain(name))
                    .count()
                    > 1
            })
            .copied()
            .collect();
        Names {
            duplicates,
            default_namespace: default_namespace.to_string(),
        }
    }

    fn is_duplicate(&self, name: &QualifiedName) -> bool {
        self.duplicates.contains(name)
    }

    fn of(&self, name: &QualifiedName) -> names::TopName {
        if !self.is_duplicate(name) {
            return top_level(&name.name);
        }
        let namespace = name
            .namespace
            .map_or_else(|| self.default_namespace.clone(), |n| n.to_string());
        names::TopName {
            name: names::sanitise(&format!("{namespace}_{}", name.name)),
            mapped: Some(name.name.to_string()),
            renamed: false,
        }
    }
}

/// Tables sort by namespace, then name, as bytes.
fn key(name: &QualifiedName) -> (String, String) {
    (
        name.namespace.map(|n| n.to_string()).unwrap_or_default(),
        name.name.to_string(),
    )
}

/// Prisma's own history table is no model.
fn is_migrations_table(table: &Table) -> bool {
    const COLUMNS: [&str; 8] = [
        "id",
        "checksum",
        "finished_at",
        "migration_name",
        "logs",
        "rolled_back_at",
        "started_at",
        "applied_steps_count",
    ];
    table.name.name.as_str() == "_prisma_migrations"
        && COLUMNS.iter().all(|c| {
            table
                .columns
                .iter()
                .any(|column| column.name.as_str() == *c)
        })
}

/// `name Type? @id @unique @default(…) @map("…") @db.X`; a column whose
/// name leaves nothing once cleaned is a commented-out field.
fn scalar_field(
    table: &Table,
    column: &plumb_ir::Column,
    enum_name: &dyn Fn(&QualifiedName) -> String,
) -> Vec<String> {
    let (name, mapped) = names::field(&column.name);
    let (field_type, native) = fields::field_type(column, enum_name);
    let commented = name.is_empty();
    let shown = if commented {
        column.name.to_string()
    } else {
        name
    };
    let mut line = format!("{shown} {field_type}");
    if let Some(pk) = &table.primary_key
        && pk.columns.len() == 1
        && pk.columns[0] == column.name
    {
        line.push_str(" @id");
        if pk.name.as_str() != constraint_names::primary_key(&table.name.name) {
            line.push_str(&format!("(map: {})", string_literal(&pk.name)));
        }
    }
    if let Some(unique) = single_unique(table, column.name) {
        let mut arguments = Vec::new();
        let default = constraint_names::unique(&table.name.name, &[column.name.as_str()]);
        if unique.name.as_str() != default {
            arguments.push(format!("map: {}", string_literal(&unique.name)));
        }
        if unique.columns[0].sort == Some(SortOrder::Desc) {
            arguments.push("sort: Desc".to_string());
        }
        if let Some(predicate) = &unique.predicate {
            arguments.push(format!("where: raw({})", string_literal(predicate)));
        }
        if arguments.is_empty() {
            line.push_str(" @unique");
        } else {
            line.push_str(&format!(" @unique({})", arguments.join(", ")));
        }
    }
    if let Some(default) = fields::default_attribute(column) {
        line.push(' ');
        line.push_str(&default);
    }
    if mapped {
        line.push_str(&format!(" @map({})", string_literal(&column.name)));
    }
    if let Some(native) = native {
        line.push(' ');
        line.push_str(&native);
    }
    if commented {
        vec![
            "/// This field was commented out because of an invalid name. Please provide a valid one that matches [a-zA-Z][a-zA-Z0-9_]*".to_string(),
            format!("// {line}"),
        ]
    } else {
        vec![line]
    }
}

/// The first (by name) unique index on this one column alone.
fn single_unique(table: &Table, column: plumb_ir::Name) -> Option<&plumb_ir::Index> {
    table
        .indexes
        .iter()
        .filter(|i| i.unique && i.columns.len() == 1 && i.columns[0].name == column)
        .min_by(|a, b| a.name.as_str().cmp(b.name.as_str()))
}

/// `@@id`, `@@unique`, `@@index` (by name), `@@map`.
fn block_attributes(table: &Table, mapped: Option<&str>) -> Vec<String> {
    let mut lines = Vec::new();
    let db_name = table.name.name.as_str();
    let field = |name: &str| names::field(name).0;
    if let Some(pk) = &table.primary_key
        && pk.columns.len() > 1
    {
        let columns: Vec<String> = pk.columns.iter().map(|c| field(c)).collect();
        let mut line = format!("@@id([{}]", columns.join(", "));
        if pk.name.as_str() != constraint_names::primary_key(db_name) {
            line.push_str(&format!(", map: {}", string_literal(&pk.name)));
        }
        line.push(')');
        lines.push(line);
    }
    let mut indexes: Vec<&plumb_ir::Index> = table
        .indexes
        .iter()
        .filter(|i| !(i.unique && i.columns.len() == 1))
        .collect();
    indexes.sort_by(|a, b| a.name.as_str().cmp(b.name.as_str()));
    for index in indexes {
        let columns: Vec<String> = index
            .columns
            .iter()
            .map(|c| {
                let mut arguments = Vec::new();
                if c.sort == Some(SortOrder::Desc) {
                    arguments.push("sort: Desc".to_string());
                }
                // Prisma reads the operator classes of GiST, GIN, SP-GiST
                // and BRIN indexes only.
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
        lines.push(line);
    }
    if let Some(mapped) = mapped {
        lines.push(format!("@@map({})", string_literal(mapped)));
    }
    lines
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
