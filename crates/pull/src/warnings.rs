//! The warnings `db pull` prints for what the schema cannot represent
//! (docs/reference/prisma-db-pull.md §7.5): Prisma's groups, in Prisma's
//! order, each item as Prisma writes it.

use plumb_ir::{ColumnType, Schema, Table};

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
}

impl Warnings {
    /// What one table adds, in the order Prisma looks: the table, its
    /// comment and constraints, then each column.
    pub fn table(&mut self, ir: &Schema, table: &Table, model: &str, identified: bool) {
        if table.columns.is_empty() {
            self.commented_models.push(quoted(model));
        } else if !identified {
            self.ignored_models.push(quoted(model));
        }
        let objects = |kind: &'static str| {
            ir.unmanaged.iter().filter(move |o| {
                o.kind == kind
                    && o.table == Some(table.name.name)
                    && o.name.namespace == table.name.namespace
            })
        };
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
            let (field, _) = crate::names::field(&column.name);
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

    /// A model or enum renamed because its name was another's too.
    pub fn duplicate(&mut self, kind: &str, name: &str) {
        self.duplicates
            .push(format!("Type: {}, name: {}", quoted(kind), quoted(name)));
    }

    /// Prisma's text: empty when there is nothing to say.
    pub fn text(&self) -> String {
        let commented_fields: Vec<String> = self
            .commented_fields
            .iter()
            .map(|(model, fields)| {
                let fields: Vec<String> = fields.iter().map(|f| quoted(f)).collect();
                format!(
                    "Model: {}, field(s): [{}]",
                    quoted(model),
                    fields.join(", ")
                )
            })
            .collect();
        let groups: [(&str, &[String]); 8] = [
            (
                "These fields were commented out because their names are currently not supported by Prisma. Please provide valid ones that match [a-zA-Z][a-zA-Z0-9_]* using the `@map` attribute:",
                &commented_fields,
            ),
            (
                "The following models were commented out as we could not retrieve columns for them. Please check your privileges:",
                &self.commented_models,
            ),
            (
                "The following models were ignored as they do not have a valid unique identifier or id. This is currently not supported by Prisma Client:",
                &self.ignored_models,
            ),
            (
                "These fields are not supported by Prisma Client, because Prisma currently does not support their types:",
                &self.unsupported,
            ),
            (
                "These items were renamed due to their names being duplicates in the Prisma schema:",
                &self.duplicates,
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
                "These objects have comments defined in the database, which is not yet fully supported. Read more: https://pris.ly/d/database-comments",
                &self.comments,
            ),
        ];
        if groups.iter().all(|(_, items)| items.is_empty()) {
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
        out
    }
}

/// `"name"`, as Prisma quotes names in its warnings.
fn quoted(name: &str) -> String {
    format!("\"{name}\"")
}
