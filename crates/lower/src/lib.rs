//! A validated Prisma schema → the SQL schema IR, with Prisma's conventions:
//! table and column names after `@map`, PostgreSQL types for Prisma types,
//! defaults, constraint names (`User_pkey`, `Post_authorId_fkey`, cut to 63
//! bytes as Prisma cuts them), implicit many-to-many join tables, and no
//! foreign keys under `relationMode = "prisma"`.
//!
//! Objects are created in Prisma's order (enums and models in declaration
//! order; per table: columns, primary key, `@unique` fields, `@@index`,
//! `@@unique`; foreign keys by relation field; join tables last), because
//! migration steps are ordered by it.

mod column_types;
mod defaults;
mod indexes;
mod relations;
mod schema;

use std::collections::BTreeSet;

use plumb_diagnostics::FileId;
use plumb_ir::{Column, ColumnArity, Enum, Extension, Name, QualifiedName, Table};
use plumb_psl::ast::{Arity, Expression, Model, ModelKind, SchemaFile};

use plumb_psl::schema::{Declarations, FieldKind, mapped_name};

/// The namespace Prisma writes unqualified.
pub use plumb_ir::DEFAULT_NAMESPACE;

/// Lowers the files of a schema that validated without errors.
pub fn lower(files: &[(FileId, SchemaFile)]) -> plumb_ir::Schema {
    let declarations = Declarations::collect(files);
    let mut schema = plumb_ir::Schema {
        extensions: extensions(&declarations),
        ..plumb_ir::Schema::default()
    };
    for enum_block in &declarations.enums {
        schema.enums.push(Enum {
            name: enum_name(enum_block),
            values: enum_block
                .values
                .iter()
                .map(|v| Name::new(mapped_name(&v.attributes, &v.name.name)))
                .collect(),
        });
    }
    for model in tables_of(&declarations) {
        schema.tables.push(table(model, &declarations));
    }
    relations::lower_relations(&declarations, &mut schema);
    schema.namespaces = namespaces(&schema);
    schema
}

/// The models that are tables: not views, not composite types.
fn tables_of<'a, 'd>(declarations: &'d Declarations<'a>) -> impl Iterator<Item = &'a Model> + 'd {
    declarations
        .models
        .iter()
        .copied()
        .filter(|m| m.kind == ModelKind::Model)
}

/// `@@schema("x")`: `None` for the default namespace.
fn namespace(attributes: &[plumb_psl::ast::Attribute]) -> Option<Name> {
    attributes
        .iter()
        .find(|a| a.name.name == "schema")
        .and_then(|a| schema::string_argument(a, "name", true))
        .filter(|name| *name != DEFAULT_NAMESPACE)
        .map(Name::new)
}

/// An enum's type name: namespace and `@@map` name.
pub(crate) fn enum_name(enum_block: &plumb_psl::ast::Enum) -> QualifiedName {
    QualifiedName {
        namespace: namespace(&enum_block.attributes),
        name: Name::new(mapped_name(&enum_block.attributes, &enum_block.name.name)),
    }
}

pub(crate) fn qualified_table_name(model: &Model) -> QualifiedName {
    QualifiedName {
        namespace: namespace(&model.attributes),
        name: Name::new(schema::table_name(model)),
    }
}

fn table(model: &Model, declarations: &Declarations<'_>) -> Table {
    let mut columns = Vec::with_capacity(model.fields.len());
    for field in &model.fields {
        let kind = declarations.field_kind(field);
        let column_type = match kind {
            FieldKind::Scalar(scalar) => column_types::scalar_column_type(field, scalar),
            FieldKind::Enum(enum_block) => plumb_ir::ColumnType::Enum(enum_name(enum_block)),
            FieldKind::Unsupported(type_name) => {
                plumb_ir::ColumnType::Unsupported(Name::new(type_name))
            }
            FieldKind::Relation(_) | FieldKind::Composite | FieldKind::Unresolved => continue,
        };
        let (default, auto_increment, client_default) = defaults::column_default(field, kind);
        columns.push(Column {
            name: Name::new(schema::column_name(field)),
            column_type,
            arity: match schema::arity(field) {
                Arity::Required => ColumnArity::Required,
                Arity::Optional => ColumnArity::Nullable,
                Arity::List => ColumnArity::List,
            },
            default,
            auto_increment,
            sequence: None,
            client_default,
        });
    }
    // A fresh allocation of the exact size: shrinking in place would leave
    // a hole in the heap per table.
    let mut exact = Vec::with_capacity(columns.len());
    exact.append(&mut columns);
    let columns = exact;
    let name = qualified_table_name(model);
    let primary_key = indexes::primary_key(model, &name.name);
    let indexes = indexes::indexes(model, &name.name);
    Table {
        name,
        columns,
        primary_key,
        indexes,
    }
}

/// `extensions = [pg_trgm, uuidOssp(map: "uuid-ossp", schema: "x")]`,
/// sorted by the name written in the schema, as Prisma creates them.
fn extensions(declarations: &Declarations<'_>) -> Vec<Extension> {
    let Some(Expression::Array(items, _)) = declarations.datasource_property("extensions") else {
        return Vec::new();
    };
    let mut extensions: Vec<(String, Extension)> = items
        .iter()
        .filter_map(|item| {
            let (name, arguments) = schema::field_reference(item)?;
            let named = |key: &str| {
                arguments
                    .iter()
                    .find(|a| a.is_named(key))
                    .and_then(|a| match &a.value {
                        Some(Expression::String(value, _)) => Some(value.to_string()),
                        _ => None,
                    })
            };
            Some((
                name.to_string(),
                Extension {
                    name: named("map").unwrap_or_else(|| name.to_string()),
                    schema: named("schema"),
                    version: named("version"),
                },
            ))
        })
        .collect();
    extensions.sort_by(|a, b| a.0.cmp(&b.0));
    extensions.into_iter().map(|(_, e)| e).collect()
}

/// The namespaces a database built from the schema holds: the ones its
/// tables and enums use, and `public`, sorted. A declared namespace that
/// holds nothing is not among them: nothing creates it (Prisma takes it
/// to exist, and a migration that puts the first table in it fails).
fn namespaces(schema: &plumb_ir::Schema) -> Vec<Name> {
    let mut names: BTreeSet<Name> = schema
        .tables
        .iter()
        .map(|t| &t.name)
        .chain(schema.enums.iter().map(|e| &e.name))
        .map(|name| {
            name.namespace
                .unwrap_or_else(|| Name::new(DEFAULT_NAMESPACE))
        })
        .collect();
    names.insert(Name::new(DEFAULT_NAMESPACE));
    names.into_iter().collect()
}
