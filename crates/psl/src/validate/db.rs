//! The schema as the rules see it: declarations by name, what each field's
//! type refers to, and the datasource and generator settings that change
//! what is allowed.

use std::collections::{BTreeSet, HashMap};

use plumb_diagnostics::FileId;

use super::{Context, codes};
use crate::ast::{
    Arity, Attribute, BaseType, ConfigBlock, Enum, Expression, Field, Model, ModelKind, SchemaFile,
    Top,
};
use crate::types::ScalarType;

#[derive(Debug, Clone, Copy)]
pub(crate) enum Declared<'a> {
    Model(&'a Model),
    Enum(&'a Enum),
}

impl Declared<'_> {
    fn noun(self) -> &'static str {
        match self {
            Declared::Model(model) => kind_noun(model.kind),
            Declared::Enum(_) => "enum",
        }
    }
}

pub(crate) fn kind_noun(kind: ModelKind) -> &'static str {
    match kind {
        ModelKind::Model => "model",
        ModelKind::View => "view",
        ModelKind::CompositeType => "composite type",
    }
}

/// What a field's type refers to.
#[derive(Debug, Clone, Copy)]
pub(crate) enum FieldKind<'a> {
    Scalar(ScalarType),
    Enum(&'a Enum),
    /// A model or view: the field is a relation field.
    Relation(&'a Model),
    Composite,
    Unsupported,
    /// Missing or unknown (already reported).
    Unresolved,
}

pub(crate) struct Db<'a> {
    by_name: HashMap<&'a str, Declared<'a>>,
    pub(crate) models: Vec<&'a Model>,
    pub(crate) enums: Vec<&'a Enum>,
    pub(crate) datasources: Vec<&'a ConfigBlock>,
    pub(crate) generators: Vec<&'a ConfigBlock>,
}

impl<'a> Db<'a> {
    /// Collects the declarations, reporting every later declaration of a
    /// name already taken, as Prisma does (`The enum "A" cannot be defined
    /// because a model with that name already exists.`).
    pub(crate) fn collect(asts: &'a [(FileId, SchemaFile)], ctx: &mut Context<'_>) -> Db<'a> {
        let mut db = Db {
            by_name: HashMap::new(),
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
            if let Some(existing) = db.by_name.get(name.name.as_str()) {
                ctx.error(
                    codes::DUPLICATE_TOP_LEVEL_NAME,
                    format!(
                        "The {} \"{}\" cannot be defined because a {} with that name already exists.",
                        declared.noun(),
                        name.name,
                        existing.noun()
                    ),
                    name.span,
                );
            } else {
                db.by_name.insert(&name.name, declared);
            }
        }
        db
    }

    /// The same view, for callers that only read it (the formatter).
    pub(crate) fn without_diagnostics(asts: &'a [(FileId, SchemaFile)]) -> Db<'a> {
        let mut diagnostics = plumb_diagnostics::Diagnostics::new();
        let ctx = &mut Context {
            diagnostics: &mut diagnostics,
            errors: 0,
        };
        Db::collect(asts, ctx)
    }

    pub(crate) fn get(&self, name: &str) -> Option<Declared<'a>> {
        self.by_name.get(name).copied()
    }

    pub(crate) fn field_kind(&self, field: &Field) -> FieldKind<'a> {
        let Some(field_type) = &field.field_type else {
            return FieldKind::Unresolved;
        };
        let name = match &field_type.base {
            BaseType::Unsupported { .. } => return FieldKind::Unsupported,
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

    /// The name of the first datasource: the prefix of native type
    /// attributes (`@db.VarChar`).
    pub(crate) fn datasource_name(&self) -> Option<&'a str> {
        self.datasources.first().map(|ds| ds.name.name.as_str())
    }

    /// A string property of the first datasource.
    pub(crate) fn datasource_string(&self, property: &str) -> Option<&'a str> {
        let datasource = self.datasources.first()?;
        datasource
            .properties
            .iter()
            .find(|p| p.name.name == property)
            .and_then(|p| match &p.value {
                Some(Expression::String(value, _)) => Some(value.as_str()),
                _ => None,
            })
    }

    pub(crate) fn relation_mode_is_prisma(&self) -> bool {
        self.datasource_string("relationMode")
            .or_else(|| self.datasource_string("referentialIntegrity"))
            == Some("prisma")
    }

    /// Every preview feature named by any generator, in the canonical
    /// spelling of a known feature (Prisma ignores case here).
    pub(crate) fn preview_features(&self) -> BTreeSet<String> {
        self.generators
            .iter()
            .flat_map(|g| preview_feature_names(g))
            .map(|(name, _)| canonical_feature(name))
            .collect()
    }
}

pub(crate) fn arity(field: &Field) -> Option<Arity> {
    field.field_type.as_ref().map(|t| t.arity)
}

pub(crate) fn field_attribute<'a>(field: &'a Field, name: &str) -> Option<&'a Attribute> {
    field.attributes.iter().find(|a| a.name.name == name)
}

pub(crate) fn block_attribute<'a>(model: &'a Model, name: &str) -> Option<&'a Attribute> {
    model.attributes.iter().find(|a| a.name.name == name)
}

pub(crate) fn field<'a>(model: &'a Model, name: &str) -> Option<&'a Field> {
    model.fields.iter().find(|f| f.name.name == name)
}

/// The database name of a model (`@@map`) or field (`@map`).
pub(crate) fn mapped_name<'a>(attributes: &'a [Attribute], fallback: &'a str) -> &'a str {
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

/// The `previewFeatures` of a generator: a list of strings, or one string.
pub(crate) fn preview_feature_names(
    generator: &ConfigBlock,
) -> impl Iterator<Item = (&str, plumb_diagnostics::Span)> {
    generator
        .properties
        .iter()
        .filter(|p| p.name.name == "previewFeatures")
        .filter_map(|p| p.value.as_ref())
        .flat_map(|value| match value {
            Expression::Array(items, _) => items.iter().collect::<Vec<_>>(),
            single => vec![single],
        })
        .filter_map(|item| match item {
            Expression::String(name, span) => Some((name.as_str(), *span)),
            _ => None,
        })
}

/// `Views` → `views`: the known spelling of a feature, or the name as is.
pub(crate) fn canonical_feature(name: &str) -> String {
    super::config::PREVIEW_FEATURES
        .iter()
        .find(|known| known.eq_ignore_ascii_case(name))
        .map_or_else(|| name.to_string(), |known| (*known).to_string())
}
