//! Source files and byte spans into them.

use std::ops::Range;

/// Identifies one file of a [`SourceFiles`] set. A multi-file schema has many.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(u32);

/// A byte range `start..end` in one source file.
///
/// Offsets are `u32` to keep AST nodes small; a 4 GiB schema is not a use case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, range: Range<usize>) -> Self {
        let offset = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Span {
            file,
            start: offset(range.start),
            end: offset(range.end),
        }
    }

    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The smallest span covering both. Both must be in the same file.
    pub fn to(self, other: Span) -> Span {
        debug_assert_eq!(self.file, other.file, "a span cannot cross files");
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// A 1-based line and column, the column counted in characters like rustc.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

#[derive(Debug)]
struct SourceFile {
    name: String,
    text: String,
    /// Byte offset of the start of every line, for offset → line lookups;
    /// made on the first lookup (most runs report nothing).
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

/// The set of files a run reads. Spans point into it by [`FileId`].
#[derive(Debug, Default)]
pub struct SourceFiles {
    files: Vec<SourceFile>,
}

impl SourceFiles {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file; `name` is what diagnostics print (usually a path).
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        let text = text.into();
        let id = FileId(u32::try_from(self.files.len()).expect("fewer than 2^32 source files"));
        self.files.push(SourceFile {
            name: name.into(),
            text,
            line_starts: std::sync::OnceLock::new(),
        });
        id
    }

    pub fn name(&self, file: FileId) -> &str {
        &self.files[file.0 as usize].name
    }

    pub fn text(&self, file: FileId) -> &str {
        &self.files[file.0 as usize].text
    }

    pub fn ids(&self) -> impl Iterator<Item = FileId> + '_ {
        (0..self.files.len()).map(|i| FileId(i as u32))
    }

    /// Line and column of a byte offset (clamped to the file's length).
    pub fn line_col(&self, file: FileId, offset: usize) -> LineCol {
        let source = &self.files[file.0 as usize];
        let offset = offset.min(source.text.len());
        let line_starts = source.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(source.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let line = line_starts.partition_point(|&start| start <= offset) - 1;
        let line_start = line_starts[line];
        // Count characters, not bytes; an offset inside a character counts as that character.
        let column = source.text[line_start..]
            .char_indices()
            .take_while(|(i, _)| line_start + i < offset)
            .count();
        LineCol {
            line: line + 1,
            column: column + 1,
        }
    }

    /// The byte range of the whole lines a span touches, and the number
    /// (from 1) of the first: all a rendered diagnostic shows.
    pub fn lines_of(&self, span: Span) -> (Range<usize>, usize) {
        let source = &self.files[span.file.0 as usize];
        let text = &source.text;
        let start = (span.start as usize).min(text.len());
        let end = (span.end as usize).max(start).min(text.len());
        let first = self.line_col(span.file, start).line;
        let begin = text[..start].rfind('\n').map_or(0, |i| i + 1);
        // The line the span ends on, with its line break: a span that ends
        // just after a break reaches into the next line, as in the file.
        let finish = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
        (begin..finish, first)
    }

    /// `file:line:column` of the start of a span, as editors and rustc print it.
    pub fn location(&self, span: Span) -> String {
        let LineCol { line, column } = self.line_col(span.file, span.start as usize);
        format!("{}:{line}:{column}", self.name(span.file))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one_and_in_characters() {
        let mut files = SourceFiles::new();
        let id = files.add("a.prisma", "model A {\n  näme String\n}\n");
        assert_eq!(files.line_col(id, 0), LineCol { line: 1, column: 1 });
        assert_eq!(files.line_col(id, 10), LineCol { line: 2, column: 1 });
        // "  näme " is 8 bytes but 7 characters before `String`.
        let string_at = files.text(id).find("String").unwrap();
        assert_eq!(
            files.line_col(id, string_at),
            LineCol { line: 2, column: 8 }
        );
        assert_eq!(files.line_col(id, 10_000), LineCol { line: 4, column: 1 });
    }

    #[test]
    fn location_names_the_file() {
        let mut files = SourceFiles::new();
        files.add("first.prisma", "");
        let id = files.add("second.prisma", "x\ny");
        assert_eq!(files.location(Span::new(id, 2..3)), "second.prisma:2:1");
    }
}
