//! How big a database's tables are, for the linter: a lock held for a scan
//! or a rewrite lasts as long as the table is large.

use plumb_ir::{Name, QualifiedName};

const TABLE_SIZES: &str = include_str!("queries/table_sizes.sql");

/// One table's size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TableSize {
    /// Named as in the IR: the default namespace unqualified.
    pub table: QualifiedName,
    /// `pg_class.reltuples`: an estimate, `None` when the table was never
    /// vacuumed or analyzed.
    pub rows: Option<f64>,
    /// `pg_total_relation_size`: heap, indexes and TOAST, in bytes.
    pub bytes: i64,
}

/// The sizes of the tables in `namespaces`; `default_namespace`'s are
/// unqualified.
pub fn table_sizes(
    client: &mut postgres::Client,
    namespaces: &[&str],
    default_namespace: &str,
) -> Result<Vec<TableSize>, postgres::Error> {
    let namespaces: Vec<String> = namespaces.iter().map(|n| n.to_string()).collect();
    let rows = client.query(TABLE_SIZES, &[&namespaces])?;
    Ok(rows
        .iter()
        .map(|row| {
            let namespace: String = row.get("namespace");
            let name: String = row.get("name");
            let rows: f64 = row.get("rows");
            TableSize {
                table: QualifiedName {
                    namespace: (namespace != default_namespace).then(|| Name::new(&namespace)),
                    name: Name::new(&name),
                },
                rows: (rows >= 0.0).then_some(rows),
                bytes: row.get("bytes"),
            }
        })
        .collect())
}
