//! Renames' texts: plumb's own (Prisma has no renames).

/// The question asked on a terminal for each candidate.
pub fn rename_question(from: &str, to: &str) -> String {
    format!("Did you rename `{from}` to `{to}`?")
}

/// A `--rename` that is none of the three forms.
pub fn invalid_rename(flag: &str) -> String {
    format!(
        "`--rename {flag}` is not a rename: write `Model=NewModel` (a model or an enum), `Model.field=Model.newField` (a field) or `Enum.VALUE=NEW_VALUE` (an enum value)."
    )
}

/// After a plan that drops and adds what may have been renamed: the flags
/// that would keep the data.
pub fn rename_hints(hints: &[String]) -> String {
    let mut out = String::from(
        "plumb: these may be renames; the migration drops and adds them, losing their data. To keep it, run again with:\n",
    );
    for hint in hints {
        out.push_str(&format!("  {hint}\n"));
    }
    out
}

/// The summary's line for a rename.
pub fn renamed(what: &str) -> String {
    format!("[~] Renamed {what}")
}

/// `--rename` flags that name nothing that looks renamed.
pub fn unmatched_renames(flags: &[String], hints: &[String]) -> String {
    let mut out = format!(
        "No field, model, enum or enum value looks renamed as `--rename {}` says: nothing was changed.",
        flags.join("`, `--rename ")
    );
    if !hints.is_empty() {
        out.push_str("\nWhat looks renamed:");
        for hint in hints {
            out.push_str(&format!("\n  {hint}"));
        }
    }
    out
}
