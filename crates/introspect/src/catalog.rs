//! The catalog queries and the IR built from their rows.

use std::collections::HashMap;

use plumb_ir::{
    Column, ColumnArity, Enum, Extension, ForeignKey, Index, IndexAlgorithm, IndexColumn, Name,
    PrimaryKey, QualifiedName, ReferentialAction, Schema, SortOrder, Table, UnmanagedObject,
};
use postgres::Row;

use crate::Introspection;
use crate::defaults::{ColumnDefault, column_default};
use crate::types::{CatalogType, column_type};

const NAMESPACES: &str = include_str!("queries/namespaces.sql");
const TABLES: &str = include_str!("queries/tables.sql");
pub(crate) const COLUMNS: &str = include_str!("queries/columns.sql");
pub(crate) const ENUMS: &str = include_str!("queries/enums.sql");
const INDEXES: &str = include_str!("queries/indexes.sql");
const FOREIGN_KEYS: &str = include_str!("queries/foreign_keys.sql");
const EXTENSIONS: &str = include_str!("queries/extensions.sql");
const OBJECTS: &str = include_str!("queries/objects.sql");

/// The queries, each with whether it takes the namespaces as `$1`. Two
/// groups of about equal cost, for two connections.
const FIRST: [(&str, bool); 3] = [(NAMESPACES, true), (TABLES, true), (COLUMNS, true)];
const SECOND: [(&str, bool); 5] = [
    (ENUMS, true),
    (INDEXES, true),
    (FOREIGN_KEYS, true),
    (EXTENSIONS, false),
    (OBJECTS, true),
];

/// Runs `queries` in `transaction`; their rows, and the round trips taken.
fn run(
    transaction: &mut postgres::Transaction<'_>,
    queries: &[(&str, bool)],
    namespaces: &[String],
) -> Result<Vec<Vec<Row>>, postgres::Error> {
    let with: [&(dyn postgres::types::ToSql + Sync); 1] = [&namespaces];
    queries
        .iter()
        .map(|&(sql, takes_namespaces)| {
            transaction.query(sql, if takes_namespaces { &with } else { &[] })
        })
        .collect()
}

/// A read-only transaction on one snapshot: a consistent picture even
/// while someone else changes the schema.
fn snapshot_transaction(
    client: &mut postgres::Client,
) -> Result<postgres::Transaction<'_>, postgres::Error> {
    client
        .build_transaction()
        .read_only(true)
        .isolation_level(postgres::IsolationLevel::RepeatableRead)
        .start()
}

/// Reads the managed namespaces into the IR on one connection.
pub(crate) fn read(
    client: &mut postgres::Client,
    namespaces: &[&str],
    default_namespace: &str,
) -> Result<Introspection, postgres::Error> {
    let names: Vec<String> = namespaces.iter().map(|n| n.to_string()).collect();
    let mut transaction = snapshot_transaction(client)?;
    let mut rows = run(&mut transaction, &FIRST, &names)?;
    rows.extend(run(&mut transaction, &SECOND, &names)?);
    transaction.commit()?;
    // BEGIN, the queries, COMMIT.
    let round_trips = 2 + FIRST.len() + SECOND.len();
    Ok(build(rows, default_namespace, round_trips))
}

/// The same on two connections at once, the second sharing the first's
/// snapshot (`pg_export_snapshot`): on a big database the server's work
/// is most of the time, and it is spread over two backends.
pub(crate) fn read_on_two(
    first: &mut postgres::Client,
    second: &mut postgres::Client,
    namespaces: &[&str],
    default_namespace: &str,
) -> Result<Introspection, postgres::Error> {
    let names: Vec<String> = namespaces.iter().map(|n| n.to_string()).collect();
    let mut transaction = snapshot_transaction(first)?;
    let snapshot: String = transaction
        .query_one("SELECT pg_catalog.pg_export_snapshot()", &[])?
        .get(0);
    let (rows, second_rows) = std::thread::scope(|scope| {
        let names = &names;
        let other = scope.spawn(move || {
            let mut transaction = snapshot_transaction(second)?;
            // The snapshot id is the server's text, never the user's.
            transaction.batch_execute(&format!("SET TRANSACTION SNAPSHOT '{snapshot}'"))?;
            let rows = run(&mut transaction, &SECOND, names)?;
            transaction.commit()?;
            Ok::<_, postgres::Error>(rows)
        });
        // The exporting transaction stays open until the other has read.
        let rows = run(&mut transaction, &FIRST, names);
        let other = other
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (rows, other)
    });
    let mut rows = rows?;
    rows.extend(second_rows?);
    transaction.commit()?;
    // Each side: BEGIN, its queries, COMMIT; the export and the import.
    let round_trips = 4 + 2 + FIRST.len() + SECOND.len();
    Ok(build(rows, default_namespace, round_trips))
}

/// The IR from the rows of all the queries, in FIRST then SECOND order.
fn build(rows: Vec<Vec<Row>>, default_namespace: &str, round_trips: usize) -> Introspection {
    let mut rows = rows.into_iter();
    let mut next = || rows.next().unwrap_or_default();
    let (namespace_rows, table_rows, column_rows) = (next(), next(), next());
    let (enum_rows, index_rows, foreign_key_rows, extension_rows, object_rows) =
        (next(), next(), next(), next(), next());

    let namespace = |name: &str| (name != default_namespace).then(|| Name::new(name));
    let mut schema = Schema {
        namespaces: namespace_rows
            .iter()
            .map(|row| Name::new(row.get::<_, &str>("name")))
            .collect(),
        default_namespace: Some(Name::new(default_namespace)),
        ..Schema::default()
    };
    schema.extensions = extension_rows
        .iter()
        .filter(|row| row.get::<_, &str>("name") != "plpgsql")
        .map(|row| Extension {
            name: row.get("name"),
            schema: Some(row.get("schema")),
            version: Some(row.get("version")),
        })
        .collect();
    schema.enums = enums(&enum_rows, &namespace);

    let mut by_oid: HashMap<u32, usize> = HashMap::with_capacity(table_rows.len());
    for row in &table_rows {
        by_oid.insert(row.get("oid"), schema.tables.len());
        schema.tables.push(Table {
            name: QualifiedName {
                namespace: namespace(row.get("namespace")),
                name: Name::new(row.get("name")),
            },
            columns: Vec::new(),
            primary_key: None,
            indexes: Vec::new(),
        });
    }
    for row in &column_rows {
        if let Some(&table) = by_oid.get(&row.get::<_, u32>("table_oid")) {
            let column = column(row, &schema.enums, &namespace);
            schema.tables[table].columns.push(column);
        }
    }
    indexes(&index_rows, &by_oid, &mut schema.tables);
    schema.foreign_keys = foreign_keys(&foreign_key_rows, &by_oid, &schema.tables, &namespace);
    schema.unmanaged = object_rows
        .iter()
        .map(|row| UnmanagedObject {
            kind: row.get("kind"),
            name: QualifiedName {
                namespace: namespace(row.get("namespace")),
                name: Name::new(row.get("name")),
            },
            table: row.get::<_, Option<&str>>("table_name").map(Name::new),
            definition: row.get("definition"),
        })
        .collect();
    Introspection {
        schema,
        round_trips,
    }
}

pub(crate) fn enums(rows: &[Row], namespace: &impl Fn(&str) -> Option<Name>) -> Vec<Enum> {
    let mut enums: Vec<Enum> = Vec::new();
    for row in rows {
        let name = QualifiedName {
            namespace: namespace(row.get("namespace")),
            name: Name::new(row.get("name")),
        };
        let value = Name::new(row.get("value"));
        match enums.last_mut() {
            Some(last) if last.name == name => last.values.push(value),
            _ => enums.push(Enum {
                name,
                values: vec![value],
            }),
        }
    }
    enums
}

pub(crate) fn column(
    row: &Row,
    enums: &[Enum],
    namespace: &impl Fn(&str) -> Option<Name>,
) -> Column {
    let is_array: bool = row.get("is_array");
    let type_name: &str = row.get("type_name");
    let own = QualifiedName {
        namespace: namespace(row.get("type_namespace")),
        name: Name::new(type_name),
    };
    let read_enum = enums
        .iter()
        .find(|e| e.name == own)
        .or_else(|| enums.iter().find(|e| e.name.name == own.name))
        .map(|e| e.name);
    let column_type = column_type(&CatalogType {
        name: type_name,
        udt_name: row.get("udt_name"),
        kind: row.get("type_kind"),
        read_enum,
        modifier: row.get("type_modifier"),
        is_array,
    });
    let (default, sequence) = match row.get::<_, Option<&str>>("default_expression") {
        Some(expression) => match column_default(expression, &column_type, is_array) {
            ColumnDefault::None => (None, None),
            ColumnDefault::Sequence(name) => (None, Some(name)),
            ColumnDefault::Default(default) => (Some(default), None),
        },
        None => (None, None),
    };
    let identity: &str = row.get("identity");
    let arity = if is_array {
        ColumnArity::List
    } else if row.get("not_null") {
        ColumnArity::Required
    } else {
        ColumnArity::Nullable
    };
    Column {
        name: Name::new(row.get("name")),
        column_type,
        arity,
        default,
        auto_increment: sequence.is_some() || !identity.is_empty(),
        sequence,
        client_default: false,
    }
}

/// An index being read, row by row.
struct IndexRows {
    table: usize,
    index: Index,
    primary: bool,
    /// A key column is an expression: Prisma leaves such indexes out.
    on_expression: bool,
}

/// Groups index rows (one per key column) into primary keys and indexes.
fn indexes(rows: &[Row], by_oid: &HashMap<u32, usize>, tables: &mut [Table]) {
    let mut current: Option<IndexRows> = None;
    let finish = |done: Option<IndexRows>, tables: &mut [Table]| match done {
        Some(done) if done.primary => {
            tables[done.table].primary_key = Some(PrimaryKey {
                name: done.index.name,
                columns: done.index.columns.iter().map(|c| c.name).collect(),
            });
        }
        Some(done) if !done.on_expression => tables[done.table].indexes.push(done.index),
        _ => {}
    };
    for row in rows {
        let Some(&table) = by_oid.get(&row.get::<_, u32>("table_oid")) else {
            continue;
        };
        let name = Name::new(row.get("name"));
        if !matches!(&current, Some(c) if c.table == table && c.index.name == name) {
            finish(current.take(), tables);
            current = Some(IndexRows {
                table,
                index: Index {
                    name,
                    unique: row.get("is_unique"),
                    columns: Vec::new(),
                    algorithm: algorithm(row.get("method")),
                    predicate: row.get("predicate"),
                },
                primary: row.get("is_primary"),
                on_expression: false,
            });
        }
        let Some(current) = &mut current else {
            continue;
        };
        let column_name: Option<&str> = row.get("column_name");
        let descending: bool = row.get("descending");
        let Some(column_name) = column_name else {
            current.on_expression = true;
            continue;
        };
        // Prisma reads no operator class on B-tree and hash indexes; a
        // schema can still give one (`ops: raw("text_pattern_ops")`), so
        // one that is not the type's default is kept, or such an index
        // would differ from its schema on every diff.
        let is_default: bool = row.get("default_operator_class");
        let (operator_class, operator_class_is_default) = match current.index.algorithm {
            IndexAlgorithm::BTree | IndexAlgorithm::Hash if is_default => (None, false),
            _ => (row.get("operator_class"), is_default),
        };
        current.index.columns.push(IndexColumn {
            name: Name::new(column_name),
            // Prisma's reading names ASC too, and writes it out.
            sort: Some(if descending {
                SortOrder::Desc
            } else {
                SortOrder::Asc
            }),
            operator_class,
            operator_class_is_default,
        });
    }
    finish(current, tables);
}

pub(crate) fn algorithm(method: &str) -> IndexAlgorithm {
    match method {
        "hash" => IndexAlgorithm::Hash,
        "gist" => IndexAlgorithm::Gist,
        "gin" => IndexAlgorithm::Gin,
        "spgist" => IndexAlgorithm::SpGist,
        "brin" => IndexAlgorithm::Brin,
        _ => IndexAlgorithm::BTree,
    }
}

/// Groups foreign key rows (one per column pair) into foreign keys.
fn foreign_keys(
    rows: &[Row],
    by_oid: &HashMap<u32, usize>,
    tables: &[Table],
    namespace: &impl Fn(&str) -> Option<Name>,
) -> Vec<ForeignKey> {
    let mut keys: Vec<ForeignKey> = Vec::new();
    let mut last: Option<(u32, Name)> = None;
    for row in rows {
        let table_oid: u32 = row.get("table_oid");
        let Some(&table) = by_oid.get(&table_oid) else {
            continue;
        };
        let name = Name::new(row.get("name"));
        if last != Some((table_oid, name)) {
            last = Some((table_oid, name));
            keys.push(ForeignKey {
                name,
                table: tables[table].name,
                columns: Vec::new(),
                referenced_table: QualifiedName {
                    namespace: namespace(row.get("referenced_namespace")),
                    name: Name::new(row.get("referenced_table")),
                },
                referenced_columns: Vec::new(),
                on_delete: action(row.get("on_delete")),
                on_update: action(row.get("on_update")),
            });
        }
        if let Some(key) = keys.last_mut() {
            key.columns.push(Name::new(row.get("column_name")));
            key.referenced_columns
                .push(Name::new(row.get("referenced_column")));
        }
    }
    keys
}

fn action(letter: &str) -> ReferentialAction {
    match letter {
        "r" => ReferentialAction::Restrict,
        "c" => ReferentialAction::Cascade,
        "n" => ReferentialAction::SetNull,
        "d" => ReferentialAction::SetDefault,
        _ => ReferentialAction::NoAction,
    }
}
