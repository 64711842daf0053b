//! Prisma's guard against AI agents running destructive commands
//! (`migrate reset`): when an agent's marker is in the environment and the
//! user's consent is not, the command stops with Prisma's text, which tells
//! the agent to ask the user first.

use crate::Error;
use crate::interaction::Env;

pub(crate) const CONSENT: &str = "PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION";

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
pub fn check(env: Env<'_>) -> Result<(), Error> {
    match agent(env) {
        Some(agent) if env(CONSENT).is_none_or(|value| value.is_empty()) => {
            Err(Error::plain(crate::messages::agent_refused(&agent)))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interaction::env_of;

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
        let refused = check(&env_of(&[("CURSOR_AGENT", "1")]))
            .unwrap_err()
            .to_string();
        assert!(refused.starts_with("plumb detected that it was invoked by Cursor.\n\n"));
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
