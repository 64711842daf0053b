//! Top-level declarations: one namespace for models, views, composite types
//! and enums; scalar type names are reserved.

use std::collections::BTreeMap;

use plumb_diagnostics::FileId;

use super::{Context, codes, report_repeated_names};
use crate::ast::{Enum, Model, ModelKind, SchemaFile, Top};

pub(crate) const SCALAR_TYPES: &[&str] = &[
    "String", "Boolean", "Int", "BigInt", "Float", "Decimal", "DateTime", "Json", "Bytes",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DeclarationKind {
    Model,
    View,
    CompositeType,
    Enum,
}

impl DeclarationKind {
    fn noun(self) -> &'static str {
        match self {
            DeclarationKind::Model => "model",
            DeclarationKind::View => "view",
            DeclarationKind::CompositeType => "composite type",
            DeclarationKind::Enum => "enum",
        }
    }
}

/// The first declaration of every top-level name.
pub(crate) struct Declarations {
    by_name: BTreeMap<String, DeclarationKind>,
}

impl Declarations {
    /// Collects the names, reporting every later declaration of a name
    /// already taken, as Prisma does (`The enum "A" cannot be defined
    /// because a model with that name already exists.`).
    pub(crate) fn collect(asts: &[(FileId, SchemaFile)], ctx: &mut Context<'_>) -> Declarations {
        let mut by_name = BTreeMap::new();
        for top in asts.iter().flat_map(|(_, ast)| &ast.tops) {
            let (kind, name) = match top {
                Top::Model(model) => (model_kind(model), &model.name),
                Top::Enum(enum_block) => (DeclarationKind::Enum, &enum_block.name),
                Top::Datasource(_) | Top::Generator(_) => continue,
            };
            if let Some(existing) = by_name.get(&name.name) {
                let existing: DeclarationKind = *existing;
                ctx.error(
                    codes::DUPLICATE_TOP_LEVEL_NAME,
                    format!(
                        "The {} \"{}\" cannot be defined because a {} with that name already exists.",
                        kind.noun(),
                        name.name,
                        existing.noun()
                    ),
                    name.span,
                );
            } else {
                by_name.insert(name.name.clone(), kind);
            }
        }
        Declarations { by_name }
    }

    pub(crate) fn get(&self, name: &str) -> Option<DeclarationKind> {
        self.by_name.get(name).copied()
    }
}

fn model_kind(model: &Model) -> DeclarationKind {
    match model.kind {
        ModelKind::Model => DeclarationKind::Model,
        ModelKind::View => DeclarationKind::View,
        ModelKind::CompositeType => DeclarationKind::CompositeType,
    }
}

pub(crate) fn model_name_is_not_reserved(model: &Model, ctx: &mut Context<'_>) {
    if SCALAR_TYPES.contains(&model.name.name.as_str()) {
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
