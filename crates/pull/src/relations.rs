//! Foreign keys → relation fields on both sides, named as Prisma names
//! them (docs/reference/prisma-db-pull.md §6).

use plumb_ir::{ColumnArity, ForeignKey, QualifiedName, ReferentialAction, Schema, Table};

use crate::names::string_literal;

/// One relation field: the model it goes in, and its line.
#[derive(Debug, Clone)]
pub struct RelationField {
    pub table: QualifiedName,
    pub line: String,
}

/// A Prisma join table of an implicit many-to-many relation: no model,
/// a list field on each side.
#[derive(Debug, Clone, Copy)]
pub struct JoinTable<'a> {
    pub table: &'a Table,
    /// The tables `A` and `B` refer to (`A`'s name sorts first).
    pub a: QualifiedName,
    pub b: QualifiedName,
}

/// The join tables among `tables`: named `_…`, columns `A` and `B`, each
/// a foreign key, unique together (a primary key or a unique index), and
/// an index on `B` alone; `A` refers to the table whose name sorts first.
pub fn join_tables<'a>(schema: &Schema, tables: &[&'a Table]) -> Vec<JoinTable<'a>> {
    let mut found = Vec::new();
    for table in tables {
        if !table.name.name.starts_with('_') {
            continue;
        }
        let is = |name: &plumb_ir::Name, wanted: &str| name.eq_ignore_ascii_case(wanted);
        let pair = |columns: &[plumb_ir::Name]| {
            columns.len() == 2 && is(&columns[0], "A") && is(&columns[1], "B")
        };
        let unique_pair = table
            .primary_key
            .as_ref()
            .is_some_and(|pk| pair(&pk.columns))
            || table
                .indexes
                .iter()
                .any(|i| i.unique && pair(&i.columns.iter().map(|c| c.name).collect::<Vec<_>>()));
        let b_index = table
            .indexes
            .iter()
            .any(|i| !i.unique && i.columns.len() == 1 && is(&i.columns[0].name, "B"));
        let keys: Vec<&ForeignKey> = schema
            .foreign_keys
            .iter()
            .filter(|k| k.table == table.name)
            .collect();
        let on = |column: &str| {
            keys.iter()
                .find(|k| k.columns.len() == 1 && is(&k.columns[0], column))
                .map(|k| k.referenced_table)
        };
        let (Some(a), Some(b)) = (on("A"), on("B")) else {
            continue;
        };
        if unique_pair && b_index && keys.len() == 2 && a.name.as_str() <= b.name.as_str() {
            found.push(JoinTable { table, a, b });
        }
    }
    found
}

/// The relation fields of every foreign key, in Prisma's order: tables in
/// order, each table's keys by name, the forward field then the back one;
/// then the list fields of the join tables, in table order.
pub fn fields(
    schema: &Schema,
    tables: &[&Table],
    joins: &[JoinTable<'_>],
    [model_name, plain_name]: [&dyn Fn(&QualifiedName) -> String; 2],
    field_name: &dyn Fn(&str) -> String,
    ignored: &dyn Fn(&QualifiedName) -> bool,
) -> Vec<RelationField> {
    let keys = foreign_keys(schema, tables);
    let joined = |x: &QualifiedName, y: &QualifiedName| {
        joins
            .iter()
            .filter(|j| (j.a == *x && j.b == *y) || (j.a == *y && j.b == *x))
            .count()
    };
    let mut out = Vec::new();
    for key in &keys {
        let (Some(table), Some(referenced)) = (
            tables.iter().find(|t| t.name == key.table),
            tables.iter().find(|t| t.name == key.referenced_table),
        ) else {
            continue;
        };
        // Names are made of the plain model names, types are the models'.
        let referencing = plain_name(&key.table);
        let target = plain_name(&key.referenced_table);
        let (referencing_type, target_type) =
            (model_name(&key.table), model_name(&key.referenced_table));
        let columns: Vec<String> = key.columns.iter().map(|c| field_name(c)).collect();
        let self_relation = key.table == key.referenced_table;
        let ambiguous = is_ambiguous(&keys, key, &target, &columns)
            || joined(&key.table, &key.referenced_table) > 0;
        let (relation, forward, back) = if ambiguous {
            let relation = format!("{referencing}_{}To{target}", columns.join("_"));
            let back = if self_relation {
                format!("other_{referencing}_{relation}")
            } else {
                format!("{referencing}_{relation}")
            };
            (Some(relation.clone()), format!("{target}_{relation}"), back)
        } else if self_relation {
            (
                Some(format!("{referencing}To{referencing}")),
                target.clone(),
                format!("other_{referencing}"),
            )
        } else {
            (None, target.clone(), referencing.clone())
        };
        let optional = key.columns.iter().any(|c| {
            table
                .columns
                .iter()
                .find(|column| column.name == *c)
                .is_some_and(|column| column.arity != ColumnArity::Required)
        });
        let mut arguments = Vec::new();
        if let Some(relation) = &relation {
            arguments.push(string_literal(relation));
        }
        let references: Vec<String> = key
            .referenced_columns
            .iter()
            .map(|c| field_name(c))
            .collect();
        arguments.push(format!("fields: [{}]", columns.join(", ")));
        arguments.push(format!("references: [{}]", references.join(", ")));
        if let Some(action) = on_delete(key.on_delete, optional) {
            arguments.push(format!("onDelete: {action}"));
        }
        if key.on_update != ReferentialAction::Cascade {
            arguments.push(format!("onUpdate: {}", action_name(key.on_update)));
        }
        let columns_in_db: Vec<&str> = key.columns.iter().map(|c| c.as_str()).collect();
        let default_name =
            plumb_psl::constraint_names::foreign_key(&table.name.name, &columns_in_db);
        if key.name.as_str() != default_name {
            arguments.push(format!("map: {}", string_literal(&key.name)));
        }
        // A relation to or from a model Prisma Client cannot handle is
        // ignored, unless its own model is (which says it already).
        let either_ignored = ignored(&key.table) || ignored(&key.referenced_table);
        let mut forward_line = format!(
            "{forward} {target_type}{} @relation({})",
            if optional { "?" } else { "" },
            arguments.join(", ")
        );
        if either_ignored && !ignored(&key.table) {
            forward_line.push_str(" @ignore");
        }
        out.push(RelationField {
            table: key.table,
            line: forward_line,
        });
        let one_to_one = one_to_one(table, key);
        let mut back_line = format!(
            "{back} {referencing_type}{}",
            if one_to_one { "?" } else { "[]" }
        );
        if let Some(relation) = &relation {
            back_line.push_str(&format!(" @relation({})", string_literal(relation)));
        }
        if either_ignored && !ignored(&key.referenced_table) {
            back_line.push_str(" @ignore");
        }
        out.push(RelationField {
            table: referenced.name,
            line: back_line,
        });
    }
    for join in joins {
        let name = join.table.name.name.as_str();
        let relation = name.trim_start_matches('_');
        let (first, second) = (plain_name(&join.a), plain_name(&join.b));
        let (first_type, second_type) = (model_name(&join.a), model_name(&join.b));
        let inline = keys.iter().any(|k| {
            (k.table == join.a && k.referenced_table == join.b)
                || (k.table == join.b && k.referenced_table == join.a)
        });
        let ambiguous = inline || joined(&join.a, &join.b) > 1;
        let attribute = format!(" @relation({})", string_literal(relation));
        if join.a == join.b {
            // A self-relation: one field per column, `_A` and `_B`.
            let stem = if ambiguous {
                format!("{first}{name}")
            } else {
                first.clone()
            };
            for side in ["A", "B"] {
                out.push(RelationField {
                    table: join.a,
                    line: format!("{stem}_{side} {first_type}[]{attribute}"),
                });
            }
            continue;
        }
        let (on_first, on_second, attribute) = if ambiguous {
            (
                format!("{second}{name}"),
                format!("{first}{name}"),
                attribute,
            )
        } else if relation == format!("{first}To{second}") {
            (second.clone(), first.clone(), String::new())
        } else {
            (second.clone(), first.clone(), attribute)
        };
        out.push(RelationField {
            table: join.a,
            line: format!("{on_first} {second_type}[]{attribute}"),
        });
        out.push(RelationField {
            table: join.b,
            line: format!("{on_second} {first_type}[]{attribute}"),
        });
    }
    out
}

/// The foreign keys that make relations: by table, then by name; a key
/// with the columns and referenced columns of an earlier one of its table
/// makes none.
fn foreign_keys<'a>(schema: &'a Schema, tables: &[&Table]) -> Vec<&'a ForeignKey> {
    let mut keys: Vec<&ForeignKey> = Vec::new();
    for table in tables {
        let mut own: Vec<&ForeignKey> = schema
            .foreign_keys
            .iter()
            .filter(|k| k.table == table.name)
            .collect();
        own.sort_by(|a, b| a.name.as_str().cmp(b.name.as_str()));
        for key in own {
            let duplicate = keys.iter().any(|k| {
                k.table == key.table
                    && k.columns == key.columns
                    && k.referenced_table == key.referenced_table
                    && k.referenced_columns == key.referenced_columns
            });
            if !duplicate {
                keys.push(key);
            }
        }
    }
    keys
}

/// Whether the pair of tables the key joins needs long names: two keys
/// between them (either way), or a key whose forward field would be named
/// like one of its own columns.
fn is_ambiguous(keys: &[&ForeignKey], key: &ForeignKey, target: &str, columns: &[String]) -> bool {
    let pair = |k: &ForeignKey| {
        (k.table == key.table && k.referenced_table == key.referenced_table)
            || (k.table == key.referenced_table && k.referenced_table == key.table)
    };
    keys.iter().filter(|k| pair(k)).count() > 1 || columns.iter().any(|c| c == target)
}

/// One-to-one: the key's columns cover the primary key or a unique index
/// of its table.
fn one_to_one(table: &Table, key: &ForeignKey) -> bool {
    let covered = |columns: Vec<plumb_ir::Name>| columns.iter().all(|c| key.columns.contains(c));
    table
        .primary_key
        .as_ref()
        .is_some_and(|pk| covered(pk.columns.clone()))
        || table
            .indexes
            .iter()
            .filter(|i| i.unique && i.predicate.is_none())
            .any(|i| covered(i.columns.iter().map(|c| c.name).collect()))
}

/// `onDelete`, unless it is the default for a required (Restrict) or
/// optional (SetNull) relation.
fn on_delete(action: ReferentialAction, optional: bool) -> Option<&'static str> {
    match (action, optional) {
        (ReferentialAction::Restrict, false) | (ReferentialAction::SetNull, true) => None,
        _ => Some(action_name(action)),
    }
}

fn action_name(action: ReferentialAction) -> &'static str {
    match action {
        ReferentialAction::Cascade => "Cascade",
        ReferentialAction::Restrict => "Restrict",
        ReferentialAction::NoAction => "NoAction",
        ReferentialAction::SetNull => "SetNull",
        ReferentialAction::SetDefault => "SetDefault",
    }
}
