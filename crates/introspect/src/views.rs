//! What `db pull` reads beyond the schema IR: the views of the managed
//! namespaces and their columns (a `view` block each, with the `views`
//! preview feature; materialized views are left out, as Prisma leaves
//! them out), and the facts it notes about tables (`queries/pull_facts.sql`).

use plumb_ir::{ColumnArity, Deferrable, Name, NullOrder, PullFacts, QualifiedName, View};

use crate::catalog::{COLUMNS, ENUMS, column, enums};

/// The views, oldest first (the order Prisma's engine reads them in).
/// $1: the namespaces.
const VIEWS: &str = "SELECT c.oid, n.nspname AS namespace, c.relname AS name, \
    pg_catalog.pg_get_viewdef(c.oid) AS definition \
    FROM pg_catalog.pg_class c \
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
    WHERE c.relkind = 'v' AND n.nspname = ANY ($1::text[]) \
    ORDER BY c.oid";

const FACTS: &str = include_str!("queries/pull_facts.sql");

/// Reads what `db pull` needs beyond the IR in `namespaces` (the views
/// only when `with_views`); `default_namespace`'s names are unqualified.
pub fn pull_facts(
    client: &mut postgres::Client,
    namespaces: &[&str],
    default_namespace: &str,
    with_views: bool,
) -> Result<PullFacts, postgres::Error> {
    let mut facts = PullFacts {
        views: if with_views {
            views(client, namespaces, default_namespace)?
        } else {
            Vec::new()
        },
        ..PullFacts::default()
    };
    let names: Vec<String> = namespaces.iter().map(|n| n.to_string()).collect();
    let namespace = |name: &str| (name != default_namespace).then(|| Name::new(name));
    for row in client.query(FACTS, &[&names])? {
        let table = QualifiedName {
            namespace: namespace(row.get("namespace")),
            name: Name::new(row.get("table_name")),
        };
        let name = || Name::new(row.get::<_, &str>("name"));
        match row.get::<_, &str>("kind") {
            "partitioned" => facts.partitioned.push(table),
            "inherited" => facts.inherited.push(table),
            "row level security" => facts.row_level_security.push(table),
            "enum comment" => facts.commented_enums.push(table),
            "deferrable" => facts.deferrable.push(Deferrable {
                table,
                name: name(),
                foreign_key: row.get::<_, &str>("constraint_type") == "f",
            }),
            "expression index" => facts.expression_indexes.push((table, name())),
            "null order" => facts.null_orders.push(NullOrder {
                table,
                index: name(),
                column: Name::new(row.get("column_name")),
            }),
            _ => {}
        }
    }
    // Prisma's order: indexes by name, each index's columns in order.
    facts
        .null_orders
        .sort_by(|a, b| (a.table, a.index.as_str()).cmp(&(b.table, b.index.as_str())));
    Ok(facts)
}

/// Reads the views of `namespaces`; `default_namespace`'s are unqualified.
pub fn views(
    client: &mut postgres::Client,
    namespaces: &[&str],
    default_namespace: &str,
) -> Result<Vec<View>, postgres::Error> {
    // The table columns' query, for views: one reading of a column.
    let tables_only = "c.relkind IN ('r', 'p')";
    debug_assert!(COLUMNS.contains(tables_only));
    let view_columns = COLUMNS.replace(tables_only, "c.relkind = 'v'");
    let names: Vec<String> = namespaces.iter().map(|n| n.to_string()).collect();
    let mut transaction = client.build_transaction().read_only(true).start()?;
    let view_rows = transaction.query(VIEWS, &[&names])?;
    let column_rows = transaction.query(&view_columns, &[&names])?;
    let enum_rows = transaction.query(ENUMS, &[&names])?;
    transaction.commit()?;
    let namespace = |name: &str| (name != default_namespace).then(|| Name::new(name));
    let enums = enums(&enum_rows, &namespace);
    let mut views: Vec<(u32, View)> = view_rows
        .iter()
        .map(|row| {
            let view = View {
                name: QualifiedName {
                    namespace: namespace(row.get("namespace")),
                    name: Name::new(row.get("name")),
                },
                columns: Vec::new(),
                definition: row
                    .get::<_, Option<String>>("definition")
                    .unwrap_or_default(),
            };
            (row.get("oid"), view)
        })
        .collect();
    for row in &column_rows {
        let oid: u32 = row.get("table_oid");
        if let Some((_, view)) = views.iter_mut().find(|(o, _)| *o == oid) {
            let mut read = column(row, &enums, &namespace);
            // A view's columns carry no NOT NULL: all may be null.
            if read.arity == ColumnArity::Required {
                read.arity = ColumnArity::Nullable;
            }
            view.columns.push(read);
        }
    }
    Ok(views.into_iter().map(|(_, view)| view).collect())
}
