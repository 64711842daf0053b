//! One row in every table of a generated schema, so that a migration is
//! also tried on tables that hold data.

use crate::model::{Arity, Field, Model, Schema, Type};
use plumb_sql_quote::{ident, literal};

/// `INSERT` statements putting one row in every table of `schema`, parents
/// before children (the generator points required relations backwards).
/// Optional foreign keys stay NULL.
pub fn insert_one_row_each(schema: &Schema) -> String {
    let mut sql = String::new();
    for model in &schema.models {
        let mut columns = Vec::new();
        let mut values = Vec::new();
        for field in &model.fields {
            columns.push(ident(field.map.as_deref().unwrap_or(&field.name)));
            values.push(value(schema, field));
        }
        for relation in schema.relations.iter().filter(|r| r.holder == model.name) {
            if relation.optional {
                continue;
            }
            if let Some(id) = schema.referenced_id(&relation.target) {
                columns.push(ident(&relation.field));
                values.push(value(schema, id));
            }
        }
        sql.push_str(&format!(
            "INSERT INTO {} ({}) VALUES ({});\n",
            table(model),
            columns.join(", "),
            values.join(", ")
        ));
    }
    sql
}

fn table(model: &Model) -> String {
    let namespace = model.namespace.as_deref().unwrap_or("public");
    format!(
        "{}.{}",
        ident(namespace),
        ident(model.map.as_deref().unwrap_or(&model.name))
    )
}

/// A value for `field`, as an untyped literal PostgreSQL casts to the
/// column's type; `'1'` reads as a number, a boolean, text and JSON, so a
/// later type change has data it can convert.
fn value(schema: &Schema, field: &Field) -> String {
    if field.arity == Arity::List {
        return literal("{}");
    }
    let text = match &field.ty {
        Type::String if field.native.as_deref() == Some("Uuid") => {
            "00000000-0000-0000-0000-000000000001".to_string()
        }
        Type::DateTime => "2020-01-01 00:00:00".to_string(),
        Type::Float | Type::Decimal => "1.5".to_string(),
        Type::Enum(name) => schema
            .enumeration(name)
            .map(|e| {
                let value = &e.values[0];
                value.map.clone().unwrap_or_else(|| value.name.clone())
            })
            .unwrap_or_default(),
        _ => "1".to_string(),
    };
    literal(&text)
}
