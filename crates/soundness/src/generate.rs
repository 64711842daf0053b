//! Random valid schemas, and random evolutions of them: the kinds of
//! change real projects make (columns and tables added and dropped, types,
//! arities, defaults, native types, enum values, indexes, relations, ids,
//! `@map` renames, schemas), in mixes no fixture list anticipates.

use crate::model::{Arity, Enum, EnumValue, Field, Index, Model, Relation, Schema, Type};
use crate::rng::Rng;

/// Schema `a` and its evolution `b` for `seed`.
pub fn pair(seed: u64) -> (Schema, Schema) {
    let mut rng = Rng::new(seed);
    let a = schema(&mut rng);
    let mut b = a.clone();
    for _ in 0..rng.between(1, 4) {
        evolve(&mut rng, &mut b);
    }
    fixup(&mut b);
    (a, b)
}

/// A random valid schema.
pub fn schema(rng: &mut Rng) -> Schema {
    let mut schema = Schema::default();
    if rng.chance(15) {
        schema.namespaces = vec!["public".to_string(), "extra".to_string()];
    }
    for _ in 0..rng.below(3) {
        add_enum(rng, &mut schema);
    }
    for _ in 0..rng.between(1, 4) {
        add_model(rng, &mut schema);
    }
    for _ in 0..rng.below(3) {
        add_relation(rng, &mut schema);
    }
    fixup(&mut schema);
    schema
}

fn namespace(rng: &mut Rng, schema: &Schema) -> Option<String> {
    if schema.namespaces.is_empty() {
        None
    } else {
        Some(rng.pick(&schema.namespaces).clone())
    }
}

fn add_enum(rng: &mut Rng, schema: &mut Schema) {
    let name = schema.fresh("E");
    let mut values = Vec::new();
    for _ in 0..rng.between(1, 4) {
        values.push(enum_value(rng, schema));
    }
    let namespace = namespace(rng, schema);
    schema.enums.push(Enum {
        name,
        values,
        namespace,
    });
}

fn enum_value(rng: &mut Rng, schema: &mut Schema) -> EnumValue {
    let name = schema.fresh("V");
    let map = rng
        .chance(15)
        .then(|| format!("{}'s \"v\"", name.to_lowercase()));
    EnumValue { name, map }
}

fn add_model(rng: &mut Rng, schema: &mut Schema) {
    let name = schema.fresh("M");
    let mut model = Model {
        name,
        map: None,
        namespace: namespace(rng, schema),
        fields: Vec::new(),
        compound_id: None,
        indexes: Vec::new(),
    };
    if rng.chance(15) {
        let a = scalar_field(rng, schema, Some(Type::Int));
        let b = scalar_field(rng, schema, Some(Type::String));
        model.compound_id = Some(vec![a.name.clone(), b.name.clone()]);
        model.fields.push(required(a));
        model.fields.push(required(b));
    } else {
        model.fields.push(id_field(rng, schema));
    }
    for _ in 0..rng.between(0, 5) {
        let field = scalar_field(rng, schema, None);
        model.fields.push(field);
    }
    if rng.chance(30) {
        add_index(rng, &mut model);
    }
    schema.models.push(model);
}

fn required(mut field: Field) -> Field {
    field.arity = Arity::Required;
    field.default = None;
    field.updated_at = false;
    field
}

fn id_field(rng: &mut Rng, schema: &mut Schema) -> Field {
    let name = schema.fresh("id");
    let (ty, native, default) = match rng.below(7) {
        0 | 1 => (Type::Int, None, Some("autoincrement()")),
        2 => (Type::BigInt, None, Some("autoincrement()")),
        3 => (Type::Int, Some("SmallInt"), Some("autoincrement()")),
        4 => (Type::String, None, Some(*rng.pick(&["uuid()", "cuid()"]))),
        5 => (
            Type::String,
            Some("Uuid"),
            Some(*rng.pick(&["uuid()", "dbgenerated(\"gen_random_uuid()\")"])),
        ),
        _ => (Type::Int, None, None),
    };
    Field {
        name,
        map: None,
        ty,
        arity: Arity::Required,
        native: native.map(str::to_string),
        default: default.map(str::to_string),
        id: true,
        unique: false,
        updated_at: false,
    }
}

/// A new scalar field, of type `ty` or a random one.
fn scalar_field(rng: &mut Rng, schema: &mut Schema, ty: Option<Type>) -> Field {
    let name = schema.fresh("f");
    let ty = ty.unwrap_or_else(|| random_type(rng, schema));
    let arity = match rng.below(10) {
        0..=4 => Arity::Required,
        5..=7 => Arity::Optional,
        _ => Arity::List,
    };
    let mut field = Field {
        name,
        map: None,
        ty,
        arity,
        native: None,
        default: None,
        id: false,
        unique: false,
        updated_at: false,
    };
    field.native = random_native(rng, &field.ty);
    if rng.chance(50) {
        field.default = random_default(rng, schema, &field);
    }
    if field.ty == Type::DateTime && field.arity != Arity::List && rng.chance(10) {
        field.default = None;
        field.updated_at = true;
    }
    if rng.chance(10) {
        field.map = Some(quirky_map(rng, &field.name));
    }
    if rng.chance(10) && field.arity != Arity::List && field.ty.indexable() {
        field.unique = true;
    }
    field
}

fn quirky_map(rng: &mut Rng, name: &str) -> String {
    match rng.below(3) {
        0 => format!("{name}_col"),
        1 => format!("{name} \"q\""),
        _ => format!("{name}'s"),
    }
}

fn random_type(rng: &mut Rng, schema: &Schema) -> Type {
    let mut types = vec![
        Type::Int,
        Type::BigInt,
        Type::Float,
        Type::Decimal,
        Type::String,
        Type::String,
        Type::Boolean,
        Type::DateTime,
        Type::Json,
        Type::Bytes,
    ];
    types.extend(schema.enums.iter().map(|e| Type::Enum(e.name.clone())));
    rng.pick(&types).clone()
}

fn random_native(rng: &mut Rng, ty: &Type) -> Option<String> {
    let choices: &[&str] = match ty {
        Type::Int => &["Integer", "SmallInt"],
        Type::Float => &["Real", "DoublePrecision"],
        Type::Decimal => &["Decimal(10, 2)", "Money"],
        Type::String => &["Text", "VarChar(20)", "Char(5)", "Uuid"],
        Type::DateTime => &[
            "Timestamp(3)",
            "Timestamptz(6)",
            "Date",
            "Time(6)",
            "Timetz(6)",
        ],
        Type::Json => &["Json", "JsonB"],
        _ => &[],
    };
    if choices.is_empty() || rng.chance(50) {
        None
    } else {
        Some((*rng.pick(choices)).to_string())
    }
}

/// A default valid for `field`'s type, native type and arity, if any.
fn random_default(rng: &mut Rng, schema: &Schema, field: &Field) -> Option<String> {
    let choices = default_choices(schema, field);
    if choices.is_empty() {
        None
    } else {
        Some(rng.pick(&choices).clone())
    }
}

/// Every default the generator writes for `field`'s type, native type and
/// arity.
fn default_choices(schema: &Schema, field: &Field) -> Vec<String> {
    let native = field.native.as_deref().unwrap_or("");
    if field.arity == Arity::List {
        match &field.ty {
            Type::Int => vec!["[]".into(), "[1, 2]".into()],
            Type::BigInt => vec!["[9007199254740993]".into(), "[1]".into()],
            Type::Float => vec!["[1.5]".into(), "[1.5, 2.25]".into()],
            Type::String if native != "Uuid" => vec!["[]".into(), "[\"a\"]".into()],
            Type::Boolean => vec!["[true]".into()],
            Type::Enum(name) => schema
                .enumeration(name)
                .map(|e| vec![format!("[{}]", e.values[0].name)])
                .unwrap_or_default(),
            _ => vec![],
        }
    } else {
        match &field.ty {
            Type::Int => vec![
                "autoincrement()".into(),
                "0".into(),
                "42".into(),
                "dbgenerated(\"0\")".into(),
            ],
            Type::BigInt => vec!["autoincrement()".into(), "7".into()],
            Type::Float => vec!["1.5".into(), "0".into()],
            Type::Decimal if native != "Money" => vec!["1.25".into()],
            Type::String if native == "Uuid" => vec![
                "uuid()".into(),
                "\"00000000-0000-0000-0000-000000000001\"".into(),
                "dbgenerated(\"gen_random_uuid()\")".into(),
            ],
            Type::String if native.starts_with("VarChar") || native.starts_with("Char") => {
                vec!["\"abc\"".into(), "\"it's\"".into()]
            }
            Type::String => vec![
                "\"hello\"".into(),
                "\"it's\"".into(),
                "uuid()".into(),
                "cuid()".into(),
                "dbgenerated(\"md5(random()::text)\")".into(),
                "dbgenerated(\"upper('a')\")".into(),
                "dbgenerated(\"'x'::text\")".into(),
            ],
            Type::Boolean => vec![
                "true".into(),
                "false".into(),
                "dbgenerated(\"false\")".into(),
            ],
            Type::DateTime => vec![
                "now()".into(),
                "dbgenerated(\"CURRENT_TIMESTAMP\")".into(),
                "\"2020-01-01T00:00:00.000Z\"".into(),
            ],
            Type::Json => vec!["\"{}\"".into(), "\"[1]\"".into()],
            Type::Enum(name) => schema
                .enumeration(name)
                .map(|e| e.values.iter().map(|v| v.name.clone()).collect())
                .unwrap_or_default(),
            _ => vec![],
        }
    }
}

fn add_index(rng: &mut Rng, model: &mut Model) {
    let candidates: Vec<String> = model
        .fields
        .iter()
        .filter(|f| f.arity != Arity::List && f.ty.indexable() && !f.id)
        .map(|f| f.name.clone())
        .collect();
    if candidates.is_empty() {
        return;
    }
    let mut fields = vec![rng.pick(&candidates).clone()];
    let second = rng.pick(&candidates).clone();
    if rng.chance(40) && !fields.contains(&second) {
        fields.push(second);
    }
    let unique = rng.chance(40);
    if !model.indexes.iter().any(|i| i.fields == fields) {
        model.indexes.push(Index { fields, unique });
    }
}

fn add_relation(rng: &mut Rng, schema: &mut Schema) {
    if schema.models.is_empty() {
        return;
    }
    let holder = rng.below(schema.models.len());
    // Required relations point backwards (or to the model itself), so one
    // row per table can always be inserted in model order.
    let target = rng.below(holder + 1);
    let holder = schema.models[holder].name.clone();
    let target = schema.models[target].name.clone();
    if schema.referenced_id(&target).is_none() {
        return;
    }
    let name = schema.fresh("rel");
    let field = format!("{name}Id");
    let optional = holder == target || rng.chance(50);
    let one_to_one = rng.chance(20);
    schema.relations.push(Relation {
        name,
        holder,
        target,
        field,
        optional,
        one_to_one,
    });
}

/// One random change.
pub fn evolve(rng: &mut Rng, schema: &mut Schema) {
    if schema.models.is_empty() {
        add_model(rng, schema);
        return;
    }
    let m = rng.below(schema.models.len());
    match rng.below(16) {
        0 => add_model(rng, schema),
        1 => {
            let name = schema.models.remove(m).name;
            schema
                .relations
                .retain(|r| r.holder != name && r.target != name);
        }
        2 => {
            let field = scalar_field(rng, schema, None);
            schema.models[m].fields.push(field);
        }
        3 => {
            let model = &mut schema.models[m];
            let candidates: Vec<usize> = (0..model.fields.len())
                .filter(|&i| !model.fields[i].id)
                .collect();
            if !candidates.is_empty() {
                model.fields.remove(*rng.pick(&candidates));
            }
        }
        4 | 5 => change_type(rng, schema, m),
        6 => {
            if let Some(f) = random_field(rng, &schema.models[m]) {
                let field = &mut schema.models[m].fields[f];
                field.arity = *rng.pick(&[Arity::Required, Arity::Optional, Arity::List]);
            }
        }
        7 => {
            if let Some(f) = random_field(rng, &schema.models[m]) {
                let field = schema.models[m].fields[f].clone();
                let default = if rng.chance(30) {
                    None
                } else {
                    random_default(rng, schema, &field)
                };
                schema.models[m].fields[f].default = default;
            }
        }
        8 => {
            if let Some(f) = random_field(rng, &schema.models[m]) {
                let ty = schema.models[m].fields[f].ty.clone();
                schema.models[m].fields[f].native = random_native(rng, &ty);
            }
        }
        9 => {
            if schema.enums.is_empty() {
                add_enum(rng, schema);
            } else {
                let e = rng.below(schema.enums.len());
                if rng.chance(50) && schema.enums[e].values.len() > 1 {
                    let v = rng.below(schema.enums[e].values.len());
                    schema.enums[e].values.remove(v);
                } else {
                    let value = enum_value(rng, schema);
                    let at = rng.below(schema.enums[e].values.len() + 1);
                    schema.enums[e].values.insert(at, value);
                }
            }
        }
        10 => {
            let model = &mut schema.models[m];
            if rng.chance(50) && !model.indexes.is_empty() {
                let i = rng.below(model.indexes.len());
                model.indexes.remove(i);
            } else {
                add_index(rng, model);
            }
        }
        11 => {
            if rng.chance(40) && !schema.relations.is_empty() {
                let r = rng.below(schema.relations.len());
                if rng.chance(50) {
                    schema.relations.remove(r);
                } else {
                    let relation = &mut schema.relations[r];
                    relation.optional = !relation.optional || relation.holder == relation.target;
                }
            } else {
                add_relation(rng, schema);
            }
        }
        12 => {
            let model = &mut schema.models[m];
            if rng.chance(50) {
                model.map = match model.map {
                    Some(_) => None,
                    None => Some(format!("{}_table", model.name.to_lowercase())),
                };
            } else if let Some(f) = random_field(rng, model) {
                let field = &mut model.fields[f];
                field.map = match field.map {
                    Some(_) => None,
                    None => Some(quirky_map(rng, &field.name)),
                };
            }
        }
        13 => {
            if schema.namespaces.is_empty() {
                schema.namespaces = vec!["public".to_string(), "extra".to_string()];
            }
            let namespace = namespace(rng, schema);
            schema.models[m].namespace = namespace;
        }
        14 => change_id(rng, schema, m),
        _ => {
            // The autoincrement corner: an optional or non-id serial.
            let ty = rng.pick(&[Type::Int, Type::BigInt]).clone();
            let arity = *rng.pick(&[Arity::Required, Arity::Optional]);
            let field = Field {
                arity,
                default: Some("autoincrement()".to_string()),
                native: None,
                unique: false,
                updated_at: false,
                ..scalar_field(rng, schema, Some(ty))
            };
            schema.models[m].fields.push(field);
        }
    }
}

/// A random non-id field of `model`.
fn random_field(rng: &mut Rng, model: &Model) -> Option<usize> {
    let candidates: Vec<usize> = (0..model.fields.len())
        .filter(|&i| !model.fields[i].id)
        .collect();
    (!candidates.is_empty()).then(|| *rng.pick(&candidates))
}

fn change_type(rng: &mut Rng, schema: &mut Schema, m: usize) {
    let len = schema.models[m].fields.len();
    let f = rng.below(len);
    let is_id = schema.models[m].fields[f].id;
    let ty = if is_id {
        rng.pick(&[Type::Int, Type::BigInt, Type::String]).clone()
    } else {
        random_type(rng, schema)
    };
    let field = &mut schema.models[m].fields[f];
    field.ty = ty;
    field.native = random_native(rng, &field.ty);
    if field.native.as_deref() == Some("Money") {
        field.native = None;
    }
    let keep = field.default.clone();
    let field = field.clone();
    let default = if keep.as_deref() == Some("autoincrement()")
        && matches!(field.ty, Type::Int | Type::BigInt)
    {
        keep
    } else if rng.chance(60) {
        random_default(rng, schema, &field)
    } else {
        None
    };
    schema.models[m].fields[f].default = default;
}

/// Moves the single-field id to another field, or between a single and a
/// compound id.
fn change_id(rng: &mut Rng, schema: &mut Schema, m: usize) {
    let model = &mut schema.models[m];
    let scalars: Vec<usize> = (0..model.fields.len())
        .filter(|&i| {
            let f = &model.fields[i];
            f.arity != Arity::List
                && matches!(f.ty, Type::Int | Type::BigInt | Type::String)
                && f.native.as_deref() != Some("Money")
        })
        .collect();
    if scalars.len() < 2 {
        return;
    }
    let a = *rng.pick(&scalars);
    let b = *rng.pick(&scalars);
    for field in &mut model.fields {
        field.id = false;
    }
    model.compound_id = None;
    if a != b && rng.chance(30) {
        model.compound_id = Some(vec![
            model.fields[a].name.clone(),
            model.fields[b].name.clone(),
        ]);
        for i in [a, b] {
            model.fields[i].arity = Arity::Required;
        }
    } else {
        let field = &mut model.fields[a];
        field.id = true;
        field.arity = Arity::Required;
        field.unique = false;
    }
}

/// Makes an evolved schema valid again: what a change left behind (an
/// index on a dropped field, a default of the old type, a relation to a
/// model without a single id) is repaired or removed.
pub fn fixup(schema: &mut Schema) {
    let enums = schema.enums.clone();
    let enum_ok = |name: &str| enums.iter().any(|e| e.name == name);
    for model in &mut schema.models {
        for field in &mut model.fields {
            if let Type::Enum(name) = &field.ty
                && !enum_ok(name)
            {
                field.ty = Type::String;
                field.native = None;
                field.default = None;
            }
            if field.id {
                field.arity = Arity::Required;
                field.unique = false;
                field.updated_at = false;
                if !matches!(field.ty, Type::Int | Type::BigInt | Type::String) {
                    field.ty = Type::Int;
                    field.native = None;
                    field.default = None;
                }
            }
            if field.arity == Arity::List {
                field.unique = false;
                field.updated_at = false;
            }
            if !field.ty.indexable() {
                field.unique = false;
            }
            if field.ty != Type::DateTime {
                field.updated_at = false;
            }
            if field.updated_at {
                field.default = None;
            }
            if !native_fits(field) {
                field.native = None;
            }
            if let Some(default) = &field.default
                && !default_fits(default, field, &enums)
            {
                field.default = None;
            }
        }
        let names: Vec<(String, bool)> = model
            .fields
            .iter()
            .map(|f| (f.name.clone(), f.arity != Arity::List && f.ty.indexable()))
            .collect();
        let usable = |name: &String| names.iter().any(|(n, ok)| n == name && *ok);
        if let Some(fields) = &model.compound_id
            && !fields.iter().all(usable)
        {
            model.compound_id = None;
        }
        if let Some(fields) = &model.compound_id {
            for field in model.fields.iter_mut().filter(|f| fields.contains(&f.name)) {
                field.arity = Arity::Required;
                field.id = false;
            }
        }
        if model.compound_id.is_none() && !model.fields.iter().any(|f| f.id) {
            model.fields.insert(
                0,
                Field {
                    name: format!("{}_id", model.name.to_lowercase()),
                    map: None,
                    ty: Type::Int,
                    arity: Arity::Required,
                    native: None,
                    default: Some("autoincrement()".to_string()),
                    id: true,
                    unique: false,
                    updated_at: false,
                },
            );
        }
        model.indexes.retain(|i| i.fields.iter().all(usable));
        // `@unique` and `@@unique([f])` would both be named `M_f_key`.
        let unique_fields: Vec<String> = model
            .fields
            .iter()
            .filter(|f| f.unique)
            .map(|f| f.name.clone())
            .collect();
        model
            .indexes
            .retain(|i| !(i.unique && i.fields.len() == 1 && unique_fields.contains(&i.fields[0])));
        let mut seen = Vec::new();
        model.indexes.retain(|i| {
            let fresh = !seen.contains(&i.fields);
            seen.push(i.fields.clone());
            fresh
        });
    }
    for e in &mut schema.enums {
        if e.values.is_empty() {
            e.values.push(EnumValue {
                name: format!("{}_V", e.name),
                map: None,
            });
        }
    }
    let models = schema.models.clone();
    let namespaces = schema.namespaces.clone();
    let single_id = |name: &str| {
        models
            .iter()
            .find(|m| m.name == name)
            .is_some_and(|m| m.compound_id.is_none())
    };
    schema
        .relations
        .retain(|r| single_id(&r.holder) && single_id(&r.target));
    for relation in &mut schema.relations {
        if relation.holder == relation.target {
            relation.optional = true;
        }
    }
    if !namespaces.is_empty() {
        for model in &mut schema.models {
            if model.namespace.is_none() {
                model.namespace = Some("public".to_string());
            }
        }
        for e in &mut schema.enums {
            if e.namespace.is_none() {
                e.namespace = Some("public".to_string());
            }
        }
    }
}

fn native_fits(field: &Field) -> bool {
    let Some(native) = field.native.as_deref() else {
        return true;
    };
    let head = native.split('(').next().unwrap_or(native);
    let fits = match field.ty {
        Type::Int => matches!(head, "Integer" | "SmallInt"),
        Type::Float => matches!(head, "Real" | "DoublePrecision"),
        Type::Decimal => matches!(head, "Decimal" | "Money"),
        Type::String => matches!(head, "Text" | "VarChar" | "Char" | "Uuid"),
        Type::DateTime => matches!(
            head,
            "Timestamp" | "Timestamptz" | "Date" | "Time" | "Timetz"
        ),
        Type::Json => matches!(head, "Json" | "JsonB"),
        _ => false,
    };
    // Prisma: no list of Money (its default could not be written anyway).
    fits && !(head == "Money" && field.arity == Arity::List)
}

/// Whether `default` is one the generator could have chosen for `field`.
fn default_fits(default: &str, field: &Field, enums: &[Enum]) -> bool {
    let schema = Schema {
        enums: enums.to_vec(),
        ..Schema::default()
    };
    default_choices(&schema, field).iter().any(|d| d == default)
}
