//! The development loop, scenario by scenario (`fixtures/dev/<name>/`):
//! each `scenario.txt` is a list of steps — schema edits, `plumb` runs, SQL
//! run by hand, files written — and `expected.txt` the transcript Prisma's
//! texts make of it (`docs/reference/prisma-dev-commands.md`), with the
//! database's state as queried along the way. After the last step the
//! folder and the database must both match the scenario's `final` schema,
//! no shadow database may be left on the server, and every migration plumb
//! wrote must be, below its warnings header, the SQL the oracle recorded
//! for the same change (`oracle/<name>.sql`, from `fixtures/dev/regenerate.sh`).
//! plumb adds to Prisma's texts the hazards of each migration it writes
//! (`docs/lint.md`), on standard error.
//!
//! With `PLUMB_KEEP_SCENARIOS=<dir>` (and `PLUMB_TEST_DATABASE_URL`), each
//! scenario's project and a copy of its database are kept for the
//! regenerate script to show the oracle.

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

mod support;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use plumb_testkit::TestDatabase;
use plumb_testkit::cases::{self, Trial};
use support::{Project, one_at_a_time, text};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/dev")
}

fn main() -> ExitCode {
    let scenarios = cases::discover("dev", |path| path.join("scenario.txt").is_file());
    let mut trials = cases::trials("dev", scenarios, |case| {
        scenario(&case.name);
        Ok(())
    });
    trials.push(Trial::test(
        "dev::the_first_migration_of_the_example_is_the_oracles",
        || {
            the_first_migration_of_the_example_is_the_oracles();
            Ok(())
        },
    ));
    cases::run(trials)
}

/// Runs `fixtures/dev/<name>/scenario.txt` and checks what it left; a
/// panic says what differs.
fn scenario(name: &str) {
    let _serial = one_at_a_time();
    let folder = fixtures().join(name);
    let steps = std::fs::read_to_string(folder.join("scenario.txt")).unwrap();
    let database = plumb_testkit::database();
    let project = Project::new(&format!("dev-{name}"), &[]);
    std::fs::remove_dir_all(project.path().join("prisma/migrations")).unwrap();
    let mut transcript = String::new();
    let mut last_schema = None;
    for line in steps
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let (verb, rest) = line.split_once(' ').unwrap_or((line, ""));
        match verb {
            "schema" => {
                std::fs::copy(
                    folder.join(rest),
                    project.path().join("prisma/schema.prisma"),
                )
                .unwrap();
                last_schema = Some(rest.to_string());
            }
            "plumb" => {
                wait_for_a_new_second();
                let args: Vec<&str> = rest.split(' ').collect();
                let output = project
                    .command(&args)
                    .env("DATABASE_URL", database.url())
                    .output()
                    .unwrap();
                transcript.push_str(&format!(
                    "$ plumb {rest}\nexit: {}\n--- stdout\n{}--- stderr\n{}--- end\n",
                    output
                        .status
                        .code()
                        .map_or("signal".into(), |c| c.to_string()),
                    text(&output.stdout),
                    text(&output.stderr)
                ));
            }
            "sql" => {
                database.connect().batch_execute(rest).unwrap();
            }
            "query" => {
                let rows = database.connect().simple_query(rest).unwrap();
                transcript.push_str(&format!("> {rest}\n"));
                for row in rows {
                    if let postgres::SimpleQueryMessage::Row(row) = row {
                        let values: Vec<&str> = (0..row.len())
                            .map(|i| row.get(i).unwrap_or("NULL"))
                            .collect();
                        transcript.push_str(&format!("{}\n", values.join("|")));
                    }
                }
                transcript.push_str("--- end\n");
            }
            "write" => {
                let (path, source) = rest.split_once(' ').unwrap();
                let path = project.path().join(path);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::copy(folder.join(source), path).unwrap();
            }
            "append-to-migration" => {
                let (number, added) = rest.split_once(' ').unwrap();
                let file =
                    migration_files(project.path())[number.parse::<usize>().unwrap() - 1].clone();
                let mut script = std::fs::read_to_string(&file).unwrap();
                script.push_str(added);
                script.push('\n');
                std::fs::write(file, script).unwrap();
            }
            "show" => {
                let file = created_migration(project.path(), rest);
                transcript.push_str(&format!(
                    "# {rest}/migration.sql\n{}\n--- end\n",
                    std::fs::read_to_string(file).unwrap()
                ));
            }
            "expect-migration" => {
                let file = created_migration(project.path(), rest);
                let written = std::fs::read_to_string(file).unwrap();
                let body = match written.strip_prefix("/*\n  Warnings:") {
                    Some(rest) => rest.split_once("*/\n").unwrap().1.to_string(),
                    None => written,
                };
                let oracle =
                    std::fs::read_to_string(folder.join(format!("oracle/{rest}.sql"))).unwrap();
                assert_eq!(
                    format!("{body}\n").trim_end(),
                    oracle.trim_end(),
                    "{name}: migration {rest} is not the oracle's SQL"
                );
            }
            "final" => {
                assert_eq!(last_schema.as_deref(), Some(rest), "{name}: final schema");
                matches_schema(&project, &database, name);
                // Regenerating: the verdict is what the script records next.
                if std::env::var_os("PLUMB_KEEP_SCENARIOS").is_none() {
                    oracle_agreed(&folder, name);
                }
            }
            other => panic!("{name}: unknown step `{other}`"),
        }
    }
    keep(name, &project, &database);
    let expected = std::fs::read_to_string(folder.join("expected.txt")).unwrap();
    let actual = normalized(&transcript, &database);
    if expected != actual {
        let diff = similar::TextDiff::from_lines(&expected, &actual);
        panic!(
            "{name}: the transcript differs from expected.txt (- expected, + plumb):\n{}",
            diff.unified_diff().context_radius(3)
        );
    }
    no_shadow_database_left(&database);
}

/// The folder (replayed) and the database both match the schema, by
/// plumb's own diff (the oracle's view is recorded by the regenerate
/// script).
fn matches_schema(project: &Project, database: &TestDatabase, name: &str) {
    let mut sources = vec![vec!["--from-url", database.url()]];
    if project.path().join("prisma/migrations").exists() {
        sources.push(vec!["--from-migrations", "prisma/migrations"]);
    }
    for from in sources {
        let mut args = vec!["migrate", "diff"];
        args.extend(&from);
        args.extend(["--to-schema", "prisma/schema.prisma", "--exit-code"]);
        let output = project
            .command(&args)
            .env("DATABASE_URL", database.url())
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{name}: {} does not match the schema:\n{}{}",
            from[0],
            text(&output.stdout),
            text(&output.stderr)
        );
    }
}

/// The oracle's verdict on this scenario's final folder and database, as
/// `regenerate.sh` recorded it: no difference from either.
fn oracle_agreed(folder: &Path, name: &str) {
    let verdict = std::fs::read_to_string(folder.join("oracle/final.txt"))
        .unwrap_or_else(|_| panic!("{name}: run fixtures/dev/regenerate.sh"));
    let answers: Vec<&str> = verdict.lines().filter(|l| !l.starts_with("$ ")).collect();
    assert!(
        verdict.contains("$ diff --from url:") && !answers.is_empty(),
        "{name}: {verdict}"
    );
    assert!(
        answers
            .iter()
            .all(|answer| *answer == "No difference detected."),
        "{name}: the oracle disagreed:\n{verdict}"
    );
}

/// `migrate dev` on the bundled example writes, byte for byte, the SQL
/// the oracle gives for the same step (`fixtures/dev/example.sql`).
fn the_first_migration_of_the_example_is_the_oracles() {
    let _serial = one_at_a_time();
    let database = plumb_testkit::database();
    let project = Project::new("dev-example", &[]);
    std::fs::remove_dir_all(project.path().join("prisma/migrations")).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schema/schema.prisma"),
        project.path().join("prisma/schema.prisma"),
    )
    .unwrap();
    let output = project
        .command(&["migrate", "dev", "--name", "init"])
        .env("DATABASE_URL", database.url())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let written = std::fs::read_to_string(created_migration(project.path(), "init")).unwrap();
    let oracle = std::fs::read_to_string(fixtures().join("example.sql")).unwrap();
    assert!(
        written == oracle,
        "the example's migration is not the oracle's SQL"
    );
    assert_eq!(
        std::fs::read_to_string(project.path().join("prisma/migrations/migration_lock.toml"))
            .unwrap(),
        "# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = \"postgresql\"\n"
    );
    no_shadow_database_left(&database);
}

fn no_shadow_database_left(database: &TestDatabase) {
    assert_eq!(
        support::shadow_databases(database),
        Vec::<String>::new(),
        "a shadow database was left behind"
    );
}

/// The migration files of the project, in order.
fn migration_files(project: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(project.join("prisma/migrations"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .map(|path| path.join("migration.sql"))
        .collect();
    files.sort();
    files
}

/// The migration plumb created with this name (`<timestamp>_<name>`).
fn created_migration(project: &Path, name: &str) -> PathBuf {
    migration_files(project)
        .into_iter()
        .find(|file| {
            let directory = file
                .parent()
                .unwrap()
                .file_name()
                .unwrap()
                .to_string_lossy();
            directory.len() > 15 && directory[15..] == *name
        })
        .unwrap_or_else(|| panic!("no migration named {name}"))
}

/// Migration directories are named by the second: two made in the same
/// second would sort by name, not by when they were made.
fn wait_for_a_new_second() {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    std::thread::sleep(Duration::from_nanos(u64::from(
        1_000_000_000 - now.subsec_nanos(),
    )));
}

/// Placeholders for what changes from run to run: migration timestamps,
/// the database's name and server, durations.
fn normalized(transcript: &str, database: &TestDatabase) -> String {
    let server = database
        .url()
        .split('@')
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap();
    let text = transcript
        .replace(database.name(), "<database>")
        .replace(server, "<server>");
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let digits = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let boundary = i == 0 || !chars[i - 1].is_ascii_alphanumeric();
        if boundary && digits == 14 && chars[i..].starts_with(&['2', '0']) {
            out.push_str("<timestamp>");
            i += 14;
        } else if text_at(&chars, i, "Done in ") {
            out.push_str("Done in <time>");
            i += "Done in ".len();
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

fn text_at(chars: &[char], at: usize, word: &str) -> bool {
    word.chars()
        .enumerate()
        .all(|(k, c)| chars.get(at + k) == Some(&c))
}

/// Keeps the project and a copy of the database for the oracle, when asked.
fn keep(name: &str, project: &Project, database: &TestDatabase) {
    let Some(keep) = std::env::var_os("PLUMB_KEEP_SCENARIOS") else {
        return;
    };
    let target = Path::new(&keep).join(name);
    let _ = std::fs::remove_dir_all(&target);
    std::fs::create_dir_all(&target).unwrap();
    std::fs::copy(
        project.path().join("prisma/schema.prisma"),
        target.join("schema.prisma"),
    )
    .unwrap();
    let migrations = project.path().join("prisma/migrations");
    if migrations.exists() {
        copy_dir(&migrations, &target.join("migrations"));
    }
    let copy = format!("plumb_scenario_{name}");
    let admin = plumb_introspect::ConnectionUrl::parse(&database.url_of("postgres")).unwrap();
    let mut client = admin.config().connect(postgres::NoTls).unwrap();
    client
        .batch_execute(&format!("DROP DATABASE IF EXISTS \"{copy}\""))
        .unwrap();
    client
        .batch_execute(&format!(
            "CREATE DATABASE \"{copy}\" TEMPLATE \"{}\"",
            database.name()
        ))
        .unwrap();
    std::fs::write(target.join("database_url"), database.url_of(&copy)).unwrap();
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}
