//! What every attribute, wherever it stands, is checked for: that it is
//! known, and written once.

use crate::ast::Attribute;
use crate::validate::{Context, codes};

/// Prisma writes a single `@` for field and block attributes alike.
pub(super) fn unknown_attribute(at: &str, attribute: &Attribute, ctx: &mut Context<'_>) {
    ctx.error(
        codes::UNKNOWN_ATTRIBUTE,
        format!("Attribute not known: \"{at}{}\".", attribute.name.name),
        attribute.span,
    );
}

/// Reports every occurrence of an attribute written more than once.
pub(super) fn attributes_are_not_repeated(
    attributes: &[Attribute],
    repeatable: impl Fn(&str) -> bool,
    ctx: &mut Context<'_>,
) {
    for attribute in attributes {
        let name = attribute.name.name.as_str();
        let is_native = name.contains('.');
        let count = attributes
            .iter()
            .filter(|other| other.name.name == name || (is_native && other.name.name.contains('.')))
            .count();
        if count > 1 && !repeatable(name) {
            // Native types count as one attribute, `@db`.
            let shown = if is_native {
                name.split('.').next().unwrap_or(name)
            } else {
                name
            };
            ctx.error(
                codes::REPEATED_ATTRIBUTE,
                format!("Attribute \"@{shown}\" can only be defined once."),
                attribute.span,
            );
        }
    }
}
