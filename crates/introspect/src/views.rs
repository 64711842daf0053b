//! The views of the managed namespaces and their columns, for `db pull`
//! (a `view` block each, with the `views` preview feature). Materialized
//! views are left out, as Prisma leaves them out.

use plumb_ir::{ColumnArity, Name, QualifiedName, View};

use crate::catalog::{COLUMNS, ENUMS, column, enums};

/// The views, oldest first (the order Prisma's engine reads them in).
/// $1: the namespaces.
const VIEWS: &str = "SELECT c.oid, n.nspname AS namespace, c.relname AS name \
    FROM pg_catalog.pg_class c \
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
    WHERE c.relkind = 'v' AND n.nspname = ANY ($1::text[]) \
    ORDER BY c.oid";

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
