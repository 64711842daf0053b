//! `datasource` and `generator` blocks, and the preview features that gate
//! parts of the language.

use super::db::Db;
use super::{Context, codes};
use crate::ast::{ConfigBlock, Expression, Model, ModelKind};

const DATASOURCE_PROPERTIES: &[&str] = &[
    "provider",
    "url",
    "directUrl",
    "shadowDatabaseUrl",
    "relationMode",
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
/// harmless and earns a warning.
const PROMOTED_FEATURES: &[&str] = &[
    "multiSchema",
    "omitApi",
    "prismaSchemaFolder",
    "driverAdapters",
    "fullTextIndex",
    "fullTextSearch",
    "metrics",
    "tracing",
    "interactiveTransactions",
    "referentialIntegrity",
    "referentialActions",
    "namedConstraints",
    "extendedWhereUnique",
    "fieldReference",
    "filteredRelationCount",
    "orderByNulls",
    "clientExtensions",
    "jsonProtocol",
    "improvedQueryRaw",
    "nativeTypes",
    "createMany",
    "groupBy",
    "selectRelationCount",
    "orderByRelation",
    "orderByAggregateGroup",
    "filterJson",
    "microsoftSqlServer",
    "mongoDb",
    "cockroachdb",
    "dataProxy",
    "distinct",
    "uncheckedScalarInputs",
    "connectOrCreate",
    "transactionApi",
    "atomicNumberOperations",
    "insensitiveFilters",
    "aggregateApi",
    "napi",
    "nApi",
    "middlewares",
    "deno",
];

pub(crate) fn datasource_is_valid(datasource: &ConfigBlock, ctx: &mut Context<'_>) {
    let name = &datasource.name.name;
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
            datasource.span,
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
        Some(Expression::Function { span, .. }) => ctx.error(
            codes::UNSUPPORTED_PROVIDER,
            "A datasource must not use the env() function in the provider argument.",
            *span,
        ),
        Some(other) => ctx.error(
            codes::UNSUPPORTED_PROVIDER,
            format!(
                "Expected a string value, but received {} value `{}`.",
                super::arguments::kind_of(other),
                super::arguments::source(other)
            ),
            other.span(),
        ),
        None => {}
    }
    for property in &datasource.properties {
        match (property.name.name.as_str(), &property.value) {
            ("url" | "directUrl" | "shadowDatabaseUrl", Some(value)) => url_is_valid(value, ctx),
            ("relationMode", Some(Expression::String(mode, span)))
                if mode != "prisma" && mode != "foreignKeys" =>
            {
                ctx.error(
                    codes::INVALID_PROPERTY,
                    format!(
                        "Invalid relation mode setting: \"{mode}\". Supported values: \"prisma\", \"foreignKeys\""
                    ),
                    *span,
                );
            }
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

/// `url = "postgres://…"` or `url = env("DATABASE_URL")`, as Prisma 6
/// accepts them (Prisma 7 moved URLs out of the schema; plumb reads both).
fn url_is_valid(value: &Expression, ctx: &mut Context<'_>) {
    match value {
        Expression::String(..) => {}
        Expression::Function {
            name, arguments, ..
        } if name.name == "env"
            && arguments.len() == 1
            && matches!(arguments[0].value, Some(Expression::String(..))) => {}
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
            generator.span,
        );
    }
    let features = generator
        .properties
        .iter()
        .filter(|p| p.name.name == "previewFeatures")
        .filter_map(|p| match &p.value {
            Some(Expression::Array(items, _)) => Some(items),
            _ => None,
        })
        .flatten();
    for feature in features {
        let Expression::String(name, span) = feature else {
            continue;
        };
        if PROMOTED_FEATURES.contains(&name.as_str()) {
            ctx.warning(
                codes::PROMOTED_PREVIEW_FEATURE,
                format!(
                    "Preview feature \"{name}\" is deprecated. The functionality can be used without specifying it as a preview feature."
                ),
                *span,
            );
        } else if !PREVIEW_FEATURES.contains(&name.as_str()) {
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
pub(crate) fn preview_features_are_enabled(db: &Db<'_>, ctx: &mut Context<'_>) {
    let features = db.preview_features();
    if !features.contains("views") {
        for view in db.models.iter().filter(|m| m.kind == ModelKind::View) {
            ctx.error(
                codes::PREVIEW_FEATURE_REQUIRED,
                "View definitions are only available with the `views` preview feature.",
                view.name.span,
            );
        }
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
pub(crate) fn schemas_are_declared(db: &Db<'_>, ctx: &mut Context<'_>) {
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
                "@@schema attribute is not available without the schemas property in the datasource",
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
                        "This schema is not defined in the datasource. Read more on `@@schema` at https://pris.ly/d/multi-schemas",
                        attribute.span,
                    );
                }
            }
            (None, None) => {}
        }
    }
}
