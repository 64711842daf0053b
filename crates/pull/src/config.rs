//! The existing schema's generator and datasource blocks, re-written as
//! Prisma re-writes them on a pull (docs/reference/prisma-db-pull.md
//! §7.6): generators first, known keys in Prisma's order and the others
//! by name, `previewFeatures` and `schemas` sorted, `extensions` and
//! comments dropped.

use plumb_psl::LoadedSchema;
use plumb_psl::ast::Top;

/// The datasource of a schema pulled into nothing: with `--schemas`, the
/// schemas read.
pub fn fresh(schemas: &[String]) -> String {
    if schemas.is_empty() {
        return crate::DATASOURCE.to_string();
    }
    format!(
        "datasource db {{\n  provider = \"postgresql\"\n  schemas = {}\n}}",
        schema_list(schemas)
    )
}

/// `["a", "b"]`.
fn schema_list(schemas: &[String]) -> String {
    let items: Vec<String> = schemas
        .iter()
        .map(|s| crate::names::string_literal(s))
        .collect();
    format!("[{}]", items.join(", "))
}

/// The generator blocks, then the datasource, re-written as Prisma
/// re-writes them: known keys first in its order, the others by name,
/// `previewFeatures` and `schemas` sorted, comments dropped; `--schemas`
/// (`schemas`, when given) replaces the datasource's, in its order.
pub fn blocks(loaded: &LoadedSchema, schemas: &[String], partial_indexes: bool) -> String {
    let all: Vec<String> = (0..loaded.asts.len())
        .map(|file| blocks_in(loaded, file, schemas, partial_indexes))
        .filter(|blocks| !blocks.is_empty())
        .collect();
    if all.is_empty() {
        fresh(schemas)
    } else {
        all.join("\n\n")
    }
}

/// The config blocks of one file (empty when it has none).
pub fn blocks_in(
    loaded: &LoadedSchema,
    index: usize,
    schemas: &[String],
    partial_indexes: bool,
) -> String {
    let mut generators = Vec::new();
    let mut datasources = Vec::new();
    if let Some((file, ast)) = loaded.asts.get(index) {
        let text = loaded.files.text(*file);
        for top in &ast.tops {
            match top {
                // Prisma turns `partialIndexes` on where the database has
                // a partial index, since the schema now says its `where:`.
                Top::Generator(block) => generators.push(config_block(
                    "generator",
                    block,
                    text,
                    GENERATOR_KEYS,
                    "previewFeatures",
                    partial_indexes.then_some("\"partialIndexes\""),
                )),
                Top::Datasource(block) => {
                    let mut rendered =
                        config_block("datasource", block, text, DATASOURCE_KEYS, "schemas", None);
                    if !schemas.is_empty() {
                        rendered = with_schemas(&rendered, schemas);
                    }
                    datasources.push(rendered);
                }
                _ => {}
            }
        }
    }
    generators.extend(datasources);
    generators.join("\n\n")
}

/// A rendered datasource whose `schemas` are those given: the line
/// replaced, or added where Prisma writes it (last of the known keys).
fn with_schemas(rendered: &str, schemas: &[String]) -> String {
    let line = format!("  schemas = {}", schema_list(schemas));
    let mut lines: Vec<String> = rendered.lines().map(str::to_string).collect();
    if let Some(existing) = lines.iter_mut().find(|l| l.starts_with("  schemas = ")) {
        *existing = line;
    } else {
        // After the known keys, before any other.
        let known = |l: &String| {
            DATASOURCE_KEYS
                .iter()
                .any(|k| l.starts_with(&format!("  {k} = ")))
        };
        let at = lines
            .iter()
            .rposition(known)
            .map_or(lines.len() - 1, |i| i + 1);
        lines.insert(at, line);
    }
    lines.join("\n")
}

/// A generator's keys in the order Prisma writes them; the others follow
/// by name.
const GENERATOR_KEYS: &[&str] = &["provider", "output", "previewFeatures", "binaryTargets"];
/// A datasource's keys in the order Prisma writes them (`url` where
/// Prisma 6 wrote it: plumb still reads it).
const DATASOURCE_KEYS: &[&str] = &[
    "provider",
    "url",
    "directUrl",
    "shadowDatabaseUrl",
    "relationMode",
    "extensions",
    "schemas",
];

/// A block re-written: its keys in `order`, then the others by name; the
/// list under `sorted` sorted, then `append` added at its end when it
/// lacks it (the list made for it when there is none).
fn config_block(
    kind: &str,
    block: &plumb_psl::ast::ConfigBlock,
    text: &str,
    order: &[&str],
    sorted: &str,
    append: Option<&str>,
) -> String {
    let source = |span: plumb_diagnostics::Span| {
        text.get(span.start as usize..span.end as usize)
            .unwrap_or_default()
            .to_string()
    };
    let mut properties: Vec<(&str, String)> = block
        .properties
        .iter()
        .filter_map(|property| {
            let value = property.value.as_ref()?;
            let name = property.name.name.as_str();
            // Prisma's engine (7.10) drops a datasource's `extensions`.
            if kind == "datasource" && name == "extensions" {
                return None;
            }
            let rendered = match value {
                plumb_psl::ast::Expression::Array(items, _) if name == sorted => {
                    let mut items: Vec<String> = items.iter().map(|i| source(i.span())).collect();
                    items.sort();
                    items.dedup();
                    if let Some(item) = append.filter(|item| !items.iter().any(|i| i == item)) {
                        items.push(item.to_string());
                    }
                    format!("[{}]", items.join(", "))
                }
                _ => source(value.span()),
            };
            Some((name, rendered))
        })
        .collect();
    if let Some(item) = append
        && !properties.iter().any(|(name, _)| *name == sorted)
    {
        properties.push((sorted, format!("[{item}]")));
    }
    let rank = |name: &str| order.iter().position(|k| *k == name).unwrap_or(order.len());
    properties.sort_by(|a, b| rank(a.0).cmp(&rank(b.0)).then_with(|| a.0.cmp(b.0)));
    let mut out = format!("{kind} {} {{\n", block.name.name);
    for (name, value) in properties {
        out.push_str(&format!("  {name} = {value}\n"));
    }
    out.push('}');
    out
}
