//! The syntax tree of one schema file. Every node has a [`Span`].
//!
//! It records what was written, not what it means: `@db.VarChar(10)` is an
//! attribute named `db.VarChar` with one positional argument. Resolution and
//! validation give it meaning later.

use plumb_diagnostics::Span;

pub use plumb_name::Name;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SchemaFile {
    pub tops: Vec<Top>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Top {
    Model(Model),
    Enum(Enum),
    Datasource(ConfigBlock),
    Generator(ConfigBlock),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identifier {
    pub name: Name,
    pub span: Span,
}

impl Identifier {
    /// Stands in for a name the parser could not find (already reported),
    /// spanning the construct it belongs to.
    pub fn missing(span: Span) -> Identifier {
        Identifier {
            name: Name::default(),
            span,
        }
    }
}

/// `model`, `view` and `type` blocks share one syntax.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelKind {
    Model,
    View,
    CompositeType,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub kind: ModelKind,
    pub name: Identifier,
    pub fields: Box<[Field]>,
    pub attributes: Box<[Attribute]>,
    /// The `///` comment lines just above the block, joined with newlines.
    pub documentation: Option<Box<str>>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: Identifier,
    /// `None` when the type is missing (an error already reported).
    pub field_type: Option<FieldType>,
    pub attributes: Box<[Attribute]>,
    pub documentation: Option<Box<str>>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arity {
    Required,
    Optional,
    List,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FieldType {
    pub base: BaseType,
    pub arity: Arity,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum BaseType {
    Named(Identifier),
    /// `Unsupported("circle")`: a column type Prisma has no scalar for.
    Unsupported {
        type_name: Name,
        span: Span,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    pub name: Identifier,
    pub values: Box<[EnumValue]>,
    pub attributes: Box<[Attribute]>,
    pub documentation: Option<Box<str>>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    pub name: Identifier,
    pub attributes: Box<[Attribute]>,
    pub documentation: Option<Box<str>>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ConfigBlock {
    pub name: Identifier,
    pub properties: Vec<ConfigProperty>,
    pub documentation: Option<Box<str>>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ConfigProperty {
    pub name: Identifier,
    /// `None` for `key =` with nothing after it (an error already reported).
    pub value: Option<Expression>,
    pub span: Span,
}

/// `@id`, `@db.VarChar(10)`, `@@index([a, b], map: "x")`.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    /// Without the `@`/`@@`: `id`, `db.VarChar`, `index`.
    pub name: Identifier,
    pub arguments: Box<[Argument]>,
    /// Whether the attribute was written with parentheses, even empty ones.
    pub has_parentheses: bool,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Argument {
    pub name: Option<Identifier>,
    /// `None` for `name:` with no value, which Prisma parses and rejects later.
    pub value: Option<Expression>,
    pub span: Span,
}

impl Argument {
    /// Whether this is the named argument `name:`.
    pub fn is_named(&self, name: &str) -> bool {
        self.name.as_ref().is_some_and(|n| n.name == name)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expression {
    /// A decoded string literal.
    String(Name, Span),
    /// A number exactly as written (`-1`, `3.14`).
    Number(Name, Span),
    /// An identifier or dotted path: `true`, `Cascade`, `Desc`, `Gin`.
    Constant(Name, Span),
    /// Boxed: functions are rare and every other variant is small.
    Function(Box<FunctionCall>, Span),
    Array(Box<[Expression]>, Span),
    /// `{ deleted: false }`.
    Object(Box<[(Identifier, Expression)]>, Span),
}

/// `now()`, `dbgenerated("…")`, `uuid(7)`: a function call in a value.
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionCall {
    pub name: Identifier,
    pub arguments: Box<[Argument]>,
}

impl Expression {
    pub fn span(&self) -> Span {
        match self {
            Expression::String(_, span)
            | Expression::Number(_, span)
            | Expression::Constant(_, span)
            | Expression::Function(_, span)
            | Expression::Array(_, span)
            | Expression::Object(_, span) => *span,
        }
    }
}
