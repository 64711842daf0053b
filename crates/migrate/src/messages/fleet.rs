//! Fleet deploy's texts: plumb's own (Prisma deploys one database).

use crate::fleet::{Member, Outcome};

pub fn invalid_shard(text: &str) -> String {
    format!("`--shard {text}` is not a shard: write K/N, with 1 <= K <= N (for example 2/8).")
}

pub fn fleet_file_unreadable(path: &str, error: &std::io::Error) -> String {
    format!("The fleet file {path} cannot be read: {error}")
}

pub fn fleet_variable_missing(variable: &str) -> String {
    format!("the environment variable {variable} is not set")
}

pub fn fleet_query_failed(error: &postgres::Error) -> String {
    let detail = error
        .as_db_error()
        .map_or_else(|| error.to_string(), |db| db.message().to_string());
    format!("The fleet query failed: {detail}")
}

pub const FLEET_EMPTY: &str = "The fleet is empty: no database to deploy to.";

/// One line as a database finishes (CI logs, and a terminal's scrollback).
pub fn fleet_progress(member: &Member, done: usize, total: usize) -> String {
    format!(
        "[{done}/{total}] {} {}\n",
        member.url,
        outcome_words(&member.outcome)
    )
}

fn outcome_words(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Applied(names) => format!("applied {} migration(s)", names.len()),
        Outcome::UpToDate => "already up to date".to_string(),
        Outcome::Failed {
            migration: Some(name),
            ..
        } => format!("FAILED at {name}"),
        Outcome::Failed {
            migration: None, ..
        } => "FAILED".to_string(),
        Outcome::Unreachable(_) => "UNREACHABLE".to_string(),
        Outcome::NotRun => "not run".to_string(),
        Outcome::Pending(names) => format!("{} migration(s) pending", names.len()),
    }
}

/// The report: a line per database that did not simply succeed, then the
/// counts.
pub fn fleet_report(members: &[Member]) -> String {
    let mut out = String::new();
    let count = |f: &dyn Fn(&Outcome) -> bool| members.iter().filter(|m| f(&m.outcome)).count();
    let problems: Vec<&Member> = members
        .iter()
        .filter(|m| !m.outcome.is_up_to_date())
        .collect();
    if !problems.is_empty() {
        out.push_str("\nDatabases that are not up to date:\n");
        for member in problems {
            let detail = match &member.outcome {
                Outcome::Failed { error, .. } | Outcome::Unreachable(error) => {
                    format!(": {error}")
                }
                _ => String::new(),
            };
            out.push_str(&format!(
                "  {} {}{detail}\n",
                member.url,
                outcome_words(&member.outcome)
            ));
        }
    }
    out.push_str(&format!(
        "\n{} database(s): {} applied migrations, {} already up to date, {} failed, {} unreachable, {} not run.\n",
        members.len(),
        count(&|o| matches!(o, Outcome::Applied(_))),
        count(&|o| matches!(o, Outcome::UpToDate)),
        count(&|o| matches!(o, Outcome::Failed { .. })),
        count(&|o| matches!(o, Outcome::Unreachable(_))),
        count(&|o| matches!(o, Outcome::NotRun)),
    ));
    let pending = count(&|o| matches!(o, Outcome::Pending(_)));
    if pending > 0 {
        out.push_str(&format!("{pending} database(s) have migrations pending.\n"));
    }
    out
}

pub fn fleet_status_failed(failed: &[String]) -> String {
    format!("failed migrations: {}", failed.join(", "))
}

pub fn fleet_status_diverged(missing_locally: &[String], edited: &[String]) -> String {
    let mut parts = Vec::new();
    if !missing_locally.is_empty() {
        parts.push(format!(
            "applied but not in the folder: {}",
            missing_locally.join(", ")
        ));
    }
    if !edited.is_empty() {
        parts.push(format!(
            "edited after they were applied: {}",
            edited.join(", ")
        ));
    }
    parts.join("; ")
}
