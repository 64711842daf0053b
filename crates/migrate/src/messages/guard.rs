//! Prisma's refusal when an AI agent runs a destructive command without
//! the user's recorded consent (`crate::guard`), naming plumb.

use crate::guard::CONSENT;

pub fn agent_refused(agent: &str) -> String {
    format!(
        "plumb detected that it was invoked by {agent}.

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
