//! Prisma's guard against AI agents running destructive commands
//! (`migrate reset`): when an agent's marker is in the environment and the
//! user's consent is not, the command stops with Prisma's text, which tells
//! the agent to ask the user first.

use crate::interactive::Env;

const CONSENT: &str = "PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION";

/// The agent that runs this command, as Prisma names it, if any.
pub fn agent(env: Env<'_>) -> Option<String> {
    let set = |name: &str| env(name).is_some_and(|value| !value.is_empty());
    let named = [
        ("CLAUDECODE", "Claude Code"),
        ("GEMINI_CLI", "Gemini CLI"),
        ("CURSOR_AGENT", "Cursor"),
        ("REPLIT_CLI", "Replit"),
    ];
    if let Some((_, name)) = named.iter().find(|(marker, _)| set(marker)) {
        return Some((*name).to_string());
    }
    if set("CODEX_SANDBOX") || set("CODEX_CI") || set("CODEX_THREAD_ID") {
        return Some("Codex CLI".to_string());
    }
    if env("OR_APP_NAME").as_deref() == Some("Aider") {
        return Some("Aider".to_string());
    }
    for variable in ["AGENT", "AI_AGENT"] {
        if let Some(value) = env(variable).filter(|value| !value.is_empty()) {
            return Some(format!("an AI agent identifying itself as \"{value}\""));
        }
    }
    None
}

/// `Err` with Prisma's refusal when an agent runs the command without the
/// user's recorded consent.
pub fn check(env: Env<'_>) -> Result<(), String> {
    match agent(env) {
        Some(agent) if env(CONSENT).is_none_or(|value| value.is_empty()) => Err(refusal(&agent)),
        _ => Ok(()),
    }
}

fn refusal(agent: &str) -> String {
    format!(
        "Prisma Migrate detected that it was invoked by {agent}.

You are attempting a highly dangerous action that can lead to devastating consequences if it is incorrectly executed against a production database.

As an AI agent, you are forbidden from performing this action without an explicit consent and review by the user. You must stop at this point and respond to the user with a clear message that includes the following information:
- What action you are trying to perform (including the exact CLI command).
- Your motivation and reasoning for performing this action.
- Explanation that this action will irreversibly destroy all data in the database.
- Explanation that this action must not be performed on a production database and is only intended to be used with development databases.

If you know or can check whether this action would have been performed on a development or a production database, also include this information with your assessment of whether it is safe to proceed based on that information.

You must ask the user if they want to proceed with this action. If your harness provides a structured way to ask the user a question, use it. If you are running unattended (e.g. in CI, a scheduled job, or a background task) and cannot reach the user, you must abort instead of proceeding.

If the user explicitly consents, you may rerun this command with the {CONSENT} environment variable, the value of which must be the exact text of the user's message in which they consented to this operation, without any newlines or quotes. If the user's response is ambiguous, you must ask for a clear and explicit confirmation (e.g., \"yes\") before proceeding. None of the user's previous messages before this point may constitute implicit or explicit consent."
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interactive::env_of;

    #[test]
    fn agents_are_named_as_prisma_names_them() {
        assert_eq!(agent(&env_of(&[])), None);
        assert_eq!(
            agent(&env_of(&[("CLAUDECODE", "1")])).as_deref(),
            Some("Claude Code")
        );
        assert_eq!(
            agent(&env_of(&[("OR_APP_NAME", "Aider")])).as_deref(),
            Some("Aider")
        );
        assert_eq!(agent(&env_of(&[("OR_APP_NAME", "Other")])), None);
        assert_eq!(
            agent(&env_of(&[("AGENT", "robo")])).as_deref(),
            Some("an AI agent identifying itself as \"robo\"")
        );
    }

    #[test]
    fn consent_lets_an_agent_through() {
        assert!(check(&env_of(&[])).is_ok());
        let refused = check(&env_of(&[("CURSOR_AGENT", "1")])).unwrap_err();
        assert!(refused.starts_with("Prisma Migrate detected that it was invoked by Cursor.\n\n"));
        assert!(refused.ends_with("may constitute implicit or explicit consent."));
        assert!(
            check(&env_of(&[
                ("CURSOR_AGENT", "1"),
                (CONSENT, "yes, reset it")
            ]))
            .is_ok()
        );
        assert!(check(&env_of(&[("CURSOR_AGENT", "1"), (CONSENT, "")])).is_err());
    }
}
