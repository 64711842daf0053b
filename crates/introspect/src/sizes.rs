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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

    use super::*;

    #[test]
    fn a_partitioned_table_weighs_what_its_partitions_hold() {
        let database = plumb_testkit::database();
        let mut client = database.connect();
        client
            .batch_execute(
                "CREATE TABLE plain (id int);
                 CREATE TABLE never_counted (id int);
                 CREATE TABLE parted (id int) PARTITION BY RANGE (id);
                 CREATE TABLE parted_low PARTITION OF parted FOR VALUES FROM (0) TO (5000);
                 CREATE TABLE parted_high PARTITION OF parted FOR VALUES FROM (5000) TO (10000);
                 CREATE SCHEMA other;
                 CREATE TABLE other.elsewhere (id int);
                 INSERT INTO plain SELECT generate_series(1, 3000);
                 INSERT INTO parted SELECT generate_series(0, 9999);
                 ANALYZE plain; ANALYZE parted_low; ANALYZE parted_high;",
            )
            .unwrap();
        let sizes = table_sizes(&mut client, &["public"], "public").unwrap();
        let of = |name: &str| {
            *sizes
                .iter()
                .find(|s| s.table.name.as_str() == name)
                .unwrap_or_else(|| panic!("{name}: {sizes:?}"))
        };
        assert_eq!(of("plain").rows, Some(3000.0));
        assert!(of("plain").bytes > 0);
        assert_eq!(of("never_counted").rows, None);
        assert_eq!(of("parted").rows, Some(10000.0));
        assert_eq!(
            of("parted").bytes,
            of("parted_low").bytes + of("parted_high").bytes
        );
        assert!(of("plain").table.namespace.is_none());
        assert!(sizes.iter().all(|s| s.table.name.as_str() != "elsewhere"));
        let other = table_sizes(&mut client, &["other"], "public").unwrap();
        assert_eq!(other.len(), 1);
        assert_eq!(
            other[0].table.namespace.map(|n| n.to_string()),
            Some("other".to_string())
        );
    }
}
