//! A schema as the generator builds and evolves it, and its Prisma text.
//! Relations are kept apart from fields: a foreign-key field takes the type
//! of the id it references when the schema is written, so an evolution
//! that changes an id's type keeps every relation valid.

use std::fmt::Write as _;

#[derive(Debug, Clone, Default)]
pub struct Schema {
    /// The datasource's `schemas` list; empty for a single-schema project.
    pub namespaces: Vec<String>,
    pub enums: Vec<Enum>,
    pub models: Vec<Model>,
    pub relations: Vec<Relation>,
    /// The next number for a fresh name.
    pub next: usize,
}

#[derive(Debug, Clone)]
pub struct Enum {
    pub name: String,
    pub values: Vec<EnumValue>,
    pub namespace: Option<String>,
}

#[derive(Debug, Clone)]
pub struct EnumValue {
    pub name: String,
    pub map: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Model {
    pub name: String,
    pub map: Option<String>,
    pub namespace: Option<String>,
    pub fields: Vec<Field>,
    /// `@@id([...])`; `None` when one field has `@id`.
    pub compound_id: Option<Vec<String>>,
    pub indexes: Vec<Index>,
}

#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub map: Option<String>,
    pub ty: Type,
    pub arity: Arity,
    /// A native type attribute without `@db.`, e.g. `VarChar(20)`.
    pub native: Option<String>,
    /// The `@default(...)` argument, e.g. `autoincrement()`.
    pub default: Option<String>,
    pub id: bool,
    pub unique: bool,
    pub updated_at: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Type {
    Int,
    BigInt,
    Float,
    Decimal,
    String,
    Boolean,
    DateTime,
    Json,
    Bytes,
    Enum(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arity {
    Required,
    Optional,
    List,
}

#[derive(Debug, Clone)]
pub struct Index {
    pub fields: Vec<String>,
    pub unique: bool,
}

/// A one-to-many (or one-to-one) relation: `holder` has the foreign key
/// `field` to `target`'s single-field id.
#[derive(Debug, Clone)]
pub struct Relation {
    pub name: String,
    pub holder: String,
    pub target: String,
    pub field: String,
    pub optional: bool,
    pub one_to_one: bool,
}

impl Type {
    pub fn prisma_name(&self) -> &str {
        match self {
            Type::Int => "Int",
            Type::BigInt => "BigInt",
            Type::Float => "Float",
            Type::Decimal => "Decimal",
            Type::String => "String",
            Type::Boolean => "Boolean",
            Type::DateTime => "DateTime",
            Type::Json => "Json",
            Type::Bytes => "Bytes",
            Type::Enum(name) => name,
        }
    }

    /// Whether a btree index or unique constraint may cover it.
    pub fn indexable(&self) -> bool {
        !matches!(self, Type::Json)
    }
}

impl Schema {
    pub fn model(&self, name: &str) -> Option<&Model> {
        self.models.iter().find(|m| m.name == name)
    }

    pub fn enumeration(&self, name: &str) -> Option<&Enum> {
        self.enums.iter().find(|e| e.name == name)
    }

    pub fn fresh(&mut self, prefix: &str) -> String {
        self.next += 1;
        format!("{prefix}{}", self.next)
    }

    /// The field a relation to `target` references.
    pub fn referenced_id<'a>(&'a self, target: &str) -> Option<&'a Field> {
        let model = self.model(target)?;
        if model.compound_id.is_some() {
            return None;
        }
        model.fields.iter().find(|f| f.id)
    }

    /// The schema as a `schema.prisma` file.
    pub fn render(&self) -> String {
        let mut out = String::from("datasource db {\n  provider = \"postgresql\"\n");
        if !self.namespaces.is_empty() {
            let list: Vec<String> = self.namespaces.iter().map(|n| quoted(n)).collect();
            let _ = writeln!(out, "  schemas  = [{}]", list.join(", "));
        }
        out.push_str("}\n");
        for e in &self.enums {
            let _ = writeln!(out, "\nenum {} {{", e.name);
            for value in &e.values {
                match &value.map {
                    Some(map) => {
                        let _ = writeln!(out, "  {} @map({})", value.name, quoted(map));
                    }
                    None => {
                        let _ = writeln!(out, "  {}", value.name);
                    }
                }
            }
            if let Some(namespace) = &e.namespace {
                let _ = writeln!(out, "  @@schema({})", quoted(namespace));
            }
            out.push_str("}\n");
        }
        for model in &self.models {
            self.render_model(model, &mut out);
        }
        out
    }

    fn render_model(&self, model: &Model, out: &mut String) {
        let _ = writeln!(out, "\nmodel {} {{", model.name);
        for field in &model.fields {
            let _ = writeln!(out, "  {}", field_line(field));
        }
        for relation in self.relations.iter().filter(|r| r.holder == model.name) {
            let Some(id) = self.referenced_id(&relation.target) else {
                continue;
            };
            let fk = Field {
                name: relation.field.clone(),
                map: None,
                ty: id.ty.clone(),
                arity: if relation.optional {
                    Arity::Optional
                } else {
                    Arity::Required
                },
                native: id.native.clone(),
                default: None,
                id: false,
                unique: relation.one_to_one,
                updated_at: false,
            };
            let _ = writeln!(out, "  {}", field_line(&fk));
            let mark = if relation.optional { "?" } else { "" };
            let _ = writeln!(
                out,
                "  r_{} {}{mark} @relation({}, fields: [{}], references: [{}])",
                relation.name,
                relation.target,
                quoted(&relation.name),
                relation.field,
                id.name
            );
        }
        for relation in self.relations.iter().filter(|r| r.target == model.name) {
            if self.referenced_id(&relation.target).is_none() {
                continue;
            }
            let kind = if relation.one_to_one { "?" } else { "[]" };
            let _ = writeln!(
                out,
                "  b_{} {}{kind} @relation({})",
                relation.name,
                relation.holder,
                quoted(&relation.name)
            );
        }
        if let Some(fields) = &model.compound_id {
            let _ = writeln!(out, "  @@id([{}])", fields.join(", "));
        }
        for index in &model.indexes {
            let kind = if index.unique { "unique" } else { "index" };
            let _ = writeln!(out, "  @@{kind}([{}])", index.fields.join(", "));
        }
        if let Some(map) = &model.map {
            let _ = writeln!(out, "  @@map({})", quoted(map));
        }
        if let Some(namespace) = &model.namespace {
            let _ = writeln!(out, "  @@schema({})", quoted(namespace));
        }
        out.push_str("}\n");
    }
}

fn field_line(field: &Field) -> String {
    let mark = match field.arity {
        Arity::Required => "",
        Arity::Optional => "?",
        Arity::List => "[]",
    };
    let mut line = format!("{} {}{mark}", field.name, field.ty.prisma_name());
    if field.id {
        line.push_str(" @id");
    }
    if field.unique {
        line.push_str(" @unique");
    }
    if let Some(default) = &field.default {
        let _ = write!(line, " @default({default})");
    }
    if field.updated_at {
        line.push_str(" @updatedAt");
    }
    if let Some(native) = &field.native {
        let _ = write!(line, " @db.{native}");
    }
    if let Some(map) = &field.map {
        let _ = write!(line, " @map({})", quoted(map));
    }
    line
}

/// A Prisma string literal.
pub fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}
