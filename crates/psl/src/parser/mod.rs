//! Schema text → AST, by hand-written recursive descent.
//!
//! The language is defined by the PEG grammar `format/prisma.pest`, which
//! the formatter runs through pest. This parser accepts exactly what that
//! grammar accepts and gives every node the span pest gives it, four times
//! faster (parsing was two thirds of `migrate diff`'s time).
//! `tests/parser_matches_grammar.rs` holds the two to each other, with the
//! old pest-based AST builder (`tests/support/pest_reference.rs`) as the
//! reference, on every schema in the repository and thousands of mutated
//! ones.
//!
//! How the grammar maps onto the code:
//! - each rule is a method returning `Option`. A rule that fails may leave
//!   the position moved: whoever tries an alternative runs it through
//!   [`Parser::attempt`], which on failure puts back the position, the
//!   diagnostics and the rest of the state — PEG's backtracking;
//! - pest skips whitespace (spaces, tabs, no-break spaces, byte-order marks)
//!   between the parts of non-atomic rules, and keeps that skip even when an
//!   optional part after it is absent, so some spans end in spaces (`@id `
//!   in `@id  @unique`): [`Parser::skip`] is called where pest skips, or
//!   where skipping gives the same positions;
//! - parsing never fails: unknown lines and blocks become diagnostics and
//!   parsing goes on with the next line or block.

mod blocks;
mod expressions;
mod lexical;
mod nesting;

use plumb_diagnostics::{Diagnostic, Diagnostics, FileId, SourceFiles, Span};

use crate::ast::{Name, SchemaFile};

/// Parses one file of `files`, adding every syntax problem to `diagnostics`.
pub fn parse(files: &SourceFiles, file: FileId, diagnostics: &mut Diagnostics) -> SchemaFile {
    let text = files.text(file);
    if text.starts_with('\u{FEFF}') {
        diagnostics.push(Diagnostic::error(
            codes::BYTE_ORDER_MARK,
            "This file starts with a byte-order mark (U+FEFF), which Prisma rejects. Save it as UTF-8 without a BOM.",
            Span::new(file, 0..'\u{FEFF}'.len_utf8()),
        ));
    }
    let mut parser = Parser::new(text, file);
    let tops = parser.schema();
    if let Some(offset) = parser.too_deep {
        // One error, and no tree: what was read around it means little.
        diagnostics.push(Diagnostic::error(
            codes::TOO_DEEP,
            format!(
                "Brackets are nested more than {} levels deep.",
                nesting::MAX_DEPTH
            ),
            Span::new(file, offset..offset + 1),
        ));
        return SchemaFile::default();
    }
    diagnostics.extend(parser.diagnostics);
    SchemaFile { tops }
}

/// Whether brackets may nest too deep for pest's recursion (the
/// formatter's guard; see [`nesting::too_deep`]).
pub(crate) fn nesting_too_deep(text: &str) -> bool {
    nesting::too_deep(text).is_some()
}

/// Stable codes of syntax diagnostics. Retire codes, never reuse them.
pub mod codes {
    pub const SYNTAX: &str = "E0001";
    pub const INVALID_MODEL_LINE: &str = "E0002";
    pub const INVALID_ENUM_LINE: &str = "E0003";
    pub const INVALID_CONFIG_LINE: &str = "E0004";
    pub const UNKNOWN_BLOCK: &str = "E0005";
    pub const INVALID_TOP_LINE: &str = "E0006";
    pub const LEGACY_COLON: &str = "E0007";
    pub const LEGACY_REQUIRED: &str = "E0008";
    pub const LEGACY_LIST: &str = "E0009";
    pub const MISSING_FIELD_TYPE: &str = "E0010";
    pub const OPTIONAL_LIST: &str = "E0011";
    pub const INVALID_ESCAPE: &str = "E0012";
    pub const MISSING_CONFIG_VALUE: &str = "E0013";
    pub const TOO_DEEP: &str = "E0014";
    pub const UNCLOSED_BLOCK: &str = "E0015";
    pub const TRAILING_COMMA: &str = "E0016";
    pub const BYTE_ORDER_MARK: &str = "E0017";
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    file: FileId,
    /// The byte offset of the next unread character.
    pos: usize,
    /// What this parse found so far; cut back when a rule fails.
    diagnostics: Vec<Diagnostic>,
    /// The attribute read last, which trailing-comma messages name.
    last_attribute: Option<Name>,
    /// How many brackets the current value is inside.
    depth: usize,
    /// Where brackets first went deeper than [`nesting::MAX_DEPTH`]: the
    /// parse is then refused. Never put back.
    too_deep: Option<usize>,
    /// Searches that can run to the end of the file, remembered so that
    /// many unclosed blocks or comments cost one pass, not one each.
    close_brace_search: lexical::Search,
    comment_end_search: lexical::Search,
    /// Per kind of block, the positions from which its lines were read to
    /// the end of the file without a `}`: a later block of that kind that
    /// reaches one of them fails at once instead of reading to the end
    /// again (without this, blocks whose `}` hides inside a line cost
    /// quadratic time).
    dead_ends: [foldhash::HashSet<usize>; 3],
}

/// Everything a failed rule must put back.
struct Checkpoint {
    pos: usize,
    diagnostics: usize,
    last_attribute: Option<Name>,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str, file: FileId) -> Parser<'a> {
        Parser {
            text,
            bytes: text.as_bytes(),
            file,
            pos: 0,
            diagnostics: Vec::new(),
            last_attribute: None,
            depth: 0,
            too_deep: None,
            close_brace_search: lexical::Search::default(),
            comment_end_search: lexical::Search::default(),
            dead_ends: Default::default(),
        }
    }

    fn checkpoint(&self) -> Checkpoint {
        Checkpoint {
            pos: self.pos,
            diagnostics: self.diagnostics.len(),
            last_attribute: self.last_attribute,
        }
    }

    fn restore(&mut self, checkpoint: Checkpoint) {
        self.pos = checkpoint.pos;
        self.diagnostics.truncate(checkpoint.diagnostics);
        self.last_attribute = checkpoint.last_attribute;
    }

    /// Runs one rule; when it fails, it leaves no trace.
    fn attempt<T>(&mut self, rule: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let checkpoint = self.checkpoint();
        let result = rule(self);
        if result.is_none() {
            self.restore(checkpoint);
        }
        result
    }

    /// Runs `rule` one bracket deeper; refuses past [`nesting::MAX_DEPTH`],
    /// where the recursion would start to threaten the stack.
    fn nested<T>(&mut self, rule: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        if self.depth >= nesting::MAX_DEPTH {
            self.too_deep.get_or_insert(self.pos);
            return None;
        }
        self.depth += 1;
        let result = rule(self);
        self.depth -= 1;
        result
    }

    fn span(&self, start: usize) -> Span {
        Span::new(self.file, start..self.pos)
    }

    fn error(&mut self, code: &'static str, message: impl Into<String>, span: Span) {
        self.diagnostics
            .push(Diagnostic::error(code, message, span));
    }
}

/// JSON string unescaping. `Err(byte offset)` of the first invalid escape.
fn unescape(raw: &str) -> Result<String, usize> {
    if !raw.contains('\\') {
        return Ok(raw.to_string());
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.char_indices();
    while let Some((at, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let decoded = match chars.next().map(|(_, e)| e) {
            Some('"') => '"',
            Some('\\') => '\\',
            Some('/') => '/',
            Some('b') => '\u{8}',
            Some('f') => '\u{c}',
            Some('n') => '\n',
            Some('r') => '\r',
            Some('t') => '\t',
            Some('u') => {
                let unit = code_unit(&mut chars).ok_or(at)?;
                match char::from_u32(u32::from(unit)) {
                    Some(decoded) => decoded,
                    // A high surrogate makes a character only with a low
                    // one in a `\u` right after it, as JSON has it.
                    None => {
                        let low = match (chars.next(), chars.next()) {
                            (Some((_, '\\')), Some((_, 'u'))) => code_unit(&mut chars),
                            _ => None,
                        };
                        let pair = low.map(|low| char::decode_utf16([unit, low]).next());
                        match pair {
                            Some(Some(Ok(decoded))) => decoded,
                            _ => return Err(at),
                        }
                    }
                }
            }
            _ => return Err(at),
        };
        out.push(decoded);
    }
    Ok(out)
}

/// Four hex digits (no sign, no fewer) as a UTF-16 code unit.
fn code_unit(chars: &mut std::str::CharIndices<'_>) -> Option<u16> {
    let mut unit = 0u16;
    for _ in 0..4 {
        let digit = chars.next()?.1.to_digit(16)?;
        unit = unit * 16 + u16::try_from(digit).ok()?;
    }
    Some(unit)
}

/// A list of exactly its length, in a fresh allocation. Shrinking the
/// growing vector in place instead leaves its tail as a hole in the heap:
/// on a 5,000-model schema those holes were megabytes of resident memory.
fn exact<T>(mut items: Vec<T>) -> Box<[T]> {
    items.drain(..).collect()
}

#[cfg(test)]
mod tests {
    use super::unescape;

    #[test]
    fn unescapes_json_strings() {
        assert_eq!(
            unescape(r#"a\"b\\c\nd\u00e9"#),
            Ok("a\"b\\c\nd\u{e9}".to_string())
        );
        assert_eq!(unescape(r"bad\q"), Err(3));
        assert_eq!(unescape(r"\u12"), Err(0));
        // JSON's rules: four hex digits, no sign; surrogates in pairs.
        assert_eq!(unescape(r"x\u+04A"), Err(1));
        assert_eq!(unescape(r"\uD83D\uDE00!"), Ok("\u{1F600}!".to_string()));
        assert_eq!(unescape(r"a\uD83D"), Err(1));
        assert_eq!(unescape(r"\uDE00"), Err(0));
    }
}
