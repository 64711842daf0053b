//! What every part of a pull asks: which tables become models, and what
//! each table, column, enum and enum value is called — the existing
//! schema's name where one matches (re-introspection), else the name
//! Prisma gives (docs/reference/prisma-db-pull.md §2, §8.1).

use std::collections::HashMap;

use plumb_ir::{
    ColumnArity, ColumnType, PullFacts, QualifiedName, Schema, Table, UnmanagedObject, View,
};

use crate::names::{self, TopName, top_level};
use crate::previous::{self, Previous};
use crate::relations::{self, JoinTable};

pub struct Context<'a> {
    pub ir: &'a Schema,
    pub previous: &'a Previous,
    /// The tables that become models, in the database's order.
    pub tables: Vec<&'a Table>,
    pub joins: Vec<JoinTable<'a>>,
    pub enums: Vec<&'a plumb_ir::Enum>,
    /// The views, oldest first (with the `views` preview feature; else
    /// none).
    pub views: Vec<&'a View>,
    /// What the database has beyond the IR (partitions, deferrable keys,
    /// …), which Prisma notes.
    pub facts: &'a PullFacts,
    /// The model tables by name.
    by_name: HashMap<QualifiedName, &'a Table>,
    /// The unmanaged objects (constraints, comments, …) of each table.
    unmanaged: HashMap<QualifiedName, Vec<&'a UnmanagedObject>>,
    /// Top-level names taken more than once (after the existing schema's).
    duplicates: Vec<QualifiedName>,
    default_namespace: String,
    /// Several schemas are read (`schemas = [...]` or `--schemas`): every
    /// model and enum says its own with `@@schema`.
    pub namespaces: bool,
}

/// A field's or enum value's name, and its database name when `@map`
/// says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldName {
    pub name: String,
    pub mapped: Option<String>,
    /// The `@map` comes from the existing schema.
    pub kept_map: bool,
}

impl<'a> Context<'a> {
    pub fn new(
        ir: &'a Schema,
        facts: &'a PullFacts,
        previous: &'a Previous,
        namespaces: bool,
    ) -> Context<'a> {
        let default_namespace = ir.default_namespace.map_or_else(
            || plumb_ir::DEFAULT_NAMESPACE.to_string(),
            |n| n.to_string(),
        );
        // By schema, then name, as bytes.
        let key = |name: &QualifiedName| {
            (
                name.namespace
                    .map_or_else(|| default_namespace.clone(), |n| n.to_string()),
                name.name.to_string(),
            )
        };
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
        let mut context = Context {
            ir,
            previous,
            tables,
            joins,
            enums,
            views: facts.views.iter().collect(),
            facts,
            unmanaged: HashMap::new(),
            by_name: HashMap::new(),
            duplicates: Vec::new(),
            default_namespace,
            namespaces,
        };
        context.by_name = context.tables.iter().map(|t| (t.name, *t)).collect();
        context.duplicates = context.find_duplicates();
        for object in &ir.unmanaged {
            if let Some(table) = object.table {
                let name = QualifiedName {
                    namespace: object.name.namespace,
                    name: table,
                };
                context.unmanaged.entry(name).or_default().push(object);
            }
        }
        context
    }

    /// Names that clean to one name: a matched model or enum counts with
    /// the existing schema's name, which it keeps.
    fn find_duplicates(&self) -> Vec<QualifiedName> {
        // (name, kept from the existing schema, the name it counts as)
        let all: Vec<(QualifiedName, bool, String)> = self
            .tables
            .iter()
            .map(|t| (t.name, self.previous_model(&t.name).map(|m| m.name.clone())))
            .chain(
                self.enums
                    .iter()
                    .map(|e| (e.name, self.previous_enum(&e.name).map(|p| p.name.clone()))),
            )
            .chain(
                self.views
                    .iter()
                    .map(|v| (v.name, self.previous_view(&v.name).map(|p| p.name.clone()))),
            )
            .map(|(name, kept)| match kept {
                Some(kept) => (name, true, kept),
                None => (name, false, names::sanitise(&name.name)),
            })
            .collect();
        let mut counts: HashMap<&String, usize> = HashMap::new();
        for (_, _, counted) in &all {
            *counts.entry(counted).or_default() += 1;
        }
        all.iter()
            // A kept name is never prefixed.
            .filter(|(_, kept, counted)| !kept && counts.get(counted).is_some_and(|n| *n > 1))
            .map(|(name, _, _)| *name)
            .collect()
    }

    fn namespace_of(&self, name: &QualifiedName) -> Option<String> {
        Some(
            name.namespace
                .map_or_else(|| self.default_namespace.clone(), |n| n.to_string()),
        )
    }

    /// The folder of a view's file: its schema when several are read,
    /// else the default one.
    pub fn view_folder(&self, view: &QualifiedName) -> String {
        if self.namespaces {
            self.namespace_of(view).unwrap_or_default()
        } else {
            self.default_namespace.clone()
        }
    }

    /// The `@@schema` of a model or enum, when several schemas are read.
    pub fn schema_attribute(&self, name: &QualifiedName) -> Option<String> {
        self.namespaces.then(|| self.namespace_of(name)).flatten()
    }

    /// The existing model a table matches.
    pub fn previous_model(&self, table: &QualifiedName) -> Option<&'a previous::Model> {
        self.previous
            .model(&table.name, self.namespace_of(table).as_deref())
    }

    pub fn previous_view(&self, view: &QualifiedName) -> Option<&'a previous::Model> {
        self.previous
            .view(&view.name, self.namespace_of(view).as_deref())
    }

    /// A view's name: the existing one's, else Prisma's.
    pub fn view_name(&self, view: &QualifiedName) -> TopName {
        if let Some(kept_view) = self.previous_view(view) {
            return kept(&kept_view.name, kept_view.mapped.as_deref());
        }
        self.new_name(view)
    }

    /// A view column's field name.
    pub fn view_column_name(&self, view: &QualifiedName, column: &str) -> FieldName {
        match self.previous_view(view).and_then(|m| m.scalar(column)) {
            Some(field) => FieldName {
                name: field.name.clone(),
                mapped: field.mapped.clone(),
                kept_map: field.mapped.is_some(),
            },
            None => new_field_name(column),
        }
    }

    pub fn previous_enum(&self, name: &QualifiedName) -> Option<&'a previous::Enum> {
        self.previous
            .enum_type(&name.name, self.namespace_of(name).as_deref())
    }

    pub fn is_duplicate(&self, name: &QualifiedName) -> bool {
        self.duplicates.contains(name)
    }

    /// A table's model name: the existing one's, else Prisma's, prefixed
    /// with its schema where another takes the same name.
    pub fn model_name(&self, table: &QualifiedName) -> TopName {
        if let Some(model) = self.previous_model(table) {
            return kept(&model.name, model.mapped.as_deref());
        }
        self.new_name(table)
    }

    /// The name new relation names are made of: Prisma names relations
    /// from the database's names alone, before it matches the existing
    /// schema or prefixes duplicates.
    pub fn plain_model_name(&self, table: &QualifiedName) -> String {
        top_level(&table.name).name
    }

    pub fn enum_name(&self, name: &QualifiedName) -> TopName {
        if let Some(kept_enum) = self.previous_enum(name) {
            return kept(&kept_enum.name, kept_enum.mapped.as_deref());
        }
        self.new_name(name)
    }

    fn new_name(&self, name: &QualifiedName) -> TopName {
        if !self.is_duplicate(name) {
            return top_level(&name.name);
        }
        let namespace = name
            .namespace
            .map_or_else(|| self.default_namespace.clone(), |n| n.to_string());
        TopName {
            name: names::sanitise(&format!("{namespace}_{}", name.name)),
            mapped: Some(name.name.to_string()),
            renamed: false,
        }
    }

    /// A column's field name.
    pub fn column_name(&self, table: &QualifiedName, column: &str) -> FieldName {
        let kept_field = self.previous_model(table).and_then(|m| m.scalar(column));
        match kept_field {
            Some(field) => FieldName {
                name: field.name.clone(),
                mapped: field.mapped.clone(),
                kept_map: field.mapped.is_some(),
            },
            None => new_field_name(column),
        }
    }

    /// An enum value's name.
    pub fn enum_value_name(&self, enum_name: &QualifiedName, value: &str) -> FieldName {
        let kept_value = self
            .previous_enum(enum_name)
            .and_then(|e| e.values.iter().find(|v| v.db_name() == value));
        match kept_value {
            Some(kept_value) => FieldName {
                name: kept_value.name.clone(),
                mapped: kept_value.mapped.clone(),
                kept_map: kept_value.mapped.is_some(),
            },
            None => {
                let (name, mapped) = names::enum_value(value);
                FieldName {
                    name,
                    mapped: mapped.then(|| value.to_string()),
                    kept_map: false,
                }
            }
        }
    }

    /// Whether the model of `table` is ignored: the existing schema says
    /// so, or the table has columns but no usable identifier.
    pub fn ignored(&self, table: &QualifiedName) -> bool {
        let Some(found) = self.table(table) else {
            return false;
        };
        self.ignored_in_previous(table) || (!has_identifier(found) && !found.columns.is_empty())
    }

    pub fn ignored_in_previous(&self, table: &QualifiedName) -> bool {
        self.previous_model(table).is_some_and(|m| m.ignored)
    }

    /// The unmanaged objects of `kind` that belong to `table`.
    pub fn unmanaged_of<'s>(
        &'s self,
        table: &QualifiedName,
        kind: &'s str,
    ) -> impl Iterator<Item = &'a UnmanagedObject> + 's {
        self.unmanaged
            .get(table)
            .into_iter()
            .flatten()
            .copied()
            .filter(move |o| o.kind == kind)
    }

    /// Whether `list` (of the database's facts) names this table.
    pub fn noted(&self, list: &[QualifiedName], table: &QualifiedName) -> bool {
        list.contains(table)
    }

    pub fn table(&self, name: &QualifiedName) -> Option<&'a Table> {
        self.by_name.get(name).copied()
    }
}

fn kept(name: &str, mapped: Option<&str>) -> TopName {
    TopName {
        name: name.to_string(),
        mapped: mapped.map(str::to_string),
        renamed: false,
    }
}

fn new_field_name(column: &str) -> FieldName {
    let (name, mapped) = names::field(column);
    FieldName {
        name,
        mapped: mapped.then(|| column.to_string()),
        kept_map: false,
    }
}

/// A usable identifier: the primary key, or a unique index, whose columns
/// are all required and supported.
pub fn has_identifier(table: &Table) -> bool {
    let usable = |columns: Vec<plumb_ir::Name>| {
        columns.into_iter().all(|name| {
            table.columns.iter().any(|c| {
                c.name == name
                    && c.arity == ColumnArity::Required
                    && !matches!(c.column_type, ColumnType::Unsupported(_))
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
