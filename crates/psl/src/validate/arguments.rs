//! Attribute arguments: binding what was written to the parameters an
//! attribute takes, and reading values of the expected kind.

use plumb_diagnostics::Span;

use super::{Context, codes};
use crate::ast::{Argument, Attribute, Expression, Name};

/// The parameters of an attribute.
pub(crate) struct Params {
    /// The name an unnamed first argument stands for.
    pub(crate) positional: Option<&'static str>,
    pub(crate) named: &'static [&'static str],
    pub(crate) required: &'static [&'static str],
}

pub(crate) const NONE: Params = Params {
    positional: None,
    named: &[],
    required: &[],
};

/// The arguments of one attribute, by parameter name.
pub(crate) struct Args<'a> {
    bound: Vec<(&'static str, &'a Argument)>,
}

impl<'a> Args<'a> {
    pub(crate) fn get(&self, name: &str) -> Option<&'a Expression> {
        self.argument(name).and_then(|a| a.value.as_ref())
    }

    pub(crate) fn argument(&self, name: &str) -> Option<&'a Argument> {
        self.bound
            .iter()
            .find(|(bound, _)| *bound == name)
            .map(|(_, argument)| *argument)
    }
}

/// Binds the arguments of `attribute`, reporting unknown, repeated and
/// missing ones in Prisma's words.
pub(crate) fn bind<'a>(
    attribute: &'a Attribute,
    params: &Params,
    ctx: &mut Context<'_>,
) -> Args<'a> {
    let mut bound: Vec<(&'static str, &'a Argument)> = Vec::new();
    let mut positional_used = false;
    for argument in &attribute.arguments {
        let parameter = match &argument.name {
            None if !positional_used => {
                positional_used = true;
                params.positional
            }
            None if attribute.name.name == "default" => {
                let values: Vec<String> = attribute
                    .arguments
                    .iter()
                    .filter(|a| a.name.is_none())
                    .filter_map(|a| a.value.as_ref().map(source))
                    .collect();
                ctx.error(
                    codes::UNKNOWN_ARGUMENT,
                    format!(
                        "Error parsing attribute \"@default\": You provided multiple unnamed arguments. This is not possible. Did you forget the brackets? Did you mean `[{}]`?",
                        values.join(", ")
                    ),
                    argument.span,
                );
                continue;
            }
            None => None,
            Some(name) => params
                .named
                .iter()
                .chain(params.positional.iter())
                .find(|p| **p == name.name)
                .copied(),
        };
        let Some(parameter) = parameter else {
            ctx.error(codes::UNKNOWN_ARGUMENT, "No such argument.", argument.span);
            continue;
        };
        if bound.iter().any(|(p, _)| *p == parameter) {
            ctx.error(
                codes::REPEATED_ARGUMENT,
                format!("Argument \"{parameter}\" is already specified."),
                argument.span,
            );
            continue;
        }
        bound.push((parameter, argument));
    }
    for required in params.required {
        if !bound
            .iter()
            .any(|(p, a)| p == required && a.value.is_some())
        {
            ctx.error(
                codes::MISSING_ARGUMENT,
                format!("Argument \"{required}\" is missing."),
                attribute.span,
            );
        }
    }
    Args { bound }
}

/// Prisma's name for the kind of a value, for type mismatch messages.
pub(crate) fn kind_of(expression: &Expression) -> &'static str {
    match expression {
        Expression::String(..) => "string",
        Expression::Number(..) => "numeric",
        Expression::Constant(..) => "literal",
        Expression::Function { .. } => "functional",
        Expression::Array(..) => "array",
        Expression::Object(..) => "object",
    }
}

/// An expression written back as source text, for messages.
pub(crate) fn source(expression: &Expression) -> String {
    match expression {
        Expression::String(value, _) => format!("{value:?}"),
        Expression::Number(value, _) | Expression::Constant(value, _) => value.to_string(),
        Expression::Function(call, _) => {
            let crate::ast::FunctionCall { name, arguments } = &**call;
            let arguments: Vec<String> = arguments
                .iter()
                .map(|a| {
                    let value = a.value.as_ref().map(source).unwrap_or_default();
                    match &a.name {
                        Some(name) => format!("{}: {value}", name.name),
                        None => value,
                    }
                })
                .collect();
            format!("{}({})", name.name, arguments.join(", "))
        }
        Expression::Array(items, _) => {
            // Prisma writes arrays in messages without spaces.
            let items: Vec<String> = items.iter().map(source).collect();
            format!("[{}]", items.join(","))
        }
        Expression::Object(entries, _) => {
            let entries: Vec<String> = entries
                .iter()
                .map(|(key, value)| format!("{}: {}", key.name, source(value)))
                .collect();
            format!("{{ {} }}", entries.join(", "))
        }
    }
}

fn mismatch(expected: &str, found: &Expression, ctx: &mut Context<'_>) {
    ctx.error(
        codes::ARGUMENT_TYPE,
        format!(
            "Expected a {expected} value, but received {} value `{}`.",
            kind_of(found),
            source(found)
        ),
        found.span(),
    );
}

pub(crate) fn string<'a>(expression: &'a Expression, ctx: &mut Context<'_>) -> Option<&'a str> {
    match expression {
        Expression::String(value, _) => Some(value),
        other => {
            mismatch("string", other, ctx);
            None
        }
    }
}

pub(crate) fn constant<'a>(
    expression: &'a Expression,
    ctx: &mut Context<'_>,
) -> Option<(&'a str, Span)> {
    match expression {
        Expression::Constant(value, span) => Some((value, *span)),
        other => {
            mismatch("constant", other, ctx);
            None
        }
    }
}

pub(crate) fn boolean(expression: &Expression, ctx: &mut Context<'_>) -> Option<bool> {
    match expression {
        Expression::Constant(value, _) if value == "true" => Some(true),
        Expression::Constant(value, _) if value == "false" => Some(false),
        other => {
            mismatch("boolean", other, ctx);
            None
        }
    }
}

/// A field named in `fields: [a, b(sort: Desc)]`, with its arguments.
pub(crate) struct FieldRef<'a> {
    pub(crate) name: &'a Name,
    pub(crate) span: Span,
    pub(crate) arguments: &'a [Argument],
}

/// The field references of a list argument; a single name counts as a
/// list of one, as Prisma allows.
pub(crate) fn field_refs<'a>(
    expression: &'a Expression,
    ctx: &mut Context<'_>,
) -> Vec<FieldRef<'a>> {
    let items: &[Expression] = match expression {
        Expression::Array(items, _) => items,
        single => std::slice::from_ref(single),
    };
    let mut refs = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Expression::Constant(name, span) => refs.push(FieldRef {
                name,
                span: *span,
                arguments: &[],
            }),
            Expression::Function(call, _) => refs.push(FieldRef {
                name: &call.name.name,
                span: call.name.span,
                arguments: &call.arguments,
            }),
            other => mismatch("constant literal", other, ctx),
        }
    }
    refs
}
