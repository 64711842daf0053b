//! Validation: small rules, each a function named after what it asserts,
//! called in a readable order from [`validate`]. Every rule reports through
//! the diagnostics it is handed and never stops the others.
//!
//! Rules live beside what they check: `names.rs` (declarations and their
//! uniqueness), `models.rs` (fields and attributes of one model),
//! `connector.rs` (what PostgreSQL does not support).

mod connector;
mod models;
mod names;

use plumb_diagnostics::{Diagnostic, Diagnostics, FileId, Span};

use crate::ast::{Enum, Model, SchemaFile, Top};

/// Stable codes of validation diagnostics. Retire codes, never reuse them.
pub mod codes {
    pub const DUPLICATE_TOP_LEVEL_NAME: &str = "E0101";
    pub const RESERVED_NAME: &str = "E0102";
    pub const DUPLICATE_FIELD: &str = "E0103";
    pub const DUPLICATE_ENUM_VALUE: &str = "E0104";
    pub const UNKNOWN_TYPE: &str = "E0105";
    pub const NO_UNIQUE_CRITERIA: &str = "E0106";
    pub const MULTIPLE_DATASOURCES: &str = "E0107";
    pub const COMPOSITE_TYPE_UNSUPPORTED: &str = "E0108";
    pub const FULLTEXT_UNSUPPORTED: &str = "E0109";
    pub const DEFAULT_MAP_UNSUPPORTED: &str = "E0110";
}

/// Checks a parsed schema (all its files) and adds what is wrong.
pub fn validate(asts: &[(FileId, SchemaFile)], diagnostics: &mut Diagnostics) {
    let ctx = &mut Context { diagnostics };
    let declarations = names::Declarations::collect(asts, ctx);
    connector::at_most_one_datasource(asts, ctx);
    for model in models_of(asts) {
        names::model_name_is_not_reserved(model, ctx);
        connector::composite_types_are_unsupported(model, ctx);
        models::field_names_are_unique(model, ctx);
        models::field_types_resolve(model, &declarations, ctx);
        models::model_has_a_unique_criterion(model, ctx);
        connector::defaults_have_no_map(model, ctx);
        connector::fulltext_indexes_are_unsupported(model, ctx);
    }
    for enum_block in enums_of(asts) {
        names::enum_values_are_unique(enum_block, ctx);
    }
}

pub(crate) struct Context<'a> {
    diagnostics: &'a mut Diagnostics,
}

impl Context<'_> {
    fn error(&mut self, code: &'static str, message: impl Into<String>, span: Span) {
        self.diagnostics
            .push(Diagnostic::error(code, message, span));
    }
}

/// Reports every name after the first of its spelling.
fn report_repeated_names<'a>(
    names: impl IntoIterator<Item = &'a crate::ast::Identifier>,
    ctx: &mut Context<'_>,
    code: &'static str,
    message: impl Fn(&str) -> String,
) {
    let mut seen = std::collections::BTreeSet::new();
    for name in names {
        if !seen.insert(name.name.as_str()) {
            ctx.error(code, message(&name.name), name.span);
        }
    }
}

fn models_of(asts: &[(FileId, SchemaFile)]) -> impl Iterator<Item = &Model> {
    asts.iter()
        .flat_map(|(_, ast)| &ast.tops)
        .filter_map(|top| match top {
            Top::Model(model) => Some(model),
            _ => None,
        })
}

fn enums_of(asts: &[(FileId, SchemaFile)]) -> impl Iterator<Item = &Enum> {
    asts.iter()
        .flat_map(|(_, ast)| &ast.tops)
        .filter_map(|top| match top {
            Top::Enum(enum_block) => Some(enum_block),
            _ => None,
        })
}
