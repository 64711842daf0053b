//! How deep brackets may nest. The parser counts as it goes and refuses a
//! file past [`MAX_DEPTH`] (`Parser::nested`); the formatter runs pest,
//! whose recursion would exhaust the stack on deep input (a crash, not even
//! a panic), so [`too_deep`] checks the text before pest sees it.

/// Deeper than any real schema (`@@index([a(ops: raw("…"))])` is 4).
pub(crate) const MAX_DEPTH: usize = 64;

/// The byte offset of the first bracket that goes deeper than [`MAX_DEPTH`].
///
/// Deliberately blunt: every `(`, `[` and `{` counts, in strings and
/// comments too, since a scan that tried to skip those can be led astray
/// (a quote inside a `/* */` comment, a string that a `\` continues onto
/// the next line) into missing real nesting. Values never span lines, so
/// the count starts again on each line.
pub(crate) fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (at, byte) in text.bytes().enumerate() {
        match byte {
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(at);
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b'\n' | b'\r' => depth = 0,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_every_bracket_of_a_line() {
        assert_eq!(too_deep("a([{x}])"), None);
        let deep = "[".repeat(MAX_DEPTH + 1);
        assert_eq!(too_deep(&deep), Some(MAX_DEPTH));
        assert_eq!(too_deep(&"{a: ".repeat(MAX_DEPTH + 1)), Some(MAX_DEPTH * 4));
        // Quotes and comments hide nothing.
        assert_eq!(too_deep(&format!("/* \" */ {deep}")), Some(8 + MAX_DEPTH));
        // A newline of any kind ends every bracket.
        assert_eq!(too_deep(&"[\n".repeat(1000)), None);
        assert_eq!(too_deep(&"[\r".repeat(1000)), None);
    }
}
