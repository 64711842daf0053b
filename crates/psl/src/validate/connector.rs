//! What the PostgreSQL connector does not support, in Prisma's words.

use super::db::Declarations;
use super::{Context, codes};
use crate::ast::{Model, ModelKind};

pub(crate) fn at_most_one_datasource(db: &Declarations<'_>, ctx: &mut Context<'_>) {
    if db.datasources.len() < 2 {
        return;
    }
    for datasource in &db.datasources {
        ctx.error(
            codes::MULTIPLE_DATASOURCES,
            format!(
                "Error validating datasource `{}`: You defined more than one datasource. This is not allowed yet \
                 because support for multiple databases has not been implemented yet.",
                datasource.name.name
            ),
            datasource.name.span,
        );
    }
}

pub(crate) fn composite_types_are_unsupported(model: &Model, ctx: &mut Context<'_>) {
    if model.kind == ModelKind::CompositeType {
        ctx.error(
            codes::COMPOSITE_TYPE_UNSUPPORTED,
            "Composite types are not supported on Postgres.",
            model.name.span,
        );
    }
}

pub(crate) fn fulltext_indexes_are_unsupported(model: &Model, ctx: &mut Context<'_>) {
    for attribute in model
        .attributes
        .iter()
        .filter(|a| a.name.name == "fulltext")
    {
        ctx.error(
            codes::FULLTEXT_UNSUPPORTED,
            "Error parsing attribute \"@@fulltext\": Defining fulltext indexes is not supported with the current connector.",
            attribute.span,
        );
    }
}

/// Shard keys are a preview feature of the PlanetScale connector.
pub(crate) fn shard_keys_are_unsupported(
    model: &Model,
    db: &Declarations<'_>,
    ctx: &mut Context<'_>,
) {
    let preview = super::config::preview_features(db).contains("shardKeys");
    let field_keys = model
        .fields
        .iter()
        .flat_map(|f| &f.attributes)
        .filter(|a| a.name.name == "shardKey")
        .map(|a| ("@shardKey", a));
    let block_keys = model
        .attributes
        .iter()
        .filter(|a| a.name.name == "shardKey")
        .map(|a| ("@@shardKey", a));
    for (label, attribute) in field_keys.chain(block_keys) {
        if !preview {
            ctx.error(
                codes::PREVIEW_FEATURE_REQUIRED,
                format!("Error parsing attribute \"{label}\": Defining shard keys requires enabling the `shardKeys` preview feature"),
                attribute.span,
            );
        }
        ctx.error(
            codes::SHARD_KEY_UNSUPPORTED,
            format!("Error parsing attribute \"{label}\": Shard keys are not currently supported for provider postgresql"),
            attribute.span,
        );
    }
}

pub(crate) fn defaults_have_no_map(model: &Model, ctx: &mut Context<'_>) {
    let defaults = model
        .fields
        .iter()
        .flat_map(|f| &f.attributes)
        .filter(|a| a.name.name == "default");
    for attribute in defaults {
        if let Some(map) = attribute.arguments.iter().find(|a| a.is_named("map")) {
            ctx.error(
                codes::DEFAULT_MAP_UNSUPPORTED,
                "Error parsing attribute \"@default\": You defined a database name for the default value of a \
                 field on the model. This is not supported by the provider.",
                map.span,
            );
        }
    }
}
