//! Relation inference and the rules of `@relation`.
//!
//! A relation is two relation fields pointing at each other's models with
//! the same relation name (none is a name too). Inference pairs them up;
//! then the side that holds `fields`/`references` is checked: its scalar
//! fields exist, match the referenced fields in number and type, and the
//! referenced fields are unique in the other model.

use foldhash::{HashMap, HashMapExt};

use plumb_diagnostics::Span;

use super::arguments::{FieldRef, field_refs};
use super::cycles;
use super::db::{self, Declarations, FieldKind};
use super::{Context, codes};
use crate::ast::{Arity, Attribute, Expression, Field, Model, ModelKind, Name};

/// One relation field as written.
pub(crate) struct RelationField<'a> {
    pub(crate) model: &'a Model,
    pub(crate) field: &'a Field,
    pub(crate) target: &'a Model,
    pub(crate) name: Option<&'a str>,
    pub(crate) attribute: Option<&'a Attribute>,
    pub(crate) fields: Option<Box<[FieldRef<'a>]>>,
    pub(crate) references: Option<Box<[FieldRef<'a>]>>,
    pub(crate) has_actions: bool,
}

impl RelationField<'_> {
    fn is_list(&self) -> bool {
        db::arity(self.field) == Some(Arity::List)
    }

    fn is_optional(&self) -> bool {
        db::arity(self.field) == Some(Arity::Optional)
    }

    /// The `@relation` attribute, else the field's name and type (a
    /// field's own span runs to the end of its line).
    fn span(&self) -> Span {
        self.attribute
            .map_or_else(|| line_of(self.field), |a| a.span)
    }

    fn describe(&self) -> String {
        format!(
            "`{}` on Model `{}`",
            self.field.name.name, self.model.name.name
        )
    }
}

fn line_of(field: &Field) -> Span {
    match &field.field_type {
        Some(field_type) => field.name.span.to(field_type.span),
        None => field.name.span,
    }
}

/// A relation field's model, the model it points to, and its relation name.
type RelationKey<'a> = (Name, Name, Option<&'a str>);

/// Every relation field of the schema, in declaration order.
pub(crate) fn relation_fields<'a>(
    db: &Declarations<'a>,
    ctx: &mut Context<'_>,
) -> Vec<RelationField<'a>> {
    let mut out = Vec::new();
    for &model in &db.models {
        if model.kind == ModelKind::CompositeType {
            continue;
        }
        for field in &model.fields {
            let FieldKind::Relation(target) = db.field_kind(field) else {
                continue;
            };
            let attribute = db::field_attribute(field, "relation");
            let argument = |name: &str| {
                attribute.and_then(|a| {
                    a.arguments
                        .iter()
                        .find(|arg| arg.is_named(name))
                        .and_then(|arg| arg.value.as_ref())
                })
            };
            let name = db::relation_name(field);
            let fields = argument("fields").map(|e| field_refs(e, ctx).into_boxed_slice());
            let references = argument("references").map(|e| field_refs(e, ctx).into_boxed_slice());
            let has_actions = argument("onDelete").is_some() || argument("onUpdate").is_some();
            out.push(RelationField {
                model,
                field,
                target,
                name,
                attribute,
                fields,
                references,
                has_actions,
            });
        }
    }
    out
}

/// Pairs relation fields, reporting ambiguous and one-sided relations, and
/// checks each relation. Nothing else is checked while any is ambiguous.
pub(crate) fn relations_are_valid(db: &Declarations<'_>, ctx: &mut Context<'_>) {
    let fields = relation_fields(db, ctx);
    relations_to_ignored_models_are_ignored(&fields, ctx);
    if !relations_are_unambiguous(&fields, ctx) {
        return;
    }
    if db.relation_mode_is_prisma() {
        for field in &fields {
            referential_actions_are_emulated(field, ctx);
        }
    }
    // (model, target, relation name) → field, sorted: one small list
    // instead of a map of vectors (a 5,000-model schema has 10,000
    // relation fields).
    let mut by_key: Vec<(RelationKey<'_>, usize)> = fields
        .iter()
        .enumerate()
        .map(|(i, field)| {
            (
                (field.model.name.name, field.target.name.name, field.name),
                i,
            )
        })
        .collect();
    by_key.sort_unstable();
    let mut pairs = Vec::new();
    for (i, field) in fields.iter().enumerate() {
        let key = (field.target.name.name, field.model.name.name, field.name);
        let first = by_key.partition_point(|(k, _)| *k < key);
        let opposite = by_key[first..]
            .iter()
            .take_while(|(k, _)| *k == key)
            .map(|&(_, j)| j)
            .find(|&j| j != i);
        match opposite {
            None => ctx.error(
                codes::MISSING_OPPOSITE_RELATION,
                format!(
                    "Error validating field `{name}` in model `{model}`: The relation field `{name}` on model `{model}` is missing an opposite relation field on the model `{target}`. {hint}",
                    hint = crate::messages::run_format_or_add_it(),
                    name = field.field.name.name,
                    model = field.model.name.name,
                    target = field.target.name.name,
                ),
                line_of(field.field),
            ),
            // Each relation once, from its first field.
            Some(j) if i < j => pairs.push((field, &fields[j])),
            Some(_) => {}
        }
    }
    let foreign_keys = cycles::Graph::new(
        pairs
            .iter()
            .enumerate()
            .filter_map(|(i, &(a, b))| {
                forward_and_back(a, b).map(|(forward, _)| cycles::ForeignKey::new(i, forward))
            })
            .collect(),
    );
    for (i, &(a, b)) in pairs.iter().enumerate() {
        if db.relation_mode_is_prisma() {
            foreign_keys.actions_do_not_cycle(i, ctx);
        }
        relation_is_valid(a, b, db, ctx);
    }
}

/// The side of a one-to-one or one-to-many relation that holds the foreign
/// key, and the other; `None` for many-to-many. Prisma's choice in a
/// one-to-one relation: the required side; between two optional sides the
/// one with `fields`; otherwise the first by model name, then field name.
fn forward_and_back<'r, 'a>(
    a: &'r RelationField<'a>,
    b: &'r RelationField<'a>,
) -> Option<(&'r RelationField<'a>, &'r RelationField<'a>)> {
    let a_first = match (a.is_list(), b.is_list()) {
        (true, true) => return None,
        (true, false) => false,
        (false, true) => true,
        (false, false) => match (a.is_optional(), b.is_optional()) {
            (false, true) => true,
            (true, false) => false,
            (true, true) if a.fields.is_some() => true,
            (true, true) if b.fields.is_some() => false,
            _ => {
                let key = |f: &RelationField<'_>| (f.model.name.name, f.field.name.name);
                key(a) <= key(b)
            }
        },
    };
    Some(if a_first { (a, b) } else { (b, a) })
}

/// `SetNull` cannot null a NOT NULL column. PostgreSQL accepts the foreign
/// key and fails when the action fires, so with foreign keys this is a
/// warning; when the client emulates the action it is an error.
fn set_null_needs_nullable_columns(
    side: &RelationField<'_>,
    db: &Declarations<'_>,
    ctx: &mut Context<'_>,
) {
    let Some(attribute) = side.attribute else {
        return;
    };
    for action in ["onDelete", "onUpdate"] {
        let is_set_null = attribute.arguments.iter().any(|a| {
            a.is_named(action)
                && matches!(&a.value, Some(Expression::Constant(v, _)) if v == "SetNull")
        });
        if !is_set_null {
            continue;
        }
        if db.relation_mode_is_prisma() {
            relation_error(
                format!(
                    "The `{action}` referential action of a relation must not be set to `SetNull` when a referenced field is required.\nEither choose another referential action, or make the referenced fields optional."
                ),
                side.field.span,
                ctx,
            );
        } else {
            ctx.warning(
                codes::SET_NULL_ON_REQUIRED,
                format!(
                    "The `{action}` referential action of a relation should not be set to `SetNull` when a referenced field is required. We recommend either to choose another referential action, or to make the referenced fields optional. Read more at https://pris.ly/d/postgres-set-null"
                ),
                line_of(side.field),
            );
        }
    }
}

/// With `relationMode = "prisma"` the client emulates actions, and only
/// Cascade, Restrict and SetNull.
fn referential_actions_are_emulated(field: &RelationField<'_>, ctx: &mut Context<'_>) {
    let Some(attribute) = field.attribute else {
        return;
    };
    for argument in &attribute.arguments {
        let is_action = argument
            .name
            .as_ref()
            .is_some_and(|n| n.name == "onDelete" || n.name == "onUpdate");
        let Some(Expression::Constant(action, span)) = argument.value.as_ref() else {
            continue;
        };
        if !is_action || !matches!(action.as_str(), "NoAction" | "SetDefault") {
            continue;
        }
        let advice = if action == "NoAction" {
            ". `NoAction` is not implemented for Postgres when using `relationMode = \"prisma\"`, you could try using `Restrict` instead. Learn more at https://pris.ly/d/relation-mode"
        } else {
            ""
        };
        validation_error(
            format!(
                "Invalid referential action: `{action}`. Allowed values: (`Cascade`, `Restrict`, `SetNull`){advice}"
            ),
            *span,
            ctx,
        );
    }
}

/// A relation field pointing at an `@@ignore`d model must be ignored too.
fn relations_to_ignored_models_are_ignored(fields: &[RelationField<'_>], ctx: &mut Context<'_>) {
    for field in fields {
        let target_ignored = db::block_attribute(field.target, "ignore").is_some();
        let ignored = db::field_attribute(field.field, "ignore").is_some()
            || db::block_attribute(field.model, "ignore").is_some();
        if target_ignored && !ignored {
            ctx.error(
                codes::INVALID_RELATION,
                format!(
                    "Error parsing attribute \"@ignore\": The relation field `{}` on Model `{}` must specify the `@ignore` attribute, because the model {} it is pointing to is marked ignored.",
                    field.field.name.name, field.model.name.name, field.target.name.name
                ),
                line_of(field.field),
            );
        }
    }
}

/// Two relation fields of a model that point at the same model need
/// different relation names (a named self relation may have two). As in
/// Prisma, only the first ambiguous field is reported: the rest of the
/// relation checks would mostly repeat it.
fn relations_are_unambiguous(fields: &[RelationField<'_>], ctx: &mut Context<'_>) -> bool {
    let mut groups: HashMap<(&str, &str, Option<&str>), Vec<&RelationField<'_>>> = HashMap::new();
    for field in fields {
        groups
            .entry((&field.model.name.name, &field.target.name.name, field.name))
            .or_default()
            .push(field);
    }
    // Models before views, fields in order: Prisma's walk.
    let in_prisma_order = fields
        .iter()
        .filter(|f| f.model.kind != ModelKind::View)
        .chain(fields.iter().filter(|f| f.model.kind == ModelKind::View));
    for field in in_prisma_order {
        let group = &groups[&(
            field.model.name.name.as_str(),
            field.target.name.name.as_str(),
            field.name,
        )];
        if let Some(message) = ambiguity(group) {
            ctx.error(
                codes::AMBIGUOUS_RELATION,
                format!(
                    "Error validating model \"{}\": {message}",
                    field.model.name.name
                ),
                line_of(field.field),
            );
            return false;
        }
    }
    true
}

/// What is ambiguous about relation fields that share model, target and
/// relation name, if anything.
fn ambiguity(group: &[&RelationField<'_>]) -> Option<String> {
    let first = group[0];
    let model = &first.model.name.name;
    let target = &first.target.name.name;
    let is_self = model == target;
    let named = first.name.is_some();
    let fields = field_list(group);
    let message = match (is_self, named, group.len()) {
        (_, _, 0 | 1) | (true, true, 2) => return None,
        (true, false, 2) => format!(
            "Ambiguous self relation detected. The fields {fields} in model `{model}` both refer to `{target}`. If they are part of the same relation add the same relation name for them with `@relation(<name>)`."
        ),
        (true, false, _) => format!(
            "Unnamed self relation detected. The fields {fields} in model `{model}` have no relation name. Please provide a relation name for one of them by adding `@relation(<name>)."
        ),
        (true, true, _) => format!(
            "Wrongly named self relation detected. The fields {fields} in model `{model}` have the same relation name. At most two relation fields can belong to the same relation and therefore have the same name. Please assign a different relation name to one of them."
        ),
        (false, false, _) => format!(
            "Ambiguous relation detected. The fields {fields} in model `{model}` both refer to `{target}`. Please provide different relation names for them by adding `@relation(<name>)."
        ),
        (false, true, _) => format!(
            "Wrongly named relation detected. The fields {fields} in model `{model}` both use the same relation name. Please provide different relation names for them through `@relation(<name>)."
        ),
    };
    Some(message)
}

/// "`a` and `b`", "`a`, `b` and `c`".
fn field_list(group: &[&RelationField<'_>]) -> String {
    let names: Vec<String> = group
        .iter()
        .map(|f| format!("`{}`", f.field.name.name))
        .collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.join(""),
    }
}

fn validation_error(message: String, span: Span, ctx: &mut Context<'_>) {
    ctx.error(
        codes::INVALID_RELATION,
        format!("Error validating: {message}"),
        span,
    );
}

fn relation_error(message: String, span: Span, ctx: &mut Context<'_>) {
    ctx.error(
        codes::INVALID_RELATION,
        format!("Error parsing attribute \"@relation\": {message}"),
        span,
    );
}

fn relation_is_valid(
    a: &RelationField<'_>,
    b: &RelationField<'_>,
    db: &Declarations<'_>,
    ctx: &mut Context<'_>,
) {
    let defines = |f: &RelationField<'_>| f.fields.is_some() || f.references.is_some();
    match (a.is_list(), b.is_list()) {
        (true, true) => many_to_many_is_valid(a, b, ctx),
        (true, false) | (false, true) => {
            let (list, single) = if a.is_list() { (a, b) } else { (b, a) };
            if defines(list) {
                relation_error(
                    format!(
                        "The relation field {} must not specify the `fields` or `references` argument in the @relation attribute. You must only specify it on the opposite field `{}` on model `{}`.",
                        list.describe(),
                        single.field.name.name,
                        single.model.name.name
                    ),
                    list.span(),
                    ctx,
                );
            } else if list.has_actions {
                relation_error(
                    format!(
                        "The relation field {} must not specify the `onDelete` or `onUpdate` argument in the @relation attribute. You must only specify it on the opposite field `{}` on model `{}`, or in case of a many to many relation, in an explicit join table.",
                        list.describe(),
                        single.field.name.name,
                        single.model.name.name
                    ),
                    list.span(),
                    ctx,
                );
            }
            defining_side_is_complete(single, ctx);
            foreign_key_is_valid(single, db, ctx);
        }
        (false, false) => {
            let Some((forward, back)) = forward_and_back(a, b) else {
                return;
            };
            foreign_key_is_valid(forward, db, ctx);
            one_to_one_is_valid(forward, back, ctx);
        }
    }
}

/// The rules of a one-to-one relation, in Prisma's order. The last three
/// only speak when nothing else has been reported: they would mostly
/// restate an earlier error.
fn one_to_one_is_valid(
    forward: &RelationField<'_>,
    back: &RelationField<'_>,
    ctx: &mut Context<'_>,
) {
    let pair = |first: &RelationField<'_>, second: &RelationField<'_>| {
        format!(
            "The relation fields {} and {}",
            first.describe(),
            second.describe()
        )
    };
    for (argument, missing) in [
        ("fields", forward.fields.is_none() && back.fields.is_none()),
        (
            "references",
            forward.references.is_none() && back.references.is_none(),
        ),
    ] {
        if missing {
            for (side, other) in [(forward, back), (back, forward)] {
                relation_error(
                    format!(
                        "{} do not provide the `{argument}` argument in the @relation attribute. You have to provide it on one of the two fields.",
                        pair(side, other)
                    ),
                    side.span(),
                    ctx,
                );
            }
        }
    }
    for (argument, both) in [
        (
            "references",
            forward.references.is_some() && back.references.is_some(),
        ),
        ("fields", forward.fields.is_some() && back.fields.is_some()),
    ] {
        if both {
            let message = format!(
                "{} both provide the `{argument}` argument in the @relation attribute. You have to provide it only on one of the two fields.",
                pair(forward, back)
            );
            relation_error(message.clone(), forward.span(), ctx);
            relation_error(message, back.span(), ctx);
        }
    }
    if forward.has_actions && back.has_actions {
        for (side, other) in [(back, forward), (forward, back)] {
            relation_error(
                format!(
                    "{} both provide the `onDelete` or `onUpdate` argument in the @relation attribute. You have to provide it only on one of the two fields.",
                    pair(side, other)
                ),
                side.span(),
                ctx,
            );
        }
    } else if back.has_actions {
        relation_error(
            format!(
                "The relation field {} must not specify the `onDelete` or `onUpdate` argument in the @relation attribute. You must only specify it on the opposite field `{}` on model `{}`.",
                back.describe(),
                forward.field.name.name,
                forward.model.name.name
            ),
            back.span(),
            ctx,
        );
    }
    fields_are_unique(forward, ctx);
    if ctx.errors > 0 {
        return;
    }
    if forward.fields.is_some() && back.references.is_some() {
        let message = format!(
            "The relation field {} provides the `fields` argument in the @relation attribute. And the related field {} provides the `references` argument. You must provide both arguments on the same side.",
            forward.describe(),
            back.describe()
        );
        relation_error(message.clone(), forward.span(), ctx);
        relation_error(message, back.span(), ctx);
    }
    if forward.references.is_some() && back.fields.is_some() {
        relation_error(
            format!(
                "The relation field {} provides the `references` argument in the @relation attribute. And the related field {} provides the `fields` argument. You must provide both arguments on the same side.",
                forward.describe(),
                back.describe()
            ),
            forward.span(),
            ctx,
        );
    }
    if ctx.errors > 0 {
        return;
    }
    if !back.is_optional() {
        relation_error(
            format!(
                "The relation field {} is required. This is not valid because it's not possible to enforce this constraint on the database level. Please change the field type from `{}` to `{}?` to fix this.",
                back.describe(),
                back.target.name.name,
                back.target.name.name
            ),
            back.span(),
            ctx,
        );
        return;
    }
    let forward_required = db::arity(forward.field) == Some(Arity::Required);
    if forward_required && (back.fields.is_some() || back.references.is_some()) {
        relation_error(
            format!(
                "The relation field `{}.{}` defines the `fields` and/or `references` argument. You must set them on the required side of the relation (`{}.{}`) in order for the constraints to be enforced. Alternatively, you can change this field to be required and the opposite optional, or make both sides of the relation optional.",
                back.model.name.name,
                back.field.name.name,
                forward.model.name.name,
                forward.field.name.name
            ),
            back.span(),
            ctx,
        );
    }
}

/// A one-to-one relation is enforced by a unique constraint on its
/// foreign-key columns.
fn fields_are_unique(forward: &RelationField<'_>, ctx: &mut Context<'_>) {
    let Some(fields) = &forward.fields else {
        return;
    };
    let field_names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
    if is_unique_criterion(forward.model, &field_names) {
        return;
    }
    let hint = match field_names.as_slice() {
        [single] => format!("add an `@unique` attribute to the field `{single}`"),
        many => format!(
            "add an `@@unique([{}])` attribute to the model",
            many.join(", ")
        ),
    };
    relation_error(
        format!(
            "A one-to-one relation must use unique fields on the defining side. Either {hint}, or change the relation to one-to-many."
        ),
        forward.span(),
        ctx,
    );
}

fn many_to_many_is_valid(a: &RelationField<'_>, b: &RelationField<'_>, ctx: &mut Context<'_>) {
    // `fields` on either side makes it an embedded (MongoDB) relation, and
    // Prisma reports that on both fields.
    let embedded = a.fields.is_some() || b.fields.is_some();
    for side in [a, b] {
        if embedded || side.references.is_some() {
            validation_error(
                "Embedded many-to-many relations are not supported on Postgres. Please use the syntax defined in https://pris.ly/d/relational-database-many-to-many".to_string(),
                if embedded { line_of(side.field) } else { side.span() },
                ctx,
            );
        }
        if side.has_actions {
            validation_error(
                "Referential actions on implicit many-to-many relations are not supported"
                    .to_string(),
                side.span(),
                ctx,
            );
        }
        // The join table's columns reference a single-field id on each side.
        // `@id`, or an `@@id` of one field.
        let has_single_id = side
            .target
            .fields
            .iter()
            .any(|f| db::field_attribute(f, "id").is_some())
            || db::block_attribute(side.target, "id")
                .is_some_and(|id| super::models::criterion_fields(id).len() == 1);
        if !has_single_id {
            ctx.error(
                codes::INVALID_RELATION,
                format!(
                    "Error validating field `{field}` in model `{model}`: The relation field `{field}` on model `{model}` references `{}` which does not have an `@id` field. Models without `@id` cannot be part of a many to many relation. Use an explicit intermediate Model to represent this relationship.",
                    side.target.name.name,
                    field = side.field.name.name,
                    model = side.model.name.name,
                ),
                line_of(side.field),
            );
        }
    }
}

fn defining_side_is_complete(side: &RelationField<'_>, ctx: &mut Context<'_>) {
    let missing = match (&side.fields, &side.references) {
        (None, _) => "fields",
        (_, None) => "references",
        _ => return,
    };
    let hint = if missing == "fields" {
        crate::messages::format_fixes_it()
    } else {
        String::new()
    };
    relation_error(
        format!(
            "The relation field `{}` on Model `{}` must specify the `{missing}` argument in the @relation attribute.{hint}",
            side.field.name.name, side.model.name.name
        ),
        side.span(),
        ctx,
    );
}

/// Phase one, as in Prisma: `fields` names scalar fields of the model and
/// `references` fields of the related one. Malformed lists are reported by
/// the attribute rules, so their diagnostics are not repeated here.
pub(crate) fn relation_field_lists_resolve(db: &Declarations<'_>, ctx: &mut Context<'_>) {
    let mut already_reported = plumb_diagnostics::Diagnostics::new();
    let sides = relation_fields(
        db,
        &mut Context {
            diagnostics: &mut already_reported,
            errors: 0,
        },
    );
    for side in &sides {
        field_lists_resolve(side, db, ctx);
    }
}

fn field_lists_resolve(side: &RelationField<'_>, db: &Declarations<'_>, ctx: &mut Context<'_>) {
    let span = side.span();
    let fields = side.fields.as_deref().unwrap_or_default();
    let references = side.references.as_deref().unwrap_or_default();
    let unknown = names_where(fields, &|name| db::field(side.model, name).is_none());
    if !unknown.is_empty() {
        validation_error(
            format!(
                "The argument fields must refer only to existing fields. The following fields do not exist in this model: {}",
                unknown.join(", ")
            ),
            span,
            ctx,
        );
    }
    let relation_refs = names_where(fields, &|name| {
        db::field(side.model, name)
            .is_some_and(|field| matches!(db.field_kind(field), FieldKind::Relation(_)))
    });
    if !relation_refs.is_empty() {
        validation_error(
            format!(
                "The argument fields must refer only to scalar fields. But it is referencing the following relation fields: {}",
                relation_refs.join(", ")
            ),
            span,
            ctx,
        );
    }
    let unknown_refs = names_where(references, &|name| db::field(side.target, name).is_none());
    if !unknown_refs.is_empty() {
        validation_error(
            format!(
                "The argument `references` must refer only to existing fields in the related model `{}`. The following fields do not exist in the related model: {}",
                side.target.name.name,
                unknown_refs.join(", ")
            ),
            span,
            ctx,
        );
    }
}

/// The names in a field list that `keep` selects.
fn names_where(refs: &[FieldRef<'_>], keep: &dyn Fn(&str) -> bool) -> Vec<String> {
    refs.iter()
        .filter(|f| keep(f.name))
        .map(|f| f.name.to_string())
        .collect()
}

/// The `fields`/`references` of the defining side.
fn foreign_key_is_valid(side: &RelationField<'_>, db: &Declarations<'_>, ctx: &mut Context<'_>) {
    let (Some(fields), Some(references)) = (&side.fields, &side.references) else {
        return;
    };
    let span = side.span();
    let reference_names: Vec<&str> = references.iter().map(|f| f.name.as_str()).collect();
    if !is_unique_criterion(side.target, &reference_names) {
        let hint = match reference_names.as_slice() {
            [single] => format!(
                "Consider adding an `@unique` attribute to the field `{single}` in the model `{}`.",
                side.target.name.name
            ),
            many => format!(
                "Consider adding an `@@unique([{}])` attribute to the model `{}`.",
                many.join(", "),
                side.target.name.name
            ),
        };
        relation_error(
            format!(
                "The argument `references` must refer to a unique criterion in the related model. {hint}"
            ),
            span,
            ctx,
        );
    }
    if fields.len() != references.len() {
        ctx.error(
            codes::INVALID_RELATION,
            "Error validating: You must specify the same number of fields in `fields` and `references`.",
            span,
        );
        return;
    }
    for (field_ref, reference) in fields.iter().zip(references) {
        let (Some(field), Some(referenced)) = (
            db::field(side.model, field_ref.name),
            db::field(side.target, reference.name),
        ) else {
            continue;
        };
        if !same_type(db.field_kind(field), db.field_kind(referenced)) {
            relation_error(
                format!(
                    "The type of the field `{}` in the model `{}` is not matching the type of the referenced field `{}` in model `{}`.",
                    field.name.name,
                    side.model.name.name,
                    referenced.name.name,
                    side.target.name.name
                ),
                span,
                ctx,
            );
        }
    }
    let optional = names_where(fields, &|name| {
        db::field(side.model, name).and_then(db::arity) == Some(Arity::Optional)
    });
    if !optional.is_empty() && db::arity(side.field) == Some(Arity::Required) {
        let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
        ctx.error(
            codes::INVALID_RELATION,
            format!(
                "Error validating: The relation field `{}` uses the scalar fields {}. At least one of those fields is optional. Hence the relation field must be optional as well.",
                side.field.name.name,
                names.join(", ")
            ),
            span,
        );
    }
    let any_required = !names_where(fields, &|name| {
        db::field(side.model, name).and_then(db::arity) == Some(Arity::Required)
    })
    .is_empty();
    if any_required {
        set_null_needs_nullable_columns(side, db, ctx);
    }
    let field_names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
    if db.relation_mode_is_prisma() && !is_indexed(side.model, &field_names) {
        ctx.warning(
            codes::UNINDEXED_RELATION_SCALARS,
            "With `relationMode = \"prisma\"`, no foreign keys are used, so relation fields will not benefit from the index usually created by the relational database under the hood. This can lead to poor performance when querying these fields. We recommend adding an index manually. Learn more at https://pris.ly/d/relation-mode-prisma-indexes",
            span,
        );
    }
}

/// Whether an id, unique constraint or index starts with these fields, so
/// that lookups by them need no full scan.
fn is_indexed(model: &Model, names: &[&str]) -> bool {
    if let [single] = names
        && is_single_field_key(model, single)
    {
        return true;
    }
    model
        .attributes
        .iter()
        .filter(|a| matches!(a.name.name.as_str(), "id" | "unique" | "index"))
        .any(|attribute| super::models::criterion_fields(attribute).starts_with(names))
}

/// Whether the field is marked `@id` or `@unique`.
fn is_single_field_key(model: &Model, name: &str) -> bool {
    db::field(model, name).is_some_and(|field| {
        db::field_attribute(field, "id").is_some() || db::field_attribute(field, "unique").is_some()
    })
}

fn same_type(a: FieldKind<'_>, b: FieldKind<'_>) -> bool {
    match (a, b) {
        (FieldKind::Scalar(a), FieldKind::Scalar(b)) => a == b,
        (FieldKind::Enum(a), FieldKind::Enum(b)) => a.name.name == b.name.name,
        (FieldKind::Unsupported(_), FieldKind::Unsupported(_)) => true,
        _ => false,
    }
}

/// Whether exactly these fields (in any order) are the model's id or one
/// of its unique constraints.
pub(crate) fn is_unique_criterion(model: &Model, names: &[&str]) -> bool {
    let mut wanted: Vec<&str> = names.to_vec();
    wanted.sort_unstable();
    if let [single] = wanted.as_slice()
        && is_single_field_key(model, single)
    {
        return true;
    }
    model
        .attributes
        .iter()
        .filter(|a| a.name.name == "id" || a.name.name == "unique")
        .any(|attribute| {
            let mut fields = super::models::criterion_fields(attribute);
            fields.sort_unstable();
            fields == wanted
        })
}
