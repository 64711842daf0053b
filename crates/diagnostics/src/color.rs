//! Whether to colour output: only on a terminal, and never with `NO_COLOR`.

use std::io::IsTerminal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    Never,
    Always,
}

impl ColorChoice {
    /// Colour for standard error: a terminal, and `NO_COLOR` unset or empty
    /// (https://no-color.org).
    pub fn for_stderr() -> Self {
        Self::decide(
            std::io::stderr().is_terminal(),
            std::env::var_os("NO_COLOR"),
        )
    }

    /// Colour for standard output, by the same rules.
    pub fn for_stdout() -> Self {
        Self::decide(
            std::io::stdout().is_terminal(),
            std::env::var_os("NO_COLOR"),
        )
    }

    fn decide(is_terminal: bool, no_color: Option<std::ffi::OsString>) -> Self {
        let no_color = no_color.is_some_and(|value| !value.is_empty());
        if is_terminal && !no_color {
            ColorChoice::Always
        } else {
            ColorChoice::Never
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_needs_a_terminal_and_no_no_color() {
        assert_eq!(ColorChoice::decide(true, None), ColorChoice::Always);
        assert_eq!(ColorChoice::decide(false, None), ColorChoice::Never);
        assert_eq!(
            ColorChoice::decide(true, Some("1".into())),
            ColorChoice::Never
        );
        // The spec says an empty NO_COLOR does not count.
        assert_eq!(
            ColorChoice::decide(true, Some("".into())),
            ColorChoice::Always
        );
    }
}
