//! The warnings `db pull` prints for what the schema cannot represent
//! (docs/reference/prisma-db-pull.md §7.5): Prisma's groups, in Prisma's
//! order, each item as Prisma writes it.

use plumb_ir::{ColumnType, Table};

use crate::context::{Context, has_identifier};

/// The items of each group, as they are found.
#[derive(Debug, Default)]
pub struct Warnings {
    /// Per model: the columns commented out for their names.
    commented_fields: Vec<(String, Vec<String>)>,
    commented_models: Vec<String>,
    ignored_models: Vec<String>,
    unsupported: Vec<String>,
    duplicates: Vec<String>,
    check_constraints: Vec<String>,
    exclusion_constraints: Vec<String>,
    comments: Vec<String>,
    /// Re-introspection: what was kept from the existing schema.
    kept_field_maps: Vec<String>,
    kept_id_names: Vec<String>,
    kept_model_maps: Vec<String>,
    kept_enum_value_maps: Vec<String>,
    kept_enum_maps: Vec<String>,
    copied_relations: Vec<String>,
    partitioned: Vec<String>,
    inherited: Vec<String>,
    null_orders: Vec<String>,
    row_level_security: Vec<String>,
    deferrable: Vec<String>,
    expression_indexes: Vec<String>,
    /// Pairs of models whose many-to-many relation now reads backwards.
    broken_many_to_many: Vec<(String, String)>,
    /// The same for views.
    commented_view_fields: Vec<(String, Vec<String>)>,
    kept_view_field_maps: Vec<String>,
    unsupported_in_views: Vec<String>,
    kept_view_maps: Vec<String>,
}

impl Warnings {
    /// What one table adds, in the order Prisma looks: the table, its
    /// comment and constraints, then each column.
    pub fn table(&mut self, context: &Context<'_>, table: &Table) {
        let name = context.model_name(&table.name);
        let model = name.name.as_str();
        let previous = context.previous_model(&table.name);
        if table
            .primary_key
            .as_ref()
            .is_some_and(|pk| pk.columns.len() > 1)
            && previous.is_some_and(|m| m.id_name.is_some())
        {
            self.kept_id_names.push(quoted(model));
        }
        if table.columns.is_empty() {
            self.commented_models.push(quoted(model));
        } else if !has_identifier(table) && !context.ignored_in_previous(&table.name) {
            self.ignored_models.push(quoted(model));
        }
        let facts = context.facts;
        if context.noted(&facts.partitioned, &table.name) {
            self.partitioned.push(quoted(model));
        }
        if context.noted(&facts.inherited, &table.name) {
            self.inherited.push(quoted(model));
        }
        if context.noted(&facts.row_level_security, &table.name) {
            self.row_level_security.push(quoted(model));
        }
        if context.is_duplicate(&table.name) {
            self.duplicates
                .push(format!("Type: \"model\", name: {}", quoted(model)));
        }
        if previous.is_some_and(|m| m.mapped.is_some()) {
            self.kept_model_maps.push(quoted(model));
        }
        let objects = |kind: &'static str| context.unmanaged_of(&table.name, kind);
        if objects("table comment").next().is_some() {
            self.comments
                .push(format!("Type: \"model\", name: {}", quoted(model)));
        }
        for check in objects("check constraint") {
            self.check_constraints.push(format!(
                "Model: {}, constraint: {}",
                quoted(model),
                quoted(&check.name.name)
            ));
        }
        let mut commented = Vec::new();
        for column in &table.columns {
            let field_name = context.column_name(&table.name, &column.name);
            if field_name.kept_map {
                self.kept_field_maps.push(format!(
                    "Model: {}, field: {}",
                    quoted(model),
                    quoted(&field_name.name)
                ));
            }
            let field = field_name.name;
            if let ColumnType::Unsupported(type_name) = &column.column_type {
                self.unsupported.push(format!(
                    "Model: {}, field: {}, original data type: {}",
                    quoted(model),
                    quoted(&field),
                    quoted(type_name)
                ));
            }
            if field.is_empty() {
                commented.push(column.name.to_string());
            }
            let commented_in_db = objects("column comment").any(|c| c.name.name == column.name);
            if commented_in_db {
                self.comments
                    .push(format!("Type: \"field\", name: \"{model}.{field}\""));
            }
        }
        if !commented.is_empty() {
            commented.sort();
            self.commented_fields.push((model.to_string(), commented));
        }
        for exclusion in objects("exclusion constraint") {
            self.exclusion_constraints.push(format!(
                "Model: {}, constraint: {}",
                quoted(model),
                quoted(&exclusion.name.name)
            ));
        }
    }

    /// What one enum adds: a name that is another's too, and the maps
    /// kept from the existing schema.
    pub fn enum_type(&mut self, context: &Context<'_>, enum_type: &plumb_ir::Enum) {
        let name = context.enum_name(&enum_type.name).name;
        if context.is_duplicate(&enum_type.name) {
            self.duplicates
                .push(format!("Type: \"enum\", name: {}", quoted(&name)));
        }
        if context.noted(&context.facts.commented_enums, &enum_type.name) {
            self.comments
                .push(format!("Type: \"enum\", name: {}", quoted(&name)));
        }
        for value in &enum_type.values {
            if context.enum_value_name(&enum_type.name, value).kept_map {
                self.kept_enum_value_maps.push(format!(
                    "Enum: {}, value: {}",
                    quoted(&name),
                    quoted(&context.enum_value_name(&enum_type.name, value).name)
                ));
            }
        }
        if context
            .previous_enum(&enum_type.name)
            .is_some_and(|e| e.mapped.is_some())
        {
            self.kept_enum_maps.push(quoted(&name));
        }
    }

    /// What Prisma's PostgreSQL pass notes of one table, after every
    /// model and view: its indexes' non-default NULLS orders and
    /// deferrable keys, its deferrable foreign keys, its expression
    /// indexes.
    pub fn table_facts(&mut self, context: &Context<'_>, table: &Table) {
        let facts = context.facts;
        let model = context.model_name(&table.name).name;
        for order in facts.null_orders.iter().filter(|n| n.table == table.name) {
            self.null_orders.push(format!(
                "Index: {}, column: {}",
                quoted(&order.index),
                quoted(&order.column)
            ));
        }
        let mut keys: Vec<&plumb_ir::Deferrable> = facts
            .deferrable
            .iter()
            .filter(|d| d.table == table.name)
            .collect();
        keys.sort_by(|a, b| {
            (a.foreign_key, a.name.as_str()).cmp(&(b.foreign_key, b.name.as_str()))
        });
        for key in keys {
            self.deferrable.push(format!(
                "Model: {}, constraint: {}",
                quoted(&model),
                quoted(&key.name)
            ));
        }
        let mut expressions: Vec<&str> = facts
            .expression_indexes
            .iter()
            .filter(|(t, _)| *t == table.name)
            .map(|(_, name)| name.as_str())
            .collect();
        expressions.sort_unstable();
        for name in expressions {
            self.expression_indexes.push(format!(
                "Model: {}, constraint: {}",
                quoted(&model),
                quoted(name)
            ));
        }
    }

    /// An existing many-to-many relation whose join table's `A` column
    /// now refers to the model whose name sorts second: Prisma would read
    /// it the other way round.
    pub fn join_table(&mut self, context: &Context<'_>, join: &crate::relations::JoinTable<'_>) {
        let relation = join.table.name.name.trim_start_matches('_');
        let Some(kept) = crate::relations::kept_many_to_many(context, relation) else {
            return;
        };
        let model = |table| context.previous_model(table).map(|m| m.name.as_str());
        if model(&join.a) == Some(kept.model_a.as_str())
            && model(&join.b) == Some(kept.model_b.as_str())
        {
            return;
        }
        let position = |name: &str| context.previous.models.iter().position(|m| m.name == name);
        let pair = if position(&kept.model_a) < position(&kept.model_b) {
            (kept.model_a, kept.model_b)
        } else {
            (kept.model_b, kept.model_a)
        };
        if !self.broken_many_to_many.contains(&pair) {
            self.broken_many_to_many.push(pair);
        }
    }

    /// What one view adds: its name, its columns' names and types.
    pub fn view(&mut self, context: &Context<'_>, view: &plumb_ir::View) {
        let name = context.view_name(&view.name).name;
        if context.is_duplicate(&view.name) {
            self.duplicates
                .push(format!("Type: \"view\", name: {}", quoted(&name)));
        }
        if context
            .previous_view(&view.name)
            .is_some_and(|v| v.mapped.is_some())
        {
            self.kept_view_maps.push(quoted(&name));
        }
        let mut commented = Vec::new();
        for column in &view.columns {
            let field = context.view_column_name(&view.name, &column.name);
            if field.kept_map {
                self.kept_view_field_maps.push(format!(
                    "View: {}, field: {}",
                    quoted(&name),
                    quoted(&field.name)
                ));
            }
            if let ColumnType::Unsupported(type_name) = &column.column_type {
                self.unsupported_in_views.push(format!(
                    "View: {}, field: {}, original data type: {}",
                    quoted(&name),
                    quoted(&field.name),
                    quoted(type_name)
                ));
            }
            if field.name.is_empty() {
                commented.push(column.name.to_string());
            }
        }
        if !commented.is_empty() {
            commented.sort();
            self.commented_view_fields.push((name, commented));
        }
    }

    /// A relation field copied from the existing schema, to `target`.
    pub fn copied_relation(&mut self, target: &str) {
        self.copied_relations.push(quoted(target));
    }

    /// Prisma's text: empty when there is nothing to say.
    pub fn text(&self) -> String {
        let grouped = |kind: &str, list: &[(String, Vec<String>)]| -> Vec<String> {
            list.iter()
                .map(|(owner, fields)| {
                    let fields: Vec<String> = fields.iter().map(|f| quoted(f)).collect();
                    format!(
                        "{kind}: {}, field(s): [{}]",
                        quoted(owner),
                        fields.join(", ")
                    )
                })
                .collect()
        };
        let commented_fields = grouped("Model", &self.commented_fields);
        let commented_view_fields = grouped("View", &self.commented_view_fields);
        let groups: Vec<(&str, &[String])> = vec![
            (COMMENTED_FIELDS, &commented_fields),
            (COMMENTED_FIELDS, &commented_view_fields),
            (KEPT_FIELD_MAPS, &self.kept_field_maps),
            (KEPT_FIELD_MAPS, &self.kept_view_field_maps),
            (
                "The following models were commented out as we could not retrieve columns for them. Please check your privileges:",
                &self.commented_models,
            ),
            (
                "The following models were ignored as they do not have a valid unique identifier or id. This is currently not supported by Prisma Client:",
                &self.ignored_models,
            ),
            (
                "These models were enriched with custom compound id names taken from the previous Prisma schema:",
                &self.kept_id_names,
            ),
            (UNSUPPORTED, &self.unsupported),
            (UNSUPPORTED, &self.unsupported_in_views),
            (
                "These models were enriched with `@@map` information taken from the previous Prisma schema:",
                &self.kept_model_maps,
            ),
            (
                "These views were enriched with `@@map` information taken from the previous Prisma schema:",
                &self.kept_view_maps,
            ),
            (
                "These enum values were enriched with `@map` information taken from the previous Prisma schema:",
                &self.kept_enum_value_maps,
            ),
            (
                "These enums were enriched with `@@map` information taken from the previous Prisma schema:",
                &self.kept_enum_maps,
            ),
            (
                "Relations were copied from the previous data model due to not using foreign keys in the database. If any of the relation columns changed in the database, the relations might not be correct anymore:",
                &self.copied_relations,
            ),
            (
                "These items were renamed due to their names being duplicates in the Prisma schema:",
                &self.duplicates,
            ),
            (
                "These tables are partition tables, which are not yet fully supported:",
                &self.partitioned,
            ),
            (
                "These tables are inherited tables, which are not yet fully supported:",
                &self.inherited,
            ),
            (
                "These index columns are having a non-default null sort order, which is not yet fully supported. Read more: https://pris.ly/d/non-default-index-null-ordering",
                &self.null_orders,
            ),
            (
                "These tables contain row level security, which is not yet fully supported. Read more: https://pris.ly/d/row-level-security",
                &self.row_level_security,
            ),
            (
                "These constraints are not supported by Prisma Client, because Prisma currently does not fully support check constraints. Read more: https://pris.ly/d/check-constraints",
                &self.check_constraints,
            ),
            (
                "These constraints are not supported by Prisma Client, because Prisma currently does not fully support exclusion constraints. Read more: https://pris.ly/d/exclusion-constraints",
                &self.exclusion_constraints,
            ),
            (
                "These primary key, foreign key or unique constraints are using non-default deferring in the database, which is not yet fully supported. Read more: https://pris.ly/d/constraint-deferring",
                &self.deferrable,
            ),
            (
                "These objects have comments defined in the database, which is not yet fully supported. Read more: https://pris.ly/d/database-comments",
                &self.comments,
            ),
            (
                "These indexes are not supported by Prisma Client, because Prisma currently does not fully support expression indexes. Read more: https://pris.ly/d/expression-indexes",
                &self.expression_indexes,
            ),
        ];
        if groups.iter().all(|(_, items)| items.is_empty()) && self.broken_many_to_many.is_empty() {
            return String::new();
        }
        let mut out = String::from("*** WARNING ***\n");
        for (heading, items) in groups {
            if items.is_empty() {
                continue;
            }
            out.push_str(&format!("\n{heading}\n"));
            for item in items {
                out.push_str(&format!("  - {item}\n"));
            }
        }
        // Prisma's last group has no heading, no blank line before it and
        // no newline after it.
        let broken: Vec<String> = self
            .broken_many_to_many
            .iter()
            .map(|(a, b)| format!(
                "The many-to-many relation between {} and {} is broken due to the naming of the models. Prisma creates many-to-many relations based on the alphabetical ordering of the names of the models and these two models now produce the reverse of the expected ordering.",
                quoted(a),
                quoted(b)
            ))
            .collect();
        out.push_str(&broken.join("\n"));
        out
    }
}

const COMMENTED_FIELDS: &str = "These fields were commented out because their names are currently not supported by Prisma. Please provide valid ones that match [a-zA-Z][a-zA-Z0-9_]* using the `@map` attribute:";
const KEPT_FIELD_MAPS: &str =
    "These fields were enriched with `@map` information taken from the previous Prisma schema:";
const UNSUPPORTED: &str = "These fields are not supported by Prisma Client, because Prisma currently does not support their types:";

/// `"name"`, as Prisma quotes names in its warnings.
fn quoted(name: &str) -> String {
    format!("\"{name}\"")
}
