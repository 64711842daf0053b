//! A parsed schema read as declarations: lookups by name, what each field's
//! type refers to, the datasource settings, and the small readers of
//! attributes every later stage needs (`@map` names, relation names).
//! Validation, the formatter and lowering all read the schema through this
//! module, so each convention is written once.

use foldhash::{HashMap, HashMapExt};

use plumb_diagnostics::FileId;

use crate::ast::{
    Arity, Attribute, BaseType, ConfigBlock, Enum, Expression, Field, Identifier, Model, ModelKind,
    SchemaFile, Top,
};
use crate::types::ScalarType;

#[derive(Debug, Clone, Copy)]
pub enum Declared<'a> {
    Model(&'a Model),
    Enum(&'a Enum),
}

impl Declared<'_> {
    pub fn noun(self) -> &'static str {
        match self {
            Declared::Model(model) => kind_noun(model.kind),
            Declared::Enum(_) => "enum",
        }
    }
}

pub fn kind_noun(kind: ModelKind) -> &'static str {
    match kind {
        ModelKind::Model => "model",
        ModelKind::View => "view",
        ModelKind::CompositeType => "composite type",
    }
}

/// What a field's type refers to.
#[derive(Debug, Clone, Copy)]
pub enum FieldKind<'a> {
    Scalar(ScalarType),
    Enum(&'a Enum),
    /// A model or view: the field is a relation field.
    Relation(&'a Model),
    Composite,
    /// `Unsupported("type")`: the type as written.
    Unsupported(&'a str),
    /// Missing or unknown (already reported).
    Unresolved,
}

/// A name declared again: the later declaration, and the one that has it.
#[derive(Debug, Clone, Copy)]
pub struct Redeclaration<'a> {
    pub declared: Declared<'a>,
    pub name: &'a Identifier,
    pub existing: Declared<'a>,
}

/// The declarations of all files of one schema, in declaration order.
#[derive(Debug)]
pub struct Declarations<'a> {
    by_name: HashMap<&'a str, Declared<'a>>,
    /// Names declared twice (the first declaration keeps the name).
    pub redeclarations: Vec<Redeclaration<'a>>,
    pub models: Vec<&'a Model>,
    pub enums: Vec<&'a Enum>,
    pub datasources: Vec<&'a ConfigBlock>,
    pub generators: Vec<&'a ConfigBlock>,
}

impl<'a> Declarations<'a> {
    pub fn collect(asts: &'a [(FileId, SchemaFile)]) -> Declarations<'a> {
        let mut db = Declarations {
            by_name: HashMap::new(),
            redeclarations: Vec::new(),
            models: Vec::new(),
            enums: Vec::new(),
            datasources: Vec::new(),
            generators: Vec::new(),
        };
        for top in asts.iter().flat_map(|(_, ast)| &ast.tops) {
            let (declared, name) = match top {
                Top::Model(model) => {
                    db.models.push(model);
                    (Declared::Model(model), &model.name)
                }
                Top::Enum(enum_block) => {
                    db.enums.push(enum_block);
                    (Declared::Enum(enum_block), &enum_block.name)
                }
                Top::Datasource(block) => {
                    db.datasources.push(block);
                    continue;
                }
                Top::Generator(block) => {
                    db.generators.push(block);
                    continue;
                }
            };
            if name.name.is_empty() {
                continue;
            }
            match db.by_name.get(name.name.as_str()) {
                Some(&existing) => db.redeclarations.push(Redeclaration {
                    declared,
                    name,
                    existing,
                }),
                None => {
                    db.by_name.insert(&name.name, declared);
                }
            }
        }
        db
    }

    pub fn get(&self, name: &str) -> Option<Declared<'a>> {
        self.by_name.get(name).copied()
    }

    pub fn field_kind(&self, field: &'a Field) -> FieldKind<'a> {
        let Some(field_type) = &field.field_type else {
            return FieldKind::Unresolved;
        };
        let name = match &field_type.base {
            BaseType::Unsupported { type_name, .. } => return FieldKind::Unsupported(type_name),
            BaseType::Named(name) => name.name.as_str(),
        };
        if let Some(scalar) = ScalarType::from_name(name) {
            return FieldKind::Scalar(scalar);
        }
        match self.get(name) {
            Some(Declared::Enum(enum_block)) => FieldKind::Enum(enum_block),
            Some(Declared::Model(model)) if model.kind == ModelKind::CompositeType => {
                FieldKind::Composite
            }
            Some(Declared::Model(model)) => FieldKind::Relation(model),
            None => FieldKind::Unresolved,
        }
    }

    /// Every preview feature the generators enable, in canonical spelling.
    pub fn preview_features(&self) -> std::collections::BTreeSet<String> {
        crate::validate::config::preview_features(self)
    }

    /// The names in the datasource's `schemas = [...]`, if it has one.
    pub fn declared_schemas(&self) -> Option<Vec<&'a str>> {
        match self.datasource_property("schemas")? {
            Expression::Array(items, _) => Some(
                items
                    .iter()
                    .filter_map(|item| match item {
                        Expression::String(name, _) => Some(name.as_str()),
                        _ => None,
                    })
                    .collect(),
            ),
            _ => None,
        }
    }

    /// The name of the first datasource: the prefix of native type
    /// attributes (`@db.VarChar`).
    pub fn datasource_name(&self) -> Option<&'a str> {
        self.datasources.first().map(|ds| ds.name.name.as_str())
    }

    /// A property of the first datasource.
    pub fn datasource_property(&self, property: &str) -> Option<&'a Expression> {
        self.datasources
            .first()?
            .properties
            .iter()
            .find(|p| p.name.name == property)
            .and_then(|p| p.value.as_ref())
    }

    /// A string property of the first datasource.
    pub fn datasource_string(&self, property: &str) -> Option<&'a str> {
        match self.datasource_property(property)? {
            Expression::String(value, _) => Some(value),
            _ => None,
        }
    }

    /// The field on the other side of `field`'s relation: in `target`, with
    /// the same relation name, pointing back at `model`.
    pub fn opposite(&self, model: &Model, field: &Field, target: &'a Model) -> Option<&'a Field> {
        let name = relation_name(field);
        target.fields.iter().find(|candidate| {
            !std::ptr::eq(*candidate, field)
                && relation_name(candidate) == name
                && matches!(self.field_kind(candidate), FieldKind::Relation(m) if std::ptr::eq(m, model))
        })
    }

    pub fn relation_mode_is_prisma(&self) -> bool {
        self.datasource_string("relationMode")
            .or_else(|| self.datasource_string("referentialIntegrity"))
            == Some("prisma")
    }
}

pub fn arity(field: &Field) -> Option<Arity> {
    field.field_type.as_ref().map(|t| t.arity)
}

pub fn field_attribute<'a>(field: &'a Field, name: &str) -> Option<&'a Attribute> {
    field.attributes.iter().find(|a| a.name.name == name)
}

pub fn block_attribute<'a>(model: &'a Model, name: &str) -> Option<&'a Attribute> {
    model.attributes.iter().find(|a| a.name.name == name)
}

pub fn field<'a>(model: &'a Model, name: &str) -> Option<&'a Field> {
    model.fields.iter().find(|f| f.name.name == name)
}

/// The database name of a model (`@@map`) or field (`@map`).
pub fn mapped_name<'a>(attributes: &'a [Attribute], fallback: &'a str) -> &'a str {
    attributes
        .iter()
        .find(|a| a.name.name == "map")
        .and_then(|a| a.arguments.first())
        .and_then(|a| match &a.value {
            Some(Expression::String(name, _)) => Some(name.as_str()),
            _ => None,
        })
        .unwrap_or(fallback)
}

/// The relation name of a relation field (`@relation("name")` or
/// `@relation(name: "name")`), if it has one.
pub fn relation_name(field: &Field) -> Option<&str> {
    let attribute = field_attribute(field, "relation")?;
    attribute
        .arguments
        .iter()
        .enumerate()
        .find(|(i, arg)| arg.is_named("name") || arg.name.is_none() && *i == 0)
        .and_then(|(_, arg)| match &arg.value {
            Some(Expression::String(name, _)) => Some(name.as_str()),
            _ => None,
        })
}
