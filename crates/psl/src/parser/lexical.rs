//! The grammar's atomic rules (identifiers, numbers, strings, comments,
//! blank lines, the catch-all lines) and the few pieces every rule uses:
//! whitespace, newlines, keywords and `block_open`. Where the grammar
//! matches whitespace inside these rules it says so (`WHITESPACE*` in
//! `comment_block` and `blank_lines`); nothing is skipped implicitly.

use plumb_diagnostics::Span;

use super::{Parser, codes, unescape};
use crate::ast::{Identifier, Name};

/// A search to the end of the file that remembers its last answer: where
/// `needle` next occurs at or after `from` (`None`: nowhere). The answer
/// holds for any later start up to the occurrence found, so a run of
/// searches from increasing positions scans the text once.
#[derive(Default)]
pub(super) struct Search {
    from: usize,
    found: Option<Option<usize>>,
}

impl Search {
    fn find(&mut self, haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
        if let Some(found) = self.found
            && from >= self.from
            && found.is_none_or(|at| from <= at)
        {
            return found;
        }
        let found = haystack[from..]
            .windows(needle.len())
            .position(|window| window == needle)
            .map(|at| from + at);
        self.from = from;
        self.found = Some(found);
        found
    }
}

/// `IDENT_CHAR` and the first character of an identifier beyond ASCII:
/// a letter (`model Café`). Letters by pest's Unicode table, not std's:
/// the formatter runs the grammar through pest, and the two Unicode
/// versions differ (std's is newer).
fn is_non_ascii_letter(c: char) -> bool {
    !c.is_ascii() && pest::unicode::ALPHABETIC(c)
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    pub(super) fn at(&self, byte: u8) -> bool {
        self.peek() == Some(byte)
    }

    pub(super) fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    /// Consumes `literal` if the text continues with it.
    pub(super) fn eat(&mut self, literal: &[u8]) -> bool {
        if self.bytes[self.pos..].starts_with(literal) {
            self.pos += literal.len();
            true
        } else {
            false
        }
    }

    /// The length of the `WHITESPACE` character at `at`: a space, a tab, a
    /// no-break space or a byte-order mark.
    fn whitespace_len(&self, at: usize) -> usize {
        match self.bytes[at..] {
            [b' ' | b'\t', ..] => 1,
            [0xC2, 0xA0, ..] => 2,
            [0xEF, 0xBB, 0xBF, ..] => 3,
            _ => 0,
        }
    }

    /// pest's implicit whitespace between the parts of a non-atomic rule.
    pub(super) fn skip(&mut self) {
        while self.pos < self.bytes.len() {
            let len = self.whitespace_len(self.pos);
            if len == 0 {
                break;
            }
            self.pos += len;
        }
    }

    /// `NEWLINE`: `\n`, `\r\n` or `\r`.
    pub(super) fn newline(&mut self) -> bool {
        match self.peek() {
            Some(b'\n') => {
                self.pos += 1;
                true
            }
            Some(b'\r') => {
                self.pos += if self.bytes.get(self.pos + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                true
            }
            _ => false,
        }
    }

    /// Where the current line's text ends (before its newline or at the end).
    fn line_end_at(&self) -> usize {
        self.bytes[self.pos..]
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .map_or(self.bytes.len(), |at| self.pos + at)
    }

    /// `line_end`: a newline, or nothing before a `}` or the end of the file.
    pub(super) fn line_end(&mut self) -> Option<()> {
        (self.newline() || self.at(b'}') || self.at_end()).then_some(())
    }

    /// The length of the identifier character at `at`, if there is one;
    /// `first` excludes `_` and `-`, which cannot start an identifier.
    fn identifier_char_len(&self, at: usize, first: bool) -> usize {
        match self.bytes.get(at) {
            Some(b) if b.is_ascii_alphanumeric() => 1,
            Some(b'_' | b'-') if !first => 1,
            Some(b) if !b.is_ascii() => self.text[at..]
                .chars()
                .next()
                .filter(|&c| is_non_ascii_letter(c))
                .map_or(0, char::len_utf8),
            _ => 0,
        }
    }

    /// `!IDENT_CHAR`: nothing of an identifier follows.
    fn at_word_end(&self) -> bool {
        self.identifier_char_len(self.pos, false) == 0
    }

    pub(super) fn at_identifier_start(&self) -> bool {
        self.identifier_char_len(self.pos, true) > 0
    }

    /// The end of the identifier starting at `start`, if one does.
    fn identifier_end(&self, start: usize) -> Option<usize> {
        let first = self.identifier_char_len(start, true);
        if first == 0 {
            return None;
        }
        let mut end = start + first;
        loop {
            let len = self.identifier_char_len(end, false);
            if len == 0 {
                return Some(end);
            }
            end += len;
        }
    }

    pub(super) fn identifier(&mut self) -> Option<Identifier> {
        let start = self.pos;
        self.pos = self.identifier_end(start)?;
        Some(Identifier {
            name: Name::new(&self.text[start..self.pos]),
            span: self.span(start),
        })
    }

    /// `path`: identifiers joined by dots, `db.VarChar`.
    pub(super) fn path(&mut self) -> Option<Identifier> {
        let start = self.pos;
        let mut end = self.identifier_end(start)?;
        while self.bytes.get(end) == Some(&b'.') {
            match self.identifier_end(end + 1) {
                Some(next) => end = next,
                None => break,
            }
        }
        self.pos = end;
        Some(Identifier {
            name: Name::new(&self.text[start..end]),
            span: self.span(start),
        })
    }

    /// One of `keywords` as a whole word (`model`, but not `models`).
    pub(super) fn keyword(&mut self, keywords: &[&'static str]) -> Option<&'static str> {
        let keyword = keywords
            .iter()
            .find(|keyword| self.bytes[self.pos..].starts_with(keyword.as_bytes()))?;
        let start = self.pos;
        self.pos += keyword.len();
        if self.at_word_end() {
            Some(keyword)
        } else {
            self.pos = start;
            None
        }
    }

    /// `number`: `-`? digits (`.` digits)?, not followed by a word character.
    pub(super) fn number(&mut self) -> Option<(Name, Span)> {
        let start = self.pos;
        let digits = |parser: &mut Self| {
            let from = parser.pos;
            while parser.peek().is_some_and(|b| b.is_ascii_digit()) {
                parser.pos += 1;
            }
            parser.pos > from
        };
        self.eat(b"-");
        if !digits(self) {
            self.pos = start;
            return None;
        }
        let integer_end = self.pos;
        if !(self.eat(b".") && digits(self)) {
            self.pos = integer_end;
        }
        if !self.at_word_end() {
            self.pos = start;
            return None;
        }
        Some((Name::new(&self.text[start..self.pos]), self.span(start)))
    }

    /// `string`: a JSON string literal, decoded. It ends at its line's end
    /// unless a `\` escapes the newline (which is then an invalid escape).
    /// An invalid escape is reported and the raw text kept.
    pub(super) fn string(&mut self) -> Option<(String, Span)> {
        let start = self.pos;
        if !self.eat(b"\"") {
            return None;
        }
        let content_start = self.pos;
        loop {
            match self.peek() {
                // `\` and whatever follows it, even a quote or a newline.
                Some(b'\\') if self.pos + 1 < self.bytes.len() => self.pos += 2,
                Some(b'"') | None => break,
                Some(b) if b < 0x20 => break,
                Some(_) => self.pos += 1,
            }
        }
        let content_end = self.pos;
        if !self.eat(b"\"") {
            self.pos = start;
            return None;
        }
        let raw = &self.text[content_start..content_end];
        let span = self.span(start);
        match unescape(raw) {
            Ok(value) => Some((value, span)),
            Err(offset) => {
                let at = content_start + offset;
                let len = raw[offset..]
                    .chars()
                    .take(2)
                    .map(char::len_utf8)
                    .sum::<usize>();
                // Prisma tells a broken `\u` from an unknown escape.
                let message = if raw[offset..].starts_with("\\u") {
                    "Invalid unicode escape sequence."
                } else {
                    "Unknown escape sequence. If the value is a windows-style path, `\\` must be escaped as `\\\\`."
                };
                self.error(
                    codes::INVALID_ESCAPE,
                    message,
                    Span::new(self.file, at..at + len),
                );
                Some((raw.to_string(), span))
            }
        }
    }

    /// `trailing_comment`: a `//` or `///` comment to the end of the line.
    /// `Some(Some(text))` for documentation, `Some(None)` for a comment.
    pub(super) fn trailing_comment(&mut self) -> Option<Option<&'a str>> {
        if !self.bytes[self.pos..].starts_with(b"//") {
            return None;
        }
        let start = self.pos;
        self.pos = self.line_end_at();
        let text: &'a str = &self.text[start..self.pos];
        Some(text.strip_prefix("///").map(str::trim))
    }

    /// `comment_block`: comment lines, possibly indented, possibly `/* */`
    /// over several lines. The `///` lines' texts, joined, if there are any.
    pub(super) fn comment_block(&mut self) -> Option<Option<String>> {
        let mut lines = 0;
        let mut documentation: Option<String> = None;
        loop {
            let line_start = self.pos;
            self.skip();
            if self.bytes[self.pos..].starts_with(b"/*") {
                let Some(end) = self
                    .comment_end_search
                    .find(self.bytes, self.pos + 2, b"*/")
                else {
                    self.pos = line_start;
                    break;
                };
                self.pos = end + 2;
            } else if let Some(comment) = self.trailing_comment() {
                if let Some(text) = comment {
                    match &mut documentation {
                        Some(joined) => {
                            joined.push('\n');
                            joined.push_str(text);
                        }
                        None => documentation = Some(text.to_string()),
                    }
                }
            } else {
                self.pos = line_start;
                break;
            }
            self.newline();
            lines += 1;
        }
        (lines > 0).then_some(documentation)
    }

    /// `blank_lines`: lines with nothing but whitespace.
    pub(super) fn blank_lines(&mut self) -> Option<()> {
        let mut lines = 0;
        loop {
            let line_start = self.pos;
            self.skip();
            if !self.newline() {
                self.pos = line_start;
                break;
            }
            lines += 1;
        }
        (lines > 0).then_some(())
    }

    /// `top_junk` / `block_junk`: the rest of a non-empty line, which no
    /// other rule took. Its span, without the newline.
    pub(super) fn junk_line(&mut self) -> Option<Span> {
        let start = self.pos;
        let end = self.line_end_at();
        if end == start {
            return None;
        }
        self.pos = end;
        let span = self.span(start);
        self.newline();
        Some(span)
    }

    /// `block_open`: `{` and the rest of its line, which is ignored.
    pub(super) fn block_open(&mut self) -> Option<()> {
        if !self.at(b'{') {
            return None;
        }
        self.pos = self.line_end_at();
        self.newline().then_some(())
    }

    /// Where the next `}` is, from here to the end of the file.
    pub(super) fn next_close_brace(&mut self) -> Option<usize> {
        self.close_brace_search.find(self.bytes, self.pos, b"}")
    }
}
