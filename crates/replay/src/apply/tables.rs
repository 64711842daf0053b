//! `CREATE TABLE`, `ALTER TABLE` and `CREATE INDEX`: tables, their
//! columns and the keys, indexes and constraints on them.

use plumb_ir::{Name, ReferentialAction};
use sqlparser::ast::{
    AlterColumnOperation, AlterTable, AlterTableOperation, ColumnDef, ColumnOption, CreateIndex,
    CreateTable, DropBehavior, Expr, GeneratedAs, IndexColumn, ObjectName, OrderBySort,
    RenameTableNameKind, TableConstraint,
};

use super::{Outcome, Result, fails, unsupported};
use crate::catalog::{
    Catalog, ColumnState, ForeignKeyState, IndexState, KeyState, OtherState, Qualified,
    SequenceState, TableState,
};
use crate::expr::{self, Node, Scope};
use crate::names;
use crate::types::{PgType, Written};

/// A qualified name for a new or existing object, its schema checked.
pub(super) fn resolve(
    catalog: &Catalog,
    name: &ObjectName,
) -> std::result::Result<Qualified, (super::RefusalKind, String)> {
    let (schema, object) = names::qualified(name)
        .ok_or_else(|| unsupported(format!("`{name}` is not a name the replay reads")))?;
    let qualified = catalog.qualify(schema, object);
    if let Some(namespace) = qualified.namespace
        && !catalog.namespaces.contains(&namespace)
    {
        return Err(fails(format!("schema \"{namespace}\" does not exist")));
    }
    Ok(qualified)
}

fn table_index(
    catalog: &Catalog,
    name: &Qualified,
) -> std::result::Result<usize, (super::RefusalKind, String)> {
    catalog
        .table(name)
        .ok_or_else(|| fails(format!("relation \"{}\" does not exist", name.name)))
}

pub(super) fn create(catalog: &mut Catalog, create: &CreateTable) -> Result {
    if create.query.is_some() || create.like.is_some() || create.clone.is_some() {
        return Err(unsupported(
            "a table made from a query or another table is not modelled",
        ));
    }
    if create.inherits.as_ref().is_some_and(|i| !i.is_empty()) {
        return Err(unsupported(
            "an inheriting table's columns are not modelled",
        ));
    }
    if create.temporary {
        return Ok(Outcome::Skipped);
    }
    let name = resolve(catalog, &create.name)?;
    if catalog.relation_exists(&name) {
        if create.if_not_exists {
            return Ok(Outcome::Skipped);
        }
        return Err(fails(format!("relation \"{}\" already exists", name.name)));
    }
    let partition = create.partition_of.is_some();
    catalog.touch(name);
    catalog.tables.push(TableState {
        name,
        columns: Vec::new(),
        partition,
    });
    if partition {
        // A partition's columns are its parent's; introspection reads the
        // parent only.
        return Ok(Outcome::Applied);
    }
    let mut pending = Vec::new();
    for column in &create.columns {
        add_column(catalog, name, column, &mut pending)?;
    }
    for constraint in &create.constraints {
        pending.push(Pending::Table(Box::new(constraint.clone())));
    }
    finish_constraints(catalog, name, pending)?;
    Ok(Outcome::Applied)
}

/// Constraints are made after every column exists, column constraints
/// first, in the order written: the order PostgreSQL names them in.
enum Pending {
    Column(Name, Box<ColumnOption>, Option<sqlparser::ast::Ident>),
    Table(Box<TableConstraint>),
}

fn finish_constraints(
    catalog: &mut Catalog,
    table: Qualified,
    pending: Vec<Pending>,
) -> std::result::Result<(), (super::RefusalKind, String)> {
    // Keys and unique constraints make their indexes first, then foreign
    // keys and checks are named.
    let (keys, rest): (Vec<_>, Vec<_>) = pending.into_iter().partition(|p| match p {
        Pending::Column(_, option, _) => {
            matches!(
                **option,
                ColumnOption::PrimaryKey(_) | ColumnOption::Unique(_)
            )
        }
        Pending::Table(constraint) => matches!(
            **constraint,
            TableConstraint::PrimaryKey(_) | TableConstraint::Unique(_)
        ),
    });
    for pending in keys.into_iter().chain(rest) {
        match pending {
            Pending::Column(column, option, name) => {
                column_constraint(catalog, table, column, *option, name)?
            }
            Pending::Table(constraint) => table_constraint(catalog, table, &constraint)?,
        }
    }
    Ok(())
}

fn column_constraint(
    catalog: &mut Catalog,
    table: Qualified,
    column: Name,
    option: ColumnOption,
    name: Option<sqlparser::ast::Ident>,
) -> std::result::Result<(), (super::RefusalKind, String)> {
    let name = name.map(|n| names::identifier(&n));
    match option {
        ColumnOption::PrimaryKey(_) => {
            add_key(catalog, table, name, vec![plain_key(column)], true, None)
        }
        ColumnOption::Unique(_) => {
            add_key(catalog, table, name, vec![plain_key(column)], false, None)
        }
        ColumnOption::ForeignKey(key) => {
            let name = name.or(key.name.as_ref().map(names::identifier));
            add_foreign_key(
                catalog,
                table,
                name,
                vec![column],
                &key.foreign_table,
                &key.referred_columns,
                key.on_delete,
                key.on_update,
            )
        }
        ColumnOption::Check(check) => {
            let name = name.or(check.name.as_ref().map(names::identifier));
            add_check(catalog, table, name, &check.expr);
            Ok(())
        }
        _ => Ok(()),
    }
}

fn plain_key(column: Name) -> KeyState {
    KeyState {
        column: Some(column),
        descending: false,
        operator_class: None,
    }
}

fn table_constraint(
    catalog: &mut Catalog,
    table: Qualified,
    constraint: &TableConstraint,
) -> std::result::Result<(), (super::RefusalKind, String)> {
    match constraint {
        TableConstraint::PrimaryKey(key) => {
            let keys = index_keys(catalog, table, &key.columns)?;
            add_key(
                catalog,
                table,
                key.name.as_ref().map(names::identifier),
                keys,
                true,
                key.index_name.as_ref(),
            )
        }
        TableConstraint::Unique(key) => {
            let keys = index_keys(catalog, table, &key.columns)?;
            add_key(
                catalog,
                table,
                key.name.as_ref().map(names::identifier),
                keys,
                false,
                key.index_name.as_ref(),
            )
        }
        TableConstraint::ForeignKey(key) => {
            let columns = key.columns.iter().map(names::name).collect();
            add_foreign_key(
                catalog,
                table,
                key.name.as_ref().map(names::identifier),
                columns,
                &key.foreign_table,
                &key.referred_columns,
                key.on_delete,
                key.on_update,
            )
        }
        TableConstraint::Check(check) => {
            add_check(
                catalog,
                table,
                check.name.as_ref().map(names::identifier),
                &check.expr,
            );
            Ok(())
        }
        other => Err(unsupported(format!(
            "the constraint `{other}` is not modelled"
        ))),
    }
}

/// A primary key or unique constraint and its index.
fn add_key(
    catalog: &mut Catalog,
    table: Qualified,
    name: Option<String>,
    keys: Vec<KeyState>,
    primary: bool,
    using_index: Option<&sqlparser::ast::Ident>,
) -> std::result::Result<(), (super::RefusalKind, String)> {
    let namespace = table.namespace.unwrap_or(catalog.default_namespace);
    if primary
        && catalog
            .indexes
            .iter()
            .any(|i| i.table == table && i.primary)
    {
        return Err(fails(format!(
            "multiple primary keys for table \"{}\" are not allowed",
            table.name
        )));
    }
    if let Some(existing) = using_index {
        return Err(unsupported(format!(
            "a constraint made from the index \"{}\" is not modelled",
            existing.value
        )));
    }
    let name = match name {
        Some(name) => {
            let qualified = catalog.qualify(Some(namespace), Name::new(&name));
            if catalog.relation_exists(&qualified) {
                return Err(fails(format!("relation \"{name}\" already exists")));
            }
            name
        }
        None => {
            let columns: Vec<&str> = keys
                .iter()
                .map(|k| k.column.map_or("expr", |c| c.as_str()))
                .collect();
            let addition = names::columns_addition(columns);
            let taken = |candidate: &str| {
                catalog.relation_exists(&catalog.qualify(Some(namespace), Name::new(candidate)))
                    || catalog.constraint_exists(namespace, candidate)
            };
            if primary {
                names::choose(table.name.as_str(), None, "pkey", taken)
            } else {
                names::choose(table.name.as_str(), Some(&addition), "key", taken)
            }
        }
    };
    let table_at = table_index(catalog, &table)?;
    if primary {
        // A primary key makes its columns NOT NULL.
        for key in &keys {
            if let Some(column) = catalog.tables[table_at]
                .columns
                .iter_mut()
                .find(|c| Some(c.name) == key.column)
            {
                column.not_null = true;
            }
        }
    }
    catalog.indexes.push(IndexState {
        name: catalog.qualify(Some(namespace), Name::new(&name)),
        table,
        unique: true,
        primary,
        constraint: true,
        keys,
        method: "btree".into(),
        predicate: None,
    });
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn add_foreign_key(
    catalog: &mut Catalog,
    table: Qualified,
    name: Option<String>,
    columns: Vec<Name>,
    referenced: &ObjectName,
    referenced_columns: &[sqlparser::ast::Ident],
    on_delete: Option<sqlparser::ast::ReferentialAction>,
    on_update: Option<sqlparser::ast::ReferentialAction>,
) -> std::result::Result<(), (super::RefusalKind, String)> {
    let referenced_table = resolve(catalog, referenced)?;
    let referenced_at = table_index(catalog, &referenced_table)?;
    let referenced_columns: Vec<Name> = if referenced_columns.is_empty() {
        match catalog
            .indexes
            .iter()
            .find(|i| i.table == referenced_table && i.primary)
        {
            Some(key) => key.keys.iter().filter_map(|k| k.column).collect(),
            None => {
                return Err(fails(format!(
                    "there is no primary key for referenced table \"{}\"",
                    referenced_table.name
                )));
            }
        }
    } else {
        referenced_columns.iter().map(names::name).collect()
    };
    for column in &referenced_columns {
        if !catalog.tables[referenced_at]
            .columns
            .iter()
            .any(|c| c.name == *column)
        {
            return Err(fails(format!(
                "column \"{column}\" referenced in foreign key constraint does not exist"
            )));
        }
    }
    let table_at = table_index(catalog, &table)?;
    for column in &columns {
        if !catalog.tables[table_at]
            .columns
            .iter()
            .any(|c| c.name == *column)
        {
            return Err(fails(format!(
                "column \"{column}\" referenced in foreign key constraint does not exist"
            )));
        }
    }
    let namespace = table.namespace.unwrap_or(catalog.default_namespace);
    let name = match name {
        Some(name) => name,
        None => {
            let addition = names::columns_addition(columns.iter().map(|c| c.as_str()));
            names::choose(table.name.as_str(), Some(&addition), "fkey", |candidate| {
                catalog.constraint_exists(namespace, candidate)
            })
        }
    };
    if catalog
        .foreign_keys
        .iter()
        .any(|k| k.table == table && k.name.as_str() == name)
    {
        return Err(fails(format!(
            "constraint \"{name}\" for relation \"{}\" already exists",
            table.name
        )));
    }
    catalog.foreign_keys.push(ForeignKeyState {
        name: Name::new(&name),
        table,
        columns,
        referenced_table,
        referenced_columns,
        on_delete: action(on_delete),
        on_update: action(on_update),
    });
    Ok(())
}

fn action(action: Option<sqlparser::ast::ReferentialAction>) -> ReferentialAction {
    use sqlparser::ast::ReferentialAction as A;
    match action {
        Some(A::Cascade) => ReferentialAction::Cascade,
        Some(A::Restrict) => ReferentialAction::Restrict,
        Some(A::SetNull) => ReferentialAction::SetNull,
        Some(A::SetDefault) => ReferentialAction::SetDefault,
        Some(A::NoAction) | None => ReferentialAction::NoAction,
    }
}

/// A check constraint, named as PostgreSQL names it: after its one
/// column when it uses one, else after the table alone.
fn add_check(catalog: &mut Catalog, table: Qualified, name: Option<String>, expr: &Expr) {
    let namespace = table.namespace.unwrap_or(catalog.default_namespace);
    let name = name.unwrap_or_else(|| {
        let mut columns: Vec<Name> = Vec::new();
        collect_columns(catalog, table, expr, &mut columns);
        let column = (columns.len() == 1).then(|| columns[0].as_str().to_string());
        names::choose(
            table.name.as_str(),
            column.as_deref(),
            "check",
            |candidate| catalog.constraint_exists(namespace, candidate),
        )
    });
    catalog.others.push(OtherState {
        kind: "check constraint",
        name: catalog.qualify(Some(namespace), Name::new(&name)),
        table: Some(table),
        definition: None,
        depends_on: Vec::new(),
    });
}

/// The table's columns an expression names, in order, each once: the
/// words of its text that name a column and call nothing.
fn collect_columns(catalog: &Catalog, table: Qualified, expr: &Expr, out: &mut Vec<Name>) {
    use sqlparser::tokenizer::{Token, Tokenizer};
    let Some(at) = catalog.table(&table) else {
        return;
    };
    let text = expr.to_string();
    let Ok(tokens) = Tokenizer::new(&sqlparser::dialect::PostgreSqlDialect {}, &text).tokenize()
    else {
        return;
    };
    let tokens: Vec<Token> = tokens
        .into_iter()
        .filter(|t| !matches!(t, Token::Whitespace(_)))
        .collect();
    for (i, token) in tokens.iter().enumerate() {
        let Token::Word(word) = token else { continue };
        if matches!(tokens.get(i + 1), Some(Token::LParen)) {
            continue;
        }
        let name = names::name(&sqlparser::ast::Ident {
            value: word.value.clone(),
            quote_style: word.quote_style,
            span: sqlparser::tokenizer::Span::empty(),
        });
        if catalog.tables[at].columns.iter().any(|c| c.name == name) && !out.contains(&name) {
            out.push(name);
        }
    }
}

/// The key columns of an index or key.
fn index_keys(
    catalog: &Catalog,
    table: Qualified,
    columns: &[IndexColumn],
) -> std::result::Result<Vec<KeyState>, (super::RefusalKind, String)> {
    let table_at = table_index(catalog, &table)?;
    columns
        .iter()
        .map(|column| {
            let name = match &column.column.expr {
                Expr::Identifier(ident) => {
                    let name = names::name(ident);
                    if !catalog.tables[table_at]
                        .columns
                        .iter()
                        .any(|c| c.name == name)
                    {
                        return Err(fails(format!("column \"{name}\" does not exist")));
                    }
                    Some(name)
                }
                Expr::Nested(inner) if matches!(inner.as_ref(), Expr::Identifier(_)) => {
                    let Expr::Identifier(ident) = inner.as_ref() else {
                        unreachable!()
                    };
                    Some(names::name(ident))
                }
                _ => None,
            };
            Ok(KeyState {
                column: name,
                descending: matches!(column.column.options.sort, Some(OrderBySort::Desc)),
                operator_class: column
                    .operator_class
                    .as_ref()
                    .and_then(names::qualified)
                    .map(|(_, class)| class.as_str().to_string()),
            })
        })
        .collect()
}

/// The column a statement writes, added to `table`; its constraints go
/// to `pending`.
fn add_column(
    catalog: &mut Catalog,
    table: Qualified,
    column: &ColumnDef,
    pending: &mut Vec<Pending>,
) -> std::result::Result<(), (super::RefusalKind, String)> {
    let name = names::name(&column.name);
    let table_at = table_index(catalog, &table)?;
    if catalog.tables[table_at]
        .columns
        .iter()
        .any(|c| c.name == name)
    {
        return Err(fails(format!(
            "column \"{name}\" of relation \"{}\" already exists",
            table.name
        )));
    }
    let (ty, serial, domain_not_null) = column_type(catalog, &column.data_type)?;
    let mut state = ColumnState {
        name,
        ty,
        not_null: domain_not_null,
        default: None,
        identity: false,
    };
    if serial {
        let sequence = own_sequence(catalog, table, name);
        state.not_null = true;
        state.default = Some(nextval(sequence));
    }
    catalog.tables[table_at].columns.push(state);
    for option in &column.options {
        match &option.option {
            ColumnOption::NotNull => set_column(catalog, table_at, name, |c| c.not_null = true),
            ColumnOption::Null => {}
            ColumnOption::Default(expr) => {
                let node = default_node(catalog, table_at, name, expr);
                set_column(catalog, table_at, name, |c| c.default = node);
            }
            ColumnOption::Generated {
                generated_as: GeneratedAs::Always | GeneratedAs::ByDefault,
                generation_expr: None,
                ..
            } => make_identity(catalog, table, table_at, name),
            ColumnOption::Generated { .. } => {
                return Err(unsupported(
                    "a generated column's expression is not modelled",
                ));
            }
            ColumnOption::Collation(_) | ColumnOption::Comment(_) => {}
            other @ (ColumnOption::PrimaryKey(_)
            | ColumnOption::Unique(_)
            | ColumnOption::ForeignKey(_)
            | ColumnOption::Check(_)) => {
                pending.push(Pending::Column(
                    name,
                    Box::new(other.clone()),
                    option.name.clone(),
                ));
            }
            other => {
                return Err(unsupported(format!(
                    "the column option `{other}` is not modelled"
                )));
            }
        }
    }
    Ok(())
}

fn set_column(
    catalog: &mut Catalog,
    table_at: usize,
    name: Name,
    change: impl FnOnce(&mut ColumnState),
) {
    if let Some(column) = catalog.tables[table_at]
        .columns
        .iter_mut()
        .find(|c| c.name == name)
    {
        change(column);
    }
}

/// An identity column: NOT NULL, with a sequence the column owns.
fn make_identity(catalog: &mut Catalog, table: Qualified, table_at: usize, name: Name) {
    own_sequence(catalog, table, name);
    set_column(catalog, table_at, name, |c| {
        c.identity = true;
        c.not_null = true;
    });
}

/// The sequence a `SERIAL` or identity column gets: `table_column_seq`.
fn own_sequence(catalog: &mut Catalog, table: Qualified, column: Name) -> Qualified {
    let namespace = table.namespace.unwrap_or(catalog.default_namespace);
    let name = names::choose(
        table.name.as_str(),
        Some(column.as_str()),
        "seq",
        |candidate| {
            catalog.relation_exists(&catalog.qualify(Some(namespace), Name::new(candidate)))
        },
    );
    let sequence = catalog.qualify(Some(namespace), Name::new(&name));
    catalog.sequences.push(SequenceState {
        name: sequence,
        owner: Some((table, column)),
    });
    sequence
}

fn nextval(sequence: Qualified) -> Node {
    Node::Call {
        name: "nextval".into(),
        args: vec![Node::Regclass(sequence)],
    }
}

/// A column's type; whether it is a serial; whether its domain is NOT NULL.
fn column_type(
    catalog: &Catalog,
    data_type: &sqlparser::ast::DataType,
) -> std::result::Result<(PgType, bool, bool), (super::RefusalKind, String)> {
    match crate::types::written(data_type) {
        Some(Written::Type(ty)) => Ok((ty, false, false)),
        Some(Written::Serial(ty)) => Ok((ty, true, false)),
        Some(Written::Named(schema, name, is_array)) => {
            let (ty, not_null) = super::objects::named_type(catalog, schema, name)?;
            Ok((
                if is_array { ty.array() } else { ty },
                false,
                not_null && !is_array,
            ))
        }
        None => Err(unsupported(format!(
            "the type `{data_type}` is not modelled"
        ))),
    }
}

/// A default expression as the server stores it for this column.
fn default_node(catalog: &Catalog, table_at: usize, column: Name, expr: &Expr) -> Option<Node> {
    let table = &catalog.tables[table_at];
    let ty = table.columns.iter().find(|c| c.name == column)?.ty.clone();
    let node = analyse(catalog, table_at, expr);
    if matches!(&node, Node::Const { value: None, .. }) {
        return None;
    }
    let node = resolve_regclass(catalog, node);
    Some(expr::coerce(node, &ty, false))
}

/// An expression in the scope of a table.
pub(super) fn analyse(catalog: &Catalog, table_at: usize, expr: &Expr) -> Node {
    let enum_type = |schema: Option<Name>, name: Name| {
        super::objects::named_type(catalog, schema, name)
            .ok()
            .map(|(ty, _)| ty)
    };
    let column_type = |name: Name| {
        catalog.tables[table_at]
            .columns
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.ty.clone())
    };
    let scope = Scope {
        default_namespace: catalog.default_namespace,
        enum_type: &enum_type,
        column_type: &column_type,
    };
    expr::analyse(expr, &scope)
}

/// `nextval('name')`: the constant names a sequence, found now.
fn resolve_regclass(catalog: &Catalog, node: Node) -> Node {
    match node {
        Node::Call { name, mut args } if name == "nextval" => {
            if let Some(Node::Const {
                ty,
                value: Some(text),
            }) = args.first()
                && ty.typname == "regclass"
                && let Some(sequence) = sequence_by_text(catalog, text)
            {
                args[0] = Node::Regclass(sequence);
            }
            Node::Call { name, args }
        }
        Node::Cast { arg, ty, explicit } => Node::Cast {
            arg: Box::new(resolve_regclass(catalog, *arg)),
            ty,
            explicit,
        },
        other => other,
    }
}

/// A sequence named by a `regclass` literal (`'"User_id_seq"'`,
/// `'other.seq'`).
fn sequence_by_text(catalog: &Catalog, text: &str) -> Option<Qualified> {
    let object = sqlparser::parser::Parser::new(&sqlparser::dialect::PostgreSqlDialect {})
        .try_with_sql(text)
        .ok()?
        .parse_object_name(false)
        .ok()?;
    let (schema, name) = names::qualified(&object)?;
    let name = catalog.qualify(schema, name);
    catalog
        .sequences
        .iter()
        .any(|s| s.name == name)
        .then_some(name)
}

pub(super) fn alter(catalog: &mut Catalog, alter: &AlterTable) -> Result {
    let name = resolve(catalog, &alter.name)?;
    if catalog.table(&name).is_none() {
        if alter.if_exists {
            return Ok(Outcome::Skipped);
        }
        return Err(fails(format!("relation \"{}\" does not exist", name.name)));
    }
    let mut table = name;
    let mut pending = Vec::new();
    // PostgreSQL runs an ALTER TABLE's actions in passes, not as written:
    // drops, then type changes, then new columns, …, defaults last.
    let mut operations: Vec<&AlterTableOperation> = alter.operations.iter().collect();
    operations.sort_by_key(|operation| pass(operation));
    for operation in operations {
        table = operation_on(catalog, table, operation, &mut pending)?;
    }
    catalog.touch(table);
    finish_constraints(catalog, table, pending)?;
    Ok(Outcome::Applied)
}

/// The pass of `AlterTablePass` an action runs in.
fn pass(operation: &AlterTableOperation) -> u8 {
    match operation {
        AlterTableOperation::DropColumn { .. } | AlterTableOperation::DropConstraint { .. } => 0,
        AlterTableOperation::AlterColumn { op, .. } => match op {
            AlterColumnOperation::DropDefault | AlterColumnOperation::DropNotNull => 0,
            AlterColumnOperation::SetDataType { .. } => 1,
            AlterColumnOperation::SetNotNull => 5,
            AlterColumnOperation::SetDefault { .. } | AlterColumnOperation::AddGenerated { .. } => {
                8
            }
        },
        AlterTableOperation::AddColumn { .. } => 2,
        AlterTableOperation::AddConstraint { constraint, .. } => match constraint {
            TableConstraint::PrimaryKey(_) | TableConstraint::Unique(_) => 6,
            _ => 4,
        },
        _ => 9,
    }
}

/// One `ALTER TABLE` action; the table's name after it.
fn operation_on(
    catalog: &mut Catalog,
    table: Qualified,
    operation: &AlterTableOperation,
    pending: &mut Vec<Pending>,
) -> std::result::Result<Qualified, (super::RefusalKind, String)> {
    let table_at = table_index(catalog, &table)?;
    match operation {
        AlterTableOperation::AddColumn {
            if_not_exists,
            column_def,
            ..
        } => {
            let name = names::name(&column_def.name);
            if *if_not_exists
                && catalog.tables[table_at]
                    .columns
                    .iter()
                    .any(|c| c.name == name)
            {
                return Ok(table);
            }
            add_column(catalog, table, column_def, pending)?;
        }
        AlterTableOperation::DropColumn {
            column_names,
            if_exists,
            drop_behavior,
            ..
        } => {
            for column in column_names {
                let name = names::name(column);
                if !catalog.tables[table_at]
                    .columns
                    .iter()
                    .any(|c| c.name == name)
                {
                    if *if_exists {
                        continue;
                    }
                    return Err(fails(format!(
                        "column \"{name}\" of relation \"{}\" does not exist",
                        table.name
                    )));
                }
                drop_column(
                    catalog,
                    table,
                    name,
                    matches!(drop_behavior, Some(DropBehavior::Cascade)),
                )?;
            }
        }
        AlterTableOperation::AlterColumn { column_name, op } => {
            let name = names::name(column_name);
            if !catalog.tables[table_at]
                .columns
                .iter()
                .any(|c| c.name == name)
            {
                return Err(fails(format!(
                    "column \"{name}\" of relation \"{}\" does not exist",
                    table.name
                )));
            }
            alter_column(catalog, table, table_at, name, op)?;
        }
        AlterTableOperation::AddConstraint { constraint, .. } => {
            pending.push(Pending::Table(Box::new(constraint.clone())));
        }
        AlterTableOperation::DropConstraint {
            if_exists,
            name,
            drop_behavior,
        } => {
            drop_constraint(
                catalog,
                table,
                names::name(name),
                *if_exists,
                matches!(drop_behavior, Some(DropBehavior::Cascade)),
            )?;
        }
        AlterTableOperation::RenameColumn {
            old_column_name,
            new_column_name,
        } => rename_column(
            catalog,
            table,
            table_at,
            names::name(old_column_name),
            names::name(new_column_name),
        )?,
        AlterTableOperation::RenameTable { table_name } => {
            let (RenameTableNameKind::To(new) | RenameTableNameKind::As(new)) = table_name;
            let (_, new_name) = names::qualified(new)
                .ok_or_else(|| unsupported("the new name is not one the replay reads"))?;
            let renamed = Qualified {
                namespace: table.namespace,
                name: new_name,
            };
            if catalog.relation_exists(&renamed) {
                return Err(fails(format!("relation \"{new_name}\" already exists")));
            }
            catalog.tables[table_at].name = renamed;
            catalog.rename_table_uses(table, renamed);
            return Ok(renamed);
        }
        AlterTableOperation::RenameConstraint { old_name, new_name } => {
            rename_constraint(catalog, table, names::name(old_name), names::name(new_name))?;
        }
        AlterTableOperation::EnableRowLevelSecurity
        | AlterTableOperation::DisableRowLevelSecurity
        | AlterTableOperation::ForceRowLevelSecurity
        | AlterTableOperation::NoForceRowLevelSecurity
        | AlterTableOperation::EnableTrigger { .. }
        | AlterTableOperation::DisableTrigger { .. }
        | AlterTableOperation::EnableAlwaysTrigger { .. }
        | AlterTableOperation::EnableReplicaTrigger { .. }
        | AlterTableOperation::EnableRule { .. }
        | AlterTableOperation::DisableRule { .. }
        | AlterTableOperation::EnableAlwaysRule { .. }
        | AlterTableOperation::EnableReplicaRule { .. }
        | AlterTableOperation::OwnerTo { .. }
        | AlterTableOperation::ValidateConstraint { .. }
        | AlterTableOperation::ReplicaIdentity { .. }
        | AlterTableOperation::SetLogged
        | AlterTableOperation::SetUnlogged
        | AlterTableOperation::SetOptionsParens { .. } => {}
        other => return Err(unsupported(format!("the action `{other}` is not modelled"))),
    }
    Ok(table)
}

fn alter_column(
    catalog: &mut Catalog,
    table: Qualified,
    table_at: usize,
    name: Name,
    op: &AlterColumnOperation,
) -> std::result::Result<(), (super::RefusalKind, String)> {
    match op {
        AlterColumnOperation::SetNotNull => {
            set_column(catalog, table_at, name, |c| c.not_null = true)
        }
        AlterColumnOperation::DropNotNull => {
            let in_key = catalog.indexes.iter().any(|i| {
                i.table == table && i.primary && i.keys.iter().any(|k| k.column == Some(name))
            });
            if in_key {
                return Err(fails(format!("column \"{name}\" is in a primary key")));
            }
            set_column(catalog, table_at, name, |c| c.not_null = false);
        }
        AlterColumnOperation::SetDefault { value } => {
            let node = default_node(catalog, table_at, name, value);
            set_column(catalog, table_at, name, |c| c.default = node);
        }
        AlterColumnOperation::DropDefault => {
            set_column(catalog, table_at, name, |c| c.default = None)
        }
        AlterColumnOperation::SetDataType { data_type, .. } => {
            let (ty, serial, _) = column_type(catalog, data_type)?;
            if serial {
                return Err(fails(format!("type \"{data_type}\" does not exist")));
            }
            // The default is kept, cast to the new type where needed:
            // an implicit cast, which prints as the old expression.
            set_column(catalog, table_at, name, |c| {
                c.default = c.default.take().map(|node| Node::Cast {
                    arg: Box::new(node),
                    ty: ty.clone(),
                    explicit: false,
                });
                c.ty = ty;
            });
        }
        AlterColumnOperation::AddGenerated { .. } => make_identity(catalog, table, table_at, name),
    }
    Ok(())
}

/// Drops a column and what PostgreSQL drops with it: indexes and
/// constraints on it, the sequence it owns; foreign keys of other tables
/// that reference it need `CASCADE`.
fn drop_column(
    catalog: &mut Catalog,
    table: Qualified,
    column: Name,
    cascade: bool,
) -> std::result::Result<(), (super::RefusalKind, String)> {
    let uses = |index: &IndexState| {
        index.table == table && index.keys.iter().any(|k| k.column == Some(column))
    };
    let dropped_keys: Vec<Name> = catalog
        .indexes
        .iter()
        .filter(|i| uses(i))
        .map(|i| i.name.name)
        .collect();
    let referenced = |key: &ForeignKeyState| {
        key.referenced_table == table
            && key.table != table
            && key.referenced_columns.contains(&column)
    };
    if !cascade && catalog.foreign_keys.iter().any(referenced) {
        return Err(fails(format!(
            "cannot drop column \"{column}\" of table \"{}\" because other objects depend on it",
            table.name
        )));
    }
    catalog.indexes.retain(|i| !uses(i));
    catalog.foreign_keys.retain(|k| {
        !(referenced(k)
            || (k.table == table
                && (k.columns.contains(&column)
                    || (k.referenced_table == table && k.referenced_columns.contains(&column)))))
    });
    let _ = dropped_keys;
    catalog
        .sequences
        .retain(|s| s.owner != Some((table, column)));
    catalog.others.retain(|o| {
        !(o.kind == "column comment" && o.table == Some(table) && o.name.name == column)
    });
    if let Some(at) = catalog.table(&table) {
        catalog.tables[at].columns.retain(|c| c.name != column);
    }
    Ok(())
}

fn drop_constraint(
    catalog: &mut Catalog,
    table: Qualified,
    name: Name,
    if_exists: bool,
    cascade: bool,
) -> std::result::Result<(), (super::RefusalKind, String)> {
    if let Some(at) = catalog
        .indexes
        .iter()
        .position(|i| i.table == table && i.constraint && i.name.name == name)
    {
        let index = &catalog.indexes[at];
        let columns: Vec<Name> = index.keys.iter().filter_map(|k| k.column).collect();
        let depends = |key: &ForeignKeyState| {
            key.referenced_table == table && same_set(&key.referenced_columns, &columns)
        };
        let has_other_unique = |catalog: &Catalog| {
            catalog.indexes.iter().enumerate().any(|(i, other)| {
                i != at
                    && other.table == table
                    && other.unique
                    && other.predicate.is_none()
                    && same_set(
                        &other
                            .keys
                            .iter()
                            .filter_map(|k| k.column)
                            .collect::<Vec<_>>(),
                        &columns,
                    )
            })
        };
        if catalog.foreign_keys.iter().any(depends) && !has_other_unique(catalog) {
            if !cascade {
                return Err(fails(format!(
                    "cannot drop constraint {name} on table \"{}\" because other objects depend on it",
                    table.name
                )));
            }
            catalog.foreign_keys.retain(|k| !depends(k));
        }
        catalog.indexes.remove(at);
        return Ok(());
    }
    if let Some(at) = catalog
        .foreign_keys
        .iter()
        .position(|k| k.table == table && k.name == name)
    {
        catalog.foreign_keys.remove(at);
        return Ok(());
    }
    if let Some(at) = catalog
        .others
        .iter()
        .position(|o| o.kind == "check constraint" && o.table == Some(table) && o.name.name == name)
    {
        catalog.others.remove(at);
        return Ok(());
    }
    if if_exists {
        return Ok(());
    }
    Err(fails(format!(
        "constraint \"{name}\" of relation \"{}\" does not exist",
        table.name
    )))
}

fn same_set(a: &[Name], b: &[Name]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.contains(x))
}

fn rename_column(
    catalog: &mut Catalog,
    table: Qualified,
    table_at: usize,
    from: Name,
    to: Name,
) -> std::result::Result<(), (super::RefusalKind, String)> {
    let columns = &catalog.tables[table_at].columns;
    if !columns.iter().any(|c| c.name == from) {
        return Err(fails(format!("column \"{from}\" does not exist")));
    }
    if columns.iter().any(|c| c.name == to) {
        return Err(fails(format!(
            "column \"{to}\" of relation \"{}\" already exists",
            table.name
        )));
    }
    set_column(catalog, table_at, from, |c| c.name = to);
    let rename = |name: &mut Name| {
        if *name == from {
            *name = to;
        }
    };
    for index in catalog.indexes.iter_mut().filter(|i| i.table == table) {
        for key in &mut index.keys {
            if let Some(column) = &mut key.column {
                rename(column);
            }
        }
    }
    for key in &mut catalog.foreign_keys {
        if key.table == table {
            key.columns.iter_mut().for_each(rename);
        }
        if key.referenced_table == table {
            key.referenced_columns.iter_mut().for_each(rename);
        }
    }
    for sequence in &mut catalog.sequences {
        if let Some((owner, column)) = &mut sequence.owner
            && *owner == table
        {
            rename(column);
        }
    }
    for other in &mut catalog.others {
        if other.kind == "column comment" && other.table == Some(table) {
            rename(&mut other.name.name);
        }
    }
    Ok(())
}

fn rename_constraint(
    catalog: &mut Catalog,
    table: Qualified,
    from: Name,
    to: Name,
) -> std::result::Result<(), (super::RefusalKind, String)> {
    if let Some(index) = catalog
        .indexes
        .iter_mut()
        .find(|i| i.table == table && i.constraint && i.name.name == from)
    {
        index.name.name = to;
        return Ok(());
    }
    if let Some(key) = catalog
        .foreign_keys
        .iter_mut()
        .find(|k| k.table == table && k.name == from)
    {
        key.name = to;
        return Ok(());
    }
    if let Some(check) = catalog
        .others
        .iter_mut()
        .find(|o| o.kind == "check constraint" && o.table == Some(table) && o.name.name == from)
    {
        check.name.name = to;
        return Ok(());
    }
    Err(fails(format!(
        "constraint \"{from}\" for table \"{}\" does not exist",
        table.name
    )))
}

pub(super) fn create_index(catalog: &mut Catalog, create: &CreateIndex) -> Result {
    let table = resolve(catalog, &create.table_name)?;
    let table_at = table_index(catalog, &table)?;
    let namespace = table.namespace.unwrap_or(catalog.default_namespace);
    let mut keys = index_keys(catalog, table, &create.columns)?;
    for column in &create.include {
        keys.push(plain_key(names::name(column)));
    }
    let name = match &create.name {
        Some(name) => {
            let (schema, object) = names::qualified(name)
                .ok_or_else(|| unsupported("the index name is not one the replay reads"))?;
            if schema.is_some_and(|s| s != namespace) {
                return Err(fails("an index lives in its table's schema"));
            }
            object.as_str().to_string()
        }
        None => {
            let columns: Vec<String> = create
                .columns
                .iter()
                .map(|c| match &c.column.expr {
                    Expr::Identifier(ident) => names::identifier(ident),
                    Expr::Function(f) => names::qualified(&f.name)
                        .map_or("expr".into(), |(_, n)| n.as_str().to_string()),
                    _ => "expr".into(),
                })
                .collect();
            let addition = names::columns_addition(columns.iter().map(String::as_str));
            names::choose(table.name.as_str(), Some(&addition), "idx", |candidate| {
                catalog.relation_exists(&catalog.qualify(Some(namespace), Name::new(candidate)))
            })
        }
    };
    let qualified = catalog.qualify(Some(namespace), Name::new(&name));
    if catalog.relation_exists(&qualified) {
        if create.if_not_exists {
            return Ok(Outcome::Skipped);
        }
        return Err(fails(format!("relation \"{name}\" already exists")));
    }
    if catalog.tables[table_at].partition {
        return Ok(Outcome::Applied);
    }
    let method = create
        .using
        .as_ref()
        .map_or("btree".to_string(), |m| m.to_string().to_ascii_lowercase());
    let predicate = create
        .predicate
        .as_ref()
        .map(|p| analyse(catalog, table_at, p));
    catalog.indexes.push(IndexState {
        name: qualified,
        table,
        unique: create.unique,
        primary: false,
        constraint: false,
        keys,
        method,
        predicate,
    });
    Ok(Outcome::Applied)
}
