//! The schema a pull writes over, read for what re-introspection keeps
//! (docs/reference/prisma-db-pull.md §8): each model's, view's and
//! enum's name and `@@map`, fields' names and `@map`s, documentation,
//! `@updatedAt`, `@ignore`/`@@ignore`, client-side defaults, relation
//! field names and relation names, and the names of ids and indexes. All
//! of it is keyed by the database names it stands for, which is how a
//! pull matches it to what the database has.

use std::collections::HashMap;

use plumb_psl::LoadedSchema;
use plumb_psl::ast::{self, Arity, Expression, ModelKind, Top};
use plumb_psl::constraint_names;
use plumb_psl::schema::{Declarations, FieldKind, block_attribute, field_attribute};

/// What an existing schema says that the database cannot.
#[derive(Debug, Clone, Default)]
pub struct Previous {
    /// Models and views, in declaration order over the files.
    pub models: Vec<Model>,
    /// Enums, in declaration order over the files.
    pub enums: Vec<Enum>,
    /// `relationMode = "prisma"`: relations are not foreign keys, so
    /// they are copied.
    pub relation_mode_prisma: bool,
    /// Lookups: models and views by database name, by name; enums by
    /// database name (each a list of indexes, in declaration order).
    by_db_name: HashMap<String, Vec<usize>>,
    by_name: HashMap<String, usize>,
    enums_by_db_name: HashMap<String, Vec<usize>>,
}

#[derive(Debug, Clone)]
pub struct Model {
    /// Index of the file that declares it, in the loaded schema's order.
    pub file: usize,
    pub name: String,
    /// The table's name when `@@map` says it.
    pub mapped: Option<String>,
    pub schema: Option<String>,
    pub documentation: Option<String>,
    pub ignored: bool,
    pub view: bool,
    pub scalars: Vec<Scalar>,
    pub relations: Vec<RelationField>,
    /// `@@id(name: …)`.
    pub id_name: Option<String>,
    pub indexes: Vec<Index>,
}

impl Model {
    /// The table or view it stands for.
    pub fn db_name(&self) -> &str {
        self.mapped.as_deref().unwrap_or(&self.name)
    }

    pub fn scalar(&self, db_name: &str) -> Option<&Scalar> {
        self.scalars.iter().find(|s| s.db_name() == db_name)
    }
}

#[derive(Debug, Clone)]
pub struct Scalar {
    pub name: String,
    pub mapped: Option<String>,
    pub documentation: Option<String>,
    pub ignored: bool,
    pub updated_at: bool,
    /// `?`, `[]` or neither, as written.
    pub arity: Option<Arity>,
    /// `@unique` (kept on views, which have no indexes to read).
    pub unique: bool,
    /// A default only the client computes (`uuid(7)`, `cuid()`,
    /// `nanoid(10)`, `ulid()`), as written.
    pub client_default: Option<String>,
}

impl Scalar {
    pub fn db_name(&self) -> &str {
        self.mapped.as_deref().unwrap_or(&self.name)
    }
}

#[derive(Debug, Clone)]
pub struct RelationField {
    pub name: String,
    /// The related model's name.
    pub target: String,
    /// `@relation("…")`, when written.
    pub relation_name: Option<String>,
    /// The referencing fields' database names (empty on the side without
    /// `fields:`).
    pub columns: Vec<String>,
    /// The referencing and referenced fields as written.
    pub fields: Vec<String>,
    pub references: Vec<String>,
    /// `map:` of `@relation`, when written.
    pub map: Option<String>,
    pub arity: Arity,
    pub on_delete: Option<String>,
    pub on_update: Option<String>,
    pub ignored: bool,
    /// Whether the field has a `@relation(…)` attribute at all.
    pub has_attribute: bool,
}

/// `@@unique`/`@@index` (and a field's `@unique`): the names it gives.
#[derive(Debug, Clone)]
pub struct Index {
    pub unique: bool,
    /// The fields, as written.
    pub fields: Vec<String>,
    /// `name:`, which only the client sees.
    pub name: Option<String>,
    /// `map:`, when written.
    pub map: Option<String>,
    /// The database name it stands for: `map:`, else Prisma's default.
    pub constraint_name: String,
}

#[derive(Debug, Clone)]
pub struct Enum {
    pub file: usize,
    pub name: String,
    pub mapped: Option<String>,
    pub schema: Option<String>,
    pub documentation: Option<String>,
    pub values: Vec<EnumValue>,
}

impl Enum {
    pub fn db_name(&self) -> &str {
        self.mapped.as_deref().unwrap_or(&self.name)
    }
}

#[derive(Debug, Clone)]
pub struct EnumValue {
    pub name: String,
    pub mapped: Option<String>,
    pub documentation: Option<String>,
}

impl EnumValue {
    pub fn db_name(&self) -> &str {
        self.mapped.as_deref().unwrap_or(&self.name)
    }
}

impl Previous {
    /// Reads a loaded (and valid) schema.
    pub fn read(loaded: &LoadedSchema) -> Previous {
        let declarations = Declarations::collect(&loaded.asts);
        let mut previous = Previous {
            relation_mode_prisma: declarations.relation_mode_is_prisma(),
            ..Previous::default()
        };
        for (file, (_, ast)) in loaded.asts.iter().enumerate() {
            // Prisma's parser leaves a generator's or datasource's `///`
            // lines to the next model or enum, which keeps them.
            let mut pending: Option<String> = None;
            for top in &ast.tops {
                match top {
                    Top::Model(model) if model.kind != ModelKind::CompositeType => {
                        let mut read = read_model(&declarations, file, model);
                        read.documentation = read.documentation.or(pending.take());
                        previous.models.push(read);
                    }
                    Top::Model(_) => pending = None,
                    Top::Enum(enum_block) => {
                        let mut read = read_enum(file, enum_block);
                        read.documentation = read.documentation.or(pending.take());
                        previous.enums.push(read);
                    }
                    Top::Datasource(block) | Top::Generator(block) => {
                        if let Some(docs) = &block.documentation {
                            pending = Some(docs.to_string());
                        }
                    }
                }
            }
        }
        previous.index();
        previous
    }

    /// The model that stands for `table` in `schema`.
    pub fn model(&self, table: &str, schema: Option<&str>) -> Option<&Model> {
        self.models_named_in_db(table)
            .find(|m| !m.view && same_schema(m.schema.as_deref(), schema))
    }

    pub fn view(&self, view: &str, schema: Option<&str>) -> Option<&Model> {
        self.models_named_in_db(view)
            .find(|m| m.view && same_schema(m.schema.as_deref(), schema))
    }

    fn models_named_in_db(&self, db_name: &str) -> impl Iterator<Item = &Model> {
        self.by_db_name
            .get(db_name)
            .into_iter()
            .flatten()
            .map(|&i| &self.models[i])
    }

    pub fn enum_type(&self, name: &str, schema: Option<&str>) -> Option<&Enum> {
        self.enums_by_db_name
            .get(name)
            .into_iter()
            .flatten()
            .map(|&i| &self.enums[i])
            .find(|e| same_schema(e.schema.as_deref(), schema))
    }

    pub fn model_named(&self, name: &str) -> Option<&Model> {
        self.by_name.get(name).map(|&i| &self.models[i])
    }

    fn index(&mut self) {
        for (i, model) in self.models.iter().enumerate() {
            self.by_db_name
                .entry(model.db_name().to_string())
                .or_default()
                .push(i);
            self.by_name.entry(model.name.clone()).or_insert(i);
        }
        for (i, enum_type) in self.enums.iter().enumerate() {
            self.enums_by_db_name
                .entry(enum_type.db_name().to_string())
                .or_default()
                .push(i);
        }
    }
}

/// A `@@schema` matches its namespace; a model without one matches the
/// table whatever its namespace (only one is read then).
fn same_schema(declared: Option<&str>, actual: Option<&str>) -> bool {
    declared.is_none() || declared == actual
}

fn string_argument(attribute: &ast::Attribute, name: &str) -> Option<String> {
    attribute
        .arguments
        .iter()
        .find(|a| a.is_named(name))
        .and_then(|a| match &a.value {
            Some(Expression::String(value, _)) => Some(value.to_string()),
            _ => None,
        })
}

/// The first positional argument, when it is a string.
fn first_string(attribute: &ast::Attribute) -> Option<String> {
    attribute
        .arguments
        .first()
        .and_then(|a| match (&a.name, &a.value) {
            (None, Some(Expression::String(value, _))) => Some(value.to_string()),
            _ => None,
        })
}

fn constant_argument(attribute: &ast::Attribute, name: &str) -> Option<String> {
    attribute
        .arguments
        .iter()
        .find(|a| a.is_named(name))
        .and_then(|a| match &a.value {
            Some(Expression::Constant(value, _)) => Some(value.to_string()),
            _ => None,
        })
}

/// The names in a field list argument (`fields: [a, b]`, or the first
/// positional one of `@@index([a(sort: Desc), b])`).
fn field_list(attribute: &ast::Attribute, name: Option<&str>) -> Vec<String> {
    let argument = match name {
        Some(name) => attribute.arguments.iter().find(|a| a.is_named(name)),
        None => attribute
            .arguments
            .iter()
            .find(|a| a.name.is_none() || a.is_named("fields")),
    };
    let Some(Some(Expression::Array(items, _))) = argument.map(|a| &a.value) else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| match item {
            Expression::Constant(name, _) => Some(name.to_string()),
            Expression::Function(call, _) => Some(call.name.name.to_string()),
            _ => None,
        })
        .collect()
}

fn read_model(declarations: &Declarations<'_>, file: usize, model: &ast::Model) -> Model {
    let name = model.name.name.to_string();
    let mapped = block_attribute(model, "map").and_then(first_string);
    let db_name = mapped.clone().unwrap_or_else(|| name.clone());
    let mut scalars = Vec::new();
    let mut relations = Vec::new();
    for field in &model.fields {
        match declarations.field_kind(field) {
            FieldKind::Relation(target) => {
                relations.push(read_relation(field, target));
            }
            FieldKind::Composite => {}
            _ => scalars.push(read_scalar(field)),
        }
    }
    let db_field = |name: &str| -> String {
        scalars
            .iter()
            .find(|s: &&Scalar| s.name == name)
            .map_or_else(|| name.to_string(), |s| s.db_name().to_string())
    };
    for relation in &mut relations {
        relation.columns = relation.fields.iter().map(|f| db_field(f)).collect();
    }
    let mut indexes = Vec::new();
    for attribute in &model.attributes {
        let unique = match attribute.name.name.as_str() {
            "unique" => true,
            "index" => false,
            _ => continue,
        };
        let columns: Vec<String> = field_list(attribute, None)
            .iter()
            .map(|f| db_field(f))
            .collect();
        let columns: Vec<&str> = columns.iter().map(String::as_str).collect();
        let map = string_argument(attribute, "map");
        let constraint_name = map.clone().unwrap_or_else(|| {
            if unique {
                constraint_names::unique(&db_name, &columns)
            } else {
                constraint_names::index(&db_name, &columns)
            }
        });
        indexes.push(Index {
            unique,
            fields: field_list(attribute, None),
            name: string_argument(attribute, "name"),
            map,
            constraint_name,
        });
    }
    Model {
        file,
        name,
        mapped,
        schema: block_attribute(model, "schema").and_then(first_string),
        documentation: model.documentation.as_deref().map(str::to_string),
        ignored: block_attribute(model, "ignore").is_some(),
        view: model.kind == ModelKind::View,
        scalars,
        relations,
        id_name: block_attribute(model, "id").and_then(|a| string_argument(a, "name")),
        indexes,
    }
}

fn read_scalar(field: &ast::Field) -> Scalar {
    let name = field.name.name.to_string();
    let mapped = field_attribute(field, "map").and_then(first_string);
    Scalar {
        name,
        mapped,
        documentation: field.documentation.as_deref().map(str::to_string),
        ignored: field_attribute(field, "ignore").is_some(),
        updated_at: field_attribute(field, "updatedAt").is_some(),
        arity: plumb_psl::schema::arity(field),
        unique: field_attribute(field, "unique").is_some(),
        client_default: field_attribute(field, "default").and_then(client_default),
    }
}

/// `uuid(7)`, `cuid()`, `nanoid(10)`, `ulid()`: the functions whose value
/// the client makes, written back as they were.
fn client_default(attribute: &ast::Attribute) -> Option<String> {
    let Some(Expression::Function(call, _)) = attribute.arguments.first()?.value.as_ref() else {
        return None;
    };
    let name = call.name.name.as_str();
    if !matches!(name, "uuid" | "cuid" | "nanoid" | "ulid") {
        return None;
    }
    let arguments: Vec<String> = call
        .arguments
        .iter()
        .filter_map(|a| match &a.value {
            Some(Expression::Number(n, _)) => Some(n.to_string()),
            _ => None,
        })
        .collect();
    Some(format!("{name}({})", arguments.join(", ")))
}

fn read_relation(field: &ast::Field, target: &ast::Model) -> RelationField {
    let attribute = field_attribute(field, "relation");
    let arity = plumb_psl::schema::arity(field).unwrap_or(Arity::Required);
    RelationField {
        name: field.name.name.to_string(),
        target: target.name.name.to_string(),
        relation_name: plumb_psl::schema::relation_name(field).map(str::to_string),
        columns: Vec::new(),
        fields: attribute.map_or_else(Vec::new, |a| field_list(a, Some("fields"))),
        references: attribute.map_or_else(Vec::new, |a| field_list(a, Some("references"))),
        map: attribute.and_then(|a| string_argument(a, "map")),
        arity,
        on_delete: attribute.and_then(|a| constant_argument(a, "onDelete")),
        on_update: attribute.and_then(|a| constant_argument(a, "onUpdate")),
        ignored: field_attribute(field, "ignore").is_some(),
        has_attribute: attribute.is_some(),
    }
}

fn read_enum(file: usize, enum_block: &ast::Enum) -> Enum {
    let attributes = &enum_block.attributes;
    let mapped = attributes
        .iter()
        .find(|a| a.name.name == "map")
        .and_then(first_string);
    Enum {
        file,
        name: enum_block.name.name.to_string(),
        mapped,
        schema: attributes
            .iter()
            .find(|a| a.name.name == "schema")
            .and_then(first_string),
        documentation: enum_block.documentation.as_deref().map(str::to_string),
        values: enum_block
            .values
            .iter()
            .map(|value| {
                let name = value.name.name.to_string();
                let mapped = value
                    .attributes
                    .iter()
                    .find(|a| a.name.name == "map")
                    .and_then(first_string);
                EnumValue {
                    name,
                    mapped,
                    documentation: value.documentation.as_deref().map(str::to_string),
                }
            })
            .collect(),
    }
}
