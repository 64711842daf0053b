//! A live PostgreSQL database → the SQL schema IR, the second producer of
//! the IR beside lowering. A database created from a Prisma schema must
//! read back as exactly the IR that schema lowers to: anything else is
//! phantom drift.
//!
//! A small fixed number of catalog queries (`queries/*.sql`), whatever the
//! size of the database: one per kind of object, each for all managed
//! namespaces at once.

mod catalog;
mod connect;
mod defaults;
mod messages;
mod sizes;
mod tls;
mod types;
pub mod url;
mod views;

pub use connect::{ConnectError, connect};
pub use sizes::{TableSize, table_sizes};
pub use url::{ConnectionUrl, InvalidUrl, redacted};
pub use views::{pull_facts, views};

use plumb_ir::Schema;

/// What [`introspect`] read, and what it took.
#[derive(Debug)]
pub struct Introspection {
    pub schema: Schema,
    /// Statements sent to the server (the catalog queries and the
    /// transaction around them): the same for any size of database.
    pub round_trips: usize,
}

/// Reads the namespaces `namespaces` of the database `client` is connected
/// to. `default_namespace` (the URL's `?schema=`) is the one whose objects
/// are unqualified, as in a Prisma schema without `@@schema`.
pub fn introspect(
    client: &mut postgres::Client,
    namespaces: &[&str],
    default_namespace: &str,
) -> Result<Introspection, postgres::Error> {
    catalog::read(client, namespaces, default_namespace)
}

/// A default expression as `pg_get_expr` prints it, read as introspection
/// reads a column's default: `None` for none (or a sequence).
pub fn read_default(
    expression: &str,
    column_type: &plumb_ir::ColumnType,
    is_list: bool,
) -> Option<plumb_ir::Default> {
    match defaults::column_default(expression, column_type, is_list) {
        defaults::ColumnDefault::Default(default) => Some(default),
        defaults::ColumnDefault::None | defaults::ColumnDefault::Sequence(_) => None,
    }
}

/// A default expression as `pg_get_expr` prints it, read as introspection
/// reads a column's default: the default, or the sequence a `nextval(…)`
/// draws from (auto-increment). For producers that know the stored text
/// without a database (the offline replay).
pub fn read_stored_default(
    expression: &str,
    column_type: &plumb_ir::ColumnType,
    is_list: bool,
) -> (Option<plumb_ir::Default>, Option<plumb_ir::Name>) {
    match defaults::column_default(expression, column_type, is_list) {
        defaults::ColumnDefault::Default(default) => (Some(default), None),
        defaults::ColumnDefault::Sequence(name) => (None, Some(name)),
        defaults::ColumnDefault::None => (None, None),
    }
}

/// A column type as the catalog describes it (`pg_type.typname`, its kind
/// letter, `atttypmod`) → the IR type introspection reads it as. `udt_name`
/// is the column's own type name (`_int4` for an array of `int4`);
/// `read_enum` the enum it is, for an enum type.
pub fn catalog_column_type(
    name: &str,
    udt_name: &str,
    kind: &str,
    read_enum: Option<plumb_ir::QualifiedName>,
    modifier: i32,
    is_array: bool,
) -> plumb_ir::ColumnType {
    types::column_type(&types::CatalogType {
        name,
        udt_name,
        kind,
        read_enum,
        modifier,
        is_array,
    })
}

/// An index access method by its catalog name (`pg_am.amname`).
pub fn index_algorithm(method: &str) -> plumb_ir::IndexAlgorithm {
    catalog::algorithm(method)
}

/// [`introspect`] on two connections to the same database at once (the
/// second reads the first's snapshot): faster on a big database, where
/// the server's work is most of the time.
pub fn introspect_on_two(
    first: &mut postgres::Client,
    second: &mut postgres::Client,
    namespaces: &[&str],
    default_namespace: &str,
) -> Result<Introspection, postgres::Error> {
    catalog::read_on_two(first, second, namespaces, default_namespace)
}
