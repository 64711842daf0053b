//! Everything but tables: schemas, extensions, enums and other types,
//! sequences, index renames, drops, and the objects plumb names but does
//! not manage (views, functions, triggers, policies, comments).

use plumb_ir::{Enum, Name};
use sqlparser::ast::{
    AlterIndexOperation, AlterSchema, AlterSchemaOperation, AlterType, AlterTypeAddValuePosition,
    AlterTypeOperation, CommentObject, CreateDomain, CreateExtension, CreatePolicy, CreateTrigger,
    CreateView, DropDomain, DropExtension, DropFunction, DropPolicy, DropTrigger, ObjectName,
    ObjectType, SchemaName, UserDefinedTypeRepresentation,
};

use super::tables::resolve;
use super::{Outcome, RefusalKind, Result, fails, unsupported};
use crate::catalog::{Catalog, ExtensionState, OtherState, Qualified, SequenceState};
use crate::names;
use crate::types::PgType;

type Checked<T> = std::result::Result<T, (RefusalKind, String)>;

/// A user-defined type by name: an enum, a domain (as its base type, and
/// whether it is NOT NULL) or another type (read as unsupported).
pub(crate) fn named_type(
    catalog: &Catalog,
    schema: Option<Name>,
    name: Name,
) -> Checked<(PgType, bool)> {
    let qualified = catalog.qualify(schema, name);
    if catalog.enum_type(&qualified).is_some() {
        return Ok((
            PgType {
                typname: name.as_str().to_string(),
                enum_type: Some(qualified),
                typmod: -1,
                is_array: false,
            },
            false,
        ));
    }
    if let Some((_, base, not_null)) = catalog.domains.iter().find(|(n, _, _)| *n == qualified) {
        return Ok((base.clone(), *not_null));
    }
    // Composite types, extension types (`geometry`, `vector`) and any other
    // name: introspection reads them as unsupported, by name.
    Ok((PgType::builtin(name.as_str(), -1), false))
}

pub(super) fn create_type(
    catalog: &mut Catalog,
    name: &ObjectName,
    representation: Option<&UserDefinedTypeRepresentation>,
) -> Result {
    let qualified = resolve(catalog, name)?;
    if catalog.enum_type(&qualified).is_some()
        || catalog.types.contains(&qualified)
        || catalog.table(&qualified).is_some()
    {
        return Err(fails(format!("type \"{}\" already exists", qualified.name)));
    }
    match representation {
        Some(UserDefinedTypeRepresentation::Enum { labels }) => {
            let mut values: Vec<Name> = Vec::new();
            for label in labels {
                let value = Name::new(&label.value);
                if values.contains(&value) {
                    return Err(fails(format!("enum label \"{value}\" used more than once")));
                }
                values.push(value);
            }
            catalog.enums.push(Enum {
                name: qualified,
                values,
            });
        }
        _ => catalog.types.push(qualified),
    }
    Ok(Outcome::Applied)
}

pub(super) fn alter_type(catalog: &mut Catalog, alter: &AlterType) -> Result {
    let qualified = resolve(catalog, &alter.name)?;
    let Some(at) = catalog.enum_type(&qualified) else {
        if catalog.types.contains(&qualified) {
            return Err(unsupported(
                "only enums are modelled among user-defined types",
            ));
        }
        return Err(fails(format!("type \"{}\" does not exist", qualified.name)));
    };
    match &alter.operation {
        AlterTypeOperation::AddValue(add) => {
            let value = Name::new(&add.value.value);
            let values = &mut catalog.enums[at].values;
            if values.contains(&value) {
                if add.if_not_exists {
                    return Ok(Outcome::Skipped);
                }
                return Err(fails(format!("enum label \"{value}\" already exists")));
            }
            let position = match &add.position {
                None => values.len(),
                Some(AlterTypeAddValuePosition::Before(neighbour)) => {
                    find_label(values, &neighbour.value)?
                }
                Some(AlterTypeAddValuePosition::After(neighbour)) => {
                    find_label(values, &neighbour.value)? + 1
                }
            };
            values.insert(position, value);
        }
        AlterTypeOperation::RenameValue(rename) => {
            let values = &mut catalog.enums[at].values;
            let from = find_label(values, &rename.from.value)?;
            let to = Name::new(&rename.to.value);
            if values.contains(&to) {
                return Err(fails(format!("enum label \"{to}\" already exists")));
            }
            values[from] = to;
        }
        AlterTypeOperation::Rename(rename) => {
            let renamed = Qualified {
                namespace: qualified.namespace,
                name: names::name(&rename.new_name),
            };
            if catalog.enum_type(&renamed).is_some() || catalog.types.contains(&renamed) {
                return Err(fails(format!("type \"{}\" already exists", renamed.name)));
            }
            catalog.enums[at].name = renamed;
            catalog.rename_enum_uses(qualified, renamed);
        }
    }
    Ok(Outcome::Applied)
}

fn find_label(values: &[Name], label: &str) -> Checked<usize> {
    values
        .iter()
        .position(|v| v.as_str() == label)
        .ok_or_else(|| fails(format!("\"{label}\" is not an existing enum label")))
}

/// `ALTER TYPE … SET SCHEMA` (read from its words).
pub(super) fn move_type(catalog: &mut Catalog, from: Qualified, schema: Name) -> Result {
    if !catalog.namespaces.contains(&schema) {
        return Err(fails(format!("schema \"{schema}\" does not exist")));
    }
    let Some(at) = catalog.enum_type(&from) else {
        return Err(fails(format!("type \"{}\" does not exist", from.name)));
    };
    let to = Qualified {
        namespace: Some(schema),
        name: from.name,
    };
    catalog.enums[at].name = to;
    catalog.rename_enum_uses(from, to);
    Ok(Outcome::Applied)
}

pub(super) fn alter_index(
    catalog: &mut Catalog,
    name: &ObjectName,
    operation: &AlterIndexOperation,
    if_exists: bool,
) -> Result {
    let AlterIndexOperation::RenameIndex { index_name } = operation;
    let (schema, object) = names::qualified(name)
        .ok_or_else(|| unsupported("the index name is not one the replay reads"))?;
    let qualified = catalog.qualify(schema, object);
    let (_, new_name) = names::qualified(index_name)
        .ok_or_else(|| unsupported("the new name is not one the replay reads"))?;
    rename_relation(catalog, qualified, new_name, if_exists)
}

/// `ALTER INDEX`/`ALTER SEQUENCE`/`ALTER VIEW … RENAME TO`: any relation
/// but a table keeps its place and takes the new name.
pub(super) fn rename_relation(
    catalog: &mut Catalog,
    from: Qualified,
    to: Name,
    if_exists: bool,
) -> Result {
    let renamed = Qualified {
        namespace: from.namespace,
        name: to,
    };
    if catalog.relation_exists(&renamed) {
        return Err(fails(format!("relation \"{to}\" already exists")));
    }
    if let Some(index) = catalog.indexes.iter_mut().find(|i| i.name == from) {
        index.name = renamed;
        let table = index.table;
        catalog.touch(table);
        return Ok(Outcome::Applied);
    }
    if let Some(sequence) = catalog.sequences.iter_mut().find(|s| s.name == from) {
        sequence.name = renamed;
        for table in &mut catalog.tables {
            for column in &mut table.columns {
                if let Some(default) = &mut column.default {
                    default.each_regclass(&mut |name| {
                        if *name == from {
                            *name = renamed;
                        }
                    });
                }
            }
        }
        return Ok(Outcome::Applied);
    }
    if let Some(view) = catalog
        .others
        .iter_mut()
        .find(|o| o.name == from && matches!(o.kind, "view" | "materialized view"))
    {
        view.name = renamed;
        return Ok(Outcome::Applied);
    }
    if catalog.table(&from).is_some() {
        return Err(unsupported(
            "a table renamed through ALTER INDEX/SEQUENCE is not modelled",
        ));
    }
    if if_exists {
        return Ok(Outcome::Skipped);
    }
    Err(fails(format!("relation \"{}\" does not exist", from.name)))
}

pub(super) fn create_schema(
    catalog: &mut Catalog,
    schema: &SchemaName,
    if_not_exists: bool,
) -> Result {
    let name = match schema {
        SchemaName::Simple(name) | SchemaName::NamedAuthorization(name, _) => {
            names::qualified(name).map(|(_, n)| n)
        }
        SchemaName::UnnamedAuthorization(role) => Some(names::name(role)),
    }
    .ok_or_else(|| unsupported("the schema name is not one the replay reads"))?;
    if catalog.namespaces.contains(&name) {
        if if_not_exists {
            return Ok(Outcome::Skipped);
        }
        return Err(fails(format!("schema \"{name}\" already exists")));
    }
    catalog.namespaces.push(name);
    Ok(Outcome::Applied)
}

pub(super) fn alter_schema(catalog: &mut Catalog, alter: &AlterSchema) -> Result {
    let (_, name) = names::qualified(&alter.name)
        .ok_or_else(|| unsupported("the schema name is not one the replay reads"))?;
    if !catalog.namespaces.contains(&name) {
        if alter.if_exists {
            return Ok(Outcome::Skipped);
        }
        return Err(fails(format!("schema \"{name}\" does not exist")));
    }
    for operation in &alter.operations {
        match operation {
            AlterSchemaOperation::Rename { name: new } => {
                let (_, new) = names::qualified(new)
                    .ok_or_else(|| unsupported("the new name is not one the replay reads"))?;
                if catalog.namespaces.contains(&new) {
                    return Err(fails(format!("schema \"{new}\" already exists")));
                }
                rename_schema(catalog, name, new);
            }
            AlterSchemaOperation::OwnerTo { .. } => {}
            other => return Err(unsupported(format!("`{other}` is not modelled"))),
        }
    }
    Ok(Outcome::Applied)
}

fn rename_schema(catalog: &mut Catalog, from: Name, to: Name) {
    for namespace in &mut catalog.namespaces {
        if *namespace == from {
            *namespace = to;
        }
    }
    let moved = |name: &mut Qualified| {
        if name.namespace == Some(from) {
            name.namespace = Some(to);
        }
    };
    let enums: Vec<Qualified> = catalog
        .enums
        .iter()
        .map(|e| e.name)
        .filter(|n| n.namespace == Some(from))
        .collect();
    for old in enums {
        let new = Qualified {
            namespace: Some(to),
            name: old.name,
        };
        if let Some(at) = catalog.enum_type(&old) {
            catalog.enums[at].name = new;
        }
        catalog.rename_enum_uses(old, new);
    }
    let tables: Vec<Qualified> = catalog
        .tables
        .iter()
        .map(|t| t.name)
        .filter(|n| n.namespace == Some(from))
        .collect();
    for old in tables {
        let new = Qualified {
            namespace: Some(to),
            name: old.name,
        };
        if let Some(at) = catalog.table(&old) {
            catalog.tables[at].name = new;
        }
        catalog.rename_table_uses(old, new);
    }
    catalog.indexes.iter_mut().for_each(|i| moved(&mut i.name));
    catalog
        .sequences
        .iter_mut()
        .for_each(|s| moved(&mut s.name));
    catalog.others.iter_mut().for_each(|o| moved(&mut o.name));
    catalog.types.iter_mut().for_each(moved);
    catalog.domains.iter_mut().for_each(|(n, _, _)| moved(n));
    for extension in &mut catalog.extensions {
        if extension.schema == from {
            extension.schema = to;
        }
    }
}

/// `ALTER TABLE … SET SCHEMA` (read from its words): the table, its
/// indexes and owned sequences move; enums and other types stay.
pub(super) fn move_table(catalog: &mut Catalog, from: Qualified, schema: Name) -> Result {
    if !catalog.namespaces.contains(&schema) {
        return Err(fails(format!("schema \"{schema}\" does not exist")));
    }
    let Some(at) = catalog.table(&from) else {
        return Err(fails(format!("relation \"{}\" does not exist", from.name)));
    };
    let to = Qualified {
        namespace: Some(schema),
        name: from.name,
    };
    if catalog.relation_exists(&to) {
        return Err(fails(format!(
            "relation \"{}\" already exists in schema \"{schema}\"",
            from.name
        )));
    }
    catalog.tables[at].name = to;
    catalog.rename_table_uses(from, to);
    catalog.touch(from);
    catalog.touch(to);
    Ok(Outcome::Applied)
}

pub(super) fn create_extension(catalog: &mut Catalog, create: &CreateExtension) -> Result {
    let name = create.name.value.clone();
    if catalog.extensions.iter().any(|e| e.name == name) {
        if create.if_not_exists {
            return Ok(Outcome::Skipped);
        }
        return Err(fails(format!("extension \"{name}\" already exists")));
    }
    let schema = match &create.schema {
        Some(schema) => names::name(schema),
        None => catalog.search_path,
    };
    if !catalog.namespaces.contains(&schema) {
        return Err(fails(format!("schema \"{schema}\" does not exist")));
    }
    catalog.extensions.push(ExtensionState {
        name,
        schema,
        version: create.version.as_ref().map(|v| v.value.clone()),
    });
    Ok(Outcome::Applied)
}

pub(super) fn drop_extension(catalog: &mut Catalog, drop: &DropExtension) -> Result {
    for name in &drop.names {
        let before = catalog.extensions.len();
        catalog.extensions.retain(|e| e.name != name.value);
        if before == catalog.extensions.len() && !drop.if_exists {
            return Err(fails(format!(
                "extension \"{}\" does not exist",
                name.value
            )));
        }
    }
    Ok(Outcome::Applied)
}

pub(super) fn create_sequence(
    catalog: &mut Catalog,
    name: &ObjectName,
    if_not_exists: bool,
    owned_by: Option<&ObjectName>,
) -> Result {
    let qualified = resolve(catalog, name)?;
    if catalog.relation_exists(&qualified) {
        if if_not_exists {
            return Ok(Outcome::Skipped);
        }
        return Err(fails(format!(
            "relation \"{}\" already exists",
            qualified.name
        )));
    }
    let owner = owned_by.and_then(|column| owner(catalog, column));
    catalog.sequences.push(SequenceState {
        name: qualified,
        owner,
    });
    Ok(Outcome::Applied)
}

/// `OWNED BY table.column`.
pub(super) fn owner(catalog: &Catalog, column: &ObjectName) -> Option<(Qualified, Name)> {
    let parts: Vec<Name> = column
        .0
        .iter()
        .filter_map(|p| match p {
            sqlparser::ast::ObjectNamePart::Identifier(ident) => Some(names::name(ident)),
            _ => None,
        })
        .collect();
    match parts.as_slice() {
        [table, column] => Some((catalog.qualify(None, *table), *column)),
        [schema, table, column] => Some((catalog.qualify(Some(*schema), *table), *column)),
        _ => None,
    }
}

pub(super) fn create_view(catalog: &mut Catalog, view: &CreateView) -> Result {
    let qualified = resolve(catalog, &view.name)?;
    let kind = if view.materialized {
        "materialized view"
    } else {
        "view"
    };
    if catalog.relation_exists(&qualified) {
        if view.or_replace
            && catalog
                .others
                .iter()
                .any(|o| o.name == qualified && o.kind == kind)
        {
            return Ok(Outcome::Applied);
        }
        if view.if_not_exists {
            return Ok(Outcome::Skipped);
        }
        return Err(fails(format!(
            "relation \"{}\" already exists",
            qualified.name
        )));
    }
    let depends_on = read_relations(catalog, &view.query.to_string());
    catalog.others.push(OtherState {
        kind,
        name: qualified,
        table: None,
        definition: None,
        depends_on,
    });
    Ok(Outcome::Applied)
}

/// The tables and views a query reads: the names after `FROM` and `JOIN`
/// that name one.
fn read_relations(catalog: &Catalog, query: &str) -> Vec<Qualified> {
    use sqlparser::tokenizer::{Token, Tokenizer};
    let Ok(tokens) = Tokenizer::new(&sqlparser::dialect::PostgreSqlDialect {}, query).tokenize()
    else {
        return Vec::new();
    };
    let tokens: Vec<Token> = tokens
        .into_iter()
        .filter(|t| !matches!(t, Token::Whitespace(_)))
        .collect();
    let ident = |token: &Token| match token {
        Token::Word(word) => Some(names::name(&sqlparser::ast::Ident {
            value: word.value.clone(),
            quote_style: word.quote_style,
            span: sqlparser::tokenizer::Span::empty(),
        })),
        _ => None,
    };
    let mut found = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let Token::Word(word) = token else { continue };
        if word.quote_style.is_some()
            || !(word.value.eq_ignore_ascii_case("FROM") || word.value.eq_ignore_ascii_case("JOIN"))
        {
            continue;
        }
        let Some(first) = tokens.get(i + 1).and_then(ident) else {
            continue;
        };
        let name = match (tokens.get(i + 2), tokens.get(i + 3).and_then(ident)) {
            (Some(Token::Period), Some(second)) => catalog.qualify(Some(first), second),
            _ => catalog.qualify(None, first),
        };
        let exists = catalog.table(&name).is_some()
            || catalog
                .others
                .iter()
                .any(|o| o.name == name && matches!(o.kind, "view" | "materialized view"));
        if exists && !found.contains(&name) {
            found.push(name);
        }
    }
    found
}

/// Drops the views that read `relation` (and the views that read those),
/// or says PostgreSQL refuses without `CASCADE`.
fn drop_dependent_views(catalog: &mut Catalog, relation: Qualified, cascade: bool) -> Checked<()> {
    let mut gone = vec![relation];
    while let Some(next) = gone.pop() {
        let dependents: Vec<Qualified> = catalog
            .others
            .iter()
            .filter(|o| o.depends_on.contains(&next))
            .map(|o| o.name)
            .collect();
        if !dependents.is_empty() && !cascade {
            return Err(fails(format!(
                "cannot drop {} because other objects depend on it",
                relation.name
            )));
        }
        catalog.others.retain(|o| !o.depends_on.contains(&next));
        gone.extend(dependents);
    }
    Ok(())
}

pub(super) fn comment(
    catalog: &mut Catalog,
    object: CommentObject,
    name: &ObjectName,
    comment: Option<&str>,
) -> Result {
    let (kind, table, object_name) = match object {
        CommentObject::Table => {
            let table = resolve(catalog, name)?;
            if catalog.table(&table).is_none() {
                return Err(fails(format!("relation \"{}\" does not exist", table.name)));
            }
            ("table comment", table, table.name)
        }
        CommentObject::Column => {
            let Some((table, column)) = owner(catalog, name) else {
                return Err(unsupported("a column comment names `table.column`"));
            };
            let Some(at) = catalog.table(&table) else {
                return Err(fails(format!("relation \"{}\" does not exist", table.name)));
            };
            if !catalog.tables[at].columns.iter().any(|c| c.name == column) {
                return Err(fails(format!(
                    "column \"{column}\" of relation \"{}\" does not exist",
                    table.name
                )));
            }
            ("column comment", table, column)
        }
        _ => return Ok(Outcome::Skipped),
    };
    catalog
        .others
        .retain(|o| !(o.kind == kind && o.table == Some(table) && o.name.name == object_name));
    if let Some(text) = comment.filter(|t| !t.is_empty()) {
        catalog.others.push(OtherState {
            kind,
            name: Qualified {
                namespace: table.namespace,
                name: object_name,
            },
            table: Some(table),
            definition: Some(text.to_string()),
            depends_on: Vec::new(),
        });
    }
    Ok(Outcome::Applied)
}

pub(super) fn create_function(
    catalog: &mut Catalog,
    name: &ObjectName,
    kind: &'static str,
) -> Result {
    let qualified = resolve(catalog, name)?;
    if !catalog
        .others
        .iter()
        .any(|o| o.kind == kind && o.name == qualified)
    {
        catalog.others.push(OtherState {
            kind,
            name: qualified,
            table: None,
            definition: None,
            depends_on: Vec::new(),
        });
    }
    Ok(Outcome::Applied)
}

pub(super) fn drop_functions(catalog: &mut Catalog, drop: &DropFunction) -> Result {
    for function in &drop.func_desc {
        let qualified = resolve(catalog, &function.name)?;
        let before = catalog.others.len();
        catalog
            .others
            .retain(|o| !(o.kind == "function" && o.name == qualified));
        if before == catalog.others.len() && !drop.if_exists {
            return Err(fails(format!("function {} does not exist", qualified.name)));
        }
    }
    Ok(Outcome::Applied)
}

pub(super) fn create_trigger(catalog: &mut Catalog, trigger: &CreateTrigger) -> Result {
    let table = resolve(catalog, &trigger.table_name)?;
    let (_, name) = names::qualified(&trigger.name)
        .ok_or_else(|| unsupported("the trigger name is not one the replay reads"))?;
    table_owned(catalog, "trigger", name, table, trigger.or_replace)
}

/// A trigger or policy: named per table.
fn table_owned(
    catalog: &mut Catalog,
    kind: &'static str,
    name: Name,
    table: Qualified,
    or_replace: bool,
) -> Result {
    if catalog.table(&table).is_none() {
        return Err(fails(format!("relation \"{}\" does not exist", table.name)));
    }
    let exists = catalog
        .others
        .iter()
        .any(|o| o.kind == kind && o.table == Some(table) && o.name.name == name);
    if exists {
        if or_replace {
            return Ok(Outcome::Applied);
        }
        return Err(fails(format!(
            "{kind} \"{name}\" for relation \"{}\" already exists",
            table.name
        )));
    }
    catalog.others.push(OtherState {
        kind,
        name: Qualified {
            namespace: table.namespace,
            name,
        },
        table: Some(table),
        definition: None,
        depends_on: Vec::new(),
    });
    Ok(Outcome::Applied)
}

fn drop_table_owned(
    catalog: &mut Catalog,
    kind: &'static str,
    name: Name,
    table: Qualified,
    if_exists: bool,
) -> Result {
    let before = catalog.others.len();
    catalog
        .others
        .retain(|o| !(o.kind == kind && o.table == Some(table) && o.name.name == name));
    if before == catalog.others.len() && !if_exists {
        return Err(fails(format!(
            "{kind} \"{name}\" for table \"{}\" does not exist",
            table.name
        )));
    }
    Ok(Outcome::Applied)
}

pub(super) fn drop_trigger(catalog: &mut Catalog, drop: &DropTrigger) -> Result {
    let Some(table) = &drop.table_name else {
        return Err(unsupported("DROP TRIGGER names its table on PostgreSQL"));
    };
    let table = resolve(catalog, table)?;
    let (_, name) = names::qualified(&drop.trigger_name)
        .ok_or_else(|| unsupported("the trigger name is not one the replay reads"))?;
    drop_table_owned(catalog, "trigger", name, table, drop.if_exists)
}

pub(super) fn create_policy(catalog: &mut Catalog, policy: &CreatePolicy) -> Result {
    let table = resolve(catalog, &policy.table_name)?;
    table_owned(catalog, "policy", names::name(&policy.name), table, false)
}

pub(super) fn drop_policy(catalog: &mut Catalog, drop: &DropPolicy) -> Result {
    let table = resolve(catalog, &drop.table_name)?;
    drop_table_owned(
        catalog,
        "policy",
        names::name(&drop.name),
        table,
        drop.if_exists,
    )
}

pub(super) fn create_domain(
    catalog: &mut Catalog,
    domain: &CreateDomain,
    not_null: bool,
) -> Result {
    let qualified = resolve(catalog, &domain.name)?;
    let base = match crate::types::written(&domain.data_type) {
        Some(crate::types::Written::Type(ty)) => ty,
        Some(crate::types::Written::Named(schema, name, is_array)) => {
            let (ty, _) = named_type(catalog, schema, name)?;
            if is_array { ty.array() } else { ty }
        }
        _ => {
            return Err(unsupported(format!(
                "the domain type `{}` is not modelled",
                domain.data_type
            )));
        }
    };
    catalog.domains.push((qualified, base, not_null));
    Ok(Outcome::Applied)
}

pub(super) fn drop_domain(catalog: &mut Catalog, drop: &DropDomain) -> Result {
    let qualified = resolve(catalog, &drop.name)?;
    let before = catalog.domains.len();
    catalog.domains.retain(|(n, _, _)| *n != qualified);
    if before == catalog.domains.len() && !drop.if_exists {
        return Err(fails(format!("type \"{}\" does not exist", qualified.name)));
    }
    Ok(Outcome::Applied)
}

pub(super) fn drop(
    catalog: &mut Catalog,
    object_type: ObjectType,
    if_exists: bool,
    names_given: &[ObjectName],
    cascade: bool,
) -> Result {
    for name in names_given {
        let outcome = match object_type {
            ObjectType::Schema => {
                let (_, schema) = names::qualified(name)
                    .ok_or_else(|| unsupported("the schema name is not one the replay reads"))?;
                drop_schema(catalog, schema, if_exists, cascade).map(|()| Outcome::Applied)
            }
            _ => {
                let qualified = resolve(catalog, name);
                let qualified = match qualified {
                    Ok(q) => q,
                    Err(_) if if_exists => continue,
                    Err(error) => return Err(error),
                };
                drop_one(catalog, object_type, qualified, if_exists, cascade)
            }
        };
        outcome?;
    }
    Ok(Outcome::Applied)
}

fn drop_one(
    catalog: &mut Catalog,
    object_type: ObjectType,
    name: Qualified,
    if_exists: bool,
    cascade: bool,
) -> Result {
    let missing = |what: &str| -> Result {
        if if_exists {
            Ok(Outcome::Skipped)
        } else {
            Err(fails(format!("{what} \"{}\" does not exist", name.name)))
        }
    };
    match object_type {
        ObjectType::Table => {
            if catalog.table(&name).is_none() {
                return missing("table");
            }
            drop_table(catalog, name, cascade)
        }
        ObjectType::Index => {
            let Some(at) = catalog.indexes.iter().position(|i| i.name == name) else {
                return missing("index");
            };
            if catalog.indexes[at].constraint {
                return Err(fails(format!(
                    "cannot drop index {} because constraint {} on table {} requires it",
                    name.name, name.name, catalog.indexes[at].table.name
                )));
            }
            let index = catalog.indexes.remove(at);
            catalog.touch(index.table);
            Ok(Outcome::Applied)
        }
        ObjectType::Type => {
            if catalog.types.contains(&name) {
                catalog.types.retain(|t| *t != name);
                return Ok(Outcome::Applied);
            }
            if catalog.domains.iter().any(|(n, _, _)| *n == name) {
                catalog.domains.retain(|(n, _, _)| *n != name);
                return Ok(Outcome::Applied);
            }
            let Some(at) = catalog.enum_type(&name) else {
                return missing("type");
            };
            let used = catalog
                .tables
                .iter()
                .any(|t| t.columns.iter().any(|c| c.ty.enum_type == Some(name)));
            if used && !cascade {
                return Err(fails(format!(
                    "cannot drop type {} because other objects depend on it",
                    name.name
                )));
            }
            for table in &mut catalog.tables {
                table.columns.retain(|c| c.ty.enum_type != Some(name));
            }
            catalog.enums.remove(at);
            Ok(Outcome::Applied)
        }
        ObjectType::Sequence => {
            let Some(at) = catalog.sequences.iter().position(|s| s.name == name) else {
                return missing("sequence");
            };
            let used = catalog.tables.iter().any(|t| {
                t.columns.iter().any(|c| {
                    let mut uses = false;
                    if let Some(mut default) = c.default.clone() {
                        default.each_regclass(&mut |n| uses |= *n == name);
                    }
                    uses
                })
            });
            if used && !cascade {
                return Err(fails(format!(
                    "cannot drop sequence {} because other objects depend on it",
                    name.name
                )));
            }
            for table in &mut catalog.tables {
                for column in &mut table.columns {
                    let mut uses = false;
                    if let Some(default) = &mut column.default {
                        default.each_regclass(&mut |n| uses |= *n == name);
                    }
                    if uses {
                        column.default = None;
                    }
                }
            }
            catalog.sequences.remove(at);
            Ok(Outcome::Applied)
        }
        ObjectType::View | ObjectType::MaterializedView => {
            let kind = if object_type == ObjectType::View {
                "view"
            } else {
                "materialized view"
            };
            let before = catalog.others.len();
            catalog
                .others
                .retain(|o| !(o.kind == kind && o.name == name));
            if before == catalog.others.len() {
                return missing(kind);
            }
            Ok(Outcome::Applied)
        }
        other => Err(unsupported(format!("DROP {other} is not modelled"))),
    }
}

/// Drops a table and what goes with it; other tables' foreign keys to it
/// need `CASCADE`.
fn drop_table(catalog: &mut Catalog, name: Qualified, cascade: bool) -> Result {
    drop_dependent_views(catalog, name, cascade)?;
    catalog.touch(name);
    let referenced =
        |k: &crate::catalog::ForeignKeyState| k.referenced_table == name && k.table != name;
    if !cascade && catalog.foreign_keys.iter().any(referenced) {
        return Err(fails(format!(
            "cannot drop table {} because other objects depend on it",
            name.name
        )));
    }
    catalog
        .foreign_keys
        .retain(|k| k.table != name && k.referenced_table != name);
    catalog.indexes.retain(|i| i.table != name);
    catalog
        .sequences
        .retain(|s| s.owner.is_none_or(|(table, _)| table != name));
    catalog.others.retain(|o| o.table != Some(name));
    catalog.tables.retain(|t| t.name != name);
    Ok(Outcome::Applied)
}

fn drop_schema(catalog: &mut Catalog, schema: Name, if_exists: bool, cascade: bool) -> Checked<()> {
    if !catalog.namespaces.contains(&schema) {
        if if_exists {
            return Ok(());
        }
        return Err(fails(format!("schema \"{schema}\" does not exist")));
    }
    let inside = |name: &Qualified| name.namespace == Some(schema);
    let holds_anything = catalog.tables.iter().any(|t| inside(&t.name))
        || catalog.enums.iter().any(|e| inside(&e.name))
        || catalog.sequences.iter().any(|s| inside(&s.name))
        || catalog.others.iter().any(|o| inside(&o.name))
        || catalog.types.iter().any(inside)
        || catalog.extensions.iter().any(|e| e.schema == schema);
    if holds_anything && !cascade {
        return Err(fails(format!(
            "cannot drop schema {schema} because other objects depend on it"
        )));
    }
    let tables: Vec<Qualified> = catalog
        .tables
        .iter()
        .map(|t| t.name)
        .filter(inside)
        .collect();
    for table in tables {
        drop_table(catalog, table, true)?;
    }
    let enums: Vec<Qualified> = catalog
        .enums
        .iter()
        .map(|e| e.name)
        .filter(inside)
        .collect();
    for enum_type in enums {
        drop_one(catalog, ObjectType::Type, enum_type, true, true)?;
    }
    catalog.sequences.retain(|s| !inside(&s.name));
    catalog.others.retain(|o| !inside(&o.name));
    catalog.types.retain(|t| !inside(t));
    catalog.domains.retain(|(n, _, _)| !inside(n));
    catalog.extensions.retain(|e| e.schema != schema);
    catalog.namespaces.retain(|n| *n != schema);
    Ok(())
}
