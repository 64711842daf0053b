//! A database's SQL schema IR → `schema.prisma`, as `prisma db pull`
//! writes it (docs/reference/prisma-db-pull.md): models and enums named
//! as Prisma names them, scalar and native types, defaults, ids, uniques
//! and indexes with names only where they differ from Prisma's, relations
//! on both sides, implicit many-to-many tables, `@@ignore` and Prisma's
//! notes and warnings for what it cannot represent. Pulled into an
//! existing schema, what that schema says of the same tables and types is
//! kept (re-introspection, `previous`). The text is laid out by the
//! formatter, as Prisma's is.
//!
//! Not yet: views, multiSchema (`@@schema`), multi-file schemas.

mod config;
mod context;
mod fields;
mod indexes;
mod model;
mod names;
pub mod previous;
mod relations;
mod view;
mod warnings;

use plumb_ir::{Schema, View};
use plumb_psl::LoadedSchema;

use context::Context;
use names::string_literal;
pub use previous::Previous;

/// The datasource block of a new schema.
pub const DATASOURCE: &str = "datasource db {\n  provider = \"postgresql\"\n}";

/// A schema pulled from a database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pulled {
    /// The schema file's text, formatted.
    pub text: String,
    /// How many models it has.
    pub models: usize,
    /// How many enums it has.
    pub enums: usize,
    /// Prisma's warnings for what the schema cannot represent (empty when
    /// there are none).
    pub warnings: String,
}

/// The schema of `ir`. With an existing schema, after its generator and
/// datasource blocks, and — unless `force` — keeping what its models and
/// enums say of the same tables and types (re-introspection).
pub fn pull(
    ir: &Schema,
    views: &[View],
    existing: Option<&LoadedSchema>,
    options: &Options,
) -> Result<Pulled, Inconsistent> {
    if let Some(reference) = cross_schema_reference(ir) {
        return Err(reference);
    }
    Ok(pull_consistent(ir, views, existing, options))
}

/// Prisma's P4002: a foreign key refers to a table in a schema that is
/// not read, so the relation has nowhere to point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inconsistent {
    /// Prisma's engine's text (its prefix twice, as the engine says it).
    pub message: String,
}

fn cross_schema_reference(ir: &Schema) -> Option<Inconsistent> {
    let default_namespace = ir.default_namespace.map_or_else(
        || plumb_ir::DEFAULT_NAMESPACE.to_string(),
        |n| n.to_string(),
    );
    let qualified = |name: &plumb_ir::QualifiedName| {
        let namespace = name
            .namespace
            .map_or_else(|| default_namespace.clone(), |n| n.to_string());
        (namespace, name.name.to_string())
    };
    let key = ir
        .foreign_keys
        .iter()
        .find(|k| !ir.tables.iter().any(|t| t.name == k.referenced_table))?;
    let (from_schema, from) = qualified(&key.table);
    let (to_schema, to) = qualified(&key.referenced_table);
    let prefix = "The schema of the introspected database was inconsistent: ";
    Some(Inconsistent {
        message: format!(
            "{prefix}{prefix}Cross schema references are only allowed when the target schema is listed in the schemas property of your datasource. `{from_schema}.{from}` points to `{to_schema}.{to}` in constraint `{}`. Please add `{to_schema}` to your `schemas` property and run this command again.",
            key.name
        ),
    })
}

fn pull_consistent(
    ir: &Schema,
    views: &[View],
    existing: Option<&LoadedSchema>,
    options: &Options,
) -> Pulled {
    let Some(loaded) = existing else {
        let namespaces = !options.schemas.is_empty();
        let config = config::fresh(&options.schemas);
        return render(ir, &[], &Previous::default(), &config, namespaces);
    };
    let previous = if options.force {
        Previous::default()
    } else {
        Previous::read(loaded)
    };
    let declarations = plumb_psl::schema::Declarations::collect(&loaded.asts);
    let namespaces = declarations.declared_schemas().is_some() || !options.schemas.is_empty();
    // Views are written only with the preview feature that knows them.
    let views = if wants_views(loaded) { views } else { &[] };
    let config = config::blocks(loaded, &options.schemas);
    render(ir, views, &previous, &config, namespaces)
}

/// Whether the schema's generators enable `views`: only then are views
/// pulled (and worth reading).
pub fn wants_views(loaded: &LoadedSchema) -> bool {
    plumb_psl::schema::Declarations::collect(&loaded.asts)
        .preview_features()
        .contains("views")
}

/// How to pull.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--force`: the existing schema's models and enums are not kept.
    pub force: bool,
    /// `--schemas`: the schemas read, written into the datasource in this
    /// order.
    pub schemas: Vec<String>,
}

fn render(
    ir: &Schema,
    views: &[View],
    previous: &Previous,
    config: &str,
    namespaces: bool,
) -> Pulled {
    let context = Context::new(ir, views, previous, namespaces);
    let relation_fields = relations::fields(&context);
    let mut warnings = warnings::Warnings::default();
    // Prisma looks at enums first, then at each table in the database's
    // order.
    for enum_type in &context.enums {
        warnings.enum_type(&context, enum_type);
    }
    for table in &context.tables {
        warnings.table(&context, table);
    }
    for join in &context.joins {
        warnings.join_table(&context, join);
    }
    for view in &context.views {
        warnings.view(&context, view);
    }
    for field in &relation_fields {
        if let Some(target) = &field.copied_from {
            warnings.copied_relation(target);
        }
    }
    // Models and enums the existing schema has keep its order; new ones
    // follow in the database's.
    let mut models: Vec<(Option<usize>, String)> = context
        .tables
        .iter()
        .map(|table| {
            let at = previous_position(&context, &table.name);
            (at, model::render(&context, table, &relation_fields))
        })
        .collect();
    models.sort_by_key(|(at, _)| at.unwrap_or(usize::MAX));
    let mut enums: Vec<(Option<usize>, String)> = context
        .enums
        .iter()
        .map(|enum_type| {
            let at = context
                .previous_enum(&enum_type.name)
                .and_then(|e| previous.enums.iter().position(|p| std::ptr::eq(p, e)));
            (at, enum_block(&context, enum_type))
        })
        .collect();
    enums.sort_by_key(|(at, _)| at.unwrap_or(usize::MAX));
    let mut views: Vec<(Option<usize>, String)> = context
        .views
        .iter()
        .map(|v| {
            let at = context
                .previous_view(&v.name)
                .and_then(|p| previous.models.iter().position(|m| std::ptr::eq(m, p)));
            (at, view::render(&context, v))
        })
        .collect();
    views.sort_by_key(|(at, _)| at.unwrap_or(usize::MAX));
    let mut out = config.trim_end().to_string();
    for (_, block) in models.iter().chain(&views).chain(&enums) {
        out.push_str("\n\n");
        out.push_str(block);
    }
    out.push('\n');
    let text = plumb_psl::format(&out).unwrap_or(out);
    Pulled {
        text,
        models: context
            .tables
            .iter()
            .filter(|t| !t.columns.is_empty())
            .count(),
        enums: context.enums.len(),
        warnings: warnings.text(),
    }
}

fn previous_position(context: &Context<'_>, table: &plumb_ir::QualifiedName) -> Option<usize> {
    let model = context.previous_model(table)?;
    context
        .previous
        .models
        .iter()
        .position(|m| std::ptr::eq(m, model))
}

fn enum_block(context: &Context<'_>, enum_type: &plumb_ir::Enum) -> String {
    let mut out = String::new();
    let kept = context.previous_enum(&enum_type.name);
    if let Some(docs) = kept.and_then(|e| e.documentation.as_deref()) {
        for line in docs.lines() {
            out.push_str(&format!("/// {line}\n"));
        }
    }
    let name = context.enum_name(&enum_type.name);
    out.push_str(&format!("enum {} {{\n", name.name));
    for value in &enum_type.values {
        let kept_value = kept.and_then(|e| e.values.iter().find(|v| v.db_name() == value.as_str()));
        if let Some(docs) = kept_value.and_then(|v| v.documentation.as_deref()) {
            for line in docs.lines() {
                out.push_str(&format!("  /// {line}\n"));
            }
        }
        let value_name = context.enum_value_name(&enum_type.name, value);
        match &value_name.mapped {
            Some(mapped) => out.push_str(&format!(
                "  {} @map({})\n",
                value_name.name,
                string_literal(mapped)
            )),
            None => out.push_str(&format!("  {}\n", value_name.name)),
        }
    }
    let mut block = Vec::new();
    if let Some(mapped) = &name.mapped {
        block.push(format!("@@map({})", string_literal(mapped)));
    }
    if let Some(namespace) = context.schema_attribute(&enum_type.name) {
        block.push(format!("@@schema({})", string_literal(&namespace)));
    }
    if !block.is_empty() {
        out.push('\n');
        for line in block {
            out.push_str(&format!("  {line}\n"));
        }
    }
    out.push('}');
    out
}
