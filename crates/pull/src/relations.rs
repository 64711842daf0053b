//! Foreign keys → relation fields on both sides, named as Prisma names
//! them (docs/reference/prisma-db-pull.md §6).

use std::collections::HashMap;

use plumb_ir::{ColumnArity, ForeignKey, QualifiedName, ReferentialAction, Schema, Table};
use plumb_psl::ast::Arity;

use crate::context::{Context, has_identifier};
use crate::names::{self, string_literal};
use crate::previous;

/// One relation field: the model it goes in, and its line.
#[derive(Debug, Clone)]
pub struct RelationField {
    pub table: QualifiedName,
    pub line: String,
    /// Copied from the existing schema (`relationMode = "prisma"`): the
    /// related model's name.
    pub copied_from: Option<String>,
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
/// then the list fields of the join tables, in table order. Where the
/// existing schema has the relation, its field names and relation name
/// are kept; with `relationMode = "prisma"` its relation fields are
/// copied instead (there are no keys to read).
pub fn fields(context: &Context<'_>) -> Vec<RelationField> {
    if context.previous.relation_mode_prisma {
        return copied(context);
    }
    let keys = foreign_keys(context.ir, &context.tables);
    let mut pairs: HashMap<(QualifiedName, QualifiedName), usize> = HashMap::new();
    for key in &keys {
        *pairs.entry(pair(key)).or_default() += 1;
    }
    let joins = &context.joins;
    let joined = |x: &QualifiedName, y: &QualifiedName| {
        joins
            .iter()
            .filter(|j| (j.a == *x && j.b == *y) || (j.a == *y && j.b == *x))
            .count()
    };
    let field_name = |table: &QualifiedName, column: &str| context.column_name(table, column).name;
    let mut out = Vec::new();
    for key in &keys {
        let (Some(table), Some(referenced)) = (
            context.table(&key.table),
            context.table(&key.referenced_table),
        ) else {
            continue;
        };
        // Names are made of the plain model names, types are the models'.
        let referencing = context.plain_model_name(&key.table);
        let target = context.plain_model_name(&key.referenced_table);
        let (referencing_type, target_type) = (
            context.model_name(&key.table).name,
            context.model_name(&key.referenced_table).name,
        );
        let columns: Vec<String> = key
            .columns
            .iter()
            .map(|c| field_name(&key.table, c))
            .collect();
        // New relation names are made of the database's column names.
        let plain_columns: Vec<String> = key.columns.iter().map(|c| names::field(c).0).collect();
        let kept = kept_inline(context, key);
        let (relation, forward, back) = match kept {
            Some((forward, back)) => (
                back.relation_name.clone(),
                forward.name.clone(),
                back.name.clone(),
            ),
            None => {
                let self_relation = key.table == key.referenced_table;
                let ambiguous = is_ambiguous(&pairs, key, &target, &plain_columns)
                    || joined(&key.table, &key.referenced_table) > 0;
                if ambiguous {
                    let relation = format!("{referencing}_{}To{target}", plain_columns.join("_"));
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
                }
            }
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
            .map(|c| field_name(&key.referenced_table, c))
            .collect();
        arguments.push(format!("fields: [{}]", columns.join(", ")));
        arguments.push(format!("references: [{}]", references.join(", ")));
        let any_required = key.columns.iter().any(|c| {
            table
                .columns
                .iter()
                .find(|column| column.name == *c)
                .is_some_and(|column| column.arity == ColumnArity::Required)
        });
        if let Some(action) = on_delete(key.on_delete, any_required) {
            arguments.push(format!("onDelete: {action}"));
        }
        if key.on_update != ReferentialAction::Cascade {
            arguments.push(format!("onUpdate: {}", action_name(key.on_update)));
        }
        let columns_in_db: Vec<&str> = key.columns.iter().map(|c| c.as_str()).collect();
        let default_name =
            plumb_psl::constraint_names::foreign_key(&table.name.name, &columns_in_db);
        // A `map:` the existing schema writes is kept, even the default.
        if let Some(map) = kept.and_then(|(forward, _)| forward.map.as_deref()) {
            arguments.push(format!("map: {}", string_literal(map)));
        } else if key.name.as_str() != default_name {
            arguments.push(format!("map: {}", string_literal(&key.name)));
        }
        // A relation to or from a model Prisma Client cannot handle is
        // ignored, unless its own model is (which says it already).
        let missing_identifier = !has_identifier(table) || !has_identifier(referenced);
        let mut forward_line = format!(
            "{forward} {target_type}{} @relation({})",
            if optional { "?" } else { "" },
            arguments.join(", ")
        );
        if missing_identifier && !context.ignored(&key.table) {
            forward_line.push_str(" @ignore");
        }
        out.push(RelationField {
            table: key.table,
            line: forward_line,
            copied_from: None,
        });
        let one_to_one = one_to_one(table, key);
        let mut back_line = format!(
            "{back} {referencing_type}{}",
            if one_to_one { "?" } else { "[]" }
        );
        if let Some(relation) = &relation {
            back_line.push_str(&format!(" @relation({})", string_literal(relation)));
        }
        if missing_identifier && !context.ignored(&key.referenced_table) {
            back_line.push_str(" @ignore");
        }
        out.push(RelationField {
            table: referenced.name,
            line: back_line,
            copied_from: None,
        });
    }
    for join in joins {
        let name = join.table.name.name.as_str();
        let relation = name.trim_start_matches('_');
        let (first, second) = (
            context.plain_model_name(&join.a),
            context.plain_model_name(&join.b),
        );
        let (first_type, second_type) = (
            context.model_name(&join.a).name,
            context.model_name(&join.b).name,
        );
        let inline = keys.iter().any(|k| {
            (k.table == join.a && k.referenced_table == join.b)
                || (k.table == join.b && k.referenced_table == join.a)
        });
        let ambiguous = inline || joined(&join.a, &join.b) > 1;
        let kept = kept_many_to_many(context, relation);
        // A kept relation always says its name, even the generated one.
        let attribute = |relation: &str| format!(" @relation({})", string_literal(relation));
        if join.a == join.b {
            // A self-relation: one field per column, `_A` and `_B`.
            let stem = if ambiguous {
                format!("{first}{name}")
            } else {
                first.clone()
            };
            let attribute = attribute(kept.as_ref().map_or(relation, |k| k.name.as_str()));
            for side in ["A", "B"] {
                out.push(RelationField {
                    table: join.a,
                    line: format!("{stem}_{side} {first_type}[]{attribute}"),
                    copied_from: None,
                });
            }
            continue;
        }
        let (on_first, on_second, attribute) = match &kept {
            Some(kept) => (
                kept.field_a.clone(),
                kept.field_b.clone(),
                attribute(&kept.name),
            ),
            None if ambiguous => (
                format!("{second}{name}"),
                format!("{first}{name}"),
                attribute(relation),
            ),
            None if relation == format!("{first}To{second}") => {
                (second.clone(), first.clone(), String::new())
            }
            None => (second.clone(), first.clone(), attribute(relation)),
        };
        out.push(RelationField {
            table: join.a,
            line: format!("{on_first} {second_type}[]{attribute}"),
            copied_from: None,
        });
        out.push(RelationField {
            table: join.b,
            line: format!("{on_second} {first_type}[]{attribute}"),
            copied_from: None,
        });
    }
    out
}

/// The existing relation a foreign key stands for: the first relation
/// field of the referencing model whose fields are the key's columns, and
/// the field on the other side.
fn kept_inline<'a>(
    context: &Context<'a>,
    key: &ForeignKey,
) -> Option<(&'a previous::RelationField, &'a previous::RelationField)> {
    let model = context.previous_model(&key.table)?;
    let forward = model.relations.iter().find(|r| {
        !r.columns.is_empty()
            && r.columns.len() == key.columns.len()
            && r.columns
                .iter()
                .zip(&key.columns)
                .all(|(a, b)| a == b.as_str())
    })?;
    let target = context.previous.model_named(&forward.target)?;
    let back = target.relations.iter().find(|r| {
        r.target == model.name
            && r.relation_name == forward.relation_name
            && !(target.name == model.name && r.name == forward.name)
    })?;
    Some((forward, back))
}

/// An existing many-to-many relation: its two fields, on the model whose
/// name sorts first (`a`) and on the other, and its name.
pub struct KeptManyToMany {
    pub field_a: String,
    pub field_b: String,
    pub model_a: String,
    pub model_b: String,
    pub name: String,
}

/// The existing many-to-many relation named like the join table (without
/// its `_`), whether the name is written or generated.
pub fn kept_many_to_many(context: &Context<'_>, relation: &str) -> Option<KeptManyToMany> {
    for model in &context.previous.models {
        for field in &model.relations {
            if field.arity != Arity::List || !field.columns.is_empty() {
                continue;
            }
            let Some(target) = context.previous.model_named(&field.target) else {
                continue;
            };
            let Some(other) = target.relations.iter().find(|r| {
                r.target == model.name
                    && r.relation_name == field.relation_name
                    && r.arity == Arity::List
                    && !(target.name == model.name && r.name == field.name)
            }) else {
                continue;
            };
            let name = field.relation_name.clone().unwrap_or_else(|| {
                let mut models = [model.name.as_str(), target.name.as_str()];
                models.sort_unstable();
                format!("{}To{}", models[0], models[1])
            });
            if name != relation {
                continue;
            }
            let ((field_a, model_a), (field_b, model_b)) = if model.name <= target.name {
                ((field, model), (other, target))
            } else {
                ((other, target), (field, model))
            };
            return Some(KeptManyToMany {
                field_a: field_a.name.clone(),
                field_b: field_b.name.clone(),
                model_a: model_a.name.clone(),
                model_b: model_b.name.clone(),
                name,
            });
        }
    }
    None
}

/// With `relationMode = "prisma"`: every relation field of the existing
/// models, as written, where the related model's table still exists.
fn copied(context: &Context<'_>) -> Vec<RelationField> {
    let mut out = Vec::new();
    for table in &context.tables {
        let Some(model) = context.previous_model(&table.name) else {
            continue;
        };
        for field in &model.relations {
            let Some(target) = context.previous.model_named(&field.target) else {
                continue;
            };
            let target_exists = context.tables.iter().any(|t| {
                context
                    .previous_model(&t.name)
                    .is_some_and(|m| m.name == target.name)
            });
            if !target_exists {
                continue;
            }
            out.push(RelationField {
                table: table.name,
                line: copied_line(field),
                copied_from: Some(field.target.clone()),
            });
        }
    }
    out
}

fn copied_line(field: &previous::RelationField) -> String {
    let suffix = match field.arity {
        Arity::Required => "",
        Arity::Optional => "?",
        Arity::List => "[]",
    };
    let mut line = format!("{} {}{suffix}", field.name, field.target);
    if field.has_attribute {
        let mut arguments = Vec::new();
        if let Some(name) = &field.relation_name {
            arguments.push(string_literal(name));
        }
        if !field.fields.is_empty() {
            arguments.push(format!("fields: [{}]", field.fields.join(", ")));
        }
        if !field.references.is_empty() {
            arguments.push(format!("references: [{}]", field.references.join(", ")));
        }
        if let Some(action) = &field.on_delete {
            arguments.push(format!("onDelete: {action}"));
        }
        if let Some(action) = &field.on_update {
            arguments.push(format!("onUpdate: {action}"));
        }
        if let Some(map) = &field.map {
            arguments.push(format!("map: {}", string_literal(map)));
        }
        line.push_str(&format!(" @relation({})", arguments.join(", ")));
    }
    if field.ignored {
        line.push_str(" @ignore");
    }
    line
}

/// The foreign keys that make relations: by table, then by name; a key
/// with the columns and referenced columns of an earlier one of its table
/// makes none.
fn foreign_keys<'a>(schema: &'a Schema, tables: &[&Table]) -> Vec<&'a ForeignKey> {
    let mut by_table: HashMap<QualifiedName, Vec<&ForeignKey>> = HashMap::new();
    for key in &schema.foreign_keys {
        by_table.entry(key.table).or_default().push(key);
    }
    let mut keys: Vec<&ForeignKey> = Vec::new();
    for table in tables {
        let Some(mut own) = by_table.remove(&table.name) else {
            continue;
        };
        own.sort_by(|a, b| a.name.as_str().cmp(b.name.as_str()));
        let first = keys.len();
        for key in own {
            let duplicate = keys[first..].iter().any(|k| {
                k.columns == key.columns
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

/// The pair of tables a key joins, in either direction.
fn pair(key: &ForeignKey) -> (QualifiedName, QualifiedName) {
    if key.table <= key.referenced_table {
        (key.table, key.referenced_table)
    } else {
        (key.referenced_table, key.table)
    }
}

/// Whether the pair of tables the key joins needs long names: two keys
/// between them (either way; `pairs` counts them), or a key whose forward
/// field would be named like one of its own columns.
fn is_ambiguous(
    pairs: &HashMap<(QualifiedName, QualifiedName), usize>,
    key: &ForeignKey,
    target: &str,
    columns: &[String],
) -> bool {
    pairs.get(&pair(key)).is_some_and(|n| *n > 1) || columns.iter().any(|c| c == target)
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

/// `onDelete`, unless it is Prisma's default: Restrict when any of the
/// key's columns is required, SetNull when none is.
fn on_delete(action: ReferentialAction, any_required: bool) -> Option<&'static str> {
    match (action, any_required) {
        (ReferentialAction::Restrict, true) | (ReferentialAction::SetNull, false) => None,
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
