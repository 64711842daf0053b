//! A migrations folder → the SQL schema IR, without a database: the third
//! producer of the IR beside lowering and introspection. Each
//! `migration.sql` is split into statements, each statement parsed with
//! sqlparser's PostgreSQL dialect and applied to an in-memory catalog as
//! PostgreSQL would apply it — names folded and cut to 63 bytes, the
//! names PostgreSQL chooses for unnamed keys, indexes and sequences,
//! defaults stored as the server prints them — and the catalog is read
//! out as introspection reads a database. The result equals the IR of the
//! folder replayed in a shadow database and introspected; where the
//! replay cannot be sure of that (a `DO` block that runs DDL, a statement
//! it does not model) it stops with a located [`Refusal`] instead of
//! guessing.

mod apply;
mod catalog;
mod datetime;
mod expr;
mod jsonb;
mod names;
mod operator_classes;
pub mod script;
mod types;

use plumb_ir::{Name, Schema};

pub use apply::{Refusal, RefusalKind};

/// One migration to replay.
#[derive(Debug, Clone, Copy)]
pub struct Migration<'a> {
    /// The folder's name (`20240101000000_init`).
    pub name: &'a str,
    /// The script's path as the user should see it in a diagnostic.
    pub path: &'a str,
    pub script: &'a str,
}

/// A database being built by replaying migrations.
#[derive(Debug, Clone)]
pub struct Replay {
    catalog: catalog::Catalog,
    skipped: Vec<Skipped>,
    /// For each table, the statement that last changed it.
    changes: std::collections::HashMap<plumb_ir::QualifiedName, Change>,
    /// For each migration, the tables it changed.
    changed_by: std::collections::HashMap<String, Vec<plumb_ir::QualifiedName>>,
}

/// Where a table was last changed: the migration and the statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub migration: String,
    pub path: String,
    /// 1-based line and column of the statement's first word.
    pub line: usize,
    pub column: usize,
}

/// A statement that changed nothing the replay models: data, grants,
/// session settings, transaction control.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub migration: String,
    pub line: usize,
    /// Its first words (`INSERT INTO`).
    pub what: String,
}

impl Replay {
    /// An empty database whose search path starts at `default_namespace`
    /// (the URL's `?schema=`, else `public`).
    pub fn new(default_namespace: &str) -> Replay {
        Replay {
            catalog: catalog::Catalog::new(Name::new(default_namespace)),
            skipped: Vec::new(),
            changes: std::collections::HashMap::new(),
            changed_by: std::collections::HashMap::new(),
        }
    }

    /// Applies one migration's statements in order; at the first one that
    /// cannot be modelled, stops with where and why (the statements
    /// before it stay applied).
    pub fn apply(&mut self, migration: &Migration<'_>) -> Result<(), Box<Refusal>> {
        let statements: Vec<(script::Statement, Option<Vec<_>>)> =
            match script::split_with_tokens(migration.script) {
                Some(split) => split.into_iter().map(|(s, t)| (s, Some(t))).collect(),
                None => script::split(migration.script)
                    .into_iter()
                    .map(|s| (s, None))
                    .collect(),
            };
        let mut lines = Lines::new(migration.script);
        let search_path = self.catalog.search_path;
        for (statement, tokens) in statements {
            let outcome = apply::statement(&mut self.catalog, &statement, tokens);
            let (line, column) = lines.at(statement.code_offset);
            for table in std::mem::take(&mut self.catalog.touched) {
                let tables = self
                    .changed_by
                    .entry(migration.name.to_string())
                    .or_default();
                if !tables.contains(&table) {
                    tables.push(table);
                }
                self.changes.insert(
                    table,
                    Change {
                        migration: migration.name.to_string(),
                        path: migration.path.to_string(),
                        line,
                        column,
                    },
                );
            }
            match outcome {
                Ok(apply::Outcome::Applied) => {}
                Ok(apply::Outcome::Skipped) => self.skipped.push(Skipped {
                    migration: migration.name.to_string(),
                    line,
                    what: statement
                        .keywords
                        .iter()
                        .take(2)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(" "),
                }),
                Err((kind, reason)) => {
                    self.end_transaction(search_path);
                    return Err(Box::new(Refusal::new(migration, &statement, kind, reason)));
                }
            }
        }
        self.end_transaction(search_path);
        Ok(())
    }

    /// A migration's transaction ends: a `SET LOCAL search_path` with it.
    fn end_transaction(&mut self, before: Name) {
        if self.catalog.local_search_path {
            self.catalog.search_path = before;
            self.catalog.local_search_path = false;
        }
    }

    /// The IR introspection would read from the database now, in
    /// `namespaces` (the schema's `schemas`, else the default namespace).
    pub fn schema(&self, namespaces: &[&str]) -> Schema {
        let names: Vec<Name> = if namespaces.is_empty() {
            vec![self.catalog.default_namespace]
        } else {
            namespaces.iter().map(|n| Name::new(n)).collect()
        };
        self.catalog.schema(&names)
    }

    /// The statement that last changed (made, altered, indexed, dropped)
    /// the table `name` (unqualified: in the default namespace).
    pub fn last_change(&self, name: &plumb_ir::QualifiedName) -> Option<&Change> {
        let qualified = plumb_ir::QualifiedName {
            namespace: Some(name.namespace.unwrap_or(self.catalog.default_namespace)),
            name: name.name,
        };
        self.changes.get(&qualified)
    }

    /// The tables a migration changed (made, altered, indexed, dropped),
    /// as the IR names them (the default namespace's unqualified).
    pub fn changed_tables(&self, migration: &str) -> Vec<plumb_ir::QualifiedName> {
        let default = self.catalog.default_namespace;
        self.changed_by
            .get(migration)
            .map(|tables| {
                tables
                    .iter()
                    .map(|t| plumb_ir::QualifiedName {
                        namespace: t.namespace.filter(|n| *n != default),
                        name: t.name,
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// [`Replay::schema`] without column defaults: what exists, cheaply.
    pub fn shape(&self, namespaces: &[&str]) -> Schema {
        let names: Vec<Name> = if namespaces.is_empty() {
            vec![self.catalog.default_namespace]
        } else {
            namespaces.iter().map(|n| Name::new(n)).collect()
        };
        self.catalog.shape(&names)
    }

    /// The statements skipped so far because they change no schema.
    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
    }
}

/// A possibly qualified name as PostgreSQL reads it (folded, cut to 63
/// bytes): `(schema, name)`, for tools that read statements beside the
/// replay (the linter).
pub fn object_name(name: &sqlparser::ast::ObjectName) -> Option<(Option<Name>, Name)> {
    names::qualified(name)
}

/// An identifier as PostgreSQL reads it.
pub fn identifier(ident: &sqlparser::ast::Ident) -> Name {
    names::name(ident)
}

/// Replays `migrations` in order into a new database.
pub fn replay(
    migrations: &[Migration<'_>],
    default_namespace: &str,
    namespaces: &[&str],
) -> Result<Schema, Box<Refusal>> {
    let mut replay = Replay::new(default_namespace);
    for migration in migrations {
        replay.apply(migration)?;
    }
    Ok(replay.schema(namespaces))
}

/// Line and column of offsets met in increasing order, counted from the
/// last one (not from the start of the script each time).
struct Lines<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
    line_start: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        Lines {
            text,
            offset: 0,
            line: 1,
            line_start: 0,
        }
    }

    /// 1-based line and column (in characters) of `offset`.
    fn at(&mut self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        if offset < self.offset {
            *self = Lines::new(self.text);
        }
        for (i, byte) in self.text.as_bytes()[self.offset..offset].iter().enumerate() {
            if *byte == b'\n' {
                self.line += 1;
                self.line_start = self.offset + i + 1;
            }
        }
        self.offset = offset;
        let column = self.text[self.line_start..offset].chars().count() + 1;
        (self.line, column)
    }
}
