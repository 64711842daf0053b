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

mod block;
mod config;
mod context;
mod enums;
mod fields;
mod indexes;
mod model;
mod names;
pub mod previous;
mod relations;
mod view;
mod warnings;

use plumb_ir::{PullFacts, Schema};
use plumb_psl::LoadedSchema;

use context::Context;
pub use previous::Previous;

/// The datasource block of a new schema.
pub const DATASOURCE: &str = "datasource db {\n  provider = \"postgresql\"\n}";

/// A schema pulled from a database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pulled {
    /// The files to write, formatted: each file of the existing schema in
    /// its order (a model or enum stays in the file that had it), then,
    /// when new ones need it in a schema of several files, a new file
    /// (`introspected.prisma`).
    pub files: Vec<PulledFile>,
    /// The old files are replaced by the new one (`--force` on a schema
    /// of several files).
    pub replaces_files: bool,
    /// How many models it has.
    pub models: usize,
    /// How many enums it has.
    pub enums: usize,
    /// Prisma's warnings for what the schema cannot represent (empty when
    /// there are none).
    pub warnings: String,
    /// With the `views` preview feature, each view's query as a file of its
    /// own (`views/<schema>/<name>.sql`); `None` without it.
    pub view_files: Option<Vec<ViewFile>>,
}

/// A view's definition, as Prisma's CLI writes it beside the schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewFile {
    /// The folder: the view's schema.
    pub schema: String,
    /// The file's name without `.sql`: the view's Prisma name.
    pub name: String,
    /// The query, laid out as Prisma lays it out (`sqlformat`, keywords
    /// upper-case).
    pub definition: String,
}

/// One file of a pulled schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PulledFile {
    /// Which file of the existing schema it is (its index in the loaded
    /// schema); `None` for a new file.
    pub existing: Option<usize>,
    pub text: String,
}

impl Pulled {
    /// The text of a schema of one file (the first file's).
    pub fn text(&self) -> &str {
        self.files.first().map_or("", |f| f.text.as_str())
    }
}

/// Where each file's blocks go: its config text, and which of the
/// existing schema's files it is.
struct Layout {
    configs: Vec<String>,
    existing: Vec<Option<usize>>,
    /// The file new models, views and enums go to.
    new_file: usize,
    /// Existing models keep their file (several files, no `--force`).
    keep_files: bool,
    /// The `views` preview feature is on: view files are written.
    view_files: bool,
}

/// The schema of `ir`. With an existing schema, after its generator and
/// datasource blocks, and — unless `force` — keeping what its models and
/// enums say of the same tables and types (re-introspection).
pub fn pull(
    ir: &Schema,
    facts: &PullFacts,
    existing: Option<&LoadedSchema>,
    options: &Options,
) -> Result<Pulled, Inconsistent> {
    if let Some(reference) = cross_schema_reference(ir) {
        return Err(reference);
    }
    Ok(pull_consistent(ir, facts, existing, options))
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
    facts: &PullFacts,
    existing: Option<&LoadedSchema>,
    options: &Options,
) -> Pulled {
    let Some(loaded) = existing else {
        let namespaces = !options.schemas.is_empty();
        let layout = Layout {
            configs: vec![config::fresh(&options.schemas)],
            existing: vec![None],
            new_file: 0,
            keep_files: false,
            view_files: false,
        };
        let facts = PullFacts {
            views: Vec::new(),
            ..facts.clone()
        };
        return render(ir, &facts, &Previous::default(), &layout, namespaces);
    };
    let previous = if options.force {
        Previous::default()
    } else {
        Previous::read(loaded)
    };
    let declarations = plumb_psl::schema::Declarations::collect(&loaded.asts);
    let namespaces = declarations.declared_schemas().is_some() || !options.schemas.is_empty();
    // Views are written only with the preview feature that knows them.
    let without_views;
    let facts = if wants_views(loaded) {
        facts
    } else {
        without_views = PullFacts {
            views: Vec::new(),
            ..facts.clone()
        };
        &without_views
    };
    let files = loaded.asts.len();
    let view_files = wants_views(loaded);
    let partial = ir
        .tables
        .iter()
        .any(|t| t.indexes.iter().any(|i| i.predicate.is_some()));
    let layout = if files == 1 {
        Layout {
            configs: vec![config::blocks(loaded, &options.schemas, partial)],
            existing: vec![Some(0)],
            new_file: 0,
            keep_files: false,
            view_files,
        }
    } else if options.force {
        // One new file with every config block; the old ones go.
        Layout {
            configs: vec![config::blocks(loaded, &options.schemas, partial)],
            existing: vec![None],
            new_file: 0,
            keep_files: false,
            view_files,
        }
    } else {
        let mut configs: Vec<String> = (0..files)
            .map(|file| config::blocks_in(loaded, file, &options.schemas, partial))
            .collect();
        configs.push(String::new());
        let mut existing: Vec<Option<usize>> = (0..files).map(Some).collect();
        existing.push(None);
        Layout {
            configs,
            existing,
            new_file: files,
            keep_files: true,
            view_files,
        }
    };
    let mut pulled = render(ir, facts, &previous, &layout, namespaces);
    pulled.replaces_files = files > 1 && options.force;
    pulled
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
    facts: &PullFacts,
    previous: &Previous,
    layout: &Layout,
    namespaces: bool,
) -> Pulled {
    let context = Context::new(ir, facts, previous, namespaces);
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
    for table in &context.tables {
        warnings.table_facts(&context, table);
    }
    for field in &relation_fields {
        if let Some(target) = &field.copied_from {
            warnings.copied_relation(target);
        }
    }
    // Models and enums the existing schema has keep its order; new ones
    // follow in the database's.
    // Blocks the existing schema has keep its order (and, with several
    // files, their file); new ones follow in the database's order.
    let file_of = |file: Option<usize>| match file {
        Some(file) if layout.keep_files => file,
        _ => layout.new_file,
    };
    let position_of =
        |model: &previous::Model| previous.models.iter().position(|m| std::ptr::eq(m, model));
    let mut models: Vec<(Option<usize>, usize, String)> = context
        .tables
        .iter()
        .map(|table| {
            let kept = context.previous_model(&table.name);
            let block = model::render(&context, table, &relation_fields);
            (
                kept.and_then(position_of),
                file_of(kept.map(|m| m.file)),
                block,
            )
        })
        .collect();
    models.sort_by_key(|(at, _, _)| at.unwrap_or(usize::MAX));
    let mut views: Vec<(Option<usize>, usize, String)> = context
        .views
        .iter()
        .map(|v| {
            let kept = context.previous_view(&v.name);
            (
                kept.and_then(position_of),
                file_of(kept.map(|m| m.file)),
                view::render(&context, v),
            )
        })
        .collect();
    views.sort_by_key(|(at, _, _)| at.unwrap_or(usize::MAX));
    let mut enums: Vec<(Option<usize>, usize, String)> = context
        .enums
        .iter()
        .map(|enum_type| {
            let kept = context.previous_enum(&enum_type.name);
            let at = kept.and_then(|e| previous.enums.iter().position(|p| std::ptr::eq(p, e)));
            (
                at,
                file_of(kept.map(|e| e.file)),
                enums::render(&context, enum_type),
            )
        })
        .collect();
    enums.sort_by_key(|(at, _, _)| at.unwrap_or(usize::MAX));
    let mut files = Vec::new();
    for (index, config) in layout.configs.iter().enumerate() {
        let mut blocks: Vec<&str> = Vec::new();
        if !config.is_empty() {
            blocks.push(config.trim_end());
        }
        for (_, file, block) in models.iter().chain(&views).chain(&enums) {
            if *file == index {
                blocks.push(block);
            }
        }
        let existing = layout.existing[index];
        // A new file only when something goes in it.
        if existing.is_none() && blocks.is_empty() && layout.configs.len() > 1 {
            continue;
        }
        // A file left with nothing is written as an empty line.
        let text = if blocks.is_empty() {
            "\n".to_string()
        } else {
            let out = format!("{}\n", blocks.join("\n\n"));
            plumb_psl::format(&out).unwrap_or(out)
        };
        files.push(PulledFile { existing, text });
    }
    Pulled {
        files,
        replaces_files: false,
        models: context
            .tables
            .iter()
            .filter(|t| !t.columns.is_empty())
            .count(),
        enums: context.enums.len(),
        warnings: warnings.text(),
        view_files: layout.view_files.then(|| view_files(&context)),
    }
}

/// Each view's definition, laid out as Prisma's engine lays it out, in
/// the folder of its schema (the default one without several schemas).
fn view_files(context: &Context<'_>) -> Vec<ViewFile> {
    let options = sqlformat::FormatOptions {
        uppercase: true,
        ..sqlformat::FormatOptions::default()
    };
    context
        .views
        .iter()
        .map(|view| ViewFile {
            schema: context.view_folder(&view.name),
            name: context.view_name(&view.name).name,
            definition: sqlformat::format(&view.definition, &sqlformat::QueryParams::None, options),
        })
        .collect()
}
