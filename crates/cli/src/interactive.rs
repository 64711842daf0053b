//! Whether plumb may ask the user something, by Prisma's rules
//! (`canPrompt`: standard input is a terminal, `TERM` is not `dumb`, and no
//! CI is detected), and the yes/no question itself.

use std::io::{BufRead, IsTerminal};

use crate::exit::{Failure, print_text};

/// The variables Prisma's `isCi` looks at; any of them set and non-empty
/// (JavaScript truthiness, so `CI=false` counts) means CI.
const CI_VARIABLES: &[&str] = &[
    "CI",
    "CONTINUOUS_INTEGRATION",
    "BUILD_NUMBER",
    "RUN_ID",
    "APPVEYOR",
    "SYSTEM_TEAMFOUNDATIONCOLLECTIONURI",
    "AC_APPCIRCLE",
    "bamboo_planKey",
    "BITBUCKET_COMMIT",
    "BITRISE_IO",
    "BUILDKITE",
    "CIRCLECI",
    "CIRRUS_CI",
    "CODEBUILD_BUILD_ARN",
    "CF_BUILD_ID",
    "CI_NAME",
    "DRONE",
    "DSARI",
    "EAS_BUILD",
    "GITHUB_ACTIONS",
    "GITLAB_CI",
    "GOCD",
    "LAYERCI",
    "HUDSON",
    "JENKINS",
    "MAGNUM",
    "NETLIFY",
    "NEVERCODE",
    "RENDER",
    "SAILCI",
    "SEMAPHORE",
    "SCREWDRIVER",
    "SHIPPABLE",
    "TDDIUM",
    "STRIDER",
    "TEAMCITY_VERSION",
    "TRAVIS",
    "NOW_BUILDER",
    "APPCENTER_BUILD_ID",
];

/// Reads one environment variable; a parameter so tests need not change
/// the process's environment.
pub type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

pub fn is_ci(env: Env<'_>) -> bool {
    CI_VARIABLES
        .iter()
        .any(|name| env(name).is_some_and(|value| !value.is_empty()))
}

/// Prisma's `canPrompt`.
pub fn can_prompt(stdin_is_terminal: bool, env: Env<'_>) -> bool {
    stdin_is_terminal && env("TERM").as_deref() != Some("dumb") && !is_ci(env)
}

/// `can_prompt` for this process.
pub fn can_prompt_here() -> bool {
    can_prompt(std::io::stdin().is_terminal(), &process_env)
}

/// Asks a yes/no question on standard output, answered with a line on
/// standard input; anything but `y`/`yes` (and the end of input) is no,
/// as in Prisma's prompt, whose default is no.
pub fn confirm(question: &str) -> Result<bool, Failure> {
    print_text(&format!("? {question} › (y/N) "))?;
    let mut answer = String::new();
    let read = std::io::stdin().lock().read_line(&mut answer);
    Ok(read.is_ok_and(|bytes| bytes > 0) && is_yes(&answer))
}

/// Asks for a line of text, as Prisma's text prompt; `None` when input
/// ends before an answer (the user cancelled).
pub fn ask(question: &str) -> Result<Option<String>, Failure> {
    print_text(&format!("? {question} › "))?;
    let mut answer = String::new();
    match std::io::stdin().lock().read_line(&mut answer) {
        Ok(bytes) if bytes > 0 => Ok(Some(answer.trim_end_matches(['\n', '\r']).to_string())),
        _ => Ok(None),
    }
}

fn is_yes(answer: &str) -> bool {
    matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes")
}

/// An environment of fixed variables, for tests.
#[cfg(test)]
pub fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
    move |name| {
        pairs
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| (*value).to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ci_is_any_listed_variable_with_a_value() {
        assert!(!is_ci(&env_of(&[])));
        assert!(is_ci(&env_of(&[("CI", "false")])));
        assert!(is_ci(&env_of(&[("GITHUB_ACTIONS", "true")])));
        assert!(is_ci(&env_of(&[("bamboo_planKey", "X")])));
        assert!(!is_ci(&env_of(&[("CI", "")])));
        // Vercel is deliberately not CI for Prisma.
        assert!(!is_ci(&env_of(&[("VERCEL", "1")])));
    }

    #[test]
    fn prompting_needs_a_terminal_a_real_term_and_no_ci() {
        assert!(can_prompt(true, &env_of(&[("TERM", "xterm")])));
        assert!(can_prompt(true, &env_of(&[])));
        assert!(!can_prompt(false, &env_of(&[("TERM", "xterm")])));
        assert!(!can_prompt(true, &env_of(&[("TERM", "dumb")])));
        assert!(!can_prompt(true, &env_of(&[("CI", "1")])));
    }

    #[test]
    fn only_yes_is_yes() {
        assert!(is_yes("y\n"));
        assert!(is_yes(" YES \n"));
        assert!(!is_yes("\n"));
        assert!(!is_yes("n\n"));
        assert!(!is_yes("yep\n"));
    }
}
