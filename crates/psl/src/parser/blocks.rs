//! Top-level items and the lines inside blocks: models, views and
//! composite types, enums, datasources and generators, and the catch-all
//! rules that turn anything else into one diagnostic per line or block.

use plumb_diagnostics::Span;

use super::{Parser, codes, exact};
use crate::ast::*;

const MODEL_KEYWORDS: &[&str] = &["model", "view", "type"];
const ENUM_KEYWORDS: &[&str] = &["enum"];
const CONFIG_KEYWORDS: &[&str] = &["datasource", "generator"];

/// Blocks whose lines are read alike (see [`Parser::block_lines`]).
#[derive(Clone, Copy)]
pub(super) enum BlockKind {
    /// Models, views and composite types.
    Model,
    Enum,
    Config,
}

/// What one line inside a block turned out to be.
enum Line<T> {
    /// A field, an enum value or a property.
    Item(T),
    Attribute(Attribute),
    /// A comment block, with its documentation if any.
    Comments(Option<String>),
    Blank,
    /// A line no rule took, already reported.
    Junk,
}

/// What [`Parser::item_lines`] read.
struct ItemLines<T> {
    /// Each field or value, with the `///` lines just above it.
    items: Vec<(T, Option<String>)>,
    attributes: Box<[Attribute]>,
}

impl Parser<'_> {
    /// The whole file: top-level items until the end.
    pub(super) fn schema(&mut self) -> Vec<Top> {
        let mut tops = Vec::new();
        // `///` lines go to the block that follows them.
        let mut documentation = None;
        loop {
            self.skip();
            if self.at_end() {
                break;
            }
            if self.at_identifier_start() {
                if let Some(top) = self.attempt(|p| p.block(&mut documentation)) {
                    tops.push(top);
                    continue;
                }
                if self.attempt(Self::unclosed_block).is_some()
                    || self.attempt(Self::unknown_block).is_some()
                {
                    documentation = None;
                    continue;
                }
            }
            if let Some(comments) = self.comment_block() {
                documentation = comments;
            } else if self.blank_lines().is_none() {
                documentation = None;
                if let Some(span) = self.junk_line() {
                    self.error(
                        codes::INVALID_TOP_LINE,
                        "This line is invalid. It does not start with any known Prisma schema keyword.",
                        span,
                    );
                }
            }
        }
        // Exact size: the tree of a big schema stays alive for long.
        exact(tops).into_vec()
    }

    /// A model, view, composite type, enum, datasource or generator.
    fn block(&mut self, documentation: &mut Option<String>) -> Option<Top> {
        let start = self.pos;
        if let Some(keyword) = self.keyword(MODEL_KEYWORDS) {
            let kind = match keyword {
                "view" => ModelKind::View,
                "type" => ModelKind::CompositeType,
                _ => ModelKind::Model,
            };
            let model = self.model(start, kind, documentation)?;
            return Some(Top::Model(model));
        }
        if self.keyword(ENUM_KEYWORDS).is_some() {
            return self.enum_block(start, documentation).map(Top::Enum);
        }
        let keyword = self.keyword(CONFIG_KEYWORDS)?;
        let block = self.config_block(start, keyword, documentation)?;
        Some(if keyword == "datasource" {
            Top::Datasource(block)
        } else {
            Top::Generator(block)
        })
    }

    /// `Name {` after a block's keyword.
    fn block_header(&mut self) -> Option<Identifier> {
        self.skip();
        let name = self.identifier()?;
        self.skip();
        self.block_open()?;
        Some(name)
    }

    /// The lines of a block of `kind` up to its `}`, each read by `line`
    /// after the line's indentation; the `}` is consumed. `None` without a
    /// `}`: then every line read leads to the end of the file, which
    /// `dead_ends` remembers.
    fn block_lines<T>(
        &mut self,
        kind: BlockKind,
        mut line: impl FnMut(&mut Self) -> Option<Line<T>>,
        mut take: impl FnMut(Line<T>),
    ) -> Option<()> {
        let mut line_starts = Vec::new();
        loop {
            let line_start = self.pos;
            let dead_ends = &self.dead_ends[kind as usize];
            if !dead_ends.is_empty() && dead_ends.contains(&line_start) {
                break;
            }
            line_starts.push(line_start);
            self.skip();
            if self.at(b'}') {
                break;
            }
            match line(self) {
                Some(read) => take(read),
                None => {
                    self.pos = line_start;
                    break;
                }
            }
        }
        self.skip();
        if self.eat(b"}") {
            return Some(());
        }
        self.dead_ends[kind as usize].extend(line_starts);
        None
    }

    /// The lines every block shares: comments, blank lines and junk, which
    /// `junk` reports. Tried after the block's own kinds of line.
    fn common_line<T>(&mut self, junk: (&'static str, &str)) -> Option<Line<T>> {
        if let Some(comments) = self.comment_block() {
            return Some(Line::Comments(comments));
        }
        if self.blank_lines().is_some() {
            return Some(Line::Blank);
        }
        let span = self.junk_line()?;
        self.error(junk.0, junk.1, span);
        Some(Line::Junk)
    }

    /// The lines of a model or an enum: its items (fields or values), each
    /// with the `///` lines above it, and its block attributes. Comments
    /// above an item survive blank lines and attributes in between, not a
    /// junk line.
    fn item_lines<T>(
        &mut self,
        kind: BlockKind,
        item: fn(&mut Self) -> Option<T>,
        junk_code: &'static str,
        junk_message: &'static str,
    ) -> Option<ItemLines<T>> {
        let mut items = Vec::new();
        let mut attributes = Vec::new();
        let mut pending_doc = None;
        self.block_lines(
            kind,
            |p| {
                if let Some(read) = p.attempt(item) {
                    return Some(Line::Item(read));
                }
                if let Some(attribute) = p.attempt(Self::block_attribute_line) {
                    return Some(Line::Attribute(attribute));
                }
                p.common_line((junk_code, junk_message))
            },
            |line| match line {
                Line::Item(read) => items.push((read, pending_doc.take())),
                Line::Attribute(attribute) => attributes.push(attribute),
                Line::Comments(docs) => pending_doc = docs,
                Line::Blank => {}
                Line::Junk => pending_doc = None,
            },
        )?;
        Some(ItemLines {
            items,
            attributes: exact(attributes),
        })
    }

    fn model(
        &mut self,
        start: usize,
        kind: ModelKind,
        documentation: &mut Option<String>,
    ) -> Option<Model> {
        let name = self.block_header()?;
        let ItemLines {
            items: fields,
            attributes,
        } = self.item_lines(
            BlockKind::Model,
            Self::field,
            codes::INVALID_MODEL_LINE,
            "This line is not a valid field or attribute definition.",
        )?;
        let fields = exact(
            fields
                .into_iter()
                .map(|(mut field, above)| {
                    field.documentation = join_docs(above, field.documentation.take());
                    field
                })
                .collect(),
        );
        Some(Model {
            kind,
            name,
            fields,
            attributes,
            documentation: documentation.take().map(Box::from),
            span: self.span(start),
        })
    }

    /// `name Type @attributes // comment`, with its newline. A trailing
    /// `///` comment is the field's documentation (joined later with the
    /// lines above it).
    fn field(&mut self) -> Option<Field> {
        let start = self.pos;
        let name = self.identifier()?;
        self.skip();
        if self.eat(b":") {
            let span = Span::new(self.file, self.pos - 1..self.pos);
            self.error(
                codes::LEGACY_COLON,
                "Field declarations don't require a `:`.",
                span,
            );
        }
        self.skip();
        let field_type = self.attempt(Self::field_type);
        self.skip();
        let attributes = self.field_attributes();
        self.skip();
        let documentation = self.trailing_comment().flatten().map(Box::from);
        self.skip();
        self.line_end()?;
        let span = self.span(start);
        if field_type.is_none() {
            self.error(
                codes::MISSING_FIELD_TYPE,
                "This field declaration is invalid. It is either missing a name or a type.",
                span_of_line(span, &name),
            );
        }
        Some(Field {
            name,
            field_type,
            attributes,
            documentation,
            span,
        })
    }

    /// `Type`, `Type?`, `Type[]`, `Unsupported("…")`, and the legacy forms
    /// `[Type]`, `Type!` and `Type[]?`, each reported.
    fn field_type(&mut self) -> Option<FieldType> {
        let start = self.pos;
        if let Some(base) = self.attempt(Self::legacy_list_type) {
            let span = self.span(start);
            self.error(
                codes::LEGACY_LIST,
                "To specify a list, please use `Type[]` instead of `[Type]`.",
                span,
            );
            return Some(FieldType {
                base,
                arity: Arity::List,
                span,
            });
        }
        let base = self.base_type()?;
        self.skip();
        // `type_suffix`, each legacy form with the error it gets.
        let (arity, legacy) = if self.eat(b"[]") {
            let list_end = self.pos;
            self.skip();
            if self.eat(b"?") {
                (
                    Arity::List,
                    Some((
                        codes::OPTIONAL_LIST,
                        "Optional lists are not supported. Use either `Type[]` or `Type?`.",
                    )),
                )
            } else {
                self.pos = list_end;
                (Arity::List, None)
            }
        } else if self.eat(b"?") {
            (Arity::Optional, None)
        } else if self.eat(b"!") {
            (
                Arity::Required,
                Some((
                    codes::LEGACY_REQUIRED,
                    "Fields are required by default, `!` is no longer required.",
                )),
            )
        } else {
            (Arity::Required, None)
        };
        let span = self.span(start);
        if let Some((code, message)) = legacy {
            self.error(code, message, span);
        }
        Some(FieldType { base, arity, span })
    }

    /// `[Type]`: the element type.
    fn legacy_list_type(&mut self) -> Option<BaseType> {
        if !self.eat(b"[") {
            return None;
        }
        self.skip();
        let base = self.base_type()?;
        self.skip();
        self.eat(b"]").then_some(base)
    }

    fn base_type(&mut self) -> Option<BaseType> {
        let start = self.pos;
        if let Some(type_name) = self.attempt(Self::unsupported_type) {
            return Some(BaseType::Unsupported {
                type_name,
                span: self.span(start),
            });
        }
        self.identifier().map(BaseType::Named)
    }

    /// `Unsupported("circle")`: the type's name.
    fn unsupported_type(&mut self) -> Option<Name> {
        if !self.eat(b"Unsupported") {
            return None;
        }
        self.skip();
        if !self.eat(b"(") {
            return None;
        }
        self.skip();
        let (type_name, _) = self.string()?;
        self.skip();
        self.eat(b")").then(|| Name::new(&type_name))
    }

    /// `@@index([a, b])` and an optional comment, with the newline.
    fn block_attribute_line(&mut self) -> Option<Attribute> {
        let attribute = self.attribute(b"@@")?;
        self.skip();
        self.attempt(Self::trailing_comment);
        self.skip();
        self.line_end()?;
        Some(attribute)
    }

    fn enum_block(&mut self, start: usize, documentation: &mut Option<String>) -> Option<Enum> {
        let name = self.block_header()?;
        let ItemLines {
            items: values,
            attributes,
        } = self.item_lines(
            BlockKind::Enum,
            Self::enum_value,
            codes::INVALID_ENUM_LINE,
            "This line is not an enum value definition.",
        )?;
        let values = exact(
            values
                .into_iter()
                .map(|(mut value, above)| {
                    // A trailing `///` replaces the lines above.
                    value.documentation = value.documentation.or(above.map(Box::from));
                    value
                })
                .collect(),
        );
        Some(Enum {
            name,
            values,
            attributes,
            documentation: documentation.take().map(Box::from),
            span: self.span(start),
        })
    }

    /// `VALUE @map("value") /// documentation`, with the newline.
    fn enum_value(&mut self) -> Option<EnumValue> {
        let start = self.pos;
        let name = self.identifier()?;
        self.skip();
        let attributes = self.field_attributes();
        self.skip();
        let documentation = self.trailing_comment().flatten().map(Box::from);
        self.skip();
        self.line_end()?;
        Some(EnumValue {
            name,
            attributes,
            documentation,
            span: self.span(start),
        })
    }

    fn config_block(
        &mut self,
        start: usize,
        keyword: &str,
        documentation: &mut Option<String>,
    ) -> Option<ConfigBlock> {
        let name = self.block_header()?;
        let junk_message = format!("This line is not a valid definition within a {keyword}.");
        let mut properties = Vec::new();
        self.block_lines(
            BlockKind::Config,
            |p| {
                if let Some(property) = p.attempt(Self::key_value) {
                    return Some(Line::Item(property));
                }
                p.common_line((codes::INVALID_CONFIG_LINE, &junk_message))
            },
            |line| {
                if let Line::Item(property) = line {
                    properties.push(property);
                }
            },
        )?;
        Some(ConfigBlock {
            name,
            properties,
            documentation: documentation.take().map(Box::from),
            span: self.span(start),
        })
    }

    /// `key = value // comment`, with the newline.
    fn key_value(&mut self) -> Option<ConfigProperty> {
        let start = self.pos;
        let name = self.identifier()?;
        self.skip();
        if !self.eat(b"=") {
            return None;
        }
        self.skip();
        let value = self.attempt(Self::expression);
        self.skip();
        self.attempt(Self::trailing_comment);
        self.skip();
        self.line_end()?;
        let span = self.span(start);
        if value.is_none() {
            let message = format!("The property `{}` has no value.", name.name);
            self.error(
                codes::MISSING_CONFIG_VALUE,
                message,
                span_of_line(span, &name),
            );
        }
        Some(ConfigProperty { name, value, span })
    }

    /// A block whose `}` never comes: one diagnostic, at its header; the
    /// block takes the rest of the file.
    fn unclosed_block(&mut self) -> Option<()> {
        let start = self.pos;
        [MODEL_KEYWORDS, ENUM_KEYWORDS, CONFIG_KEYWORDS]
            .iter()
            .find_map(|keywords| self.keyword(keywords))?;
        self.block_header()?;
        if self.next_close_brace().is_some() {
            return None;
        }
        self.pos = self.bytes.len();
        let header = self.header_span(start);
        self.error(
            codes::UNCLOSED_BLOCK,
            "This block is never closed: a `}` is missing before the end of the file.",
            header,
        );
        Some(())
    }

    /// `word [word] { … }` with a keyword Prisma does not know: one
    /// diagnostic for the whole block.
    fn unknown_block(&mut self) -> Option<()> {
        let start = self.pos;
        self.identifier()?;
        self.skip();
        self.attempt(Self::identifier);
        self.skip();
        self.block_open()?;
        self.pos = self.next_close_brace()? + 1;
        let header = self.header_span(start);
        self.error(
            codes::UNKNOWN_BLOCK,
            "This block is invalid. It does not start with any known Prisma schema keyword. \
             Valid keywords include 'model', 'enum', 'type', 'view', 'datasource' and 'generator'.",
            header,
        );
        Some(())
    }

    /// A block's header: from `start` to its `{`, without trailing spaces.
    fn header_span(&self, start: usize) -> Span {
        let block = &self.text[start..self.pos];
        let header = block.split('{').next().unwrap_or_default().trim_end();
        Span::new(self.file, start..start + header.len())
    }

    /// `attribute*`: the `@` attributes after a field or an enum value.
    fn field_attributes(&mut self) -> Box<[Attribute]> {
        let mut attributes = Vec::new();
        loop {
            let before = self.pos;
            if !attributes.is_empty() {
                self.skip();
            }
            match self.attempt(|p| p.attribute(b"@")) {
                Some(attribute) => attributes.push(attribute),
                None => {
                    self.pos = before;
                    break;
                }
            }
        }
        exact(attributes)
    }
}

/// Documentation of a field: the `///` lines above it, then its trailing one.
fn join_docs(above: Option<String>, trailing: Option<Box<str>>) -> Option<Box<str>> {
    match (above, trailing) {
        (Some(above), Some(trailing)) => Some(format!("{above}\n{trailing}").into()),
        (Some(above), None) => Some(above.into()),
        (None, trailing) => trailing,
    }
}

/// The span of a declaration's line for "this line is invalid" messages:
/// from the name to the end of the declaration.
fn span_of_line(declaration: Span, name: &Identifier) -> Span {
    Span {
        start: name.span.start.min(declaration.end),
        ..declaration
    }
}
