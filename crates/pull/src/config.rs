//! The existing schema's generator and datasource blocks, re-written as
//! Prisma re-writes them on a pull (docs/reference/prisma-db-pull.md
//! §7.6): generators first, known keys in Prisma's order and the others
//! by name, `previewFeatures` and `schemas` sorted, comments dropped.

use plumb_psl::LoadedSchema;
use plumb_psl::ast::Top;

/// The generator blocks, then the datasource, re-written as Prisma
/// re-writes them: known keys first in its order, the others by name,
/// `previewFeatures` and `schemas` sorted, comments dropped.
pub fn blocks(loaded: &LoadedSchema) -> String {
    let mut generators = Vec::new();
    let mut datasources = Vec::new();
    for (file, ast) in &loaded.asts {
        let text = loaded.files.text(*file);
        for top in &ast.tops {
            match top {
                Top::Generator(block) => generators.push(config_block(
                    "generator",
                    block,
                    text,
                    GENERATOR_KEYS,
                    "previewFeatures",
                )),
                Top::Datasource(block) => datasources.push(config_block(
                    "datasource",
                    block,
                    text,
                    DATASOURCE_KEYS,
                    "schemas",
                )),
                _ => {}
            }
        }
    }
    generators.extend(datasources);
    if generators.is_empty() {
        crate::DATASOURCE.to_string()
    } else {
        generators.join("\n\n")
    }
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

fn config_block(
    kind: &str,
    block: &plumb_psl::ast::ConfigBlock,
    text: &str,
    order: &[&str],
    sorted: &str,
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
            let rendered = match value {
                plumb_psl::ast::Expression::Array(items, _) if name == sorted => {
                    let mut items: Vec<String> = items.iter().map(|i| source(i.span())).collect();
                    items.sort();
                    items.dedup();
                    format!("[{}]", items.join(", "))
                }
                _ => source(value.span()),
            };
            Some((name, rendered))
        })
        .collect();
    let rank = |name: &str| order.iter().position(|k| *k == name).unwrap_or(order.len());
    properties.sort_by(|a, b| rank(a.0).cmp(&rank(b.0)).then_with(|| a.0.cmp(b.0)));
    let mut out = format!("{kind} {} {{\n", block.name.name);
    for (name, value) in properties {
        out.push_str(&format!("  {name} = {value}\n"));
    }
    out.push('}');
    out
}
