//! Deciding renames for `migrate dev` and `db push`: the `--rename` flags,
//! and on a terminal a question per other candidate; afterwards, the
//! flags that would have kept the data of the candidates left alone.

use plumb_migrate::messages;
use plumb_migrate::renames::{Decided, Rename, Renames};
use plumb_psl::LoadedSchema;

use crate::exit::{Failure, eprint_text};
use crate::prompt;

/// The deciding function a plan takes.
pub fn decider(
    flags: &[String],
    loaded: &LoadedSchema,
) -> Result<impl FnMut(&[Rename]) -> Decided, Failure> {
    let renames = Renames::new(flags, loaded)?;
    let on_terminal = prompt::can_prompt_here();
    Ok(move |candidates: &[Rename]| {
        let mut ask = |question: &str| prompt::confirm(question).unwrap_or(false);
        let ask: Option<&mut dyn FnMut(&str) -> bool> =
            if on_terminal { Some(&mut ask) } else { None };
        renames.decide(candidates, ask)
    })
}

/// Refuses a `--rename` that named nothing (before anything is written
/// or run); says which candidates were left as drops and adds, and how to
/// keep their data.
pub fn report(decided: &Decided) -> Result<(), Failure> {
    if !decided.unmatched.is_empty() {
        return Err(Failure::Message(messages::unmatched_renames(
            &decided.unmatched,
            &decided.hints,
        )));
    }
    if !decided.hints.is_empty() {
        eprint_text(&messages::rename_hints(&decided.hints));
    }
    Ok(())
}
