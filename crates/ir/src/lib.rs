//! The SQL schema IR: what a PostgreSQL database contains, as far as
//! migrations care. One type for every producer — lowering a Prisma schema,
//! introspecting a database (or a migrations folder replayed in one) — so
//! that the differ compares two values and never asks where they came
//! from.
//!
//! Plain data. Every list keeps a deterministic order, the order in which
//! the producer created its items: Prisma orders migration steps by that
//! creation order, so it is part of the contract, not an accident.

/// The namespace a schema without `schemas = [...]` lives in, and the one
/// unqualified names resolve to.
pub const DEFAULT_NAMESPACE: &str = "public";

pub mod json;

pub use plumb_name::Name;

/// A whole database schema (all namespaces plumb manages).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Schema {
    /// The namespaces the schema has, sorted by name: for a Prisma schema
    /// those its objects use and `public` (a declared one that holds
    /// nothing does not exist: nothing creates it); for a database, the
    /// existing ones.
    pub namespaces: Vec<Name>,
    pub extensions: Vec<Extension>,
    pub enums: Vec<Enum>,
    pub tables: Vec<Table>,
    /// Foreign keys of all tables, in creation order.
    pub foreign_keys: Vec<ForeignKey>,
    /// What a database has that plumb reads but does not manage (views,
    /// triggers, check constraints, …), so that later stages can name
    /// it. Never diffed, as Prisma never diffs these. Only introspection
    /// fills it.
    pub unmanaged: Vec<UnmanagedObject>,
    /// The namespace unqualified names resolve to, when the producer knows
    /// it: an introspected database, or the empty database `--to-empty`
    /// stands for. Prisma then writes it out in some drop statements.
    pub default_namespace: Option<Name>,
}

impl Schema {
    /// Names every object of the default namespace (`None`) explicitly as
    /// `namespace`. Prisma writes such names qualified when the target of
    /// a diff is a database or the empty database, so both sides are
    /// qualified alike before diffing.
    pub fn qualify_default_namespace(&mut self, namespace: Name) {
        let qualify = |name: &mut QualifiedName| {
            name.namespace.get_or_insert(namespace);
        };
        for table in &mut self.tables {
            qualify(&mut table.name);
            for column in &mut table.columns {
                if let ColumnType::Enum(name) = &mut column.column_type {
                    qualify(name);
                }
            }
        }
        for enum_type in &mut self.enums {
            qualify(&mut enum_type.name);
        }
        for key in &mut self.foreign_keys {
            qualify(&mut key.table);
            qualify(&mut key.referenced_table);
        }
    }

    /// An empty database whose default namespace is `public`.
    pub fn empty_database() -> Schema {
        Schema {
            default_namespace: Some(Name::new(DEFAULT_NAMESPACE)),
            ..Schema::default()
        }
    }
}

/// Where a table or type lives: `None` is the default namespace (`public`),
/// which Prisma writes unqualified.
pub type Namespace = Option<Name>;

/// A qualified name: namespace and name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QualifiedName {
    pub namespace: Namespace,
    pub name: Name,
}

/// One object plumb reads but does not manage.
#[derive(Debug, Clone, PartialEq)]
pub struct UnmanagedObject {
    /// `view`, `materialized view`, `check constraint`, `trigger`,
    /// `function`, `policy`, `sequence`, `table comment`, …
    pub kind: String,
    pub name: QualifiedName,
    /// The table it belongs to, for constraints, triggers, policies and
    /// comments.
    pub table: Option<Name>,
    /// Its definition as PostgreSQL prints it (a comment's text).
    pub definition: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Extension {
    /// The database name (`uuid-ossp`).
    pub name: String,
    pub schema: Option<String>,
    pub version: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    pub name: QualifiedName,
    pub values: Vec<Name>,
}

/// What a database has that `db pull` writes or notes but the schema IR
/// does not hold (plumb manages none of it).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PullFacts {
    pub views: Vec<View>,
    /// Partitioned tables (their partitions are no models).
    pub partitioned: Vec<QualifiedName>,
    /// Tables other tables inherit from.
    pub inherited: Vec<QualifiedName>,
    /// Tables with row-level security enabled.
    pub row_level_security: Vec<QualifiedName>,
    /// Enums with a `COMMENT`.
    pub commented_enums: Vec<QualifiedName>,
    /// Primary keys, uniques and foreign keys that are `DEFERRABLE`.
    pub deferrable: Vec<Deferrable>,
    /// Indexes on expressions (which the IR leaves out), by table.
    pub expression_indexes: Vec<(QualifiedName, Name)>,
    /// Index columns whose NULLS order is not the default for their sort.
    pub null_orders: Vec<NullOrder>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Deferrable {
    pub table: QualifiedName,
    pub name: Name,
    /// A foreign key (else a primary key or unique constraint).
    pub foreign_key: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NullOrder {
    pub table: QualifiedName,
    pub index: Name,
    pub column: Name,
}

/// A view's shape: what `db pull` writes as a `view` block (plumb does
/// not manage views, so no schema holds these).
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    pub name: QualifiedName,
    pub columns: Vec<Column>,
    /// The query, as PostgreSQL prints it (`pg_get_viewdef`).
    pub definition: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub name: QualifiedName,
    pub columns: Vec<Column>,
    pub primary_key: Option<PrimaryKey>,
    /// Unique and non-unique indexes, in creation order.
    pub indexes: Vec<Index>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub name: Name,
    pub column_type: ColumnType,
    pub arity: ColumnArity,
    pub default: Option<Default>,
    /// Backed by a sequence (`SERIAL` and friends): `autoincrement()`.
    pub auto_increment: bool,
    /// The sequence the default draws from, when the database says
    /// (`nextval('"User_id_seq"')`); a Prisma schema never names it.
    pub sequence: Option<Name>,
    /// The schema gives a default the client computes (`uuid()`, `cuid()`,
    /// …): nothing in the database, but worth saying when a required
    /// column is added. Only lowering sets it.
    pub client_default: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnArity {
    Required,
    Nullable,
    /// An array column; PostgreSQL arrays are always nullable here.
    List,
}

/// A column's type: the family Prisma reasons about, and the exact
/// PostgreSQL type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnType {
    /// A built-in PostgreSQL type.
    Native(NativeType),
    /// A user-defined enum.
    Enum(QualifiedName),
    /// A type Prisma does not model, written verbatim (`Unsupported("circle")`).
    Unsupported(Name),
}

/// A built-in PostgreSQL type as Prisma names it (`VarChar`, `Timestamptz`)
/// with its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NativeType {
    pub kind: NativeKind,
    pub arguments: NativeArguments,
}

/// A native type's arguments: none, one (`VarChar(255)`) or two
/// (`Decimal(10, 2)`), which is the most any PostgreSQL type Prisma knows
/// takes. Held inline: a 5,000-table schema has tens of thousands.
#[derive(Clone, Copy, Default)]
pub struct NativeArguments {
    len: u8,
    values: [u32; 2],
}

impl NativeArguments {
    /// The most arguments a native type has.
    pub const MAX: usize = 2;
}

impl std::ops::Deref for NativeArguments {
    type Target = [u32];
    fn deref(&self) -> &[u32] {
        &self.values[..usize::from(self.len)]
    }
}

/// Keeps the first [`NativeArguments::MAX`] values: validation has
/// rejected types with more before anything is built.
impl FromIterator<u32> for NativeArguments {
    fn from_iter<I: IntoIterator<Item = u32>>(values: I) -> NativeArguments {
        let mut arguments = NativeArguments::default();
        for value in values.into_iter().take(NativeArguments::MAX) {
            arguments.values[usize::from(arguments.len)] = value;
            arguments.len += 1;
        }
        arguments
    }
}

impl From<&[u32]> for NativeArguments {
    fn from(values: &[u32]) -> NativeArguments {
        values.iter().copied().collect()
    }
}

impl PartialEq for NativeArguments {
    fn eq(&self, other: &NativeArguments) -> bool {
        **self == **other
    }
}

impl Eq for NativeArguments {}

impl std::fmt::Debug for NativeArguments {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// The PostgreSQL types Prisma knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NativeKind {
    SmallInt,
    Integer,
    BigInt,
    Decimal,
    Money,
    Inet,
    Oid,
    Citext,
    Real,
    DoublePrecision,
    VarChar,
    Char,
    Text,
    ByteA,
    Timestamp,
    Timestamptz,
    Date,
    Time,
    Timetz,
    Boolean,
    Bit,
    VarBit,
    Uuid,
    Xml,
    Json,
    JsonB,
}

impl NativeKind {
    /// The SQL spelling, without arguments.
    pub fn sql_name(self) -> &'static str {
        match self {
            NativeKind::SmallInt => "SMALLINT",
            NativeKind::Integer => "INTEGER",
            NativeKind::BigInt => "BIGINT",
            NativeKind::Decimal => "DECIMAL",
            NativeKind::Money => "MONEY",
            NativeKind::Inet => "INET",
            NativeKind::Oid => "OID",
            NativeKind::Citext => "CITEXT",
            NativeKind::Real => "REAL",
            NativeKind::DoublePrecision => "DOUBLE PRECISION",
            NativeKind::VarChar => "VARCHAR",
            NativeKind::Char => "CHAR",
            NativeKind::Text => "TEXT",
            NativeKind::ByteA => "BYTEA",
            NativeKind::Timestamp => "TIMESTAMP",
            NativeKind::Timestamptz => "TIMESTAMPTZ",
            NativeKind::Date => "DATE",
            NativeKind::Time => "TIME",
            NativeKind::Timetz => "TIMETZ",
            NativeKind::Boolean => "BOOLEAN",
            NativeKind::Bit => "BIT",
            NativeKind::VarBit => "VARBIT",
            NativeKind::Uuid => "UUID",
            NativeKind::Xml => "XML",
            NativeKind::Json => "JSON",
            NativeKind::JsonB => "JSONB",
        }
    }

    /// The name Prisma gives the type (`VarChar`, `DoublePrecision`).
    pub fn prisma_name(self) -> &'static str {
        match self {
            NativeKind::SmallInt => "SmallInt",
            NativeKind::Integer => "Integer",
            NativeKind::BigInt => "BigInt",
            NativeKind::Decimal => "Decimal",
            NativeKind::Money => "Money",
            NativeKind::Inet => "Inet",
            NativeKind::Oid => "Oid",
            NativeKind::Citext => "Citext",
            NativeKind::Real => "Real",
            NativeKind::DoublePrecision => "DoublePrecision",
            NativeKind::VarChar => "VarChar",
            NativeKind::Char => "Char",
            NativeKind::Text => "Text",
            NativeKind::ByteA => "ByteA",
            NativeKind::Timestamp => "Timestamp",
            NativeKind::Timestamptz => "Timestamptz",
            NativeKind::Date => "Date",
            NativeKind::Time => "Time",
            NativeKind::Timetz => "Timetz",
            NativeKind::Boolean => "Boolean",
            NativeKind::Bit => "Bit",
            NativeKind::VarBit => "VarBit",
            NativeKind::Uuid => "Uuid",
            NativeKind::Xml => "Xml",
            NativeKind::Json => "Json",
            NativeKind::JsonB => "JsonB",
        }
    }

    /// The kind of literal Prisma makes of a default on a column of this
    /// type (it compares and prints defaults by it).
    pub fn literal_kind(self) -> LiteralKind {
        match self {
            NativeKind::SmallInt | NativeKind::Integer | NativeKind::Oid => LiteralKind::Int,
            NativeKind::BigInt => LiteralKind::BigInt,
            NativeKind::Real
            | NativeKind::DoublePrecision
            | NativeKind::Decimal
            | NativeKind::Money => LiteralKind::Float,
            NativeKind::Timestamp
            | NativeKind::Timestamptz
            | NativeKind::Date
            | NativeKind::Time
            | NativeKind::Timetz => LiteralKind::DateTime,
            NativeKind::Json | NativeKind::JsonB => LiteralKind::Json,
            _ => LiteralKind::Other,
        }
    }

    /// Every kind.
    pub const ALL: [NativeKind; 26] = [
        NativeKind::SmallInt,
        NativeKind::Integer,
        NativeKind::BigInt,
        NativeKind::Decimal,
        NativeKind::Money,
        NativeKind::Inet,
        NativeKind::Oid,
        NativeKind::Citext,
        NativeKind::Real,
        NativeKind::DoublePrecision,
        NativeKind::VarChar,
        NativeKind::Char,
        NativeKind::Text,
        NativeKind::ByteA,
        NativeKind::Timestamp,
        NativeKind::Timestamptz,
        NativeKind::Date,
        NativeKind::Time,
        NativeKind::Timetz,
        NativeKind::Boolean,
        NativeKind::Bit,
        NativeKind::VarBit,
        NativeKind::Uuid,
        NativeKind::Xml,
        NativeKind::Json,
        NativeKind::JsonB,
    ];
}

/// What Prisma takes a column's literal default to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiteralKind {
    Int,
    BigInt,
    /// Floats and decimals alike.
    Float,
    DateTime,
    Json,
    /// Strings, booleans, bytes, enums.
    Other,
}

impl Column {
    /// The literal kind of the column's type (`Other` for enums and
    /// unsupported types).
    pub fn literal_kind(&self) -> LiteralKind {
        match &self.column_type {
            ColumnType::Native(native) => native.kind.literal_kind(),
            _ => LiteralKind::Other,
        }
    }
}

/// A column default.
#[derive(Debug, Clone, PartialEq)]
pub enum Default {
    Value(Value),
    /// `CURRENT_TIMESTAMP`.
    Now,
    /// An expression written by the user (`dbgenerated("…")`), verbatim.
    Expression(Box<str>),
}

impl Default {
    /// `dbgenerated()` without SQL: the schema says the database has a
    /// default, but there is nothing to write or compare.
    pub fn is_empty(&self) -> bool {
        matches!(self, Default::Expression(sql) if sql.is_empty())
    }
}

/// A literal default value, already in the form PostgreSQL is given.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A string literal (text, JSON, dates as Prisma prints them, enum
    /// values by database name).
    String(Box<str>),
    /// A number in plain decimal notation, as written to SQL.
    Number(Box<str>),
    Boolean(bool),
    Bytes(Box<[u8]>),
    List(Box<[Value]>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct PrimaryKey {
    pub name: Name,
    pub columns: Vec<Name>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Index {
    pub name: Name,
    pub unique: bool,
    pub columns: Vec<IndexColumn>,
    pub algorithm: IndexAlgorithm,
    /// A partial index's `WHERE` predicate.
    pub predicate: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IndexColumn {
    pub name: Name,
    pub sort: Option<SortOrder>,
    /// An operator class, as written to SQL.
    pub operator_class: Option<String>,
    /// Whether that class is its type's default, which a column without
    /// a class equals. Known only for a database read back; lowering
    /// leaves it false.
    pub operator_class_is_default: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortOrder {
    Asc,
    Desc,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum IndexAlgorithm {
    #[default]
    BTree,
    Hash,
    Gist,
    Gin,
    SpGist,
    Brin,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ForeignKey {
    pub name: Name,
    pub table: QualifiedName,
    pub columns: Vec<Name>,
    pub referenced_table: QualifiedName,
    pub referenced_columns: Vec<Name>,
    pub on_delete: ReferentialAction,
    pub on_update: ReferentialAction,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferentialAction {
    Cascade,
    Restrict,
    NoAction,
    SetNull,
    SetDefault,
}

impl ReferentialAction {
    pub fn sql(self) -> &'static str {
        match self {
            ReferentialAction::Cascade => "CASCADE",
            ReferentialAction::Restrict => "RESTRICT",
            ReferentialAction::NoAction => "NO ACTION",
            ReferentialAction::SetNull => "SET NULL",
            ReferentialAction::SetDefault => "SET DEFAULT",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::NativeArguments;

    #[test]
    fn native_arguments_read_back_as_the_slice_they_were_made_from() {
        for values in [&[][..], &[255], &[10, 2]] {
            let arguments = NativeArguments::from(values);
            assert_eq!(&*arguments, values);
            assert_eq!(format!("{arguments:?}"), format!("{values:?}"));
        }
        assert_eq!(
            NativeArguments::from(&[3][..]),
            NativeArguments::from(&[3][..])
        );
        // Unused slots never make equal arguments differ, nor a prefix equal.
        assert_ne!(
            NativeArguments::from(&[3][..]),
            NativeArguments::from(&[3, 0][..])
        );
        assert_eq!(std::mem::size_of::<NativeArguments>(), 12);
    }

    #[test]
    fn native_arguments_keep_at_most_two_values() {
        let arguments: NativeArguments = [1, 2, 3].into_iter().collect();
        assert_eq!(&*arguments, &[1, 2]);
    }
}
