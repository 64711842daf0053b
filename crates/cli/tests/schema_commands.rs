//! `plumb validate`, `plumb format` and `plumb migrate diff` on schema files
//! in a temporary project folder, as a user runs them.

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A fresh folder for one test, removed when dropped.
struct Project(PathBuf);

impl Project {
    fn new(name: &str) -> Project {
        let dir = std::env::temp_dir().join(format!("plumb-cli-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Project(dir)
    }

    fn write(&self, relative: &str, text: &str) -> PathBuf {
        let path = self.0.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    fn plumb(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_plumb"))
            .args(args)
            .current_dir(&self.0)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }
}

impl Drop for Project {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

const VALID: &str = "datasource db {\n  provider = \"postgresql\"\n}\n\nmodel User {\n  id    Int    @id\n  email String @unique\n}\n";

#[test]
fn validate_finds_the_schema_where_prisma_looks_and_says_it_is_valid() {
    let project = Project::new("validate-default");
    project.write("prisma/schema.prisma", VALID);
    let output = project.plumb(&["validate"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "The schema at prisma/schema.prisma is valid 🚀\n"
    );
}

#[test]
fn validate_reports_every_error_with_its_location_and_exits_1() {
    let project = Project::new("validate-errors");
    project.write(
        "schema.prisma",
        "datasource db {\n  provider = \"postgresql\"\n}\n\nmodel User {\n  id   Int @id\n  post Post\n  age  Int @default(\"x\")\n}\n",
    );
    let output = project.plumb(&["validate", "--schema", "schema.prisma"]);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    assert!(
        errors.contains("error[E0105]: Type \"Post\" is neither"),
        "{errors}"
    );
    assert!(errors.contains("--> schema.prisma:7:8"), "{errors}");
    assert!(errors.contains("error[E0120]"), "{errors}");
    assert!(errors.contains("--> schema.prisma:8:"), "{errors}");
    assert_eq!(stdout(&output), "");
}

#[test]
fn validate_reads_every_file_of_a_schema_folder() {
    let project = Project::new("validate-folder");
    project.write(
        "prisma/schema/base.prisma",
        "datasource db {\n  provider = \"postgresql\"\n}\n",
    );
    project.write(
        "prisma/schema/user.prisma",
        "model User {\n  id    Int    @id\n  posts Post[]\n}\n",
    );
    project.write(
        "prisma/schema/post.prisma",
        "model Post {\n  id       Int  @id\n  authorId Int\n  author   User @relation(fields: [authorId], references: [id])\n}\n",
    );
    let output = project.plumb(&["validate", "--schema", "prisma/schema"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "The schemas at prisma/schema are valid 🚀\n"
    );
}

#[test]
fn validate_without_a_schema_says_where_it_looked() {
    let project = Project::new("validate-missing");
    let output = project.plumb(&["validate"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("./prisma/schema.prisma"),
        "{}",
        stderr(&output)
    );
}

const UNFORMATTED: &str = "datasource db {\n  provider = \"postgresql\"\n}\nmodel User {\n  id Int @id\n  email   String @unique\n  posts Post[]\n}\nmodel Post {\n  id Int @id\n  authorId Int\n  author User @relation(fields: [authorId], references: [id])\n}\n";

#[test]
fn format_check_shows_a_diff_changes_nothing_and_exits_1() {
    let project = Project::new("format-check");
    let path = project.write("schema.prisma", UNFORMATTED);
    let output = project.plumb(&["format", "--check"]);
    assert_eq!(output.status.code(), Some(1));
    let diff = stdout(&output);
    assert!(
        diff.contains("--- schema.prisma\n+++ schema.prisma (formatted)\n"),
        "{diff}"
    );
    assert!(diff.contains("\n-  email   String @unique\n"), "{diff}");
    assert!(diff.contains("\n+  email String @unique\n"), "{diff}");
    assert!(stderr(&output).contains("There are unformatted files"));
    assert_eq!(read(&path), UNFORMATTED);
}

#[test]
fn format_rewrites_the_file_and_then_check_passes() {
    let project = Project::new("format-write");
    let path = project.write("schema.prisma", UNFORMATTED);
    let output = project.plumb(&["format"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).starts_with("Formatted schema.prisma in "));
    let formatted = read(&path);
    assert!(
        formatted.contains("\n\nmodel Post {\n  id       Int  @id\n"),
        "{formatted}"
    );
    let again = project.plumb(&["format", "--check"]);
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(stdout(&again), "All files are formatted correctly!\n");
}

#[test]
fn format_leaves_an_invalid_schema_alone() {
    let project = Project::new("format-invalid");
    let text = "model User {\n  id Int @id\n  post   Post\n}\n";
    let path = project.write("schema.prisma", text);
    let output = project.plumb(&["format"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("error[E0105]"),
        "{}",
        stderr(&output)
    );
    assert_eq!(read(&path), text);
}

/// `fixtures/format/multi_file/<case>/`: `input/` formatted as one schema
/// folder must give `expected/`, which Prisma's formatter wrote
/// (`fixtures/format/regenerate.sh`).
#[test]
fn format_completes_relations_across_the_files_of_a_folder() {
    let cases = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/format/multi_file");
    let mut checked = 0;
    for case in std::fs::read_dir(&cases).unwrap() {
        let case = case.unwrap().path();
        let name = case.file_name().unwrap().to_str().unwrap().to_string();
        let project = Project::new(&format!("format-multi-{name}"));
        for file in std::fs::read_dir(case.join("input")).unwrap() {
            let file = file.unwrap().path();
            let relative = format!("schema/{}", file.file_name().unwrap().to_str().unwrap());
            project.write(&relative, &read(&file));
        }
        // Missing back relations make the schema invalid until formatted,
        // as with Prisma: format must still go ahead.
        let output = project.plumb(&["format", "--schema", "schema"]);
        assert_eq!(output.status.code(), Some(0), "{name}: {}", stderr(&output));
        for file in std::fs::read_dir(case.join("expected")).unwrap() {
            let file = file.unwrap().path();
            let formatted = project.0.join("schema").join(file.file_name().unwrap());
            assert_eq!(read(&formatted), read(&file), "{name}: {}", file.display());
        }
        let again = project.plumb(&["format", "--schema", "schema", "--check"]);
        assert_eq!(again.status.code(), Some(0), "{name}: not idempotent");
        checked += 1;
    }
    assert!(checked > 0, "no multi-file cases in {}", cases.display());
}

/// The README's first command: the bundled example is valid and already in
/// Prisma's layout (both checked with Prisma's own validate and format).
#[test]
fn the_bundled_example_is_valid_and_formatted() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_plumb"))
            .args(args)
            .current_dir(&root)
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    let validate = run(&["validate", "--schema", "schema/schema.prisma"]);
    assert_eq!(validate.status.code(), Some(0), "{}", stderr(&validate));
    assert!(
        stdout(&validate).contains("is valid 🚀"),
        "{}",
        stdout(&validate)
    );
    let check = run(&["format", "--schema", "schema/schema.prisma", "--check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
}

/// The README's first command prints Prisma's SQL for the example, which
/// `fixtures/diff/bundled_example/` holds (from a copy of the schema that
/// must stay equal to it).
#[test]
fn the_bundled_example_diffs_from_empty_like_prisma() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let case = root.join("fixtures/diff/bundled_example");
    assert_eq!(
        std::fs::read_to_string(root.join("schema/schema.prisma")).unwrap(),
        std::fs::read_to_string(case.join("to.prisma")).unwrap(),
        "copy schema/schema.prisma to fixtures/diff/bundled_example/to.prisma and run fixtures/diff/regenerate.sh bundled_example"
    );
    let output = Command::new(env!("CARGO_BIN_EXE_plumb"))
        .args([
            "migrate",
            "diff",
            "--from-empty",
            "--to-schema",
            "schema/schema.prisma",
            "--script",
        ])
        .current_dir(&root)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        std::fs::read_to_string(case.join("expected.sql")).unwrap()
    );
}

const DATASOURCE: &str = "datasource db {\n  provider = \"postgresql\"\n}\n";

#[test]
fn migrate_diff_exit_code_tells_whether_schemas_differ() {
    let project = Project::new("diff-exit-code");
    project.write(
        "a.prisma",
        &format!("{DATASOURCE}\nmodel A {{\n  id Int @id\n}}\n"),
    );
    let differs = project.plumb(&[
        "migrate",
        "diff",
        "--from-empty",
        "--to-schema",
        "a.prisma",
        "--exit-code",
    ]);
    assert_eq!(differs.status.code(), Some(2), "{}", stderr(&differs));
    assert!(
        stdout(&differs).contains("[+] Added tables\n  - A\n"),
        "{}",
        stdout(&differs)
    );
    let same = project.plumb(&[
        "migrate",
        "diff",
        "--from-schema",
        "a.prisma",
        "--to-schema-datamodel",
        "a.prisma",
        "--exit-code",
    ]);
    assert_eq!(same.status.code(), Some(0), "{}", stderr(&same));
    assert_eq!(stdout(&same), "No difference detected.\n");
    // Without --exit-code a difference is a success.
    let plain = project.plumb(&["migrate", "diff", "--from-empty", "--to-schema", "a.prisma"]);
    assert_eq!(plain.status.code(), Some(0));
}

#[test]
fn migrate_diff_needs_exactly_one_source_and_one_target() {
    let project = Project::new("diff-sources");
    project.write("a.prisma", DATASOURCE);
    for (args, message) in [
        (
            &["migrate", "diff", "--to-empty"][..],
            "Error: 0 `--from-...` parameter(s) provided. 1 must be provided.\n",
        ),
        (
            &[
                "migrate",
                "diff",
                "--from-empty",
                "--from-schema",
                "a.prisma",
                "--to-empty",
            ][..],
            "Error: 2 `--from-...` parameter(s) provided. 1 must be provided.\n",
        ),
        (
            &["migrate", "diff", "--from-empty"][..],
            "Error: 0 `--to-...` parameter(s) provided. 1 must be provided.\n",
        ),
    ] {
        let output = project.plumb(args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert_eq!(stderr(&output), message, "{args:?}");
        assert_eq!(stdout(&output), "");
    }
    // A folder that is not a Prisma migrations folder is refused before
    // any database is needed.
    let folder = project.plumb(&["migrate", "diff", "--from-migrations", "m", "--to-empty"]);
    assert_eq!(folder.status.code(), Some(1));
    assert_eq!(
        stderr(&folder),
        "Error: Could not determine the connector from the migrations directory (missing migration_lock.toml).\n"
    );
}

#[test]
fn migrate_diff_reports_an_unreachable_or_bad_url_as_prisma_does() {
    let project = Project::new("diff-url-errors");
    // Port 1 on the loopback: nothing listens there.
    let unreachable = project.plumb(&[
        "migrate",
        "diff",
        "--from-url",
        "postgresql://u:secret@127.0.0.1:1/db",
        "--to-empty",
    ]);
    assert_eq!(unreachable.status.code(), Some(1));
    assert_eq!(
        stderr(&unreachable),
        "Error: P1001\n\nCan't reach database server at `127.0.0.1:1`\n\nPlease make sure your database server is running at `127.0.0.1:1`.\n"
    );
    let bad = project.plumb(&[
        "migrate",
        "diff",
        "--from-url",
        "postgresql://u:secret@127.0.0.1:port/db",
        "--to-empty",
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).starts_with("Error: P1013\n\nThe provided database string is invalid."));
    for output in [&unreachable, &bad] {
        assert!(!stderr(output).contains("secret"));
    }
}

#[test]
fn migrate_diff_writes_the_script_to_the_output_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let project = Project::new("diff-output");
    let out = project.0.join("migration.sql");
    let schema = root.join("schema/schema.prisma");
    let output = project.plumb(&[
        "migrate",
        "diff",
        "--from-empty",
        "--to-schema",
        schema.to_str().unwrap(),
        "--script",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "");
    assert_eq!(
        std::fs::read_to_string(out).unwrap(),
        std::fs::read_to_string(root.join("fixtures/diff/bundled_example/expected.sql")).unwrap()
    );
}

#[test]
fn migrate_diff_between_two_schema_files_prints_prismas_migration() {
    // Oracle-recorded cases: a feature branch that alters, adds and
    // indexes, and a field moved within its model (no difference).
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let project = Project::new("diff-alter");
    for (case, exit_code) in [
        ("combo_blog_feature_branch", 2),
        ("field_moved_within_model", 0),
    ] {
        let case = root.join("fixtures/diff").join(case);
        let from = case.join("from.prisma");
        let to = case.join("to.prisma");
        for (flags, expected) in [
            (&["--script"][..], "expected.sql"),
            (&[][..], "expected.txt"),
        ] {
            let mut arguments = vec![
                "migrate",
                "diff",
                "--from-schema",
                from.to_str().unwrap(),
                "--to-schema",
                to.to_str().unwrap(),
                "--exit-code",
            ];
            arguments.extend(flags);
            let output = project.plumb(&arguments);
            assert_eq!(output.status.code(), Some(exit_code), "{}", stderr(&output));
            assert_eq!(
                stdout(&output),
                std::fs::read_to_string(case.join(expected)).unwrap()
            );
        }
    }
}

#[test]
fn migrate_diff_reports_an_invalid_schema_with_its_location() {
    let project = Project::new("diff-invalid");
    project.write(
        "bad.prisma",
        &format!("{DATASOURCE}\nmodel A {{\n  id Int @id\n  b  Nope\n}}\n"),
    );
    let output = project.plumb(&[
        "migrate",
        "diff",
        "--from-empty",
        "--to-schema",
        "bad.prisma",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "");
    let errors = stderr(&output);
    assert!(errors.contains("bad.prisma:7:"), "{errors}");
    assert!(
        errors.contains("Type \"Nope\" is neither a built-in type"),
        "{errors}"
    );
    let no_datasource = project.write("plain.prisma", "model A {\n  id Int @id\n}\n");
    let output = project.plumb(&[
        "migrate",
        "diff",
        "--from-empty",
        "--to-schema",
        no_datasource.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "Error: There is no datasource in the schema.\n"
    );
}
