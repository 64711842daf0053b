//! Whether plumb may ask the user something, by Prisma's rules
//! (`canPrompt`: standard input is a terminal, `TERM` is not `dumb`, and
//! no CI is detected). The CLI asks; this decides whether it may.

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
    // Set is set, even when the value is not UTF-8.
    std::env::var_os(name).map(|value| value.to_string_lossy().into_owned())
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

/// An environment of fixed variables, for tests.
#[cfg(test)]
pub(crate) fn env_of(
    pairs: &'static [(&'static str, &'static str)],
) -> impl Fn(&str) -> Option<String> {
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
}
