//! Foreign keys of one-to-one and one-to-many relations, and the join
//! tables of implicit many-to-many relations (`_CategoryToPost`).

use plumb_ir::{
    Column, ColumnArity, ColumnType, ForeignKey, Index, IndexAlgorithm, IndexColumn, Name,
    PrimaryKey, QualifiedName, ReferentialAction, Schema, Table,
};
use plumb_psl::ast::{Arity, Expression, Field, Model, ModelKind};
use plumb_psl::constraint_names;

use plumb_psl::schema::{Declarations, FieldKind, field, field_attribute, relation_name};

use crate::schema::{argument, arity, column_name, field_references, string_argument};

pub(crate) fn lower_relations(declarations: &Declarations<'_>, schema: &mut Schema) {
    let foreign_keys = !declarations.relation_mode_is_prisma();
    let mut join_tables = Vec::new();
    for model in declarations
        .models
        .iter()
        .filter(|m| m.kind == ModelKind::Model)
    {
        for f in &model.fields {
            let FieldKind::Relation(target) = declarations.field_kind(f) else {
                continue;
            };
            if target.kind != ModelKind::Model {
                continue;
            }
            if let Some(foreign_key) = inline_foreign_key(model, f, target) {
                if foreign_keys {
                    schema.foreign_keys.push(foreign_key);
                }
            } else if let Some(join) = join_table(model, f, target, declarations) {
                join_tables.push(join);
            }
        }
    }
    for join in join_tables {
        schema.tables.push(join.table);
        if foreign_keys {
            schema.foreign_keys.extend(join.foreign_keys);
        }
    }
}

/// The foreign key held by a relation field with `fields:`.
fn inline_foreign_key(model: &Model, f: &Field, target: &Model) -> Option<ForeignKey> {
    let attribute = field_attribute(f, "relation")?;
    let fields = field_references(argument(attribute, "fields", false));
    if fields.is_empty() {
        return None;
    }
    let references = field_references(argument(attribute, "references", false));
    let table = crate::qualified_table_name(model);
    let columns: Vec<Name> = fields
        .iter()
        .map(|(name, _)| Name::new(field(model, name).map_or(*name, column_name)))
        .collect();
    let referenced_columns = references
        .iter()
        .map(|(name, _)| Name::new(field(target, name).map_or(*name, column_name)))
        .collect();
    let any_required = fields
        .iter()
        .any(|(name, _)| field(model, name).is_some_and(|scalar| arity(scalar) == Arity::Required));
    let action = |name: &str| match argument(attribute, name, false) {
        Some(Expression::Constant(action, _)) => referential_action(action),
        _ => None,
    };
    let column_refs: Vec<&str> = columns.iter().map(Name::as_str).collect();
    Some(ForeignKey {
        name: string_argument(attribute, "map", false).map_or_else(
            || constraint_names::foreign_key(&table.name, &column_refs).into(),
            Name::new,
        ),
        columns,
        referenced_table: crate::qualified_table_name(target),
        referenced_columns,
        on_delete: action("onDelete").unwrap_or(if any_required {
            ReferentialAction::Restrict
        } else {
            ReferentialAction::SetNull
        }),
        on_update: action("onUpdate").unwrap_or(ReferentialAction::Cascade),
        table,
    })
}

fn referential_action(name: &str) -> Option<ReferentialAction> {
    Some(match name {
        "Cascade" => ReferentialAction::Cascade,
        "Restrict" => ReferentialAction::Restrict,
        "NoAction" => ReferentialAction::NoAction,
        "SetNull" => ReferentialAction::SetNull,
        "SetDefault" => ReferentialAction::SetDefault,
        _ => return None,
    })
}

struct JoinTable {
    table: Table,
    foreign_keys: Vec<ForeignKey>,
}

/// The join table of an implicit many-to-many relation, built once, at the
/// field of "model A": the model whose name sorts first (for a self
/// relation, the field whose name sorts first).
fn join_table(
    model: &Model,
    f: &Field,
    target: &Model,
    declarations: &Declarations<'_>,
) -> Option<JoinTable> {
    if arity(f) != Arity::List {
        return None;
    }
    let name = relation_name(f);
    let opposite = declarations
        .opposite(model, f, target)
        .filter(|o| arity(o) == Arity::List)?;
    let is_model_a = if std::ptr::eq(model, target) {
        f.name.name < opposite.name.name
    } else {
        model.name.name < target.name.name
    };
    if !is_model_a {
        return None;
    }
    let relation = name.map_or_else(
        || format!("{}To{}", model.name.name, target.name.name),
        str::to_string,
    );
    let table_name: String = format!("_{relation}").chars().take(63).collect();
    let prefix_55: String = table_name.chars().take(55).collect();
    let prefix_56 = cut_bytes(&table_name, 56);
    let qualified = QualifiedName {
        namespace: crate::qualified_table_name(model).namespace,
        name: Name::new(&table_name),
    };
    let (a_type, a_column) = id_column(model, declarations)?;
    let (b_type, b_column) = id_column(target, declarations)?;
    let column = |name: &str, column_type: ColumnType| Column {
        name: Name::new(name),
        column_type,
        arity: ColumnArity::Required,
        default: None,
        auto_increment: false,
        sequence: None,
        client_default: false,
    };
    let foreign_key = |side: &str, referenced: &Model, referenced_column: Name| ForeignKey {
        name: format!("{prefix_56}_{side}_fkey").into(),
        table: qualified,
        columns: vec![Name::new(side)],
        referenced_table: crate::qualified_table_name(referenced),
        referenced_columns: vec![referenced_column],
        on_delete: ReferentialAction::Cascade,
        on_update: ReferentialAction::Cascade,
    };
    let foreign_keys = vec![
        foreign_key("A", model, a_column),
        foreign_key("B", target, b_column),
    ];
    Some(JoinTable {
        table: Table {
            name: qualified,
            columns: vec![column("A", a_type), column("B", b_type)],
            primary_key: Some(PrimaryKey {
                name: format!("{prefix_55}_AB_pkey").into(),
                columns: vec![Name::new("A"), Name::new("B")],
            }),
            indexes: vec![Index {
                name: format!("{prefix_55}_B_index").into(),
                unique: false,
                columns: vec![IndexColumn {
                    name: Name::new("B"),
                    sort: None,
                    operator_class: None,
                    operator_class_is_default: false,
                }],
                algorithm: IndexAlgorithm::BTree,
                predicate: None,
            }],
        },
        foreign_keys,
    })
}

/// The type and name of a model's single-field id column.
fn id_column(model: &Model, declarations: &Declarations<'_>) -> Option<(ColumnType, Name)> {
    let block_id = || {
        let attribute = crate::schema::block_attributes(model, "id").next()?;
        match field_references(argument(attribute, "fields", true)).as_slice() {
            [(name, _)] => field(model, name),
            _ => None,
        }
    };
    let id = model
        .fields
        .iter()
        .find(|f| field_attribute(f, "id").is_some())
        .or_else(block_id)?;
    let column_type = match declarations.field_kind(id) {
        FieldKind::Scalar(scalar) => crate::column_types::scalar_column_type(id, scalar),
        FieldKind::Enum(enum_block) => ColumnType::Enum(crate::enum_name(enum_block)),
        FieldKind::Unsupported(name) => ColumnType::Unsupported(Name::new(name)),
        _ => return None,
    };
    Some((column_type, Name::new(column_name(id))))
}

/// The longest prefix of at most `limit` bytes ending on a character
/// boundary. (Prisma slices bytes and crashes on a split character.)
fn cut_bytes(name: &str, limit: usize) -> &str {
    let mut end = name.len().min(limit);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    &name[..end]
}
