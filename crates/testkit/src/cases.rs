//! The fixture harness: each case of a `fixtures/<kind>/` folder is its own
//! test (through libtest-mimic), named `<kind>::<case>`, so that
//! `cargo test --test <file> -- <kind>::<case>` runs one case and a
//! failure lists every failing case, not the first. A test file that uses
//! it sets `harness = false` and ends its `main` with [`run`].

use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub use libtest_mimic::Trial;

/// One case: a file or folder of `fixtures/<kind>/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// The file or folder name without extension: `add_column`.
    pub name: String,
    pub path: PathBuf,
}

/// The repository's `fixtures/` folder.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

/// The entries of `fixtures/<folder>` that `is_case` accepts, sorted by
/// name; panics when there are none, so a moved folder cannot pass by
/// running nothing.
pub fn discover(folder: &str, is_case: impl Fn(&Path) -> bool) -> Vec<Case> {
    let dir = fixtures().join(folder);
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", dir.display()));
    let mut cases: Vec<Case> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| is_case(path))
        .map(|path| Case {
            name: path
                .file_stem()
                .map(|stem| stem.to_string_lossy().into_owned())
                .unwrap_or_default(),
            path,
        })
        .collect();
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    assert!(!cases.is_empty(), "no cases in {}", dir.display());
    cases
}

/// One test per case, named `<kind>::<case>`; `check` says what is wrong.
pub fn trials<F>(kind: &str, cases: Vec<Case>, check: F) -> Vec<Trial>
where
    F: Fn(&Case) -> Result<(), String> + Send + Sync + Clone + 'static,
{
    cases
        .into_iter()
        .map(|case| {
            let check = check.clone();
            Trial::test(format!("{kind}::{}", case.name), move || {
                check(&case).map_err(Into::into)
            })
        })
        .collect()
}

/// Runs the trials with the command line's arguments (filters, `--exact`,
/// `--list`, `--test-threads`), as `cargo test` passes them.
pub fn run(trials: Vec<Trial>) -> ExitCode {
    let arguments = libtest_mimic::Arguments::from_args();
    libtest_mimic::run(&arguments, trials).exit_code()
}
