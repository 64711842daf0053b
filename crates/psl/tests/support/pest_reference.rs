//! The reference the hand-written parser is held to: the pest grammar
//! (`src/format/prisma.pest`, which the formatter runs) and the pest-based
//! AST builder plumb used before. For every input both must give the same
//! AST, spans included, and the same diagnostics.
//!
//! Independent of the code under test on purpose: a helper shared with (or
//! copied from) the parser would repeat its bugs here, where they would go
//! unnoticed. String decoding is this file's own (see
//! [`decode_string_literal`]) and lists are boxed the plain way.

use pest::Parser as _;
use pest::iterators::Pair;
use plumb_diagnostics::{Diagnostic, Diagnostics, FileId, SourceFiles, Span};
use plumb_psl::ast::*;
use plumb_psl::grammar::{PrismaParser, Rule};
use plumb_psl::syntax_codes as codes;

/// `Err` with both results, diffed, when the parsers disagree on `text`.
pub fn compare(text: &str) -> Result<(), String> {
    let mut files = SourceFiles::new();
    let file = files.add("schema.prisma", text);
    let mut ours = Diagnostics::new();
    let ast = plumb_psl::parse(&files, file, &mut ours);
    if ours
        .errors()
        .any(|d| d.code == plumb_psl::syntax_codes::TOO_DEEP)
    {
        // Refused before parsing; pest's recursion would overflow.
        return Ok(());
    }
    let mut theirs = Diagnostics::new();
    let expected = parse(&files, file, &mut theirs);
    if ast == expected && ours.sorted() == theirs.sorted() {
        return Ok(());
    }
    let ours = format!("{ast:#?}\n{:#?}", ours.sorted());
    let theirs = format!("{expected:#?}\n{:#?}", theirs.sorted());
    let diff = similar::TextDiff::from_lines(&theirs, &ours)
        .unified_diff()
        .context_radius(8)
        .header("pest grammar", "hand-written parser")
        .to_string();
    Err(format!("input:\n{text:?}\n\n{diff}"))
}

/// Parses `file` as the pest-based builder did. Inputs nested too deep for
/// pest's recursion are the caller's to leave out.
fn parse(files: &SourceFiles, file: FileId, diagnostics: &mut Diagnostics) -> SchemaFile {
    let text = files.text(file);
    if text.starts_with('\u{FEFF}') {
        diagnostics.push(Diagnostic::error(
            codes::BYTE_ORDER_MARK,
            "This file starts with a byte-order mark (U+FEFF), which Prisma rejects. Save it as UTF-8 without a BOM.",
            Span::new(file, 0..'\u{FEFF}'.len_utf8()),
        ));
    }
    let mut builder = Builder {
        file,
        diagnostics,
        attribute: None,
        offset: 0,
    };
    // One top-level block at a time: pest keeps a token queue for what it
    // parsed, so a whole 5,000-model file at once costs hundreds of MiB.
    let mut tops = Vec::new();
    let mut documentation = None;
    let mut position = 0;
    while position < text.len() {
        builder.offset = position;
        match PrismaParser::parse(Rule::one_item, &text[position..]) {
            Ok(mut pairs) => {
                let Some(item) = pairs.next() else { break };
                let consumed = item.as_span().end();
                let mut end_of_input = false;
                for pair in item.into_inner() {
                    end_of_input |= pair.as_rule() == Rule::EOI;
                    builder.top(pair, &mut tops, &mut documentation);
                }
                if end_of_input || consumed == 0 {
                    break;
                }
                position += consumed;
            }
            Err(error) => {
                // The catch-all rules make this unreachable in practice;
                // report it as a plain syntax error rather than trust that.
                let (start, end) = match error.location {
                    pest::error::InputLocation::Pos(pos) => (pos, pos),
                    pest::error::InputLocation::Span(span) => span,
                };
                builder.error(
                    codes::SYNTAX,
                    "Syntax error.",
                    Span::new(file, position + start..position + end),
                );
                break;
            }
        }
    }
    SchemaFile { tops }
}

struct Builder<'a> {
    file: FileId,
    /// Where the text pest is parsing starts in the file.
    offset: usize,
    diagnostics: &'a mut Diagnostics,
    /// The attribute being built, for messages about its arguments.
    attribute: Option<String>,
}

impl Builder<'_> {
    fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        let span = pair.as_span();
        Span::new(
            self.file,
            self.offset + span.start()..self.offset + span.end(),
        )
    }

    fn error(&mut self, code: &'static str, message: impl Into<String>, span: Span) {
        self.diagnostics
            .push(Diagnostic::error(code, message, span));
    }

    /// Reports a catch-all line, pointing at its text without the newline.
    fn junk(&mut self, code: &'static str, message: &str, pair: &Pair<'_, Rule>) {
        let text = pair.as_str();
        let start = self.offset + pair.as_span().start();
        let trimmed = text.trim_end_matches(['\r', '\n']);
        self.error(
            code,
            message,
            Span::new(self.file, start..start + trimmed.len()),
        );
    }

    fn identifier(&self, pair: Pair<'_, Rule>) -> Identifier {
        Identifier {
            name: Name::new(pair.as_str()),
            span: self.span(&pair),
        }
    }

    /// One top-level item; `documentation` carries `///` comments to the
    /// block that follows them.
    fn top(
        &mut self,
        pair: Pair<'_, Rule>,
        tops: &mut Vec<Top>,
        documentation: &mut Option<String>,
    ) {
        {
            match pair.as_rule() {
                Rule::model_block => tops.push(Top::Model(self.model(pair, documentation.take()))),
                Rule::enum_block => {
                    tops.push(Top::Enum(self.enum_block(pair, documentation.take())))
                }
                Rule::config_block => tops.push(self.config_block(pair, documentation.take())),
                Rule::comment_block => *documentation = doc_comments(&pair),
                Rule::blank_lines | Rule::EOI => {}
                Rule::unknown_block => {
                    *documentation = None;
                    let span = self.span(&pair);
                    let header = pair
                        .as_str()
                        .split('{')
                        .next()
                        .unwrap_or_default()
                        .trim_end();
                    let keyword_end = span.start + header.len() as u32;
                    self.error(
                        codes::UNKNOWN_BLOCK,
                        "This block is invalid. It does not start with any known Prisma schema keyword. \
                         Valid keywords include 'model', 'enum', 'type', 'view', 'datasource' and 'generator'.",
                        Span { end: keyword_end.max(span.start), ..span },
                    );
                }
                Rule::unclosed_block => {
                    *documentation = None;
                    let span = self.span(&pair);
                    let header = pair
                        .as_str()
                        .split('{')
                        .next()
                        .unwrap_or_default()
                        .trim_end();
                    self.error(
                        codes::UNCLOSED_BLOCK,
                        "This block is never closed: a `}` is missing before the end of the file.",
                        Span {
                            end: span.start + header.len() as u32,
                            ..span
                        },
                    );
                }
                Rule::top_junk => {
                    *documentation = None;
                    self.junk(
                        codes::INVALID_TOP_LINE,
                        "This line is invalid. It does not start with any known Prisma schema keyword.",
                        &pair,
                    );
                }
                rule => self.unexpected(rule, &pair),
            }
        }
    }

    /// A pair the grammar can produce but this walker does not expect: a
    /// grammar edit without a walker edit. Reported, never a panic.
    #[track_caller]
    fn unexpected(&mut self, rule: Rule, pair: &Pair<'_, Rule>) {
        let caller = std::panic::Location::caller();
        self.error(
            codes::SYNTAX,
            format!(
                "Unexpected {rule:?} (a bug in plumb's parser at {}:{}).",
                caller.file(),
                caller.line()
            ),
            self.span(pair),
        );
    }

    fn model(&mut self, pair: Pair<'_, Rule>, documentation: Option<String>) -> Model {
        let span = self.span(&pair);
        let mut kind = ModelKind::Model;
        let mut name = None;
        let mut fields = Vec::new();
        let mut attributes = Vec::new();
        let mut pending_doc = None;
        for inner in pair.into_inner() {
            match inner.as_rule() {
                Rule::model_keyword => {
                    kind = match inner.as_str() {
                        "view" => ModelKind::View,
                        "type" => ModelKind::CompositeType,
                        _ => ModelKind::Model,
                    }
                }
                Rule::identifier => name = Some(self.identifier(inner)),
                Rule::field => fields.push(self.field(inner, pending_doc.take())),
                Rule::block_attribute => attributes.push(self.attribute(inner)),
                Rule::comment_block => pending_doc = doc_comments(&inner),
                Rule::trailing_comment
                | Rule::block_open
                | Rule::block_close
                | Rule::blank_lines => {}
                Rule::block_junk => {
                    pending_doc = None;
                    self.junk(
                        codes::INVALID_MODEL_LINE,
                        "This line is not a valid field or attribute definition.",
                        &inner,
                    );
                }
                rule => self.unexpected(rule, &inner),
            }
        }
        let name = name.unwrap_or_else(|| Identifier::missing(span));
        Model {
            kind,
            name,
            fields: fields.into_boxed_slice(),
            attributes: attributes.into_boxed_slice(),
            documentation: documentation.map(String::into_boxed_str),
            span,
        }
    }

    fn field(&mut self, pair: Pair<'_, Rule>, documentation: Option<String>) -> Field {
        let span = self.span(&pair);
        let mut name = None;
        let mut field_type = None;
        let mut attributes = Vec::new();
        let mut documentation = documentation;
        for inner in pair.into_inner() {
            match inner.as_rule() {
                Rule::identifier => name = Some(self.identifier(inner)),
                Rule::legacy_colon => {
                    let span = self.span(&inner);
                    self.error(
                        codes::LEGACY_COLON,
                        "Field declarations don't require a `:`.",
                        span,
                    );
                }
                Rule::field_type => field_type = Some(self.field_type(inner)),
                Rule::field_attribute => attributes.push(self.attribute(inner)),
                Rule::trailing_comment => {
                    if let Some(doc) = trailing_doc(&inner) {
                        documentation = Some(match documentation {
                            Some(above) => format!("{above}\n{doc}"),
                            None => doc,
                        });
                    }
                }
                rule => self.unexpected(rule, &inner),
            }
        }
        let name = name.unwrap_or_else(|| Identifier::missing(span));
        if field_type.is_none() {
            self.error(
                codes::MISSING_FIELD_TYPE,
                "This field declaration is invalid. It is either missing a name or a type.",
                span_of_line(span, &name),
            );
        }
        Field {
            name,
            field_type,
            attributes: attributes.into_boxed_slice(),
            documentation: documentation.map(String::into_boxed_str),
            span,
        }
    }

    fn field_type(&mut self, pair: Pair<'_, Rule>) -> FieldType {
        let span = self.span(&pair);
        let mut base = None;
        let mut arity = Arity::Required;
        for inner in pair.into_inner() {
            match inner.as_rule() {
                Rule::base_type => base = Some(self.base_type(inner)),
                Rule::legacy_list_type => {
                    self.error(
                        codes::LEGACY_LIST,
                        "To specify a list, please use `Type[]` instead of `[Type]`.",
                        span,
                    );
                    arity = Arity::List;
                    base = inner.into_inner().next().map(|b| self.base_type(b));
                }
                Rule::type_suffix => {
                    let suffix = inner.into_inner().next().map(|s| s.as_rule());
                    arity = match suffix {
                        Some(Rule::list_suffix) => Arity::List,
                        Some(Rule::optional_suffix) => Arity::Optional,
                        Some(Rule::optional_list_suffix) => {
                            self.error(
                                codes::OPTIONAL_LIST,
                                "Optional lists are not supported. Use either `Type[]` or `Type?`.",
                                span,
                            );
                            Arity::List
                        }
                        _ => {
                            self.error(
                                codes::LEGACY_REQUIRED,
                                "Fields are required by default, `!` is no longer required.",
                                span,
                            );
                            Arity::Required
                        }
                    };
                }
                rule => self.unexpected(rule, &inner),
            }
        }
        let base = base.unwrap_or(BaseType::Named(Identifier::missing(span)));
        FieldType { base, arity, span }
    }

    fn base_type(&mut self, pair: Pair<'_, Rule>) -> BaseType {
        let span = self.span(&pair);
        match pair.into_inner().next() {
            Some(inner) if inner.as_rule() == Rule::unsupported_type => {
                let type_name = inner
                    .into_inner()
                    .next()
                    .map(|s| Name::new(&self.string(s).0))
                    .unwrap_or_default();
                BaseType::Unsupported { type_name, span }
            }
            Some(inner) => BaseType::Named(self.identifier(inner)),
            None => BaseType::Named(Identifier::missing(span)),
        }
    }

    fn enum_block(&mut self, pair: Pair<'_, Rule>, documentation: Option<String>) -> Enum {
        let span = self.span(&pair);
        let mut name = None;
        let mut values = Vec::new();
        let mut attributes = Vec::new();
        let mut pending_doc = None;
        for inner in pair.into_inner() {
            match inner.as_rule() {
                Rule::enum_keyword | Rule::block_open | Rule::block_close | Rule::blank_lines => {}
                Rule::trailing_comment => {}
                Rule::identifier => name = Some(self.identifier(inner)),
                Rule::enum_value => values.push(self.enum_value(inner, pending_doc.take())),
                Rule::block_attribute => attributes.push(self.attribute(inner)),
                Rule::comment_block => pending_doc = doc_comments(&inner),
                Rule::block_junk => {
                    pending_doc = None;
                    self.junk(
                        codes::INVALID_ENUM_LINE,
                        "This line is not an enum value definition.",
                        &inner,
                    );
                }
                rule => self.unexpected(rule, &inner),
            }
        }
        let name = name.unwrap_or_else(|| Identifier::missing(span));
        Enum {
            name,
            values: values.into_boxed_slice(),
            attributes: attributes.into_boxed_slice(),
            documentation: documentation.map(String::into_boxed_str),
            span,
        }
    }

    fn enum_value(&mut self, pair: Pair<'_, Rule>, documentation: Option<String>) -> EnumValue {
        let span = self.span(&pair);
        let mut name = None;
        let mut attributes = Vec::new();
        let mut documentation = documentation;
        for inner in pair.into_inner() {
            match inner.as_rule() {
                Rule::identifier => name = Some(self.identifier(inner)),
                Rule::field_attribute => attributes.push(self.attribute(inner)),
                Rule::trailing_comment => {
                    if let Some(doc) = trailing_doc(&inner) {
                        documentation = Some(doc);
                    }
                }
                rule => self.unexpected(rule, &inner),
            }
        }
        let name = name.unwrap_or_else(|| Identifier::missing(span));
        EnumValue {
            name,
            attributes: attributes.into_boxed_slice(),
            documentation: documentation.map(String::into_boxed_str),
            span,
        }
    }

    fn config_block(&mut self, pair: Pair<'_, Rule>, documentation: Option<String>) -> Top {
        let span = self.span(&pair);
        let mut is_datasource = true;
        let mut name = None;
        let mut properties = Vec::new();
        for inner in pair.into_inner() {
            match inner.as_rule() {
                Rule::config_keyword => is_datasource = inner.as_str() == "datasource",
                Rule::identifier => name = Some(self.identifier(inner)),
                Rule::key_value => properties.push(self.key_value(inner)),
                Rule::block_open | Rule::block_close | Rule::blank_lines | Rule::comment_block => {}
                Rule::block_junk => {
                    let what = if is_datasource {
                        "datasource"
                    } else {
                        "generator"
                    };
                    self.junk(
                        codes::INVALID_CONFIG_LINE,
                        &format!("This line is not a valid definition within a {what}."),
                        &inner,
                    );
                }
                rule => self.unexpected(rule, &inner),
            }
        }
        let name = name.unwrap_or_else(|| Identifier::missing(span));
        let block = ConfigBlock {
            name,
            properties,
            documentation: documentation.map(String::into_boxed_str),
            span,
        };
        if is_datasource {
            Top::Datasource(block)
        } else {
            Top::Generator(block)
        }
    }

    fn key_value(&mut self, pair: Pair<'_, Rule>) -> ConfigProperty {
        let span = self.span(&pair);
        let mut name = None;
        let mut value = None;
        for inner in pair.into_inner() {
            match inner.as_rule() {
                Rule::identifier => name = Some(self.identifier(inner)),
                Rule::expression => value = Some(self.expression(inner)),
                Rule::trailing_comment => {}
                rule => self.unexpected(rule, &inner),
            }
        }
        let name = name.unwrap_or_else(|| Identifier::missing(span));
        if value.is_none() {
            let message = format!("The property `{}` has no value.", name.name);
            self.error(
                codes::MISSING_CONFIG_VALUE,
                message,
                span_of_line(span, &name),
            );
        }
        ConfigProperty { name, value, span }
    }

    fn attribute(&mut self, pair: Pair<'_, Rule>) -> Attribute {
        let span = self.span(&pair);
        let mut name = None;
        let mut arguments = Box::default();
        let mut has_parentheses = false;
        for inner in pair.into_inner() {
            match inner.as_rule() {
                Rule::path => {
                    let identifier = self.identifier(inner);
                    self.attribute = Some(identifier.name.to_string());
                    name = Some(identifier);
                }
                Rule::arguments => {
                    has_parentheses = true;
                    arguments = self.arguments(inner);
                }
                Rule::trailing_comment => {}
                rule => self.unexpected(rule, &inner),
            }
        }
        let name = name.unwrap_or_else(|| Identifier::missing(span));
        Attribute {
            name,
            arguments,
            has_parentheses,
            span,
        }
    }

    fn arguments(&mut self, pair: Pair<'_, Rule>) -> Box<[Argument]> {
        let mut arguments = Vec::new();
        for inner in pair.into_inner() {
            let span = self.span(&inner);
            match inner.as_rule() {
                Rule::expression => arguments.push(Argument {
                    name: None,
                    value: Some(self.expression(inner)),
                    span,
                }),
                Rule::named_argument | Rule::empty_named_argument => {
                    let mut parts = inner.into_inner();
                    let name = parts.next().map(|p| self.identifier(p));
                    let value = parts.next().map(|p| self.expression(p));
                    arguments.push(Argument { name, value, span });
                }
                Rule::trailing_comma => {
                    let attribute = self.attribute.as_deref().unwrap_or_default();
                    let message = format!(
                        "Error parsing attribute \"@{attribute}\": Trailing commas are not valid in attribute arguments, please remove the comma."
                    );
                    self.error(codes::TRAILING_COMMA, message, span);
                }
                rule => self.unexpected(rule, &inner),
            }
        }
        arguments.into_boxed_slice()
    }

    fn expression(&mut self, pair: Pair<'_, Rule>) -> Expression {
        let span = self.span(&pair);
        let Some(inner) = pair.into_inner().next() else {
            return Expression::Constant(Name::default(), span);
        };
        let span = self.span(&inner);
        match inner.as_rule() {
            Rule::number => Expression::Number(Name::new(inner.as_str()), span),
            Rule::path => Expression::Constant(Name::new(inner.as_str()), span),
            Rule::string => Expression::String(Name::new(&self.string(inner).0), span),
            Rule::array => {
                let items = inner
                    .into_inner()
                    .filter(|p| p.as_rule() == Rule::expression)
                    .map(|p| self.expression(p))
                    .collect::<Vec<_>>();
                Expression::Array(items.into_boxed_slice(), span)
            }
            Rule::object => {
                let entries = inner
                    .into_inner()
                    .filter(|p| p.as_rule() == Rule::object_entry)
                    .filter_map(|entry| {
                        let mut parts = entry.into_inner();
                        let key = self.identifier(parts.next()?);
                        let value = self.expression(parts.next()?);
                        Some((key, value))
                    })
                    .collect::<Vec<_>>();
                Expression::Object(entries.into_boxed_slice(), span)
            }
            Rule::function_call => {
                let mut parts = inner.into_inner();
                let name = parts
                    .next()
                    .map(|p| self.identifier(p))
                    .unwrap_or_else(|| Identifier::missing(span));
                let arguments = parts.next().map(|p| self.arguments(p)).unwrap_or_default();
                Expression::Function(Box::new(FunctionCall { name, arguments }), span)
            }
            rule => {
                self.unexpected(rule, &inner);
                Expression::Constant(Name::default(), span)
            }
        }
    }

    /// Decodes a string literal (JSON escapes); reports invalid escapes.
    fn string(&mut self, pair: Pair<'_, Rule>) -> (String, Span) {
        let span = self.span(&pair);
        let content = pair.into_inner().next();
        let (raw, start) = match &content {
            Some(c) => (c.as_str(), self.offset + c.as_span().start()),
            None => ("", span.start as usize),
        };
        match decode_string_literal(raw) {
            Ok(value) => (value, span),
            Err(backslash) => {
                // The span covers the backslash and the character after it.
                let escaped_len = raw[backslash + 1..]
                    .chars()
                    .next()
                    .map_or(0, char::len_utf8);
                let at = start + backslash;
                let message = match raw.as_bytes().get(backslash + 1) {
                    Some(b'u') => "Invalid unicode escape sequence.",
                    _ => {
                        "Unknown escape sequence. If the value is a windows-style path, `\\` must be escaped as `\\\\`."
                    }
                };
                self.error(
                    codes::INVALID_ESCAPE,
                    message,
                    Span::new(self.file, at..at + 1 + escaped_len),
                );
                (raw.to_string(), span)
            }
        }
    }
}

/// The `///` lines of a comment block, without the slashes, joined.
fn doc_comments(block: &Pair<'_, Rule>) -> Option<String> {
    let lines: Vec<&str> = block
        .clone()
        .into_inner()
        .filter(|p| p.as_rule() == Rule::doc_comment)
        .map(|p| comment_text(&p))
        .collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

fn trailing_doc(trailing: &Pair<'_, Rule>) -> Option<String> {
    trailing
        .clone()
        .into_inner()
        .find(|p| p.as_rule() == Rule::doc_comment)
        .map(|p| comment_text(&p).to_string())
}

fn comment_text<'i>(comment: &Pair<'i, Rule>) -> &'i str {
    comment
        .clone()
        .into_inner()
        .next()
        .map_or("", |text| text.as_str().trim())
}

/// The span of a declaration's line for "this line is invalid" messages:
/// from the name to the end of the declaration, without the newline.
fn span_of_line(declaration: Span, name: &Identifier) -> Span {
    Span {
        start: name.span.start.min(declaration.end),
        ..declaration
    }
}

// The helpers below are written independently of the parser on purpose:
// they follow the grammar's spec (JSON strings), not the parser's code, so
// that a slip in one shows up as a difference instead of being repeated.

/// The escapes of RFC 8259 §7 that stand for one character, beside `\u`.
const SINGLE_CHARACTER_ESCAPES: [(u8, char); 8] = [
    (b'"', '"'),
    (b'\\', '\\'),
    (b'/', '/'),
    (b'b', '\u{8}'),
    (b'f', '\u{c}'),
    (b'n', '\n'),
    (b'r', '\r'),
    (b't', '\t'),
];

/// Decodes a string literal's content as JSON does (RFC 8259 §7). `Err`
/// holds the byte offset of the backslash of the first escape that JSON
/// does not define, where the parser reports it.
fn decode_string_literal(content: &str) -> Result<String, usize> {
    let mut decoded = String::with_capacity(content.len());
    let mut rest = content;
    while let Some((plain, after_backslash)) = rest.split_once('\\') {
        decoded.push_str(plain);
        let backslash = content.len() - after_backslash.len() - 1;
        let (character, escape_len) = decode_escape(after_backslash).ok_or(backslash)?;
        decoded.push(character);
        rest = &after_backslash[escape_len..];
    }
    decoded.push_str(rest);
    Ok(decoded)
}

/// The character that the escape at the start of `escape` (the text after
/// its backslash) stands for, and how many bytes of `escape` it takes.
fn decode_escape(escape: &str) -> Option<(char, usize)> {
    let first = *escape.as_bytes().first()?;
    if first == b'u' {
        return decode_unicode_escape(escape);
    }
    SINGLE_CHARACTER_ESCAPES
        .iter()
        .find(|&&(letter, _)| letter == first)
        .map(|&(_, character)| (character, 1))
}

/// `u` and four hex digits name a UTF-16 code unit; a surrogate makes a
/// character only as a high one directly followed by `\u` and a low one.
fn decode_unicode_escape(escape: &str) -> Option<(char, usize)> {
    let first_unit = utf16_code_unit(escape.get(1..5)?)?;
    if let Some(Ok(character)) = char::decode_utf16([first_unit]).next() {
        return Some((character, 5));
    }
    let second_unit = utf16_code_unit(escape.get(5..11)?.strip_prefix("\\u")?)?;
    let mut pair = char::decode_utf16([first_unit, second_unit]);
    match (pair.next(), pair.next()) {
        (Some(Ok(character)), None) => Some((character, 11)),
        _ => None,
    }
}

/// Exactly four hex digits, either case, as a number.
fn utf16_code_unit(digits: &str) -> Option<u16> {
    if digits.len() != 4 {
        return None;
    }
    digits.chars().try_fold(0_u16, |unit, digit| {
        let nibble = u16::try_from(digit.to_digit(16)?).ok()?;
        Some(unit << 4 | nibble)
    })
}
