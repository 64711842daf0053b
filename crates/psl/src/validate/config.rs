//! `datasource` and `generator` blocks, and the preview features that gate
//! parts of the language.

use std::collections::BTreeSet;

use super::db::Declarations;
use super::{Context, codes};
use crate::ast::{ConfigBlock, Expression, Model, ModelKind};

const DATASOURCE_PROPERTIES: &[&str] = &[
    "provider",
    "url",
    "directUrl",
    "shadowDatabaseUrl",
    "relationMode",
    // The name of `relationMode` before Prisma 4.5; still accepted.
    "referentialIntegrity",
    "extensions",
    "schemas",
];

/// Providers Prisma knows; plumb runs only the PostgreSQL ones.
const POSTGRES_PROVIDERS: &[&str] = &["postgresql", "postgres"];
const OTHER_PROVIDERS: &[&str] = &["mysql", "sqlite", "sqlserver", "mongodb", "cockroachdb"];

/// The preview features of the Prisma version plumb follows (7.x).
pub(crate) const PREVIEW_FEATURES: &[&str] = &[
    "fullTextSearchPostgres",
    "nativeDistinct",
    "partialIndexes",
    "postgresqlExtensions",
    "relationJoins",
    "schemaEngineDriverAdapters",
    "shardKeys",
    "strictUndefinedChecks",
    "typedSql",
    "views",
];

/// Former preview features, now generally available: naming one is
/// harmless and earns a warning. Prisma 7.10's list ("stabilized"),
/// each name checked with its `validate`; `metrics` is no longer among
/// them (an error there, as any unknown name).
const PROMOTED_FEATURES: &[&str] = &[
    "aggregateApi",
    "atomicNumberOperations",
    "clientExtensions",
    "cockroachdb",
    "connectOrCreate",
    "createMany",
    "dataProxy",
    "deno",
    "distinct",
    "driverAdapters",
    "extendedIndexes",
    "extendedWhereUnique",
    "fieldReference",
    "filterJson",
    "filteredRelationCount",
    "fullTextIndex",
    "fullTextSearch",
    "groupBy",
    "improvedQueryRaw",
    "interactiveTransactions",
    "jsonProtocol",
    "microsoftSqlServer",
    "middlewares",
    "mongoDb",
    "multiSchema",
    "nApi",
    "namedConstraints",
    "nativeTypes",
    "omitApi",
    "orderByAggregateGroup",
    "orderByNulls",
    "orderByRelation",
    "prismaSchemaFolder",
    "queryCompiler",
    "referentialActions",
    "referentialIntegrity",
    "selectRelationCount",
    "tracing",
    "transactionApi",
    "uncheckedScalarInputs",
];

/// Accepted without a word and listed nowhere (Prisma's "hidden" set).
const HIDDEN_FEATURES: &[&str] = &["reactNative"];

pub(crate) fn datasource_is_valid(datasource: &ConfigBlock, ctx: &mut Context<'_>) {
    let name = &datasource.name.name;
    for (i, property) in datasource.properties.iter().enumerate() {
        if datasource.properties[..i]
            .iter()
            .any(|earlier| earlier.name.name == property.name.name)
        {
            ctx.error(
                codes::INVALID_PROPERTY,
                format!(
                    "Key \"{}\" is already defined in source \"{name}\".",
                    property.name.name
                ),
                property.name.span,
            );
        }
    }
    for property in &datasource.properties {
        if !DATASOURCE_PROPERTIES.contains(&property.name.name.as_str()) {
            ctx.error(
                codes::UNKNOWN_PROPERTY,
                format!("Property not known: \"{}\".", property.name.name),
                property.name.span,
            );
        }
    }
    let provider = datasource
        .properties
        .iter()
        .find(|p| p.name.name == "provider");
    let Some(provider) = provider else {
        ctx.error(
            codes::MISSING_PROPERTY,
            format!("Argument \"provider\" is missing in data source block \"{name}\"."),
            datasource.name.span,
        );
        return;
    };
    match &provider.value {
        Some(Expression::String(value, span)) => {
            if OTHER_PROVIDERS.contains(&value.as_str()) {
                ctx.error(
                    codes::UNSUPPORTED_PROVIDER,
                    format!(
                        "plumb supports PostgreSQL only: the datasource provider must be \"postgresql\" or \"postgres\", not \"{value}\"."
                    ),
                    *span,
                );
            } else if !POSTGRES_PROVIDERS.contains(&value.as_str()) {
                ctx.error(
                    codes::UNSUPPORTED_PROVIDER,
                    format!("Datasource provider not known: \"{value}\"."),
                    *span,
                );
            }
        }
        Some(Expression::Function { .. }) => ctx.error(
            codes::UNSUPPORTED_PROVIDER,
            "A datasource must not use the env() function in the provider argument.",
            datasource.name.span,
        ),
        Some(other) => ctx.error(
            codes::UNSUPPORTED_PROVIDER,
            format!(
                "Error validating datasource `{name}`: The provider argument in a datasource must be a string literal"
            ),
            other.span(),
        ),
        None => {}
    }
    for property in &datasource.properties {
        if property.name.name == "referentialIntegrity" {
            ctx.warning(
                codes::DEPRECATED_PROPERTY,
                "The `referentialIntegrity` attribute is deprecated. Please use `relationMode` instead. Learn more at https://pris.ly/d/relation-mode",
                property.name.span,
            );
        }
        match (property.name.name.as_str(), &property.value) {
            ("url" | "directUrl" | "shadowDatabaseUrl", Some(value)) => url_is_valid(value, ctx),
            ("relationMode" | "referentialIntegrity", Some(Expression::String(mode, _)))
                if mode != "prisma" && mode != "foreignKeys" =>
            {
                ctx.error(
                    codes::INVALID_PROPERTY,
                    format!(
                        "Error validating datasource `{}`: Invalid relation mode setting: \"{mode}\". Supported values: \"prisma\", \"foreignKeys\"",
                        property.name.name
                    ),
                    datasource.name.span,
                );
            }
            ("schemas", Some(Expression::Array(items, span))) => {
                schemas_are_valid(items, *span, ctx)
            }
            ("extensions", Some(Expression::Array(items, _))) => extensions_are_valid(items, ctx),
            ("schemas" | "extensions", Some(value)) if !matches!(value, Expression::Array(..)) => {
                ctx.error(
                    codes::INVALID_PROPERTY,
                    format!(
                        "Expected an array value, but received {} value `{}`.",
                        super::arguments::kind_of(value),
                        super::arguments::source(value)
                    ),
                    value.span(),
                );
            }
            _ => {}
        }
    }
}

/// `schemas = ["public", "auth"]`: strings, at least one, each once.
fn schemas_are_valid(items: &[Expression], span: plumb_diagnostics::Span, ctx: &mut Context<'_>) {
    if items.is_empty() {
        ctx.error(
            codes::INVALID_PROPERTY,
            "If provided, the schemas array can not be empty.",
            span,
        );
    }
    let mut seen = Vec::new();
    for item in items {
        match item {
            Expression::String(name, item_span) => {
                if seen.contains(&name.as_str()) {
                    ctx.error(
                        codes::INVALID_PROPERTY,
                        "Duplicated schema names are not allowed",
                        *item_span,
                    );
                }
                seen.push(name);
            }
            other => ctx.error(
                codes::INVALID_PROPERTY,
                format!(
                    "Expected a string value, but received {} value `{}`.",
                    super::arguments::kind_of(other),
                    super::arguments::source(other)
                ),
                other.span(),
            ),
        }
    }
}

/// `extensions = [citext, pg_trgm(schema: "x", version: "1.6", map: "y")]`.
fn extensions_are_valid(items: &[Expression], ctx: &mut Context<'_>) {
    for item in items {
        match item {
            Expression::Constant(..) => {}
            Expression::Function(call, _) => {
                for argument in &call.arguments {
                    let name = argument.name.as_ref().map_or("", |n| n.name.as_str());
                    if !matches!(name, "schema" | "version" | "map") {
                        ctx.error(
                            codes::UNKNOWN_ARGUMENT,
                            format!("Argument not known: \"{name}\"."),
                            argument.span,
                        );
                    }
                }
            }
            other => ctx.error(
                codes::INVALID_PROPERTY,
                format!(
                    "Expected a constant or function value, but received {} value `{}`.",
                    super::arguments::kind_of(other),
                    super::arguments::source(other)
                ),
                other.span(),
            ),
        }
    }
}

/// `url = "postgres://…"` or `url = env("DATABASE_URL")`, as Prisma 6
/// accepts them (Prisma 7 moved URLs out of the schema; plumb reads both).
fn url_is_valid(value: &Expression, ctx: &mut Context<'_>) {
    match value {
        Expression::String(..) => {}
        Expression::Function(call, _)
            if call.name.name == "env"
                && call.arguments.len() == 1
                && matches!(call.arguments[0].value, Some(Expression::String(..))) => {}
        other => ctx.error(
            codes::INVALID_PROPERTY,
            "A datasource URL must be a string or `env(\"VARIABLE\")`.",
            other.span(),
        ),
    }
}

pub(crate) fn generator_is_valid(generator: &ConfigBlock, ctx: &mut Context<'_>) {
    if !generator
        .properties
        .iter()
        .any(|p| p.name.name == "provider")
    {
        ctx.error(
            codes::MISSING_PROPERTY,
            format!(
                "Argument \"provider\" is missing in generator block \"{}\".",
                generator.name.name
            ),
            generator.name.span,
        );
    }
    for (name, span) in preview_feature_names(generator) {
        let span = &span;
        let known = |list: &[&str]| list.iter().any(|k| k.eq_ignore_ascii_case(name));
        if name.eq_ignore_ascii_case("fullTextSearch") {
            // Split per database: PostgreSQL's half kept a preview flag.
            ctx.warning(
                codes::PROMOTED_PREVIEW_FEATURE,
                format!(
                    "On `provider = \"postgresql\"`, preview feature \"{name}\" has been renamed to \"fullTextSearchPostgres\". Learn more at https://pris.ly/d/fts-postgres."
                ),
                *span,
            );
        } else if known(PROMOTED_FEATURES) {
            ctx.warning(
                codes::PROMOTED_PREVIEW_FEATURE,
                format!(
                    "Preview feature \"{name}\" is deprecated. The functionality can be used without specifying it as a preview feature."
                ),
                *span,
            );
        } else if !known(PREVIEW_FEATURES) && !known(HIDDEN_FEATURES) {
            ctx.error(
                codes::UNKNOWN_PREVIEW_FEATURE,
                format!(
                    "The preview feature \"{name}\" is not known. Expected one of: {}",
                    PREVIEW_FEATURES.join(", ")
                ),
                *span,
            );
        }
    }
}

/// `view` blocks need the `views` preview feature; `extensions` needs
/// `postgresqlExtensions`.
pub(crate) fn preview_features_are_enabled(db: &Declarations<'_>, ctx: &mut Context<'_>) {
    let features = preview_features(db);
    if !features.contains("views") {
        for view in db.models.iter().filter(|m| m.kind == ModelKind::View) {
            ctx.error(
                codes::PREVIEW_FEATURE_REQUIRED,
                "View definitions are only available with the `views` preview feature.",
                view.name.span,
            );
        }
    }
    if !features.contains("partialIndexes") {
        partial_indexes_are_gated(db, ctx);
    }
    if !features.contains("postgresqlExtensions")
        && let Some(datasource) = db.datasources.first()
        && let Some(extensions) = datasource
            .properties
            .iter()
            .find(|p| p.name.name == "extensions")
    {
        ctx.error(
            codes::PREVIEW_FEATURE_REQUIRED,
            "The `extensions` property is only available with the `postgresqlExtensions` preview feature.",
            extensions.name.span,
        );
    }
}

/// With `schemas = [...]` every model and enum names one of them in
/// `@@schema`; without it, `@@schema` is an error.
pub(crate) fn schemas_are_declared(db: &Declarations<'_>, ctx: &mut Context<'_>) {
    let declared: Option<Vec<&str>> = db.datasources.first().and_then(|ds| {
        ds.properties
            .iter()
            .find(|p| p.name.name == "schemas")
            .and_then(|p| match &p.value {
                Some(Expression::Array(items, _)) => Some(
                    items
                        .iter()
                        .filter_map(|i| match i {
                            Expression::String(s, _) => Some(s.as_str()),
                            _ => None,
                        })
                        .collect(),
                ),
                _ => None,
            })
    });
    let blocks = db
        .models
        .iter()
        .filter(|m: &&&Model| m.kind != ModelKind::CompositeType)
        .map(|m| (&m.attributes, m.name.span, "model"))
        .chain(
            db.enums
                .iter()
                .map(|e| (&e.attributes, e.name.span, "enum")),
        );
    for (attributes, name_span, noun) in blocks {
        let schema = attributes.iter().find(|a| a.name.name == "schema");
        match (&declared, schema) {
            (None, Some(attribute)) => ctx.error(
                codes::SCHEMA_NOT_DECLARED,
                "This schema is not defined in the datasource. Read more on `@@schema` at https://pris.ly/d/multi-schema",
                attribute.span,
            ),
            (Some(_), None) => ctx.error(
                codes::SCHEMA_NOT_DECLARED,
                format!("This {noun} is missing an `@@schema` attribute."),
                name_span,
            ),
            (Some(names), Some(attribute)) => {
                let named = attribute.arguments.first().and_then(|a| match &a.value {
                    Some(Expression::String(s, _)) => Some(s.as_str()),
                    _ => None,
                });
                if let Some(named) = named
                    && !names.contains(&named)
                {
                    ctx.error(
                        codes::SCHEMA_NOT_DECLARED,
                        "This schema is not defined in the datasource. Read more on `@@schema` at https://pris.ly/d/multi-schema",
                        attribute.span,
                    );
                }
            }
            (None, None) => {}
        }
    }
}

fn partial_indexes_are_gated(db: &Declarations<'_>, ctx: &mut Context<'_>) {
    let has_where = |attribute: &&crate::ast::Attribute| {
        attribute.arguments.iter().any(|a| a.is_named("where"))
    };
    for model in &db.models {
        let field_level = model
            .fields
            .iter()
            .flat_map(|f| &f.attributes)
            .filter(|a| a.name.name == "unique")
            .filter(has_where)
            .map(|a| ("@", a));
        let block_level = model
            .attributes
            .iter()
            .filter(|a| a.name.name == "unique" || a.name.name == "index")
            .filter(has_where)
            .map(|a| ("@@", a));
        for (at, attribute) in field_level.chain(block_level) {
            ctx.error(
                codes::PREVIEW_FEATURE_REQUIRED,
                format!(
                    "Error parsing attribute \"{at}{}\": Partial indexes are a preview feature. Add \"partialIndexes\" to previewFeatures in your generator block.",
                    attribute.name.name
                ),
                attribute.span,
            );
        }
    }
}

/// Every preview feature named by any generator, in the canonical spelling
/// of a known feature (Prisma ignores case here).
pub(crate) fn preview_features(db: &Declarations<'_>) -> BTreeSet<String> {
    db.generators
        .iter()
        .flat_map(|g| preview_feature_names(g))
        .map(|(name, _)| canonical_feature(name))
        .collect()
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
    PREVIEW_FEATURES
        .iter()
        .find(|known| known.eq_ignore_ascii_case(name))
        .map_or_else(|| name.to_string(), |known| (*known).to_string())
}
