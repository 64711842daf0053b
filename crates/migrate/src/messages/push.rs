//! The texts of `db push` (`docs/reference/prisma-dev-commands.md` §3).

use crate::data_loss::DataLoss;
use crate::datasource::Target;

/// `db push`'s refusal of unexecutable steps (no step numbers).
pub fn push_unexecutable(loss: &DataLoss) -> String {
    let mut parts = vec!["\n⚠️ We found changes that cannot be executed:\n".to_string()];
    parts.extend(
        loss.unexecutable
            .iter()
            .map(|(_, message)| format!("  • {message}")),
    );
    format!(
        "{}\n\nYou may use the --force-reset flag to drop the database before push like plumb db push --force-reset\nAll data will be lost.\n      ",
        parts.join("\n")
    )
}

pub fn push_warnings(loss: &DataLoss) -> String {
    let mut text = "\n⚠️  There might be data loss when applying the changes:\n\n".to_string();
    for warning in &loss.warnings {
        text.push_str(&format!("  • {warning}\n\n"));
    }
    text.push('\n');
    text
}

pub const PUSH_NON_INTERACTIVE: &str = "Use the --accept-data-loss flag to ignore the data loss warnings like plumb db push --accept-data-loss";

pub const PUSH_QUESTION: &str = "Do you want to ignore the warning(s)?";

pub const PUSH_CANCELLED: &str = "Push cancelled.\n";

/// `--force-reset`'s line.
pub fn push_reset(target: &Target) -> String {
    let url = &target.url;
    let (schemas, verb) = if target.schemas.is_empty() {
        (format!("schema \"{}\"", url.schema), "was")
    } else {
        (format!("schemas \"{}\"", target.schemas.join(", ")), "were")
    };
    format!(
        "The PostgreSQL database \"{}\" {schemas} at \"{}\" {verb} successfully reset.\n",
        url.database,
        url.server()
    )
}

/// `db push`'s closing text; `changed` when anything ran (or was reset).
pub fn pushed(changed: bool, elapsed: std::time::Duration) -> String {
    if changed {
        format!(
            "\n🚀  Your database is now in sync with your Prisma schema. Done in {}\n\n",
            super::duration(elapsed)
        )
    } else {
        "\nThe database is already in sync with the Prisma schema.\n\n".to_string()
    }
}
