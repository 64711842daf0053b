//! One table → one model block: its documentation lines, scalar fields,
//! relation fields and block attributes, as Prisma writes them
//! (docs/reference/prisma-db-pull.md §3–§7), keeping what the existing
//! model says (§8.2).

use plumb_ir::{Column, Table};

use crate::context::{Context, has_identifier};
use crate::names::{TopName, string_literal};
use crate::relations::RelationField;
use crate::{block, fields, indexes};

/// The model block of `table` (unformatted), or a commented-out one for a
/// table without columns.
pub fn render(context: &Context<'_>, table: &Table, relation_fields: &[RelationField]) -> String {
    let name = context.model_name(&table.name);
    let mut out = String::new();
    for line in documentation(context, table, &name) {
        out.push_str(&format!("/// {line}\n"));
    }
    if table.columns.is_empty() {
        out.push_str(&format!("// model {} {{\n// }}", name.name));
        return out;
    }
    out.push_str(&format!("model {} {{\n", name.name));
    for column in &table.columns {
        for line in scalar_field(context, table, column) {
            out.push_str(&format!("  {line}\n"));
        }
    }
    for field in relation_fields.iter().filter(|f| f.table == table.name) {
        out.push_str(&format!("  {}\n", field.line));
    }
    let mut attributes = indexes::block_attributes(context, table);
    attributes.extend(block::closing_attributes(
        name.mapped.as_deref(),
        context.ignored(&table.name),
        context.schema_attribute(&table.name),
    ));
    block::close(&mut out, attributes);
    out
}

/// The `///` lines above a model: the existing model's, then Prisma's
/// notes, in its order — those about what a table adds only for a new
/// model, and none the documentation already holds.
fn documentation(context: &Context<'_>, table: &Table, name: &TopName) -> Vec<String> {
    let previous = context.previous_model(&table.name);
    let mut lines: Vec<String> = previous
        .and_then(|m| m.documentation.as_deref())
        .map(|docs| docs.lines().map(str::to_string).collect())
        .unwrap_or_default();
    let new = previous.is_none();
    let has = |kind: &str| context.unmanaged_of(&table.name, kind).next().is_some();
    let mut notes = Vec::new();
    if new && name.renamed {
        notes.push(format!(
            "This model has been renamed to '{}' during introspection, because the original name '{}' is reserved.",
            name.name, table.name.name
        ));
    }
    let facts = context.facts;
    if new && context.noted(&facts.partitioned, &table.name) {
        notes.push("This table is a partition table and requires additional setup for migrations. Visit https://pris.ly/d/partition-tables for more info.".to_string());
    }
    if new && context.noted(&facts.inherited, &table.name) {
        notes.push("This table has subclasses and requires additional setup for migrations. Visit https://pris.ly/d/table-inheritance for more info.".to_string());
    }
    if new && has("check constraint") {
        notes.push("This table contains check constraints and requires additional setup for migrations. Visit https://pris.ly/d/check-constraints for more info.".to_string());
    }
    if new && has("exclusion constraint") {
        notes.push("This table contains exclusion constraints and requires additional setup for migrations. Visit https://pris.ly/d/exclusion-constraints for more info.".to_string());
    }
    if table.columns.is_empty() {
        notes.push("We could not retrieve columns for the underlying table. Either it has none or you are missing rights to see them. Please check your privileges.".to_string());
    } else if !has_identifier(table) && !context.ignored_in_previous(&table.name) {
        notes.push("The underlying table does not contain a valid unique identifier and can therefore currently not be handled by Prisma Client.".to_string());
    }
    if new && (has("table comment") || has("column comment")) {
        notes.push("This model or at least one of its fields has comments in the database, and requires an additional setup for migrations: Read more: https://pris.ly/d/database-comments".to_string());
    }
    if new && facts.deferrable.iter().any(|d| d.table == table.name) {
        notes.push("This model has constraints using non-default deferring rules and requires additional setup for migrations. Visit https://pris.ly/d/constraint-deferring for more info.".to_string());
    }
    if new && context.noted(&facts.row_level_security, &table.name) {
        notes.push("This model contains row level security and requires additional setup for migrations. Visit https://pris.ly/d/row-level-security for more info.".to_string());
    }
    if new && facts.null_orders.iter().any(|n| n.table == table.name) {
        notes.push("This model contains an index with non-default null sort order and requires additional setup for migrations. Visit https://pris.ly/d/default-index-null-ordering for more info.".to_string());
    }
    if facts
        .expression_indexes
        .iter()
        .any(|(t, _)| *t == table.name)
    {
        notes.push("This model contains an expression index which requires additional setup for migrations. Visit https://pris.ly/d/expression-indexes for more info.".to_string());
    }
    for note in notes {
        if !lines.join("\n").contains(&note) {
            lines.push(note);
        }
    }
    lines
}

/// `name Type? @updatedAt @unique @id @default(…) @map("…") @db.X
/// @ignore` (Prisma's order), after the field's documentation; a column
/// whose name leaves nothing once cleaned is a commented-out field.
fn scalar_field(context: &Context<'_>, table: &Table, column: &Column) -> Vec<String> {
    let previous = context
        .previous_model(&table.name)
        .and_then(|m| m.scalar(&column.name));
    let name = context.column_name(&table.name, &column.name);
    let enum_name = |name: &plumb_ir::QualifiedName| context.enum_name(name).name;
    let (field_type, native) = fields::field_type(column, &enum_name);
    let commented = name.name.is_empty();
    let shown = if commented {
        column.name.to_string()
    } else {
        name.name.clone()
    };
    let mut line = format!("{shown} {field_type}");
    if previous.is_some_and(|f| f.updated_at) {
        line.push_str(" @updatedAt");
    }
    if let Some(unique) = indexes::field_unique(table, column.name) {
        line.push(' ');
        line.push_str(&unique);
    }
    if let Some(id) = indexes::field_id(table, column.name) {
        line.push(' ');
        line.push_str(&id);
    }
    let enum_value = |value: &str| match &column.column_type {
        plumb_ir::ColumnType::Enum(enum_name) => context.enum_value_name(enum_name, value).name,
        _ => value.to_string(),
    };
    let client_default = previous.and_then(|f| f.client_default.as_deref());
    if let Some(default) = fields::default_attribute(column, &enum_value, client_default) {
        line.push(' ');
        line.push_str(&default);
    }
    if let Some(mapped) = &name.mapped {
        line.push_str(&format!(" @map({})", string_literal(mapped)));
    }
    if let Some(native) = native {
        line.push(' ');
        line.push_str(&native);
    }
    if previous.is_some_and(|f| f.ignored) {
        line.push_str(" @ignore");
    }
    let mut lines: Vec<String> = previous
        .and_then(|f| f.documentation.as_deref())
        .into_iter()
        .flat_map(str::lines)
        .map(|l| format!("/// {l}"))
        .collect();
    if commented {
        lines.push("/// This field was commented out because of an invalid name. Please provide a valid one that matches [a-zA-Z][a-zA-Z0-9_]*".to_string());
        lines.push(format!("// {line}"));
    } else {
        lines.push(line);
    }
    lines
}
