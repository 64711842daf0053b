//! The SQL of each step.

use plumb_diff::{Migration, Step};
use plumb_ir::{
    Column, ColumnArity, ColumnType, Default, Enum, ForeignKey, Index, IndexAlgorithm, NativeKind,
    NativeType, QualifiedName, SortOrder, Table, Value,
};
use plumb_sql_quote::{ident, literal};

use crate::{Plan, alter_enum, alter_table};

pub(crate) fn statements(migration: &Migration<'_>, step: Step, plan: Plan) -> Vec<String> {
    let (from, to) = (migration.from, migration.to);
    let online = plan == Plan::Online;
    // Prisma names the default namespace in drops towards an empty database.
    let dropped = |name: &QualifiedName| match (&name.namespace, &to.default_namespace) {
        (None, Some(default)) => format!("{}.{}", ident(default), ident(&name.name)),
        _ => qualified(name),
    };
    vec![match step {
        Step::CreateSchema(i) => {
            format!("CREATE SCHEMA IF NOT EXISTS {}", ident(&to.namespaces[i]))
        }
        Step::CreateExtension(i) => {
            let extension = &to.extensions[i];
            let mut sql = format!("CREATE EXTENSION IF NOT EXISTS {}", ident(&extension.name));
            if extension.schema.is_some() || extension.version.is_some() {
                sql.push_str(" WITH");
            }
            if let Some(schema) = &extension.schema {
                sql.push_str(&format!(" SCHEMA {}", ident(schema)));
            }
            if let Some(version) = &extension.version {
                sql.push_str(&format!(" VERSION {}", ident(version)));
            }
            sql
        }
        Step::CreateEnum(i) => create_enum(&to.enums[i]),
        Step::DropExtension(i) => format!("DROP EXTENSION {}", ident(&from.extensions[i].name)),
        Step::AlterEnum { previous, next } => {
            return alter_enum::statements(from, to, &from.enums[previous], &to.enums[next]);
        }
        Step::AlterTable(i) => {
            return alter_table::statements(migration, &migration.alter_tables[i], plan);
        }
        Step::RenameForeignKey { previous, next } => {
            let key = &from.foreign_keys[previous];
            format!(
                "ALTER TABLE {} RENAME CONSTRAINT {} TO {}",
                qualified(&key.table),
                ident(&key.name),
                ident(&to.foreign_keys[next].name)
            )
        }
        Step::DropEnum(i) => format!("DROP TYPE {}", dropped(&from.enums[i].name)),
        Step::CreateTable(i) => create_table(&to.tables[i]),
        Step::DropTable(i) => format!("DROP TABLE {}", dropped(&from.tables[i].name)),
        Step::CreateIndex {
            previous,
            table,
            index,
            ..
        } => {
            let table = &to.tables[table];
            let index = &table.indexes[index];
            let create = create_index(table, index);
            if !(online && previous.is_some()) {
                return vec![create];
            }
            // An index of that name before the migration can only be what
            // a failed run of it left (an invalid one, say): the retry
            // builds it again.
            return vec![
                concurrently_if_exists(&drop_index(table, index)),
                create.replacen("INDEX ", "INDEX CONCURRENTLY ", 1),
            ];
        }
        Step::DropIndex { table, index } => {
            let table = &from.tables[table];
            let sql = drop_index(table, &table.indexes[index]);
            if online && to.tables.iter().any(|t| t.name == table.name) {
                concurrently_if_exists(&sql)
            } else {
                sql
            }
        }
        Step::AddForeignKey(i) => {
            let key = &to.foreign_keys[i];
            if !(online && existed(from, &key.table)) {
                return vec![add_foreign_key(key)];
            }
            // Checked without blocking writes once it is in place; a key of
            // that name is what a failed run left.
            let table = qualified(&key.table);
            let name = ident(&key.name);
            return vec![
                format!(
                    "ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {name}, {} NOT VALID",
                    foreign_key_clause(key)
                ),
                format!("ALTER TABLE {table} VALIDATE CONSTRAINT {name}"),
            ];
        }
        Step::RenameIndex {
            previous_table,
            previous_index,
            table,
            index,
        } => {
            let old_table = &from.tables[previous_table];
            let old = QualifiedName {
                namespace: old_table.name.namespace,
                name: old_table.indexes[previous_index].name,
            };
            format!(
                "ALTER INDEX {} RENAME TO {}",
                qualified(&old),
                ident(&to.tables[table].indexes[index].name)
            )
        }
        Step::DropForeignKey(i) => {
            let key = &from.foreign_keys[i];
            format!(
                "ALTER TABLE {} DROP CONSTRAINT {}",
                dropped(&key.table),
                ident(&key.name)
            )
        }
    }]
}

/// `"name"` in the default namespace, `"ns"."name"` elsewhere.
pub(crate) fn qualified(name: &QualifiedName) -> String {
    match &name.namespace {
        Some(namespace) => format!("{}.{}", ident(namespace), ident(&name.name)),
        None => ident(&name.name),
    }
}

fn create_enum(enum_type: &Enum) -> String {
    let values: Vec<String> = enum_type.values.iter().map(|v| literal(v)).collect();
    format!(
        "CREATE TYPE {} AS ENUM ({})",
        qualified(&enum_type.name),
        values.join(", ")
    )
}

fn create_table(table: &Table) -> String {
    let columns: Vec<String> = table
        .columns
        .iter()
        .map(|c| format!("    {}", column_definition(c)))
        .collect();
    let mut sql = format!(
        "CREATE TABLE {} (\n{}",
        qualified(&table.name),
        columns.join(",\n")
    );
    if let Some(primary_key) = &table.primary_key {
        let columns: Vec<String> = primary_key.columns.iter().map(|c| ident(c)).collect();
        sql.push_str(&format!(
            ",\n\n    CONSTRAINT {} PRIMARY KEY ({})",
            ident(&primary_key.name),
            columns.join(",")
        ));
    }
    sql.push_str("\n)");
    sql
}

/// `"name" TYPE[ NOT NULL][ DEFAULT …]`.
pub(crate) fn column_definition(column: &Column) -> String {
    let full_type = column_type(column);
    let mut sql = format!("{} {full_type}", ident(&column.name));
    if column.arity == ColumnArity::Required {
        sql.push_str(" NOT NULL");
    }
    if let Some(default) = column.default.as_ref().filter(|d| !d.is_empty()) {
        sql.push_str(" DEFAULT ");
        sql.push_str(&default_sql(default, &full_type));
    }
    sql
}

/// The type as written in DDL, `[]` included; serials for auto-increment.
pub(crate) fn column_type(column: &Column) -> String {
    type_sql(column, column.auto_increment)
}

/// The type as `SET DATA TYPE` names it: never a serial.
pub(crate) fn data_type(column: &Column) -> String {
    type_sql(column, false)
}

fn type_sql(column: &Column, serial: bool) -> String {
    let base = match &column.column_type {
        ColumnType::Native(native) if serial => match native.kind {
            NativeKind::SmallInt => "SMALLSERIAL".to_string(),
            NativeKind::BigInt => "BIGSERIAL".to_string(),
            NativeKind::Integer => "SERIAL".to_string(),
            _ => native_type(native),
        },
        ColumnType::Native(native) => native_type(native),
        ColumnType::Enum(name) => qualified(name),
        // A database names an array of a type it has no name for by the
        // array type's own name, `_hstore`: the element is `hstore`.
        ColumnType::Unsupported(raw) if column.arity == ColumnArity::List => {
            raw.strip_prefix('_').unwrap_or(raw).to_string()
        }
        ColumnType::Unsupported(raw) => raw.to_string(),
    };
    if column.arity == ColumnArity::List {
        format!("{base}[]")
    } else {
        base
    }
}

pub(crate) fn native_type(native: &NativeType) -> String {
    if native.arguments.is_empty() {
        return native.kind.sql_name().to_string();
    }
    let arguments: Vec<String> = native.arguments.iter().map(u32::to_string).collect();
    format!("{}({})", native.kind.sql_name(), arguments.join(","))
}

pub(crate) fn default_sql(default: &Default, full_type: &str) -> String {
    match default {
        Default::Now => "CURRENT_TIMESTAMP".to_string(),
        Default::Expression(sql) => sql.to_string(),
        Default::Value(Value::List(items)) => {
            let items: Vec<String> = items.iter().map(value_sql).collect();
            format!("ARRAY[{}]::{full_type}", items.join(", "))
        }
        Default::Value(value) => value_sql(value),
    }
}

fn value_sql(value: &Value) -> String {
    match value {
        Value::String(text) => literal(text),
        Value::Number(number) => number.to_string(),
        Value::Boolean(b) => b.to_string(),
        Value::Bytes(bytes) => {
            let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
            format!("'\\x{hex}'")
        }
        Value::List(items) => {
            let items: Vec<String> = items.iter().map(value_sql).collect();
            format!("ARRAY[{}]", items.join(", "))
        }
    }
}

/// `DROP INDEX …` as `DROP INDEX CONCURRENTLY IF EXISTS …`.
fn concurrently_if_exists(drop: &str) -> String {
    drop.replacen("DROP INDEX ", "DROP INDEX CONCURRENTLY IF EXISTS ", 1)
}

/// Whether a table of that name exists before the migration.
fn existed(from: &plumb_ir::Schema, name: &QualifiedName) -> bool {
    from.tables.iter().any(|t| t.name == *name)
}

/// Whether the step takes a lock on a table that exists before the
/// migration (and so may be in use).
pub(crate) fn locks_existing(migration: &Migration<'_>, step: Step) -> bool {
    let (from, to) = (migration.from, migration.to);
    match step {
        Step::CreateSchema(_) | Step::CreateExtension(_) | Step::CreateEnum(_) => false,
        Step::CreateTable(_) => false,
        Step::CreateIndex { previous, .. } => previous.is_some(),
        // Also locks the referenced table, which may exist.
        Step::AddForeignKey(i) => {
            let key = &to.foreign_keys[i];
            existed(from, &key.table) || existed(from, &key.referenced_table)
        }
        _ => true,
    }
}

fn create_index(table: &Table, index: &Index) -> String {
    let columns: Vec<String> = index
        .columns
        .iter()
        .map(|c| {
            let mut sql = ident(&c.name);
            if let Some(class) = &c.operator_class {
                sql.push(' ');
                sql.push_str(class);
            }
            // Only B-tree indexes have an order: PostgreSQL refuses ASC
            // and DESC on the others (Prisma writes the ASC it reads from
            // a database there).
            match c.sort {
                _ if index.algorithm != IndexAlgorithm::BTree => {}
                Some(SortOrder::Asc) => sql.push_str(" ASC"),
                Some(SortOrder::Desc) => sql.push_str(" DESC"),
                None => {}
            }
            sql
        })
        .collect();
    let using = match index.algorithm {
        IndexAlgorithm::BTree => "",
        IndexAlgorithm::Hash => " USING HASH ",
        IndexAlgorithm::Gist => " USING GIST ",
        IndexAlgorithm::Gin => " USING GIN ",
        IndexAlgorithm::SpGist => " USING SPGIST ",
        IndexAlgorithm::Brin => " USING BRIN ",
    };
    let mut sql = format!(
        "CREATE {}INDEX {} ON {}{using}({})",
        if index.unique { "UNIQUE " } else { "" },
        ident(&index.name),
        qualified(&table.name),
        columns.join(", ")
    );
    if let Some(predicate) = &index.predicate {
        // Prisma wraps a predicate in parentheses unless it starts and
        // ends with one already (`(a) AND (b)` stays as it is).
        if predicate.starts_with('(') && predicate.ends_with(')') {
            sql.push_str(&format!(" WHERE {predicate}"));
        } else {
            sql.push_str(&format!(" WHERE ({predicate})"));
        }
    }
    sql
}

fn drop_index(table: &Table, index: &Index) -> String {
    let name = QualifiedName {
        namespace: table.name.namespace,
        name: index.name,
    };
    format!("DROP INDEX {}", qualified(&name))
}

fn add_foreign_key(key: &ForeignKey) -> String {
    format!(
        "ALTER TABLE {} {}",
        qualified(&key.table),
        foreign_key_clause(key)
    )
}

/// `ADD CONSTRAINT … FOREIGN KEY (…) REFERENCES …(…) ON DELETE … ON
/// UPDATE …`.
fn foreign_key_clause(key: &ForeignKey) -> String {
    let columns: Vec<String> = key.columns.iter().map(|c| ident(c)).collect();
    let referenced: Vec<String> = key.referenced_columns.iter().map(|c| ident(c)).collect();
    format!(
        "ADD CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {}({}) ON DELETE {} ON UPDATE {}",
        ident(&key.name),
        columns.join(", "),
        qualified(&key.referenced_table),
        referenced.join(", "),
        key.on_delete.sql(),
        key.on_update.sql()
    )
}
