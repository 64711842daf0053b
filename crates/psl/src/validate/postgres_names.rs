//! Schemas Prisma accepts but whose migration PostgreSQL always refuses:
//! rejected here with the place to fix, rather than with a failed
//! migration (docs/compatibility.md, "Schema diagnostics").

use foldhash::{HashMap, HashMapExt};

use super::db::{self, Declarations, mapped_name};
use super::names::schema_of;
use super::{Context, codes};
use crate::ast::{Attribute, Enum, Expression, Model, ModelKind};
use plumb_diagnostics::Span;

/// Two values of an enum may not have one database label (`B @map("A")`
/// beside `A`): `CREATE TYPE` refuses the repeated label.
pub(crate) fn enum_labels_are_unique(enum_block: &Enum, ctx: &mut Context<'_>) {
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for value in &enum_block.values {
        let label = mapped_name(&value.attributes, &value.name.name);
        match seen.insert(label, &value.name.name) {
            Some(earlier) if earlier != value.name.name => ctx.error(
                codes::DATABASE_NAME_TAKEN,
                format!(
                    "The value `{}` of enum `{}` has the database label \"{label}\", which the value `{earlier}` has already: PostgreSQL refuses an enum with a repeated label.",
                    value.name.name, enum_block.name.name
                ),
                attribute_span(&value.attributes, "map").unwrap_or(value.name.span),
            ),
            _ => {}
        }
    }
}

/// An enum's type may not have a table's name in the same PostgreSQL
/// schema: every table has a row type of its own name, so `CREATE TYPE`
/// (or `CREATE TABLE`) fails with "type already exists".
pub(crate) fn enum_types_are_not_table_names(db: &Declarations<'_>, ctx: &mut Context<'_>) {
    let tables: HashMap<(Option<&str>, &str), &Model> = db
        .models
        .iter()
        .filter(|model| model.kind != ModelKind::CompositeType)
        .map(|&model| {
            (
                (
                    schema_of(&model.attributes),
                    mapped_name(&model.attributes, &model.name.name),
                ),
                model,
            )
        })
        .collect();
    for &enum_block in &db.enums {
        let key = (
            schema_of(&enum_block.attributes),
            mapped_name(&enum_block.attributes, &enum_block.name.name),
        );
        if let Some(model) = tables.get(&key) {
            ctx.error(
                codes::DATABASE_NAME_TAKEN,
                format!(
                    "The enum `{}` has the database name \"{}\", which the {} `{}` has for its table: PostgreSQL gives every table a type of its name, so the two cannot both be created.",
                    enum_block.name.name,
                    key.1,
                    if model.kind == ModelKind::View { "view" } else { "model" },
                    model.name.name
                ),
                attribute_span(&enum_block.attributes, "map")
                    .unwrap_or(enum_block.name.span),
            );
        }
    }
}

/// A `@db.Uuid` field's string default must be a UUID as PostgreSQL reads
/// one, or every insert (and the migration) fails.
pub(crate) fn uuid_defaults_are_uuids(model: &Model, ctx: &mut Context<'_>) {
    for field in &model.fields {
        let is_uuid = field.attributes.iter().any(|a| {
            a.name
                .name
                .split_once('.')
                .is_some_and(|(_, t)| t == "Uuid")
        });
        if !is_uuid {
            continue;
        }
        let Some(value) = db::field_attribute(field, "default")
            .and_then(|a| a.arguments.first())
            .and_then(|a| a.value.as_ref())
        else {
            continue;
        };
        let items: &[Expression] = match value {
            Expression::Array(items, _) => items,
            single => std::slice::from_ref(single),
        };
        for item in items {
            if let Expression::String(raw, span) = item
                && !is_postgres_uuid(raw)
            {
                ctx.error(
                    codes::DEFAULT_VALUE,
                    format!(
                        "Error parsing attribute \"@default\": \"{raw}\" is not a valid UUID, which a @db.Uuid column needs."
                    ),
                    *span,
                );
            }
        }
    }
}

/// Where the attribute `name` is, if there.
fn attribute_span(attributes: &[Attribute], name: &str) -> Option<Span> {
    attributes
        .iter()
        .find(|a| a.name.name == name)
        .map(|a| a.span)
}

/// PostgreSQL's `uuid` input: 32 hexadecimal digits, a hyphen allowed after
/// any group of four, the whole optionally between braces.
fn is_postgres_uuid(text: &str) -> bool {
    let inner = match text.strip_prefix('{') {
        Some(rest) => match rest.strip_suffix('}') {
            Some(inner) => inner,
            None => return false,
        },
        None => text,
    };
    let mut digits = 0;
    let mut hyphen_allowed = false;
    for c in inner.chars() {
        if c.is_ascii_hexdigit() {
            digits += 1;
            hyphen_allowed = digits % 4 == 0 && digits < 32;
        } else if c == '-' && hyphen_allowed {
            hyphen_allowed = false;
        } else {
            return false;
        }
    }
    digits == 32
}

#[cfg(test)]
mod tests {
    use super::is_postgres_uuid;

    /// What PostgreSQL 15's `'…'::uuid` accepted and refused.
    #[test]
    fn uuids_as_postgresql_reads_them() {
        for accepted in [
            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
            "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11",
            "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}",
            "a0eebc999c0b4ef8bb6d6bb9bd380a11",
            "a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11",
            "{a0eebc99-9c0b4ef8-bb6d6bb9-bd380a11}",
        ] {
            assert!(is_postgres_uuid(accepted), "{accepted}");
        }
        for refused in [
            "abc",
            "",
            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1",
            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11-",
            "a0eebc99--9c0b-4ef8-bb6d-6bb9bd380a11",
            "-a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
            "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
            "a0eeb-c99-9c0b-4ef8-bb6d-6bb9bd380a11",
            "g0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
        ] {
            assert!(!is_postgres_uuid(refused), "{refused}");
        }
    }
}
