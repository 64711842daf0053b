//! Top-level declarations: one namespace for models, views, composite types
//! and enums; scalar type names are reserved.

use foldhash::{HashMap, HashMapExt};

use super::db::{self, Declarations, FieldKind, kind_noun, mapped_name};
use super::{Context, codes, report_repeated_names};
use crate::ast::{Enum, Field, Model, ModelKind};
use crate::types::{CLIENT_RESERVED_NAMES, ScalarType};

pub(crate) fn model_name_is_not_reserved(model: &Model, ctx: &mut Context<'_>) {
    let name = &model.name.name;
    if CLIENT_RESERVED_NAMES.contains(&name.as_str()) {
        let noun = if model.kind == ModelKind::View {
            "view"
        } else {
            "model"
        };
        ctx.error(
            codes::RESERVED_NAME,
            format!(
                "Error validating model \"{name}\": The {noun} name `{name}` is invalid. It is a reserved name. Please change it. Read more at https://pris.ly/d/naming-models"
            ),
            model.name.span,
        );
    }
    if ScalarType::from_name(&model.name.name).is_some() {
        ctx.error(
            codes::RESERVED_NAME,
            format!(
                "\"{}\" is a reserved scalar type name and cannot be used.",
                model.name.name
            ),
            model.name.span,
        );
    }
}

pub(crate) fn enum_values_are_unique(enum_block: &Enum, ctx: &mut Context<'_>) {
    let names = enum_block.values.iter().map(|value| &value.name);
    report_repeated_names(names, ctx, codes::DUPLICATE_ENUM_VALUE, |name| {
        format!(
            "Value \"{name}\" is already defined on enum \"{}\".",
            enum_block.name.name
        )
    });
}

/// Two models may not map to one table name; tables in different
/// PostgreSQL schemas may share a name.
pub(crate) fn table_names_are_unique(db: &Declarations<'_>, ctx: &mut Context<'_>) {
    // Models first, then views, as Prisma walks them.
    let tables = db
        .models
        .iter()
        .filter(|m| m.kind == ModelKind::Model)
        .chain(db.models.iter().filter(|m| m.kind == ModelKind::View));
    let mut seen: HashMap<(Option<&str>, &str), &Model> = HashMap::new();
    for &model in tables {
        let key = (
            schema_of(&model.attributes),
            mapped_name(&model.attributes, &model.name.name),
        );
        let Some(&existing) = seen.get(&key) else {
            seen.insert(key, model);
            continue;
        };
        // Two models of one name are reported as such. Otherwise one of
        // the two has a `@@map`: the error points at it.
        if existing.name.name == model.name.name {
            continue;
        }
        let (at, other) = match db::block_attribute(model, "map") {
            Some(map) => (map, existing),
            None => match db::block_attribute(existing, "map") {
                Some(map) => (map, model),
                None => continue,
            },
        };
        ctx.error(
            codes::DATABASE_NAME_TAKEN,
            format!(
                "The {} with database name \"{}\" could not be defined because another model or view with this name exists: \"{}\"",
                kind_noun(model.kind),
                key.1,
                other.name.name
            ),
            at.span,
        );
    }
}

pub(crate) fn column_names_are_unique(db: &Declarations<'_>, ctx: &mut Context<'_>) {
    for &model in &db.models {
        if model.kind != ModelKind::CompositeType {
            columns_are_unique(model, db, ctx);
        }
    }
}

/// A field's `@map` may not name another scalar field's column. The error
/// goes on the mapped field, as in Prisma; unlike Prisma, a field whose own
/// `@map` moves it elsewhere frees its name (Prisma's verdict there depends
/// on field order, see docs/compatibility.md).
fn columns_are_unique(model: &Model, db: &Declarations<'_>, ctx: &mut Context<'_>) {
    let scalars: Vec<&Field> = model
        .fields
        .iter()
        .filter(|f| !matches!(db.field_kind(f), FieldKind::Relation(_)))
        .collect();
    let is_mapped = |field: &Field| field.attributes.iter().any(|a| a.name.name == "map");
    let mut mapped_so_far: HashMap<&str, &Field> = HashMap::new();
    for &field in &scalars {
        if !is_mapped(field) {
            continue;
        }
        let column = mapped_name(&field.attributes, &field.name.name);
        let earlier = mapped_so_far.insert(column, field);
        let unmapped_namesake = || {
            scalars
                .iter()
                .find(|other| other.name.name == column && !is_mapped(other))
                .copied()
        };
        let Some(existing) = earlier.or_else(unmapped_namesake) else {
            continue;
        };
        if std::ptr::eq(existing, field) {
            continue;
        }
        ctx.error(
            codes::DATABASE_NAME_TAKEN,
            format!(
                "Error validating field `{}` in model `{}`: The field with database name `{column}` could not be defined because another field with this name exists: `{}`",
                field.name.name, model.name.name, existing.name.name
            ),
            field.name.span,
        );
    }
}

pub(super) fn schema_of(attributes: &[crate::ast::Attribute]) -> Option<&str> {
    attributes
        .iter()
        .find(|a| a.name.name == "schema")
        .and_then(|a| a.arguments.first())
        .and_then(|a| match &a.value {
            Some(crate::ast::Expression::String(name, _)) => Some(name.as_str()),
            _ => None,
        })
}

/// A name may not start with a digit nor contain `-` (the grammar allows
/// both so that the message can be precise).
fn name_is_well_formed(name: &crate::ast::Identifier, noun: &str, ctx: &mut Context<'_>) {
    if name.name.starts_with(|c: char| c.is_ascii_digit()) {
        ctx.error(
            codes::INVALID_NAME,
            format!("Error validating: The name of a {noun} must not start with a number."),
            name.span,
        );
    } else if name.name.contains('-') {
        ctx.error(
            codes::INVALID_NAME,
            format!("Error validating: The character `-` is not allowed in {noun} names."),
            name.span,
        );
    }
}

pub(crate) fn model_names_are_well_formed(model: &Model, ctx: &mut Context<'_>) {
    let noun = match model.kind {
        ModelKind::Model => "Model",
        ModelKind::View => "View",
        ModelKind::CompositeType => "Composite Type",
    };
    name_is_well_formed(&model.name, noun, ctx);
    for field in &model.fields {
        name_is_well_formed(&field.name, "Field", ctx);
    }
}

pub(crate) fn enum_is_well_formed(enum_block: &Enum, ctx: &mut Context<'_>) {
    name_is_well_formed(&enum_block.name, "Enum", ctx);
    let name = &enum_block.name.name;
    if CLIENT_RESERVED_NAMES.contains(&name.as_str()) {
        ctx.error(
            codes::RESERVED_NAME,
            format!(
                "Error validating enum `{name}`: The enum name `{name}` is invalid. It is a reserved name. Please change it. Read more at https://www.prisma.io/docs/reference/tools-and-interfaces/prisma-schema/data-model#naming-enums"
            ),
            enum_block.name.span,
        );
    }
    if ScalarType::from_name(&enum_block.name.name).is_some() {
        ctx.error(
            codes::RESERVED_NAME,
            format!(
                "\"{}\" is a reserved scalar type name and cannot be used.",
                enum_block.name.name
            ),
            enum_block.name.span,
        );
    }
    if enum_block.values.is_empty() {
        ctx.error(
            codes::EMPTY_ENUM,
            "Error validating: An enum must have at least one value.",
            enum_block.name.span,
        );
    }
    for value in &enum_block.values {
        name_is_well_formed(&value.name, "Enum Value", ctx);
    }
}

/// Two enums may not map to one PostgreSQL type name.
pub(crate) fn enum_database_names_are_unique(db: &Declarations<'_>, ctx: &mut Context<'_>) {
    let mut seen: HashMap<(Option<&str>, &str), &Enum> = HashMap::new();
    for &enum_block in &db.enums {
        let key = (
            schema_of(&enum_block.attributes),
            mapped_name(&enum_block.attributes, &enum_block.name.name),
        );
        // Two enums of one name are already reported as such.
        if let Some(existing) = seen.insert(key, enum_block)
            && existing.name.name != enum_block.name.name
        {
            ctx.error(
                codes::DATABASE_NAME_TAKEN,
                "An enum with the same database name is already defined.",
                enum_block.name.span,
            );
        }
    }
}

pub(crate) fn generator_names_are_unique(db: &Declarations<'_>, ctx: &mut Context<'_>) {
    let names = db.generators.iter().map(|g| &g.name);
    report_repeated_names(names, ctx, codes::DUPLICATE_TOP_LEVEL_NAME, |name| {
        format!(
            "The generator \"{name}\" cannot be defined because a generator with that name already exists."
        )
    });
}

/// Every later declaration of a name already taken, in Prisma's words
/// (`The enum "A" cannot be defined because a model with that name already
/// exists.`).
pub(crate) fn names_are_declared_once(db: &Declarations<'_>, ctx: &mut Context<'_>) {
    for again in &db.redeclarations {
        ctx.error(
            codes::DUPLICATE_TOP_LEVEL_NAME,
            format!(
                "The {} \"{}\" cannot be defined because a {} with that name already exists.",
                again.declared.noun(),
                again.name.name,
                again.existing.noun()
            ),
            again.name.span,
        );
    }
}
