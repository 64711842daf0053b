//! Every text plumb's use cases give the user, in one place. They are
//! Prisma's texts — structure, codes, blank lines — except that a text
//! naming a command names plumb's (`plumb migrate deploy`), as
//! docs/compatibility.md says. The functions take the values the use
//! cases return; the CLI prints what they make, on the stream given.

mod check;
mod data_loss;
mod dev;
mod down;
mod fleet;
mod guard;
mod history;
mod project;
mod pull;
mod push;
mod renames;
mod reset_reasons;
mod sources;

use std::path::Path;

pub use check::*;
pub use data_loss::*;
pub use dev::*;
pub use down::*;
pub use fleet::*;
pub use guard::*;
pub use history::*;
pub use project::*;
pub use pull::*;
pub use push::*;
pub use renames::*;
pub(crate) use reset_reasons::reset_reasons;
pub use sources::*;

/// A text and the stream it goes to, for reports that use both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    Out(String),
    Err(String),
}

/// `migration` or `migrations`, as Prisma's lists switch.
pub(crate) fn migrations_noun(count: usize) -> &'static str {
    if count > 1 { "migrations" } else { "migration" }
}

/// What a command that needs a valid schema says after its errors.
pub fn invalid_schema(path: &Path) -> String {
    format!(
        "The schema at {} is invalid: fix the errors above first.",
        path.display()
    )
}

/// Prisma's duration: whole milliseconds under a second, else seconds
/// with two decimals.
pub fn duration(elapsed: std::time::Duration) -> String {
    let millis = elapsed.as_millis();
    if millis < 1000 {
        format!("{millis}ms")
    } else {
        format!("{:.2}s", millis as f64 / 1000.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn durations_are_prismas() {
        assert_eq!(duration(Duration::from_millis(12)), "12ms");
        assert_eq!(duration(Duration::from_millis(1234)), "1.23s");
    }
}
