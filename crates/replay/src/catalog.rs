//! The database being replayed: the objects the migrations have made so
//! far, named as PostgreSQL names them, and the IR introspection would
//! read from them.

use plumb_ir::{
    Column, ColumnArity, Enum, Extension, ForeignKey, Index, IndexAlgorithm, IndexColumn, Name,
    PrimaryKey, QualifiedName, ReferentialAction, Schema, SortOrder, Table, UnmanagedObject,
};

use crate::expr::Node;
use crate::types::PgType;

/// A qualified name whose namespace is always known.
pub(crate) type Qualified = QualifiedName;

#[derive(Debug, Clone)]
pub(crate) struct Catalog {
    /// The namespace the database is read in (the URL's schema): its
    /// objects are unqualified in the IR.
    pub default_namespace: Name,
    /// Where unqualified names are created and looked up: the first
    /// existing schema of `search_path` (the default namespace unless a
    /// migration sets it).
    pub search_path: Name,
    /// The search path was set with `SET LOCAL`: it ends with the
    /// migration's transaction.
    pub local_search_path: bool,
    pub namespaces: Vec<Name>,
    pub extensions: Vec<ExtensionState>,
    pub enums: Vec<Enum>,
    /// Domains: the base type (with its modifier) and whether NOT NULL;
    /// a column of a domain reads as its base type.
    pub domains: Vec<(Qualified, PgType, bool)>,
    /// Other user-defined types (composite, range): columns of them read
    /// as unsupported types.
    pub types: Vec<Qualified>,
    pub tables: Vec<TableState>,
    /// Indexes, primary keys' included.
    pub indexes: Vec<IndexState>,
    pub sequences: Vec<SequenceState>,
    pub foreign_keys: Vec<ForeignKeyState>,
    /// Views, functions, triggers, checks, comments, …: named, not managed.
    pub others: Vec<OtherState>,
    /// The tables the statement being applied changed (made, altered,
    /// indexed, dropped), for [`crate::Replay::last_change`].
    pub touched: Vec<Qualified>,
}

#[derive(Debug, Clone)]
pub(crate) struct ExtensionState {
    pub name: String,
    pub schema: Name,
    pub version: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct TableState {
    pub name: Qualified,
    pub columns: Vec<ColumnState>,
    /// A partition of another table: not read, as introspection does not.
    pub partition: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct ColumnState {
    pub name: Name,
    pub ty: PgType,
    pub not_null: bool,
    pub default: Option<Node>,
    /// `GENERATED … AS IDENTITY`.
    pub identity: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct IndexState {
    pub name: Qualified,
    pub table: Qualified,
    pub unique: bool,
    pub primary: bool,
    /// The index of a `PRIMARY KEY` or `UNIQUE` constraint (of the same
    /// name), dropped with the constraint.
    pub constraint: bool,
    pub keys: Vec<KeyState>,
    pub method: String,
    pub predicate: Option<Node>,
}

#[derive(Debug, Clone)]
pub(crate) struct KeyState {
    /// `None`: an expression.
    pub column: Option<Name>,
    pub descending: bool,
    pub operator_class: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct SequenceState {
    pub name: Qualified,
    /// The column that owns it (`SERIAL`, identity, `OWNED BY`).
    pub owner: Option<(Qualified, Name)>,
}

#[derive(Debug, Clone)]
pub(crate) struct ForeignKeyState {
    pub name: Name,
    pub table: Qualified,
    pub columns: Vec<Name>,
    pub referenced_table: Qualified,
    pub referenced_columns: Vec<Name>,
    pub on_delete: ReferentialAction,
    pub on_update: ReferentialAction,
}

#[derive(Debug, Clone)]
pub(crate) struct OtherState {
    pub kind: &'static str,
    pub name: Qualified,
    pub table: Option<Qualified>,
    pub definition: Option<String>,
    /// For a view: the tables and views its query reads, which cannot be
    /// dropped without it (or only with `CASCADE`, which drops it).
    pub depends_on: Vec<Qualified>,
}

/// Tables introspection never reads (Prisma's history, PostGIS's).
const SKIPPED_TABLES: [&str; 5] = [
    "spatial_ref_sys",
    "geometry_columns",
    "geography_columns",
    "raster_columns",
    "raster_overviews",
];

impl Catalog {
    /// A new database: `public` exists, and is where names go unless
    /// `default_namespace` says otherwise (created if missing, as plumb's
    /// shadow database does for a URL's `?schema=`).
    pub(crate) fn new(default_namespace: Name) -> Catalog {
        let mut namespaces = vec![Name::new(plumb_ir::DEFAULT_NAMESPACE)];
        if !namespaces.contains(&default_namespace) {
            namespaces.push(default_namespace);
        }
        Catalog {
            default_namespace,
            search_path: default_namespace,
            local_search_path: false,
            namespaces,
            extensions: Vec::new(),
            enums: Vec::new(),
            domains: Vec::new(),
            types: Vec::new(),
            tables: Vec::new(),
            indexes: Vec::new(),
            sequences: Vec::new(),
            foreign_keys: Vec::new(),
            others: Vec::new(),
            touched: Vec::new(),
        }
    }

    pub(crate) fn qualify(&self, schema: Option<Name>, name: Name) -> Qualified {
        QualifiedName {
            namespace: Some(schema.unwrap_or(self.search_path)),
            name,
        }
    }

    /// Notes that the statement being applied changes `table`.
    pub(crate) fn touch(&mut self, table: Qualified) {
        if !self.touched.contains(&table) {
            self.touched.push(table);
        }
    }

    pub(crate) fn table(&self, name: &Qualified) -> Option<usize> {
        self.tables.iter().position(|t| t.name == *name)
    }

    pub(crate) fn enum_type(&self, name: &Qualified) -> Option<usize> {
        self.enums.iter().position(|e| e.name == *name)
    }

    /// Whether a relation (table, index, sequence, view) of that name
    /// exists: they share one namespace of names.
    pub(crate) fn relation_exists(&self, name: &Qualified) -> bool {
        self.table(name).is_some()
            || self.indexes.iter().any(|i| i.name == *name)
            || self.sequences.iter().any(|s| s.name == *name)
            || self
                .others
                .iter()
                .any(|o| o.name == *name && matches!(o.kind, "view" | "materialized view"))
    }

    /// Whether a constraint of that name exists in the namespace (the
    /// test `ChooseConstraintName` makes).
    pub(crate) fn constraint_exists(&self, namespace: Name, name: &str) -> bool {
        let in_namespace = |table: &Qualified| table.namespace == Some(namespace);
        self.indexes
            .iter()
            .any(|i| i.constraint && in_namespace(&i.table) && i.name.name.as_str() == name)
            || self
                .foreign_keys
                .iter()
                .any(|k| in_namespace(&k.table) && k.name.as_str() == name)
            || self.others.iter().any(|o| {
                o.kind == "check constraint"
                    && o.table.as_ref().is_some_and(in_namespace)
                    && o.name.name.as_str() == name
            })
    }

    /// Every type in the catalog that names `from` now names `to`
    /// (`ALTER TYPE … RENAME TO`, `SET SCHEMA`).
    pub(crate) fn rename_enum_uses(&mut self, from: Qualified, to: Qualified) {
        let rename = |ty: &mut PgType| {
            if ty.enum_type == Some(from) {
                ty.enum_type = Some(to);
                ty.typname = to.name.as_str().to_string();
            }
        };
        for table in &mut self.tables {
            for column in &mut table.columns {
                rename(&mut column.ty);
                if let Some(default) = &mut column.default {
                    default.each_type(&mut |ty| rename(ty));
                }
            }
        }
    }

    /// A table now has another name: everything that refers to it follows.
    pub(crate) fn rename_table_uses(&mut self, from: Qualified, to: Qualified) {
        for index in &mut self.indexes {
            if index.table == from {
                index.table = to;
                index.name.namespace = to.namespace;
            }
        }
        for key in &mut self.foreign_keys {
            if key.table == from {
                key.table = to;
            }
            if key.referenced_table == from {
                key.referenced_table = to;
            }
        }
        for sequence in &mut self.sequences {
            if let Some((table, _)) = &mut sequence.owner
                && *table == from
            {
                *table = to;
                sequence.name.namespace = to.namespace;
            }
        }
        for other in &mut self.others {
            for read in &mut other.depends_on {
                if *read == from {
                    *read = to;
                }
            }
            if other.table == Some(from) {
                other.table = Some(to);
                if other.kind != "function" {
                    other.name.namespace = to.namespace;
                }
            }
        }
    }

    /// The IR introspection reads from this database in `namespaces`.
    pub(crate) fn schema(&self, namespaces: &[Name]) -> Schema {
        self.read(namespaces, true)
    }

    /// [`Catalog::schema`] without column defaults (nor the sequences
    /// behind them): the shape of the tables, much cheaper to read, for
    /// tools that only ask what exists (the linter, once per migration).
    pub(crate) fn shape(&self, namespaces: &[Name]) -> Schema {
        self.read(namespaces, false)
    }

    fn read(&self, namespaces: &[Name], defaults: bool) -> Schema {
        let default = self.default_namespace;
        let read = |name: &Qualified| name.namespace.is_some_and(|n| namespaces.contains(&n));
        let output = |name: &Qualified| QualifiedName {
            namespace: name.namespace.filter(|n| *n != default),
            name: name.name,
        };
        // By namespace, then name, in byte order; compared in place.
        let byte_order = |a: &Qualified, b: &Qualified| {
            let key = |q: &Qualified| (q.namespace.map(|n| n.as_str()), q.name.as_str());
            key(a).cmp(&key(b))
        };

        let mut schema = Schema {
            default_namespace: Some(default),
            ..Schema::default()
        };
        schema.namespaces = self
            .namespaces
            .iter()
            .filter(|n| namespaces.contains(n))
            .copied()
            .collect();
        schema.namespaces.sort_by(|a, b| a.as_str().cmp(b.as_str()));

        let mut extensions: Vec<&ExtensionState> = self
            .extensions
            .iter()
            .filter(|e| e.name != "plpgsql")
            .collect();
        extensions.sort_by(|a, b| a.name.cmp(&b.name));
        schema.extensions = extensions
            .into_iter()
            .map(|e| Extension {
                name: e.name.clone(),
                schema: Some(e.schema.as_str().to_string()),
                version: e.version.clone(),
            })
            .collect();

        let mut enums: Vec<&Enum> = self.enums.iter().filter(|e| read(&e.name)).collect();
        enums.sort_by(|a, b| byte_order(&a.name, &b.name));
        schema.enums = enums
            .into_iter()
            .map(|e| Enum {
                name: output(&e.name),
                values: e.values.clone(),
            })
            .collect();

        let mut tables: Vec<&TableState> = self
            .tables
            .iter()
            .filter(|t| {
                read(&t.name) && !t.partition && t.name.name.as_str() != "_prisma_migrations"
            })
            .filter(|t| {
                !SKIPPED_TABLES.contains(&t.name.name.as_str().to_ascii_lowercase().as_str())
            })
            .collect();
        tables.sort_by(|a, b| byte_order(&a.name, &b.name));
        for table in &tables {
            schema.tables.push(self.table_ir(table, &output, defaults));
        }

        let shown: Vec<Qualified> = tables.iter().map(|t| t.name).collect();
        let mut keys: Vec<&ForeignKeyState> = self
            .foreign_keys
            .iter()
            .filter(|k| shown.contains(&k.table))
            .collect();
        keys.sort_by(|a, b| {
            byte_order(&a.table, &b.table).then_with(|| a.name.as_str().cmp(b.name.as_str()))
        });
        schema.foreign_keys = keys
            .into_iter()
            .map(|k| ForeignKey {
                name: k.name,
                table: output(&k.table),
                columns: k.columns.clone(),
                referenced_table: output(&k.referenced_table),
                referenced_columns: k.referenced_columns.clone(),
                on_delete: k.on_delete,
                on_update: k.on_update,
            })
            .collect();

        let mut unmanaged: Vec<UnmanagedObject> = self
            .others
            .iter()
            .filter(|o| read(&o.name))
            .filter(|o| {
                o.table.is_none_or(|t| {
                    self.table(&t).is_some_and(|i| !self.tables[i].partition)
                        || o.kind == "function"
                })
            })
            .map(|o| UnmanagedObject {
                kind: o.kind.to_string(),
                name: output(&o.name),
                table: o.table.map(|t| t.name),
                definition: o.definition.clone(),
            })
            .chain(
                self.sequences
                    .iter()
                    .filter(|s| read(&s.name))
                    .map(|s| UnmanagedObject {
                        kind: "sequence".into(),
                        name: output(&s.name),
                        table: None,
                        definition: None,
                    }),
            )
            .collect();
        fn sort_key(o: &UnmanagedObject, default: Name) -> (&str, &str, Option<&str>, &str) {
            (
                o.kind.as_str(),
                o.name.namespace.unwrap_or(default).as_str(),
                o.table.map(|t| t.as_str()),
                o.name.name.as_str(),
            )
        }
        unmanaged.sort_by(|a, b| sort_key(a, default).cmp(&sort_key(b, default)));
        schema.unmanaged = unmanaged;
        schema
    }

    fn table_ir(
        &self,
        table: &TableState,
        output: &impl Fn(&Qualified) -> QualifiedName,
        defaults: bool,
    ) -> Table {
        let default = self.default_namespace;
        let columns = table
            .columns
            .iter()
            .map(|column| {
                let column_type = column.ty.column_type(default);
                let (default_value, sequence) = match &column.default {
                    Some(node) if defaults => {
                        let text = crate::expr::deparse(node, default);
                        plumb_introspect::read_stored_default(
                            &text,
                            &column_type,
                            column.ty.is_array,
                        )
                    }
                    _ => (None, None),
                };
                Column {
                    name: column.name,
                    column_type,
                    arity: if column.ty.is_array {
                        ColumnArity::List
                    } else if column.not_null {
                        ColumnArity::Required
                    } else {
                        ColumnArity::Nullable
                    },
                    default: default_value,
                    auto_increment: sequence.is_some() || column.identity,
                    sequence,
                    client_default: false,
                }
            })
            .collect();
        let mut indexes: Vec<&IndexState> = self
            .indexes
            .iter()
            .filter(|i| i.table == table.name)
            .collect();
        indexes.sort_by(|a, b| a.name.name.as_str().cmp(b.name.name.as_str()));
        let mut primary_key = None;
        let mut read = Vec::new();
        for index in indexes {
            if index.primary {
                primary_key = Some(PrimaryKey {
                    name: index.name.name,
                    columns: index.keys.iter().filter_map(|k| k.column).collect(),
                });
                continue;
            }
            if index.keys.iter().any(|k| k.column.is_none()) {
                continue;
            }
            let algorithm = plumb_introspect::index_algorithm(&index.method);
            read.push(Index {
                name: index.name.name,
                unique: index.unique,
                columns: index
                    .keys
                    .iter()
                    .map(|key| {
                        let column = key.column.unwrap_or_else(|| Name::new(""));
                        let ty = table
                            .columns
                            .iter()
                            .find(|c| c.name == column)
                            .map(|c| &c.ty);
                        let default_class = ty.and_then(|ty| {
                            crate::operator_classes::default_class(&index.method, ty)
                        });
                        let given = key.operator_class.clone();
                        let is_default = match (&given, &default_class) {
                            (None, Some(_)) => true,
                            (Some(given), Some(default)) => given == default,
                            _ => false,
                        };
                        let (operator_class, operator_class_is_default) = match algorithm {
                            IndexAlgorithm::BTree | IndexAlgorithm::Hash if is_default => {
                                (None, false)
                            }
                            _ => (given.or(default_class), is_default),
                        };
                        IndexColumn {
                            name: column,
                            sort: Some(if key.descending {
                                SortOrder::Desc
                            } else {
                                SortOrder::Asc
                            }),
                            operator_class,
                            operator_class_is_default,
                        }
                    })
                    .collect(),
                algorithm,
                predicate: index
                    .predicate
                    .as_ref()
                    .map(|p| crate::expr::deparse(p, default)),
            });
        }
        Table {
            name: output(&table.name),
            columns,
            primary_key,
            indexes: read,
        }
    }
}
