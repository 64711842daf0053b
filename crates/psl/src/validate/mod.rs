//! Validation: small rules, each a function named after what it asserts,
//! called in a readable order from [`validate`]. Every rule reports through
//! the diagnostics it is handed and never stops the others.
//!
//! Two phases, as in Prisma: first the shape of the schema (names, types,
//! attributes and their arguments, configuration); then, only if that found
//! nothing wrong and the files parsed cleanly, the rules that need a sound
//! schema (relations, native types, constraint names). Reporting the second
//! kind on a broken schema would mostly report the breakage again.
//!
//! Rules live beside what they check: `names.rs` (declarations),
//! `models.rs` (fields of one model), `attributes/` (every attribute's
//! shape), `defaults.rs`, `native_types.rs`, `relations/`, `cycles.rs`
//! (referential actions that loop), `indexes.rs`
//! (key and index names), `config.rs` (datasource, generators, preview
//! features), `connector.rs` (what PostgreSQL lacks) and `postgres_names.rs`
//! (what Prisma accepts and PostgreSQL always refuses).

mod arguments;
mod attributes;
pub(crate) mod config;
mod connector;
mod cycles;
pub(crate) use crate::schema as db;
mod defaults;
mod indexes;
mod literals;
pub(crate) mod models;
mod names;
mod native_types;
mod operator_classes;
mod postgres_names;
pub(crate) mod relations;

use plumb_diagnostics::{Diagnostic, Diagnostics, FileId, Span};

use crate::ast::SchemaFile;

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
    pub const UNKNOWN_ATTRIBUTE: &str = "E0111";
    pub const REPEATED_ATTRIBUTE: &str = "E0112";
    pub const UNKNOWN_ARGUMENT: &str = "E0113";
    pub const REPEATED_ARGUMENT: &str = "E0114";
    pub const MISSING_ARGUMENT: &str = "E0115";
    pub const ARGUMENT_TYPE: &str = "E0116";
    pub const ID_NOT_REQUIRED: &str = "E0117";
    pub const MULTIPLE_IDS: &str = "E0118";
    pub const UPDATED_AT_TYPE: &str = "E0119";
    pub const DEFAULT_VALUE: &str = "E0120";
    pub const UNKNOWN_REFERENTIAL_ACTION: &str = "E0121";
    pub const UNKNOWN_INDEX_TYPE: &str = "E0122";
    pub const UNKNOWN_FIELD_REFERENCE: &str = "E0123";
    pub const RELATION_FIELD_REFERENCE: &str = "E0124";
    pub const NATIVE_TYPE_PREFIX: &str = "E0125";
    pub const UNKNOWN_NATIVE_TYPE: &str = "E0126";
    pub const NATIVE_TYPE_MISMATCH: &str = "E0127";
    pub const NATIVE_TYPE_ARGUMENTS: &str = "E0128";
    pub const AMBIGUOUS_RELATION: &str = "E0129";
    pub const MISSING_OPPOSITE_RELATION: &str = "E0130";
    pub const INVALID_RELATION: &str = "E0131";
    pub const CONSTRAINT_NAME_TAKEN: &str = "E0132";
    pub const CONSTRAINT_NAME_TOO_LONG: &str = "E0133";
    pub const UNSUPPORTED_INDEX_ARGUMENT: &str = "E0134";
    pub const UNKNOWN_PROPERTY: &str = "E0135";
    pub const MISSING_PROPERTY: &str = "E0136";
    pub const UNSUPPORTED_PROVIDER: &str = "E0137";
    pub const INVALID_PROPERTY: &str = "E0138";
    pub const UNKNOWN_PREVIEW_FEATURE: &str = "E0139";
    pub const PREVIEW_FEATURE_REQUIRED: &str = "E0140";
    pub const SCHEMA_NOT_DECLARED: &str = "E0141";
    pub const DATABASE_NAME_TAKEN: &str = "E0142";
    pub const INVALID_NAME: &str = "E0143";
    pub const EMPTY_ENUM: &str = "E0144";
    pub const INDEX_ACCESS_METHOD: &str = "E0145";
    pub const EMPTY_INDEX: &str = "E0146";
    pub const VIEW_KEY: &str = "E0147";
    pub const CYCLIC_REFERENTIAL_ACTIONS: &str = "E0148";
    pub const SHARD_KEY_UNSUPPORTED: &str = "E0149";
    /// A warning: a preview feature that is now generally available.
    pub const PROMOTED_PREVIEW_FEATURE: &str = "W0101";
    /// A warning: with `relationMode = "prisma"`, relation scalars unindexed.
    pub const UNINDEXED_RELATION_SCALARS: &str = "W0102";
    /// A warning: `SetNull` on a relation over a required column.
    pub const SET_NULL_ON_REQUIRED: &str = "W0103";
    /// A warning: `referentialIntegrity`, renamed `relationMode`.
    pub const DEPRECATED_PROPERTY: &str = "W0104";
}

/// Checks a parsed schema (all its files) and adds what is wrong.
pub fn validate(asts: &[(FileId, SchemaFile)], diagnostics: &mut Diagnostics) {
    let parsed_cleanly = !diagnostics.has_errors();
    let ctx = &mut Context {
        diagnostics,
        errors: 0,
    };
    let db = &db::Declarations::collect(asts);
    names::names_are_declared_once(db, ctx);

    // Phase one: the shape of every declaration.
    connector::at_most_one_datasource(db, ctx);
    for datasource in &db.datasources {
        config::datasource_is_valid(datasource, ctx);
    }
    for generator in &db.generators {
        config::generator_is_valid(generator, ctx);
    }
    names::generator_names_are_unique(db, ctx);
    declarations_are_well_formed(db, ctx);
    if !parsed_cleanly || ctx.errors > 0 {
        return;
    }
    well_formed_schema_is_sound(db, ctx);
}

/// Whether models and enums are well formed (phase one without the
/// configuration blocks): what `prisma format` requires before it adds
/// missing relation fields.
pub(crate) fn declarations_are_well_formed_in(asts: &[(FileId, SchemaFile)]) -> bool {
    let mut diagnostics = Diagnostics::new();
    let ctx = &mut Context {
        diagnostics: &mut diagnostics,
        errors: 0,
    };
    let db = &db::Declarations::collect(asts);
    names::names_are_declared_once(db, ctx);
    declarations_are_well_formed(db, ctx);
    ctx.errors == 0
}

fn declarations_are_well_formed(db: &db::Declarations<'_>, ctx: &mut Context<'_>) {
    for &model in &db.models {
        names::model_name_is_not_reserved(model, ctx);
        names::model_names_are_well_formed(model, ctx);
        models::field_names_are_unique(model, ctx);
        models::field_types_resolve(model, db, ctx);
        attributes::field_attributes_are_well_formed(model, db, ctx);
        attributes::block_attributes_are_well_formed(model, db, ctx);
        attributes::model_has_at_most_one_id(model, db, ctx);
        models::fields_of_ignored_models_are_not_ignored(model, db, ctx);
    }
    names::column_names_are_unique(db, ctx);
    relations::relation_field_lists_resolve(db, ctx);
    names::enum_database_names_are_unique(db, ctx);
    for &enum_block in &db.enums {
        names::enum_is_well_formed(enum_block, ctx);
        names::enum_values_are_unique(enum_block, ctx);
        attributes::enum_attributes_are_well_formed(enum_block, ctx);
    }
}

/// Phase two: rules that need a sound schema.
fn well_formed_schema_is_sound(db: &db::Declarations<'_>, ctx: &mut Context<'_>) {
    config::preview_features_are_enabled(db, ctx);
    config::schemas_are_declared(db, ctx);
    names::table_names_are_unique(db, ctx);
    for &model in &db.models {
        connector::composite_types_are_unsupported(model, ctx);
        connector::defaults_have_no_map(model, ctx);
        connector::fulltext_indexes_are_unsupported(model, ctx);
        connector::shard_keys_are_unsupported(model, db, ctx);
        models::model_has_a_unique_criterion(model, db, ctx);
        models::views_have_no_keys_or_indexes(model, ctx);
        native_types::native_types_fit_their_fields(model, db, ctx);
        defaults::default_functions_are_known(model, ctx);
        defaults::default_literals_parse(model, db, ctx);
        indexes::index_arguments_are_supported(model, ctx);
        indexes::indexes_have_fields(model, ctx);
        operator_classes::index_access_methods_fit(model, db, ctx);
    }
    indexes::constraint_names_are_unique_and_short(db, ctx);
    relations::relations_are_valid(db, ctx);
    // What Prisma accepts and PostgreSQL always refuses.
    postgres_names::enum_types_are_not_table_names(db, ctx);
    for &enum_block in &db.enums {
        postgres_names::enum_labels_are_unique(enum_block, ctx);
    }
    for &model in &db.models {
        postgres_names::uuid_defaults_are_uuids(model, ctx);
    }
}

pub(crate) struct Context<'a> {
    diagnostics: &'a mut Diagnostics,
    /// Errors reported by validation so far (warnings do not count).
    errors: usize,
}

impl Context<'_> {
    fn error(&mut self, code: &'static str, message: impl Into<String>, span: Span) {
        self.errors += 1;
        self.diagnostics
            .push(Diagnostic::error(code, message, span));
    }

    fn warning(&mut self, code: &'static str, message: impl Into<String>, span: Span) {
        self.diagnostics
            .push(Diagnostic::warning(code, message, span));
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
