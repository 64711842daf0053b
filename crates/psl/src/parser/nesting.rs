//! A guard against input nested so deeply that a recursive descent (the
//! parser's, or pest's in the formatter) would exhaust the stack: a crash,
//! not even a panic.

/// Deeper than any real schema (`@@index([a(ops: raw("…"))])` is 4).
pub(crate) const MAX_DEPTH: usize = 64;

/// The byte offset of the first bracket that goes deeper than [`MAX_DEPTH`],
/// counting `(` and `[` outside strings and comments.
pub(crate) fn too_deep(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'(' | b'[' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i);
                }
            }
            b')' | b']' => depth = depth.saturating_sub(1),
            // Brackets never span lines in this language.
            b'\n' => depth = 0,
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_brackets_outside_strings_and_comments() {
        assert_eq!(too_deep("a([[x]])"), None);
        let deep = "[".repeat(MAX_DEPTH + 1);
        assert_eq!(too_deep(&deep), Some(MAX_DEPTH));
        assert_eq!(too_deep(&format!("\"{deep}\"")), None);
        assert_eq!(too_deep(&format!("// {deep}")), None);
        // A newline ends every bracket.
        assert_eq!(too_deep(&"[\n".repeat(1000)), None);
    }
}
