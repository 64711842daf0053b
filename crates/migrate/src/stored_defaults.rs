//! Defaults compared by meaning. A schema's default and the default a
//! database holds can say the same thing in different words: PostgreSQL
//! stores `dbgenerated("md5(random()::text)")` as `md5((random())::text)`,
//! `ARRAY[1]::BIGINT[]` as `ARRAY[(1)::bigint]`, a uuid literal with its
//! cast, `dbgenerated("false")` as `false`. Compared as text, every diff
//! would write the same `SET DEFAULT` again, forever.
//!
//! So before a database is compared with a schema, each schema default
//! that differs from the database's goes through PostgreSQL itself: set
//! on a temporary table column of the same type (in a transaction that is
//! rolled back) and read back as introspection reads any default. Where
//! that equals the database's default, the schema side takes the
//! database's form and no step is planned. PostgreSQL is the only
//! faithful judge of its own normal form; when it cannot answer (no
//! right to create a temporary table), the defaults compare as text.

use plumb_ir::{Column, ColumnType, Schema};

/// The schema columns whose default differs from the matching database
/// column's in the IR, each with the database's default.
#[derive(Debug, Default)]
pub(crate) struct Candidates(Vec<(usize, usize, Option<plumb_ir::Default>)>);

impl Candidates {
    /// Found without a connection, so that one is made only when needed.
    pub(crate) fn of(database: &Schema, schema: &Schema) -> Candidates {
        // Tables match by name, an unqualified one in the database's
        // default namespace (the diff qualifies them so later).
        let resolved = |name: &plumb_ir::QualifiedName| {
            (name.namespace.or(database.default_namespace), name.name)
        };
        let mut found = Vec::new();
        for (t, table) in schema.tables.iter().enumerate() {
            let Some(stored) = database
                .tables
                .iter()
                .find(|s| resolved(&s.name) == resolved(&table.name))
            else {
                continue;
            };
            for (c, column) in table.columns.iter().enumerate() {
                let Some(stored) = stored.columns.iter().find(|s| s.name == column.name) else {
                    continue;
                };
                if comparable(column, stored) {
                    found.push((t, c, stored.default.clone()));
                }
            }
        }
        Candidates(found)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Gives `schema`'s candidate columns the database's default wherever
/// PostgreSQL, through `client`, stores both the same way.
pub(crate) fn align(client: &mut postgres::Client, schema: &mut Schema, candidates: Candidates) {
    let candidates = candidates.0;
    if candidates.is_empty() {
        return;
    }
    let Ok(stored) = stored_forms(client, schema, &candidates) else {
        return;
    };
    for ((t, c, database_default), form) in candidates.into_iter().zip(stored) {
        let column = &mut schema.tables[t].columns[c];
        let Some(form) = form else { continue };
        let read = plumb_introspect::read_default(
            &form,
            &column.column_type,
            column.arity == plumb_ir::ColumnArity::List,
        );
        if read.is_some() && read == database_default {
            column.default = database_default;
        }
    }
}

/// [`align`] without a database, for a folder replayed offline: the
/// offline replay stands in for PostgreSQL, reading each candidate's
/// default from the same `CREATE TABLE` the server would be sent.
pub(crate) fn align_offline(schema: &mut Schema, candidates: Candidates, default_namespace: &str) {
    for (t, c, database_default) in candidates.0 {
        let column = &mut schema.tables[t].columns[c];
        let mut probe = column.clone();
        probe.name = plumb_ir::Name::new("c");
        let create = format!(
            "CREATE TABLE {} ({})",
            plumb_sql_quote::ident(&temporary_table(0)),
            plumb_render::column_definition(&probe)
        );
        let mut replay = plumb_replay::Replay::new(default_namespace);
        let migration = plumb_replay::Migration {
            name: "stored default",
            path: "stored default",
            script: &create,
        };
        if replay.apply(&migration).is_err() {
            continue;
        }
        let read = replay
            .schema(&[])
            .tables
            .first()
            .and_then(|table| table.columns.first())
            .and_then(|column| column.default.clone());
        if read.is_some() && read == database_default {
            column.default = database_default;
        }
    }
}

/// Whether the two defaults differ in the IR and could still mean the
/// same: same type, no sequence, a default on both sides. Enum columns
/// are left out (their values are labels, stored as written).
fn comparable(column: &Column, stored: &Column) -> bool {
    column.default != stored.default
        && column.default.as_ref().is_some_and(|d| !d.is_empty())
        && stored.default.is_some()
        && !column.auto_increment
        && !stored.auto_increment
        && column.column_type == stored.column_type
        && column.arity == stored.arity
        && matches!(column.column_type, ColumnType::Native(_))
}

/// The default of each candidate as PostgreSQL stores it (`None` where
/// PostgreSQL rejects it).
fn stored_forms(
    client: &mut postgres::Client,
    schema: &Schema,
    candidates: &[(usize, usize, Option<plumb_ir::Default>)],
) -> Result<Vec<Option<String>>, postgres::Error> {
    let mut transaction = client.transaction()?;
    for (i, (t, c, _)) in candidates.iter().enumerate() {
        let mut column = schema.tables[*t].columns[*c].clone();
        column.name = plumb_ir::Name::new("c");
        column.arity = match column.arity {
            plumb_ir::ColumnArity::List => plumb_ir::ColumnArity::List,
            _ => plumb_ir::ColumnArity::Nullable,
        };
        let create = format!(
            "CREATE TEMPORARY TABLE {} ({})",
            plumb_sql_quote::ident(&temporary_table(i)),
            plumb_render::column_definition(&column)
        );
        // One savepoint each: a default PostgreSQL rejects spoils only
        // its own answer.
        let mut savepoint = transaction.savepoint("plumb_default")?;
        if savepoint.batch_execute(&create).is_ok() {
            savepoint.commit()?;
        }
    }
    let rows = transaction.query(
        "SELECT c.relname::text, pg_catalog.pg_get_expr(d.adbin, d.adrelid)
           FROM pg_catalog.pg_attrdef d
           JOIN pg_catalog.pg_class c ON c.oid = d.adrelid
          WHERE c.relpersistence = 't' AND c.relname LIKE 'plumb_stored_default_%'
            AND pg_catalog.pg_table_is_visible(c.oid)",
        &[],
    )?;
    let mut forms = vec![None; candidates.len()];
    for row in rows {
        let name: String = row.get(0);
        let index = name
            .strip_prefix("plumb_stored_default_")
            .and_then(|i| i.parse::<usize>().ok());
        if let Some(slot) = index.and_then(|i| forms.get_mut(i)) {
            *slot = Some(row.get::<_, String>(1));
        }
    }
    transaction.rollback()?;
    Ok(forms)
}

fn temporary_table(i: usize) -> String {
    format!("plumb_stored_default_{i}")
}
