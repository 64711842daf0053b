//! `plumb migrate status`: Prisma's texts, streams and exit codes
//! (`docs/reference/prisma-history-commands.md` §3), and two reports
//! Prisma does not make: migrations the database has and the folder lacks
//! (exit 1), and migrations edited after they were applied (a warning).

use plumb_migrate::deploy::found_line;
use plumb_migrate::status::diagnose;

use crate::args::ConnectionArgs;
use crate::exit::{Failure, eprint_text, print_text};

/// `migration` or `migrations`, as Prisma's lists switch.
fn noun(count: usize) -> &'static str {
    if count > 1 { "migrations" } else { "migration" }
}

pub fn run(args: &ConnectionArgs) -> Result<u8, Failure> {
    let target = super::database_target(args)?;
    let diagnosis = diagnose(&target.url, &target.migrations).map_err(super::command_failure)?;
    print_text(&format!("\n{}\n", found_line(diagnosis.local.len())))?;
    let unapplied = &diagnosis.unapplied;
    let missing = &diagnosis.missing_locally;
    if !unapplied.is_empty() && missing.is_empty() {
        print_text(&format!(
            "Following {} have not yet been applied:\n{}\n\nTo apply migrations in development run prisma migrate dev.\nTo apply migrations in production run prisma migrate deploy.\n",
            noun(unapplied.len()),
            unapplied.join("\n")
        ))?;
        also_failed(&diagnosis.failed);
        return Ok(1);
    }
    if !unapplied.is_empty() {
        let last_common = diagnosis.last_common.as_deref().unwrap_or("null");
        eprint_text(&format!(
            "Your local migration history and the migrations table from your database are different:\n\nThe last common migration is: {last_common}\n\nThe {} have not yet been applied:\n{}\n\nThe {} from the database are not found locally in prisma/migrations:\n{}\n",
            noun(unapplied.len()),
            unapplied.join("\n"),
            noun(missing.len()),
            missing.join("\n")
        ));
        also_failed(&diagnosis.failed);
        return Ok(1);
    }
    if !diagnosis.has_table {
        eprint_text(
            "The current database is not managed by Prisma Migrate.\n\nRead more about how to baseline an existing production database:\nhttps://pris.ly/d/migrate-baseline\n",
        );
        return Ok(1);
    }
    if !diagnosis.failed.is_empty() {
        report_failed(&diagnosis.failed);
        return Ok(1);
    }
    // Beyond Prisma: it calls these up to date.
    if !missing.is_empty() {
        eprint_text(&format!(
            "The following {} applied to the database but missing from the local migrations directory:\n{}\n\nRestore them in prisma/migrations (from version control), or the database and the folder no longer tell the same history.\n",
            if missing.len() > 1 {
                "migrations are"
            } else {
                "migration is"
            },
            missing.join("\n")
        ));
        return Ok(1);
    }
    print_text("\nDatabase schema is up to date!\n")?;
    if !diagnosis.edited.is_empty() {
        eprint_text(&format!(
            "\nWarning: the following {} modified after {} applied (the file's checksum differs from the one recorded; line endings do not count):\n{}\n",
            if diagnosis.edited.len() > 1 {
                "migrations were"
            } else {
                "migration was"
            },
            if diagnosis.edited.len() > 1 {
                "they were"
            } else {
                "it was"
            },
            diagnosis.edited.join("\n")
        ));
    }
    Ok(0)
}

/// Prisma's failed-migrations text, with the resolve hints for the first.
fn report_failed(failed: &[String]) {
    let Some(first) = failed.first() else {
        return;
    };
    eprint_text(&format!(
        "Following {} have failed:\n{}\n\nDuring development if the failed migration(s) have not been deployed to a production database you can then fix the migration(s) and run prisma migrate dev.\n\n",
        noun(failed.len()),
        failed.join("\n")
    ));
    eprint_text(&format!(
        "The failed migration(s) can be marked as rolled back or applied:\n\n- If you rolled back the migration(s) manually:\nprisma migrate resolve --rolled-back \"{first}\"\n\n- If you fixed the database manually (hotfix):\nprisma migrate resolve --applied \"{first}\"\n\nRead more about how to resolve migration issues in a production database:\nhttps://pris.ly/d/migrate-resolve\n"
    ));
}

/// Beyond Prisma: pending or diverged migrations hide a failed one in
/// Prisma's report (the first matching branch wins), though the failed one
/// is what blocks the next deploy (P3009). plumb reports it as well.
fn also_failed(failed: &[String]) {
    if !failed.is_empty() {
        eprint_text("\n");
        report_failed(failed);
    }
}
