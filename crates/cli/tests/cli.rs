//! The command line surface: help texts, exit statuses, and the behaviour at
//! the edges (closed pipes, panics).

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

use std::process::{Command, Output, Stdio};

fn plumb(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plumb"))
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// Every command's `--help`, so that a changed flag or text shows up in review.
#[test]
fn help_texts() {
    let commands: &[&[&str]] = &[
        &[],
        &["init"],
        &["validate"],
        &["format"],
        &["migrate"],
        &["migrate", "dev"],
        &["migrate", "reset"],
        &["migrate", "deploy"],
        &["migrate", "down"],
        &["migrate", "status"],
        &["migrate", "resolve"],
        &["migrate", "diff"],
        &["migrate", "check"],
        &["migrate", "lint"],
        &["db"],
        &["db", "push"],
        &["db", "pull"],
        &["db", "execute"],
        &["db", "seed"],
    ];
    for command in commands {
        let mut args = command.to_vec();
        args.push("--help");
        let output = plumb(&args);
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert_eq!(stderr(&output), "", "{args:?}");
        let name = if command.is_empty() {
            "plumb".to_string()
        } else {
            format!("plumb {}", command.join(" "))
        };
        let snapshot = name.replace(" ", "_");
        insta::assert_snapshot!(
            format!("help_{snapshot}"),
            stdout(&output),
            &format!("{name} --help")
        );
    }
}

#[test]
fn version_prints_the_package_version() {
    let output = plumb(&["--version"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        format!("plumb {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn usage_errors_exit_1_with_clap_s_message_on_stderr() {
    // As Prisma exits on a bad flag; 2 is kept for "a difference".
    for args in [
        &["--no-such-flag"][..],
        &["frobnicate"][..],
        &["migrate", "diff", "--from-nowhere"][..],
        &["migrate", "deploy", "--schema"][..],
    ] {
        let output = plumb(args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&output).starts_with("error: "),
            "{args:?}: {}",
            stderr(&output)
        );
        assert_eq!(stdout(&output), "", "{args:?}");
    }
}

#[test]
fn no_arguments_shows_help_and_exits_1() {
    let output = plumb(&[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("Usage: plumb <COMMAND>"));
}

#[test]
fn both_prisma_spellings_of_diff_sources_are_accepted() {
    for spelling in ["--to-schema", "--to-schema-datamodel"] {
        let output = plumb(&["migrate", "diff", "--from-empty", spelling, "schema.prisma"]);
        // Parsed (not a usage error about the flag); the command itself comes later.
        assert!(
            !stderr(&output).contains("unexpected argument"),
            "{spelling}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn a_closed_stdout_is_not_an_error() {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let output = Command::new(env!("CARGO_BIN_EXE_plumb"))
        .arg("--help")
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stderr(&output), "");
}

#[test]
fn a_panic_asks_for_a_bug_report_with_the_version_and_exits_1() {
    let output = plumb(&["__panic"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr(&output);
    assert!(
        stderr.contains(&format!(
            "plumb {} stopped because of a bug in plumb",
            env!("CARGO_PKG_VERSION")
        )),
        "{stderr}"
    );
    assert!(stderr.contains("panic requested"), "{stderr}");
    assert!(stderr.contains("Please report it"), "{stderr}");
    // Our hook replaces Rust's default message.
    assert!(
        !stderr.contains("note: run with `RUST_BACKTRACE=1`"),
        "{stderr}"
    );
}

/// The exit statuses CI tells apart, on the bundled example: 2 for a
/// difference with `--exit-code`, 0 for none, 1 for a usage error.
#[test]
fn exit_code_2_means_a_difference_and_nothing_else() {
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/../../schema/schema.prisma");
    let differs = plumb(&[
        "migrate",
        "diff",
        "--from-empty",
        "--to-schema",
        example,
        "--exit-code",
    ]);
    assert_eq!(differs.status.code(), Some(2), "{}", stderr(&differs));
    let same = plumb(&[
        "migrate",
        "diff",
        "--from-schema",
        example,
        "--to-schema",
        example,
        "--exit-code",
    ]);
    assert_eq!(same.status.code(), Some(0), "{}", stderr(&same));
    assert_eq!(stdout(&same), "No difference detected.\n");
    let usage = plumb(&["migrate", "diff", "--exit-code", "--no-such-flag"]);
    assert_eq!(usage.status.code(), Some(1));
}
