//! Arguments that mean the same on field and block attributes: `map`,
//! `sort`, and the `where` of a partial index.

use crate::ast::{Attribute, Expression, Model};
use crate::validate::arguments::{self, Args};
use crate::validate::db;
use crate::validate::{Context, codes};

/// `map: ""` would leave the database to name the constraint.
pub(super) fn map_is_not_empty(attribute: &Attribute, args: &Args<'_>, ctx: &mut Context<'_>) {
    if let Some(Expression::String(map, span)) = args.get("map")
        && map.is_empty()
    {
        // Prisma writes one `@` for block attributes here too.
        ctx.error(
            codes::INVALID_NAME,
            format!(
                "Error parsing attribute \"@{}\": The `map` argument cannot be an empty string.",
                attribute.name.name
            ),
            *span,
        );
    }
}

/// The `where` of a partial index: `raw("...")` or `{ field: value }` over
/// fields of the model.
pub(super) fn where_is_well_formed(
    model: &Model,
    label: &str,
    args: &Args<'_>,
    ctx: &mut Context<'_>,
) {
    let Some(condition) = args.get("where") else {
        return;
    };
    // Prisma names field-level and block-level attributes alike here.
    let label = label.trim_start_matches('@');
    match condition {
        Expression::Function(call, _) if call.name.name == "raw" => {}
        Expression::Object(entries, _) => {
            for (key, _) in entries {
                if db::field(model, &key.name).is_none() {
                    ctx.error(
                        codes::UNKNOWN_FIELD_REFERENCE,
                        format!(
                            "Error parsing attribute \"@{label}\": Field '{}' does not exist in model '{}'.",
                            key.name, model.name.name
                        ),
                        key.span,
                    );
                }
            }
        }
        other => {
            if !matches!(other, Expression::Function { .. }) {
                ctx.error(
                    codes::ARGUMENT_TYPE,
                    format!(
                        "Expected a function value, but received {} value `{}`.",
                        arguments::kind_of(other),
                        arguments::source(other)
                    ),
                    other.span(),
                );
            }
            ctx.error(
                codes::ARGUMENT_TYPE,
                format!(
                    "Error parsing attribute \"@{label}\": The `where` argument must be either a raw() function call or an object literal, e.g. `where: raw(\"status = 'active'\")` or `where: {{ active: true }}`."
                ),
                other.span(),
            );
        }
    }
}

pub(super) fn sort_order(value: &Expression, ctx: &mut Context<'_>) {
    if let Some((order, span)) = arguments::constant(value, ctx)
        && order != "Asc"
        && order != "Desc"
    {
        ctx.error(
            codes::ARGUMENT_TYPE,
            format!("Invalid sort order `{order}`: expected `Asc` or `Desc`."),
            span,
        );
    }
}
