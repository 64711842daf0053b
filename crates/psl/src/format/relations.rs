//! Completing relations the way `prisma format` does, before layout.
//!
//! For every one-to-one or one-to-many relation written on one side only,
//! Prisma adds the other side: a back-relation field (`posts Post[]`) on
//! the referenced model, or a forward field with `@relation(fields,
//! references)` and its scalar fields on the referencing model. A forward
//! field without `@relation`, or without `fields`/`references`, gets them.
//! Additions are text inserted into the source at fixed places — before a
//! model's `}`, after a field's type, inside `@relation(...)` — and the
//! layout pass then aligns them. Only schemas whose declarations are well
//! formed are completed, as in Prisma. In a multi-file schema a field goes
//! into the file of the model that gets it.

use plumb_diagnostics::{Diagnostics, FileId, SourceFiles};

use super::inflect::{camel_case, lower_first, plural, upper_first};
use crate::ast::{Arity, Expression, Field, Model, ModelKind, SchemaFile};
use crate::schema::{self as db, Declarations, FieldKind};
use crate::validate::relations::is_unique_criterion;

/// Text to insert at a byte offset of a file.
struct Insertion {
    file: FileId,
    at: usize,
    text: String,
}

/// Each file's text with missing relation pieces added (`None` for a file
/// that gains nothing); all `None` when the schema is not well formed
/// enough to tell.
pub(crate) fn complete(texts: &[&str]) -> Vec<Option<String>> {
    let nothing = vec![None; texts.len()];
    let mut files = SourceFiles::new();
    let mut diagnostics = Diagnostics::new();
    let mut asts = Vec::with_capacity(texts.len());
    for (i, text) in texts.iter().enumerate() {
        let file = files.add(format!("schema{i}.prisma"), *text);
        asts.push((file, crate::parse(&files, file, &mut diagnostics)));
    }
    if diagnostics.has_errors() {
        return nothing;
    }
    let Some(insertions) = insertions(&asts, &files) else {
        return nothing;
    };
    asts.iter()
        .zip(texts)
        .map(|((file, _), text)| {
            let mine: Vec<&Insertion> = insertions.iter().filter(|i| i.file == *file).collect();
            (!mine.is_empty()).then(|| apply(text, mine))
        })
        .collect()
}

fn apply(text: &str, mut sorted: Vec<&Insertion>) -> String {
    // Stable: insertions at one place keep the order they were found in.
    sorted.sort_by_key(|i| i.at);
    let mut out = String::with_capacity(text.len() + 256);
    let mut copied = 0;
    for insertion in sorted {
        out.push_str(&text[copied..insertion.at]);
        out.push_str(&insertion.text);
        copied = insertion.at;
    }
    out.push_str(&text[copied..]);
    out
}

/// A relation as Prisma infers it from the fields that exist.
struct InlineRelation<'a> {
    /// The model holding (or that should hold) the foreign key.
    referencing: &'a Model,
    referenced: &'a Model,
    forward: Option<&'a Field>,
    back: Option<&'a Field>,
}

fn insertions(asts: &[(FileId, SchemaFile)], source: &SourceFiles) -> Option<Vec<Insertion>> {
    if !crate::validate::declarations_are_well_formed_in(asts) {
        return None;
    }
    let db = Declarations::collect(asts);
    let relations = inline_relations(&db);
    let mut out = Vec::new();
    // Prisma adds fields for every relation first, then attributes, then
    // arguments; insertions at one place keep that order.
    for relation in &relations {
        missing_relation_fields(relation, &db, &mut out);
        missing_scalar_fields(relation, &db, source, &mut out);
    }
    for relation in &relations {
        missing_relation_attribute(relation, &db, source, &mut out);
    }
    for relation in &relations {
        missing_relation_arguments(relation, &db, &mut out);
    }
    Some(out)
}

/// Every one-to-one and one-to-many relation, in the order of the first
/// field that names it.
fn inline_relations<'a>(db: &Declarations<'a>) -> Vec<InlineRelation<'a>> {
    let mut relations = Vec::new();
    let mut seen: Vec<*const Field> = Vec::new();
    for &model in db
        .models
        .iter()
        .filter(|m| m.kind != ModelKind::CompositeType)
    {
        for field in &model.fields {
            let FieldKind::Relation(target) = db.field_kind(field) else {
                continue;
            };
            if seen.contains(&std::ptr::from_ref(field)) {
                continue;
            }
            seen.push(field);
            let name = db::relation_name(field);
            let opposite = target.fields.iter().find(|other| {
                !std::ptr::eq(*other, field)
                    && matches!(db.field_kind(other), FieldKind::Relation(m) if m.name.name == model.name.name)
                    && db::relation_name(other) == name
            });
            if let Some(opposite) = opposite {
                seen.push(opposite);
            }
            let is_list = |f: &Field| db::arity(f) == Some(Arity::List);
            let relation = match opposite {
                None if is_list(field) => InlineRelation {
                    referencing: target,
                    referenced: model,
                    forward: None,
                    back: Some(field),
                },
                None => InlineRelation {
                    referencing: model,
                    referenced: target,
                    forward: Some(field),
                    back: None,
                },
                Some(opposite) => match (is_list(field), is_list(opposite)) {
                    (true, true) => continue,
                    (false, true) => InlineRelation {
                        referencing: model,
                        referenced: target,
                        forward: Some(field),
                        back: Some(opposite),
                    },
                    (true, false) => InlineRelation {
                        referencing: target,
                        referenced: model,
                        forward: Some(opposite),
                        back: Some(field),
                    },
                    // One-to-one: the side with `fields` holds the key. When
                    // neither says, Prisma cannot tell either; leave it.
                    (false, false) => {
                        if relation_argument(field, "fields").is_some() {
                            InlineRelation {
                                referencing: model,
                                referenced: target,
                                forward: Some(field),
                                back: Some(opposite),
                            }
                        } else if relation_argument(opposite, "fields").is_some() {
                            InlineRelation {
                                referencing: target,
                                referenced: model,
                                forward: Some(opposite),
                                back: Some(field),
                            }
                        } else {
                            continue;
                        }
                    }
                },
            };
            relations.push(relation);
        }
    }
    relations
}

fn relation_argument<'a>(field: &'a Field, name: &str) -> Option<&'a Expression> {
    db::field_attribute(field, "relation")?
        .arguments
        .iter()
        .find(|a| a.is_named(name))
        .and_then(|a| a.value.as_ref())
}

/// The referencing fields as written, if `fields` is given.
fn referencing_fields<'a>(relation: &InlineRelation<'a>) -> Option<Vec<&'a str>> {
    relation
        .forward
        .and_then(|f| relation_argument(f, "fields"))
        .map(crate::validate::models::field_names)
}

/// Whether the relation is one-to-one: a back field that is not a list, or
/// else referencing fields that are unique.
fn is_one_to_one(relation: &InlineRelation<'_>) -> bool {
    match relation.back {
        Some(back) => db::arity(back) != Some(Arity::List),
        None => referencing_fields(relation)
            .is_some_and(|fields| is_unique_criterion(relation.referencing, &fields)),
    }
}

/// The referenced model's first unique criterion: its id, else its first
/// unique constraint.
fn first_unique_criterion(model: &Model) -> Option<Vec<&Field>> {
    let lookup = |names: Vec<&str>| -> Option<Vec<&Field>> {
        names.into_iter().map(|n| db::field(model, n)).collect()
    };
    if let Some(field) = model
        .fields
        .iter()
        .find(|f| db::field_attribute(f, "id").is_some())
    {
        return Some(vec![field]);
    }
    if let Some(id) = db::block_attribute(model, "id") {
        return lookup(crate::validate::models::criterion_fields(id));
    }
    if let Some(field) = model
        .fields
        .iter()
        .find(|f| db::field_attribute(f, "unique").is_some())
    {
        return Some(vec![field]);
    }
    model
        .attributes
        .iter()
        .find(|a| a.name.name == "unique")
        .and_then(|a| lookup(crate::validate::models::criterion_fields(a)))
}

/// The referenced fields: as written in `references`, else the first
/// unique criterion.
fn referenced_field_names<'a>(relation: &InlineRelation<'a>) -> Vec<&'a str> {
    if let Some(references) = relation
        .forward
        .and_then(|f| relation_argument(f, "references"))
    {
        return crate::validate::models::field_names(references);
    }
    first_unique_criterion(relation.referenced)
        .map(|fields| fields.iter().map(|f| f.name.name.as_str()).collect())
        .unwrap_or_default()
}

/// A scalar field Prisma would create for the foreign key.
struct InferredScalar<'a> {
    name: String,
    arity: Arity,
    kind: FieldKind<'a>,
    blueprint: &'a Field,
}

fn inferred_scalars<'a>(
    relation: &InlineRelation<'a>,
    db: &Declarations<'a>,
) -> Vec<InferredScalar<'a>> {
    let Some(criterion) = first_unique_criterion(relation.referenced) else {
        return Vec::new();
    };
    criterion
        .into_iter()
        .map(|field| {
            let name = format!(
                "{}{}",
                lower_first(&relation.referenced.name.name),
                upper_first(&field.name.name)
            );
            let existing = db::field(relation.referencing, &name)
                .filter(|f| !matches!(db.field_kind(f), FieldKind::Relation(_)));
            match existing {
                Some(existing) => InferredScalar {
                    name,
                    arity: db::arity(existing).unwrap_or(Arity::Required),
                    kind: db.field_kind(existing),
                    blueprint: field,
                },
                None => InferredScalar {
                    name,
                    arity: relation
                        .forward
                        .and_then(db::arity)
                        .unwrap_or(Arity::Optional),
                    kind: db.field_kind(field),
                    blueprint: field,
                },
            }
        })
        .collect()
}

fn fields_argument(relation: &InlineRelation<'_>, db: &Declarations<'_>) -> String {
    let names: Vec<String> = inferred_scalars(relation, db)
        .into_iter()
        .map(|f| f.name)
        .collect();
    format!("fields: [{}]", names.join(", "))
}

fn references_argument(relation: &InlineRelation<'_>) -> String {
    format!(
        "references: [{}]",
        referenced_field_names(relation).join(", ")
    )
}

fn arity_suffix(arity: Arity) -> &'static str {
    match arity {
        Arity::Required => "",
        Arity::Optional => "?",
        Arity::List => "[]",
    }
}

/// Before the model's closing `}`.
fn end_of(model: &Model) -> (FileId, usize) {
    (model.span.file, model.span.end as usize - 1)
}

fn insert(out: &mut Vec<Insertion>, (file, at): (FileId, usize), text: String) {
    out.push(Insertion { file, at, text });
}

fn missing_relation_fields(
    relation: &InlineRelation<'_>,
    db: &Declarations<'_>,
    out: &mut Vec<Insertion>,
) {
    if relation.back.is_none() {
        let model_name = &relation.referencing.name.name;
        let ignore = if db::block_attribute(relation.referencing, "ignore").is_some() {
            "@ignore"
        } else {
            ""
        };
        let (name, arity) = if is_one_to_one(relation) {
            (camel_case(model_name), "?")
        } else {
            (plural(&camel_case(model_name)), "[]")
        };
        insert(
            out,
            end_of(relation.referenced),
            format!("{name} {model_name}{arity} {ignore}\n"),
        );
    }
    if relation.forward.is_none() {
        let model_name = &relation.referenced.name.name;
        let optional = inferred_scalars(relation, db)
            .iter()
            .any(|f| f.arity == Arity::Optional);
        let arity = if optional { "?" } else { "" };
        insert(
            out,
            end_of(relation.referencing),
            format!(
                "{} {model_name}{arity} @relation({}, {})\n",
                camel_case(model_name),
                fields_argument(relation, db),
                references_argument(relation)
            ),
        );
    }
}

fn missing_scalar_fields(
    relation: &InlineRelation<'_>,
    db: &Declarations<'_>,
    source: &SourceFiles,
    out: &mut Vec<Insertion>,
) {
    if referencing_fields(relation).is_some() {
        return;
    }
    for scalar in inferred_scalars(relation, db) {
        let exists = relation.referencing.fields.iter().any(|f| {
            f.name.name == scalar.name && !matches!(db.field_kind(f), FieldKind::Relation(_))
        });
        if exists {
            continue;
        }
        // Only built-in scalar types are copied; Prisma stops at the first
        // field of another kind.
        let FieldKind::Scalar(scalar_type) = scalar.kind else {
            return;
        };
        let native = scalar
            .blueprint
            .attributes
            .iter()
            .find(|a| a.name.name.contains('.'))
            .map(|a| source.text(a.span.file)[a.span.range()].trim_end())
            .unwrap_or_default();
        insert(
            out,
            end_of(relation.referencing),
            format!(
                "{} {}{} {native}\n",
                scalar.name,
                scalar_type.name(),
                arity_suffix(scalar.arity)
            ),
        );
    }
}

fn missing_relation_attribute(
    relation: &InlineRelation<'_>,
    db: &Declarations<'_>,
    source: &SourceFiles,
    out: &mut Vec<Insertion>,
) {
    let Some(forward) = relation.forward else {
        return;
    };
    if db::field_attribute(forward, "relation").is_some() {
        return;
    }
    let Some(field_type) = &forward.field_type else {
        return;
    };
    let file = field_type.span.file;
    out.push(Insertion {
        file,
        at: after_type(source.text(file), field_type.span.end as usize),
        text: format!(
            " @relation({}, {})",
            fields_argument(relation, db),
            references_argument(relation)
        ),
    });
}

/// Just past a type's `[]`, `?` or `!`.
fn after_type(source: &str, end: usize) -> usize {
    let suffix = source[end..]
        .chars()
        .take_while(|c| matches!(c, '[' | ']' | '?' | '!'))
        .count();
    end + suffix
}

/// `@relation("name")` on the forward side gets the `fields` and
/// `references` it lacks.
fn missing_relation_arguments(
    relation: &InlineRelation<'_>,
    db: &Declarations<'_>,
    out: &mut Vec<Insertion>,
) {
    let Some(forward) = relation.forward else {
        return;
    };
    let Some(attribute) = db::field_attribute(forward, "relation") else {
        return;
    };
    let mut missing = Vec::new();
    if referencing_fields(relation).is_none() {
        missing.push(fields_argument(relation, db));
    }
    if relation_argument(forward, "references").is_none() {
        missing.push(references_argument(relation));
    }
    if missing.is_empty() {
        return;
    }
    let missing = missing.join(", ");
    let file = attribute.span.file;
    let (at, text) = if !attribute.has_parentheses {
        (attribute.name.span.end as usize, format!("({missing})"))
    } else if attribute.arguments.is_empty() {
        (attribute.span.end as usize - 1, missing)
    } else {
        (attribute.span.end as usize - 1, format!(", {missing}"))
    };
    out.push(Insertion { file, at, text });
}
