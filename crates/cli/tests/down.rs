//! Down migrations (issue 23): `migrate dev` writes `down.sql` beside each
//! migration, `migrate down` runs them newest first and removes the rows
//! from `_prisma_migrations`, so `migrate deploy` applies them again.
//! Random schema chains (empty → a → b → c, the soundness generator), a
//! folder Prisma wrote (down scripts made from the replayed folder), and
//! the refusals (drift, no terminal, an unknown target).

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

mod support;

use plumb_soundness::generate;
use plumb_soundness::rng::Rng;
use support::{Project, one_at_a_time, text};

/// a, b and c: a random schema and two evolutions of it, rendered.
fn chain(seed: u64) -> [String; 3] {
    let mut rng = Rng::new(seed);
    let a = generate::schema(&mut rng);
    let mut b = a.clone();
    generate::evolve(&mut rng, &mut b);
    generate::fixup(&mut b);
    let mut c = b.clone();
    generate::evolve(&mut rng, &mut c);
    generate::fixup(&mut c);
    [a.render(), b.render(), c.render()]
}

/// `migrate dev` to `schema`; `false` when it refuses without a terminal
/// (Prisma's warnings for a unique constraint added, say), as it must.
fn migrate_dev(project: &Project, schema: &str, name: &str, url: &str) -> bool {
    std::fs::write(project.path().join("prisma/schema.prisma"), schema).unwrap();
    let output = project.plumb(&["migrate", "dev", "--name", name, "--url", url]);
    // The next migration's directory must not share this one's second.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    if text(&output.stderr).contains("non-interactive") {
        return false;
    }
    assert_eq!(
        output.status.code(),
        Some(0),
        "{name}: {}{}\n{schema}",
        text(&output.stdout),
        text(&output.stderr)
    );
    true
}

/// The migrations' directory names, in order.
fn migration_names(folder: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn diff_is_empty(project: &Project, url: &str, schema: &str) -> Result<(), String> {
    std::fs::write(project.path().join("expected.prisma"), schema).unwrap();
    let diff = project.plumb(&[
        "migrate",
        "diff",
        "--from-url",
        url,
        "--to-schema",
        "expected.prisma",
        "--exit-code",
    ]);
    if diff.status.code() == Some(0) {
        Ok(())
    } else {
        Err(format!("{}{}", text(&diff.stdout), text(&diff.stderr)))
    }
}

#[test]
fn two_steps_down_leave_the_first_schema_and_deploy_brings_them_back() {
    let _server = one_at_a_time();
    let mut chains = 0;
    for seed in 1..=40 {
        if chains == 3 {
            break;
        }
        let [a, b, c] = chain(seed);
        if a == b || b == c {
            continue;
        }
        let database = plumb_testkit::database();
        let url = database.url();
        let project = Project::new(&format!("down-{seed}"), &[]);
        std::fs::remove_dir_all(project.path().join("prisma/migrations")).unwrap();
        let made = [(&a, "a"), (&b, "b"), (&c, "c")]
            .iter()
            .all(|(schema, name)| migrate_dev(&project, schema, name, url));
        if !made {
            continue;
        }
        chains += 1;
        let folder = project.path().join("prisma/migrations");
        let names = migration_names(&folder);
        assert_eq!(names.len(), 3, "seed {seed}");
        for name in &names {
            assert!(
                folder.join(name).join("down.sql").is_file(),
                "seed {seed}: {name} has no down.sql"
            );
        }

        // migrate check replays each down.sql after its migration.
        let check = project.plumb(&["migrate", "check"]);
        assert_eq!(
            check.status.code(),
            Some(0),
            "seed {seed}: {}",
            text(&check.stdout)
        );
        let down_b = folder.join(&names[1]).join("down.sql");
        let written = std::fs::read_to_string(&down_b).unwrap();
        std::fs::write(&down_b, "-- nothing undone\n").unwrap();
        let check = project.plumb(&["migrate", "check"]);
        assert_eq!(
            check.status.code(),
            Some(2),
            "seed {seed}: {}",
            text(&check.stdout)
        );
        assert!(
            text(&check.stdout).contains("error[down-script-incomplete]"),
            "seed {seed}: {}",
            text(&check.stdout)
        );
        std::fs::write(&down_b, written).unwrap();

        let down = project.plumb(&["migrate", "down", "--steps", "2", "--force", "--url", url]);
        assert_eq!(
            down.status.code(),
            Some(0),
            "seed {seed}: {}",
            text(&down.stderr)
        );
        diff_is_empty(&project, url, &a).unwrap_or_else(|d| panic!("seed {seed}: not a:\n{d}"));
        let status = project.plumb(&["migrate", "status", "--url", url]);
        let stdout = text(&status.stdout);
        assert!(
            stdout.contains(&format!(
                "Following migrations have not yet been applied:\n{}\n{}\n",
                names[1], names[2]
            )),
            "seed {seed}: {stdout}"
        );

        let deploy = project.plumb(&["migrate", "deploy", "--url", url]);
        assert_eq!(
            deploy.status.code(),
            Some(0),
            "seed {seed}: {}",
            text(&deploy.stderr)
        );
        diff_is_empty(&project, url, &c).unwrap_or_else(|d| panic!("seed {seed}: not c:\n{d}"));
    }
    assert_eq!(
        chains, 3,
        "fewer random chains than wanted went through migrate dev"
    );
}

/// A folder written by Prisma, without down scripts (the history
/// fixture's schema changes: its function and data migrations left out,
/// since a script made from the schema cannot undo them): each is made
/// from the replayed folder, `--write` saves them for review, and after
/// rolling back everything and deploying again the database is the one
/// deployed once.
#[test]
fn migrations_without_down_scripts_are_undone_from_the_replayed_folder() {
    let _server = one_at_a_time();
    let source = plumb_testkit::cases::fixtures().join("history/interop/migrations");
    let project = Project::with_folder("down-prisma", &source);
    let folder = project.path().join("prisma/migrations");
    for unmanaged in ["20240104000000_function", "20240106000000_data"] {
        std::fs::remove_dir_all(folder.join(unmanaged)).unwrap();
    }
    let reference = plumb_testkit::database();
    let database = plumb_testkit::database();
    let url = database.url();
    for target in [reference.url(), url] {
        let deploy = project.plumb(&["migrate", "deploy", "--url", target]);
        assert_eq!(deploy.status.code(), Some(0), "{}", text(&deploy.stderr));
    }
    let names = migration_names(&folder);
    assert!(!folder.join(names.last().unwrap()).join("down.sql").exists());

    // Without a terminal and without --force: refused, nothing changed.
    let refused = project.plumb(&["migrate", "down", "--url", url]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        text(&refused.stderr).contains("--force"),
        "{}",
        text(&refused.stderr)
    );

    let written = project.plumb(&["migrate", "down", "--write", "--url", url]);
    assert_eq!(written.status.code(), Some(0), "{}", text(&written.stderr));
    let newest = folder.join(names.last().unwrap()).join("down.sql");
    assert_eq!(
        std::fs::read_to_string(&newest).unwrap(),
        "/*\n  Warnings:\n\n  - You are about to drop the `Tag` table. If the table is not empty, all the data it contains will be lost.\n\n*/\n-- DropTable\nDROP TABLE \"public\".\"Tag\";\n",
        "{}",
        text(&written.stdout)
    );
    let status = project.plumb(&["migrate", "status", "--url", url]);
    assert!(text(&status.stdout).contains("Database schema is up to date!"));

    let all = names.len().to_string();
    let down = project.plumb(&["migrate", "down", "--steps", &all, "--force", "--url", url]);
    assert_eq!(down.status.code(), Some(0), "{}", text(&down.stderr));
    let tables: i64 = database
        .connect()
        .query_one(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(tables, 0, "{}", text(&down.stdout));
    let deploy = project.plumb(&["migrate", "deploy", "--url", url]);
    assert_eq!(deploy.status.code(), Some(0), "{}", text(&deploy.stderr));
    let same = project.plumb(&[
        "migrate",
        "diff",
        "--from-url",
        reference.url(),
        "--to-url",
        url,
        "--exit-code",
    ]);
    assert_eq!(same.status.code(), Some(0), "{}", text(&same.stdout));
}

#[test]
fn a_drifted_database_or_an_unknown_target_is_refused() {
    let _server = one_at_a_time();
    let database = plumb_testkit::database();
    let url = database.url();
    let project = Project::new("down-refusals", &[]);
    std::fs::remove_dir_all(project.path().join("prisma/migrations")).unwrap();
    let schema = |columns: &str| {
        format!(
            "datasource db {{\n  provider = \"postgresql\"\n}}\n\nmodel User {{\n  id Int @id\n{columns}}}\n"
        )
    };
    assert!(migrate_dev(&project, &schema(""), "a", url));
    assert!(migrate_dev(&project, &schema("  bio String?\n"), "b", url));
    let unknown = project.plumb(&["migrate", "down", "--to", "nope", "--force", "--url", url]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(text(&unknown.stderr).contains("`nope` is not a migration applied"));
    database
        .connect()
        .batch_execute("CREATE TABLE sneaky (id integer PRIMARY KEY)")
        .unwrap();
    let drifted = project.plumb(&["migrate", "down", "--force", "--url", url]);
    assert_eq!(drifted.status.code(), Some(1));
    assert!(
        text(&drifted.stderr).contains("drifted"),
        "{}",
        text(&drifted.stderr)
    );
    let status = project.plumb(&["migrate", "status", "--url", url]);
    assert!(text(&status.stdout).contains("Database schema is up to date!"));
}

/// The bundled example: its first migration made by `migrate dev`, rolled
/// back to an empty database with its `down.sql`, and deployed again.
#[test]
fn the_bundled_example_goes_down_and_up_again() {
    let _server = one_at_a_time();
    let database = plumb_testkit::database();
    let url = database.url();
    let project = Project::new("down-bundled", &[]);
    std::fs::remove_dir_all(project.path().join("prisma/migrations")).unwrap();
    let example = plumb_testkit::cases::fixtures().join("../schema/schema.prisma");
    let schema = std::fs::read_to_string(example).unwrap();
    assert!(migrate_dev(&project, &schema, "init", url));
    let down = project.plumb(&["migrate", "down", "--force", "--url", url]);
    assert_eq!(down.status.code(), Some(0), "{}", text(&down.stderr));
    let left: i64 = database
        .connect()
        .query_one(
            "SELECT (SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations')
                  + (SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                     WHERE n.nspname = 'public' AND t.typtype = 'e')",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(left, 0, "{}", text(&down.stdout));
    let deploy = project.plumb(&["migrate", "deploy", "--url", url]);
    assert_eq!(deploy.status.code(), Some(0), "{}", text(&deploy.stderr));
    diff_is_empty(&project, url, &schema).unwrap();
}
