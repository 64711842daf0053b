//! Asking the user: whether this process may (Prisma's `canPrompt`,
//! decided in `plumb_migrate::interaction`), and the questions themselves,
//! answered with a line on standard input.

use std::io::{BufRead, IsTerminal};

use plumb_migrate::interaction;

use crate::exit::{Failure, print_text};
use crate::messages;

/// Whether someone can answer a question here.
pub fn can_prompt_here() -> bool {
    interaction::can_prompt(std::io::stdin().is_terminal(), &interaction::process_env)
}

/// Asks a yes/no question on standard output; anything but `y`/`yes`
/// (and the end of input) is no, as in Prisma's prompt, whose default is
/// no.
pub fn confirm(question: &str) -> Result<bool, Failure> {
    print_text(&messages::yes_no_question(question))?;
    let mut answer = String::new();
    let read = std::io::stdin().lock().read_line(&mut answer);
    Ok(read.is_ok_and(|bytes| bytes > 0) && is_yes(&answer))
}

/// Asks for a line of text, as Prisma's text prompt; `None` when input
/// ends before an answer (the user cancelled).
pub fn ask(question: &str) -> Result<Option<String>, Failure> {
    print_text(&messages::text_question(question))?;
    let mut answer = String::new();
    match std::io::stdin().lock().read_line(&mut answer) {
        Ok(bytes) if bytes > 0 => Ok(Some(answer.trim_end_matches(['\n', '\r']).to_string())),
        _ => Ok(None),
    }
}

fn is_yes(answer: &str) -> bool {
    matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes")
}

#[cfg(test)]
mod tests {
    use super::is_yes;

    #[test]
    fn only_yes_is_yes() {
        assert!(is_yes("y\n"));
        assert!(is_yes(" YES \n"));
        assert!(!is_yes("\n"));
        assert!(!is_yes("n\n"));
        assert!(!is_yes("yep\n"));
    }
}
