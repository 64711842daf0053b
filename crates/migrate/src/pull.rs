//! `db pull`: the database's schema, written as `schema.prisma` the way
//! Prisma writes it (`plumb_pull`), after the existing schema's generator
//! and datasource blocks. Re-introspection — keeping what the existing
//! schema names and says — is not built yet: an existing schema with
//! models or enums is refused unless `--force`.

use std::path::Path;
use std::time::{Duration, Instant};

use plumb_psl::LoadedSchema;
use plumb_psl::ast::Top;

use crate::datasource::Target;
use crate::{Code, Error, messages};

/// What was pulled.
#[derive(Debug, Clone)]
pub struct Pulled {
    pub text: String,
    pub models: usize,
    /// Prisma's warnings (empty when there are none).
    pub warnings: String,
    /// From reading the database to having the text.
    pub elapsed: Duration,
}

/// Reads the target database and writes its schema after `loaded`'s
/// generator and datasource blocks.
pub fn pull(target: &Target, loaded: &LoadedSchema, force: bool) -> Result<Pulled, Error> {
    if loaded.asts.len() > 1 || !target.schemas.is_empty() {
        return Err(Error::plain(messages::PULL_NOT_YET));
    }
    let has_content = loaded.asts.iter().any(|(_, file)| {
        file.tops
            .iter()
            .any(|top| matches!(top, Top::Model(_) | Top::Enum(_)))
    });
    if has_content && !force {
        return Err(Error::plain(messages::PULL_WOULD_LOSE));
    }
    let started = Instant::now();
    let ir = crate::read::database(&target.url, &crate::read::DatabaseSettings::default())?;
    let pulled = plumb_pull::pull(&ir, &config_blocks(loaded));
    if pulled.models + pulled.enums == 0 {
        // Prisma prints the code inline, at the start of its text.
        debug_assert!(messages::PULL_EMPTY.contains(Code::P4001.as_str()));
        return Err(Error::plain(messages::PULL_EMPTY));
    }
    Ok(Pulled {
        text: pulled.text,
        models: pulled.models,
        warnings: pulled.warnings,
        elapsed: started.elapsed(),
    })
}

/// The generator blocks, then the datasource, re-written as Prisma
/// re-writes them: known keys first in its order, the others by name,
/// `previewFeatures` and `schemas` sorted, comments dropped.
fn config_blocks(loaded: &LoadedSchema) -> String {
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
        plumb_pull::DATASOURCE.to_string()
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

/// Writes the schema beside itself and renames it over `path`, so a
/// failure never leaves it half-written.
pub fn write(path: &Path, text: &str) -> Result<(), Error> {
    let temporary = path.with_extension("prisma.plumb-tmp");
    std::fs::write(&temporary, text)
        .and_then(|()| std::fs::rename(&temporary, path))
        .map_err(|error| {
            let _ = std::fs::remove_file(&temporary);
            Error::plain(messages::cannot_write_file(
                &path.display().to_string(),
                &error,
            ))
        })
}
