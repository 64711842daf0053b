//! Read access to the declarations of a validated schema: lookups by name,
//! attributes and their arguments. Lowering runs only on schemas that
//! validated cleanly, so a missing piece here means "not written", never
//! "written wrong".

use std::collections::HashMap;

use plumb_diagnostics::FileId;
use plumb_psl::ast::{
    Argument, Arity, Attribute, BaseType, ConfigBlock, Enum, Expression, Field, Model, ModelKind,
    SchemaFile, Top,
};
use plumb_psl::types::ScalarType;

/// The declarations of all files of one schema, in declaration order.
pub(crate) struct Declarations<'a> {
    pub(crate) models: Vec<&'a Model>,
    pub(crate) enums: Vec<&'a Enum>,
    pub(crate) datasource: Option<&'a ConfigBlock>,
    by_name: HashMap<&'a str, Declared<'a>>,
}

#[derive(Clone, Copy)]
enum Declared<'a> {
    Model(&'a Model),
    Enum(&'a Enum),
}

/// What a field's type names.
#[derive(Clone, Copy)]
pub(crate) enum FieldKind<'a> {
    Scalar(ScalarType),
    Enum(&'a Enum),
    /// A relation to a model (or view).
    Relation(&'a Model),
    Unsupported(&'a str),
    /// A composite type, or anything validation would have rejected.
    Other,
}

impl<'a> Declarations<'a> {
    pub(crate) fn collect(files: &'a [(FileId, SchemaFile)]) -> Self {
        let mut declarations = Declarations {
            models: Vec::new(),
            enums: Vec::new(),
            datasource: None,
            by_name: HashMap::new(),
        };
        for (_, file) in files {
            for top in &file.tops {
                match top {
                    Top::Model(model) => {
                        declarations
                            .by_name
                            .insert(&model.name.name, Declared::Model(model));
                        declarations.models.push(model);
                    }
                    Top::Enum(enum_block) => {
                        declarations
                            .by_name
                            .insert(&enum_block.name.name, Declared::Enum(enum_block));
                        declarations.enums.push(enum_block);
                    }
                    Top::Datasource(block) => {
                        declarations.datasource.get_or_insert(block);
                    }
                    Top::Generator(_) => {}
                }
            }
        }
        declarations
    }

    pub(crate) fn field_kind(&self, field: &'a Field) -> FieldKind<'a> {
        let Some(field_type) = &field.field_type else {
            return FieldKind::Other;
        };
        match &field_type.base {
            BaseType::Unsupported { type_name, .. } => FieldKind::Unsupported(type_name),
            BaseType::Named(name) => {
                if let Some(scalar) = ScalarType::from_name(&name.name) {
                    return FieldKind::Scalar(scalar);
                }
                match self.by_name.get(name.name.as_str()) {
                    Some(Declared::Enum(e)) => FieldKind::Enum(e),
                    Some(Declared::Model(m)) if m.kind != ModelKind::CompositeType => {
                        FieldKind::Relation(m)
                    }
                    _ => FieldKind::Other,
                }
            }
        }
    }

    /// A string property of the datasource (`relationMode`).
    pub(crate) fn datasource_string(&self, property: &str) -> Option<&'a str> {
        match self.datasource_property(property)? {
            Expression::String(value, _) => Some(value),
            _ => None,
        }
    }

    pub(crate) fn datasource_property(&self, property: &str) -> Option<&'a Expression> {
        self.datasource?
            .properties
            .iter()
            .find(|p| p.name.name == property)
            .and_then(|p| p.value.as_ref())
    }

    /// Whether the client emulates relations (no foreign keys).
    pub(crate) fn relation_mode_is_prisma(&self) -> bool {
        self.datasource_string("relationMode")
            .or_else(|| self.datasource_string("referentialIntegrity"))
            == Some("prisma")
    }
}

pub(crate) fn arity(field: &Field) -> Arity {
    field
        .field_type
        .as_ref()
        .map_or(Arity::Required, |t| t.arity)
}

pub(crate) fn field_attribute<'a>(field: &'a Field, name: &str) -> Option<&'a Attribute> {
    field.attributes.iter().find(|a| a.name.name == name)
}

pub(crate) fn block_attributes<'a>(
    model: &'a Model,
    name: &'a str,
) -> impl Iterator<Item = &'a Attribute> + 'a {
    model.attributes.iter().filter(move |a| a.name.name == name)
}

/// An argument by name, or the first positional one for `positional`.
pub(crate) fn argument<'a>(
    attribute: &'a Attribute,
    name: &str,
    positional: bool,
) -> Option<&'a Expression> {
    attribute
        .arguments
        .iter()
        .enumerate()
        .find(|(i, a): &(usize, &Argument)| {
            a.is_named(name) || positional && a.name.is_none() && *i == 0
        })
        .and_then(|(_, a)| a.value.as_ref())
}

pub(crate) fn string_argument<'a>(
    attribute: &'a Attribute,
    name: &str,
    positional: bool,
) -> Option<&'a str> {
    match argument(attribute, name, positional)? {
        Expression::String(value, _) => Some(value),
        _ => None,
    }
}

/// `@map("x")` / `@@map("x")`, else the name as written.
pub(crate) fn mapped_name<'a>(attributes: &'a [Attribute], fallback: &'a str) -> &'a str {
    attributes
        .iter()
        .find(|a| a.name.name == "map")
        .and_then(|a| string_argument(a, "name", true))
        .unwrap_or(fallback)
}

pub(crate) fn column_name(field: &Field) -> &str {
    mapped_name(&field.attributes, &field.name.name)
}

pub(crate) fn table_name(model: &Model) -> &str {
    mapped_name(&model.attributes, &model.name.name)
}

pub(crate) fn field<'a>(model: &'a Model, name: &str) -> Option<&'a Field> {
    model.fields.iter().find(|f| f.name.name == name)
}

/// The relation name of a relation field, if it has one.
pub(crate) fn relation_name(field: &Field) -> Option<&str> {
    string_argument(field_attribute(field, "relation")?, "name", true)
}

/// A field reference in a list (`[a, b(sort: Desc)]`): its name and
/// arguments.
pub(crate) fn field_reference(expression: &Expression) -> Option<(&str, &[Argument])> {
    match expression {
        Expression::Constant(name, _) => Some((name, &[])),
        Expression::Function {
            name, arguments, ..
        } => Some((&name.name, arguments)),
        _ => None,
    }
}

/// The field references of a list argument (`fields: [a, b]`).
pub(crate) fn field_references(expression: Option<&Expression>) -> Vec<(&str, &[Argument])> {
    match expression {
        Some(Expression::Array(items, _)) => items.iter().filter_map(field_reference).collect(),
        Some(single) => field_reference(single).into_iter().collect(),
        None => Vec::new(),
    }
}
