//! Long migration histories: a random schema evolved step after step,
//! each step's migration written by plumb (schema to schema), with some
//! hand-written SQL between them as teams add it (comments, checks,
//! concurrent indexes, data fixes, `DO` blocks, functions and triggers).
//! The offline replay is held to PostgreSQL on them, and the benchmarks
//! replay one.

use std::path::Path;

use plumb_migrate::diff::{Output, Source, diff};
use plumb_sql_quote::{ident, literal};

use crate::generate;
use crate::model::Schema;
use crate::rng::Rng;

/// One migration: its folder name and script.
pub type Migration = (String, String);

/// A history and the schema it ends at.
#[derive(Debug, Clone)]
pub struct History {
    pub migrations: Vec<Migration>,
    /// The last schema, rendered (with its datasource block).
    pub schema: String,
    /// Whether it uses a second namespace (`schemas = [...]`).
    pub multi_schema: bool,
}

/// `steps` migrations evolving a random schema from `seed`; the first
/// creates it. A step whose evolution plumb rejects is tried again.
pub fn history(seed: u64, steps: usize, extras: bool) -> Result<History, String> {
    let mut rng = Rng::new(seed);
    let dir = std::env::temp_dir().join(format!("plumb-history-{seed}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let result = build(&mut rng, &dir, steps, extras);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn build(rng: &mut Rng, dir: &Path, steps: usize, extras: bool) -> Result<History, String> {
    let mut migrations = Vec::with_capacity(steps);
    let mut current = generate::schema(rng);
    let mut from = Source::Empty;
    let mut attempts = 0;
    while migrations.len() < steps {
        attempts += 1;
        if attempts > steps * 20 {
            return Err("the generator keeps writing schemas plumb rejects".into());
        }
        let mut next = current.clone();
        if !migrations.is_empty() {
            for _ in 0..rng.between(1, 3) {
                generate::evolve(rng, &mut next);
            }
            generate::fixup(&mut next);
        }
        let path = dir.join(format!("{}.prisma", migrations.len()));
        std::fs::write(&path, next.render()).map_err(|e| e.to_string())?;
        let to = Source::Schema(path);
        let Ok(found) = diff(&from, &to, Output::Script) else {
            continue;
        };
        let mut script = found.text;
        if extras && !migrations.is_empty() && rng.chance(40) {
            script.push_str(&extra(rng, &next, migrations.len()));
        }
        migrations.push((
            format!("2024{:010}_step_{}", migrations.len(), migrations.len()),
            script,
        ));
        current = next;
        from = to;
    }
    Ok(History {
        migrations,
        schema: current.render(),
        multi_schema: !current.namespaces.is_empty(),
    })
}

/// Hand-written SQL on one of the schema's tables, of a kind that needs
/// nothing from the tables' columns.
fn extra(rng: &mut Rng, schema: &Schema, step: usize) -> String {
    let Some(model) = schema.models.get(rng.below(schema.models.len().max(1))) else {
        return String::new();
    };
    let table = match &model.namespace {
        Some(namespace) => format!(
            "{}.{}",
            ident(namespace),
            ident(model.map.as_deref().unwrap_or(&model.name))
        ),
        None => ident(model.map.as_deref().unwrap_or(&model.name)),
    };
    let bare = model.map.as_deref().unwrap_or(&model.name);
    match rng.below(6) {
        0 => format!(
            "\n-- Hand-written\nCOMMENT ON TABLE {table} IS {};\n",
            literal(&format!("step {step}"))
        ),
        1 => format!(
            "\nALTER TABLE {table} ADD CONSTRAINT {} CHECK (1 = 1) NOT VALID;\n",
            ident(&format!("{bare}_extra_{step}_check"))
        ),
        2 => format!("\nDO $$\nBEGIN\n    PERFORM 1;\nEND $$;\nDELETE FROM {table} WHERE false;\n"),
        3 => format!(
            "\nCREATE OR REPLACE FUNCTION {f}() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ LANGUAGE plpgsql;\nCREATE TRIGGER {t} BEFORE UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION {f}();\n",
            f = ident(&format!("touch_{step}")),
            t = ident(&format!("touch_{step}"))
        ),
        4 => format!("\nSET lock_timeout = '10s';\nANALYZE {table};\n"),
        // A view on the table would stop plumb's DROP TABLE (no CASCADE).
        _ => format!(
            "\nCREATE OR REPLACE VIEW {} AS SELECT {} AS step;\n",
            ident(&format!("view_{step}")),
            step
        ),
    }
}
