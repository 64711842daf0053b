//! Renames that keep the data (issue 23): a model, a field, an enum and an
//! enum value renamed in one `migrate dev --rename …` on a database with
//! rows — the rows are intact, the next diff is empty, and the database is
//! the one the new schema builds from nothing (no difference either way).
//! Without the flags and without a terminal nothing is guessed; a flag
//! that names nothing is refused before anything changes.

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

mod support;

use support::{Project, one_at_a_time, text};

const BEFORE: &str = r#"datasource db {
  provider = "postgresql"
}

enum Role {
  USER
  ADMIN
}

model User {
  id          Int     @id @default(autoincrement())
  displayName String? @unique
  role        Role    @default(ADMIN)
  posts       Post[]
}

model Post {
  id       Int    @id @default(autoincrement())
  authorId Int
  title    String
  author   User   @relation(fields: [authorId], references: [id])

  @@index([authorId])
}
"#;

const AFTER: &str = r#"datasource db {
  provider = "postgresql"
}

enum Level {
  USER
  MANAGER
}

model Account {
  id    Int     @id @default(autoincrement())
  name  String? @unique
  role  Level   @default(MANAGER)
  posts Post[]
}

model Post {
  id       Int     @id @default(autoincrement())
  authorId Int
  title    String
  author   Account @relation(fields: [authorId], references: [id])

  @@index([authorId])
}
"#;

const FLAGS: [&str; 8] = [
    "--rename",
    "User=Account",
    "--rename",
    "Account.displayName=Account.name",
    "--rename",
    "Role=Level",
    "--rename",
    "Level.ADMIN=MANAGER",
];

/// A project migrated to `BEFORE`, with rows, whose schema is now `AFTER`.
fn renamed_project(name: &str, database: &plumb_testkit::TestDatabase) -> Project {
    let project = Project::new(name, &[]);
    std::fs::remove_dir_all(project.path().join("prisma/migrations")).unwrap();
    std::fs::write(project.path().join("prisma/schema.prisma"), BEFORE).unwrap();
    let first = project.plumb(&["migrate", "dev", "--name", "init", "--url", database.url()]);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    database
        .connect()
        .batch_execute(
            "INSERT INTO \"User\" (\"displayName\", role) VALUES ('ann', 'ADMIN'), ('bob', 'USER');
             INSERT INTO \"Post\" (\"authorId\", title) VALUES (1, 'first'), (2, 'second'), (1, 'third');",
        )
        .unwrap();
    std::fs::write(project.path().join("prisma/schema.prisma"), AFTER).unwrap();
    // The next migration's directory must not share the first one's second.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    project
}

fn migrations(project: &Project) -> usize {
    std::fs::read_dir(project.path().join("prisma/migrations"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().is_dir())
        .count()
}

#[test]
fn renames_keep_the_rows_and_build_the_new_schemas_database() {
    let _server = one_at_a_time();
    let database = plumb_testkit::database();
    let project = renamed_project("renames", &database);
    let mut args = vec![
        "migrate",
        "dev",
        "--name",
        "rename",
        "--url",
        database.url(),
    ];
    args.extend(FLAGS);
    let output = project.plumb(&args);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));

    // The rows, with their values, under the new names.
    let mut client = database.connect();
    let accounts: Vec<(i32, Option<String>, String)> = client
        .query(
            "SELECT id, name, role::text FROM \"Account\" ORDER BY id",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    assert_eq!(
        accounts,
        [
            (1, Some("ann".to_string()), "MANAGER".to_string()),
            (2, Some("bob".to_string()), "USER".to_string())
        ]
    );
    let posts: i64 = client
        .query_one(
            "SELECT count(*) FROM \"Post\" JOIN \"Account\" a ON a.id = \"authorId\"",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(posts, 3);
    // A new row takes the sequence on where it was, and the default
    // names the renamed value.
    let (id, role): (i32, String) = {
        let row = client
            .query_one(
                "INSERT INTO \"Account\" (name) VALUES ('cy') RETURNING id, role::text",
                &[],
            )
            .unwrap();
        (row.get(0), row.get(1))
    };
    assert_eq!((id, role.as_str()), (3, "MANAGER"));

    // The migration renames; it drops nothing.
    let folder = project.path().join("prisma/migrations");
    let script = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with("_rename"))
        .map(|p| std::fs::read_to_string(p.join("migration.sql")).unwrap())
        .unwrap();
    for expected in [
        "ALTER TABLE \"User\" RENAME TO \"Account\";",
        "ALTER SEQUENCE \"User_id_seq\" RENAME TO \"Account_id_seq\";",
        "ALTER TABLE \"Account\" RENAME COLUMN \"displayName\" TO \"name\";",
        "ALTER TYPE \"Role\" RENAME TO \"Level\";",
        "ALTER TYPE \"Level\" RENAME VALUE 'ADMIN' TO 'MANAGER';",
        "ALTER TABLE \"Account\" RENAME CONSTRAINT \"User_pkey\" TO \"Account_pkey\";",
        "ALTER INDEX \"User_displayName_key\" RENAME TO \"Account_name_key\";",
    ] {
        assert!(
            script.contains(expected),
            "{expected} missing from:\n{script}"
        );
    }
    assert!(!script.contains("DROP"), "{script}");

    // Nothing is left to do, and the database is the new schema's.
    let settled = project.plumb(&[
        "migrate",
        "diff",
        "--from-url",
        database.url(),
        "--to-schema",
        "prisma/schema.prisma",
        "--exit-code",
    ]);
    assert_eq!(settled.status.code(), Some(0), "{}", text(&settled.stdout));
    let fresh = plumb_testkit::database();
    let created = project.plumb(&[
        "migrate",
        "diff",
        "--from-empty",
        "--to-schema",
        "prisma/schema.prisma",
        "--script",
        "--no-lint",
    ]);
    fresh
        .connect()
        .batch_execute(&text(&created.stdout))
        .unwrap();
    for (from, to) in [(database.url(), fresh.url()), (fresh.url(), database.url())] {
        let same = project.plumb(&[
            "migrate",
            "diff",
            "--from-url",
            from,
            "--to-url",
            to,
            "--exit-code",
        ]);
        assert_eq!(same.status.code(), Some(0), "{}", text(&same.stdout));
    }
    // The sequence carries the new name too, as it would from nothing.
    let sequence: Option<String> = client
        .query_one("SELECT pg_get_serial_sequence('\"Account\"', 'id')", &[])
        .unwrap()
        .get(0);
    assert_eq!(sequence.as_deref(), Some("public.\"Account_id_seq\""));
}

#[test]
fn without_flags_or_a_terminal_nothing_is_guessed() {
    let _server = one_at_a_time();
    let database = plumb_testkit::database();
    let project = renamed_project("renames-unflagged", &database);
    let output = project.plumb(&[
        "migrate",
        "dev",
        "--name",
        "rename",
        "--url",
        database.url(),
    ]);
    // Prisma's plan drops the table: refused without a terminal.
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stdout));
    let stderr = text(&output.stderr);
    for hint in [
        "--rename User=Account",
        "--rename Account.displayName=Account.name",
        "--rename Role=Level",
        "--rename Level.ADMIN=MANAGER",
    ] {
        assert!(stderr.contains(hint), "{hint} missing from:\n{stderr}");
    }
    assert_eq!(migrations(&project), 1);

    // A flag that names nothing is refused before anything is written.
    let typo = project.plumb(&[
        "migrate",
        "dev",
        "--name",
        "rename",
        "--url",
        database.url(),
        "--rename",
        "Account.dispName=Account.name",
    ]);
    assert_eq!(typo.status.code(), Some(1));
    assert!(
        text(&typo.stderr)
            .contains("looks renamed as `--rename Account.dispName=Account.name` says"),
        "{}",
        text(&typo.stderr)
    );
    let malformed = project.plumb(&[
        "migrate",
        "dev",
        "--url",
        database.url(),
        "--rename",
        "User",
    ]);
    assert_eq!(malformed.status.code(), Some(1));
    assert!(text(&malformed.stderr).contains("is not a rename"));
    assert_eq!(migrations(&project), 1);
    let rows: i64 = database
        .connect()
        .query_one("SELECT count(*) FROM \"User\"", &[])
        .unwrap()
        .get(0);
    assert_eq!(rows, 2);
}

#[test]
fn migrate_diff_says_and_writes_the_renames() {
    let project = Project::new("renames-diff", &[]);
    std::fs::write(project.path().join("before.prisma"), BEFORE).unwrap();
    std::fs::write(project.path().join("after.prisma"), AFTER).unwrap();
    let mut args = vec![
        "migrate",
        "diff",
        "--from-schema",
        "before.prisma",
        "--to-schema",
        "after.prisma",
    ];
    args.extend(FLAGS);
    let summary = project.plumb(&args);
    assert_eq!(summary.status.code(), Some(0), "{}", text(&summary.stderr));
    let stdout = text(&summary.stdout);
    assert!(
        stdout.starts_with(
            "[~] Renamed model User to Account\n[~] Renamed field Account.displayName to Account.name\n[~] Renamed enum Role to Level\n[~] Renamed enum value Level.ADMIN to Level.MANAGER\n"
        ),
        "{stdout}"
    );
    args.extend(["--script", "--no-lint"]);
    let script = project.plumb(&args);
    assert_eq!(
        text(&script.stdout),
        "-- RenameTable\nALTER TABLE \"User\" RENAME TO \"Account\";\n\n-- RenameColumn\nALTER TABLE \"Account\" RENAME COLUMN \"displayName\" TO \"name\";\n\n-- RenameEnum\nALTER TYPE \"Role\" RENAME TO \"Level\";\n\n-- RenameEnumValue\nALTER TYPE \"Level\" RENAME VALUE 'ADMIN' TO 'MANAGER';\n\n-- AlterTable\nALTER TABLE \"Account\" RENAME CONSTRAINT \"User_pkey\" TO \"Account_pkey\";\n\n-- RenameIndex\nALTER INDEX \"User_displayName_key\" RENAME TO \"Account_name_key\";\n"
    );
}

/// On a terminal each candidate is a question: yes renames, no (or
/// nothing) leaves Prisma's drop and add.
#[test]
fn on_a_terminal_each_candidate_is_asked() {
    let _server = one_at_a_time();
    let database = plumb_testkit::database();
    let project = renamed_project("renames-terminal", &database);
    let output = project.plumb_on_a_terminal(
        &format!("migrate dev --name rename --url {}", database.url()),
        "y\ny\ny\ny\n",
    );
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    for question in [
        "Did you rename `User` to `Account`?",
        "Did you rename `Account.displayName` to `Account.name`?",
        "Did you rename `Role` to `Level`?",
        "Did you rename `Level.ADMIN` to `Level.MANAGER`?",
    ] {
        assert!(stdout.contains(question), "{question} not asked:\n{stdout}");
    }
    let name: Option<String> = database
        .connect()
        .query_one("SELECT name FROM \"Account\" WHERE id = 1", &[])
        .unwrap()
        .get(0);
    assert_eq!(name.as_deref(), Some("ann"));
}

/// The names of foreign keys, indexes and keys made from a renamed column
/// or table follow it; the script runs and leaves nothing to change.
#[test]
fn key_and_index_names_follow_the_renamed_names() {
    let database = plumb_testkit::database();
    let project = Project::new("renames-keys", &[]);
    let before = "datasource db {\n  provider = \"postgresql\"\n}\n\nmodel User {\n  id    Int    @id @default(autoincrement())\n  posts Post[]\n  notes Note[]\n}\n\nmodel Post {\n  id       Int  @id\n  authorId Int\n  author   User @relation(fields: [authorId], references: [id])\n\n  @@index([authorId])\n}\n\nmodel Note {\n  id     Int  @id\n  userId Int\n  user   User @relation(fields: [userId], references: [id])\n}\n";
    let after = before
        .replace("authorId", "writerId")
        .replace("model Note {", "model Memo {")
        .replace("notes Note[]", "notes Memo[]");
    std::fs::write(project.path().join("before.prisma"), before).unwrap();
    std::fs::write(project.path().join("after.prisma"), &after).unwrap();
    let created = project.plumb(&[
        "migrate",
        "diff",
        "--from-empty",
        "--to-schema",
        "before.prisma",
        "--script",
        "--no-lint",
    ]);
    database
        .connect()
        .batch_execute(&text(&created.stdout))
        .unwrap();
    let renames = project.plumb(&[
        "migrate",
        "diff",
        "--from-url",
        database.url(),
        "--to-schema",
        "after.prisma",
        "--script",
        "--no-lint",
        "--rename",
        "Post.authorId=Post.writerId",
        "--rename",
        "Note=Memo",
    ]);
    assert_eq!(renames.status.code(), Some(0), "{}", text(&renames.stderr));
    let script = text(&renames.stdout);
    for expected in [
        "ALTER TABLE \"Note\" RENAME TO \"Memo\";",
        "ALTER TABLE \"Post\" RENAME COLUMN \"authorId\" TO \"writerId\";",
        "RENAME CONSTRAINT \"Post_authorId_fkey\" TO \"Post_writerId_fkey\";",
        "RENAME CONSTRAINT \"Note_userId_fkey\" TO \"Memo_userId_fkey\";",
        "RENAME CONSTRAINT \"Note_pkey\" TO \"Memo_pkey\";",
        "RENAME TO \"Post_writerId_idx\";",
    ] {
        assert!(
            script.contains(expected),
            "{expected} missing from:\n{script}"
        );
    }
    assert!(!script.contains("DROP"), "{script}");
    database.connect().batch_execute(&script).unwrap();
    let settled = project.plumb(&[
        "migrate",
        "diff",
        "--from-url",
        database.url(),
        "--to-schema",
        "after.prisma",
        "--exit-code",
    ]);
    assert_eq!(settled.status.code(), Some(0), "{}", text(&settled.stdout));
}

/// `db push --rename` keeps the data too.
#[test]
fn db_push_renames_with_the_flag() {
    let _server = one_at_a_time();
    let database = plumb_testkit::database();
    let project = Project::new("renames-push", &[]);
    std::fs::write(project.path().join("prisma/schema.prisma"), BEFORE).unwrap();
    let pushed = project.plumb(&["db", "push", "--url", database.url()]);
    assert_eq!(pushed.status.code(), Some(0), "{}", text(&pushed.stderr));
    database
        .connect()
        .batch_execute("INSERT INTO \"User\" (\"displayName\") VALUES ('ann')")
        .unwrap();
    std::fs::write(project.path().join("prisma/schema.prisma"), AFTER).unwrap();
    let mut args = vec!["db", "push", "--url", database.url()];
    args.extend(FLAGS);
    let renamed = project.plumb(&args);
    assert_eq!(renamed.status.code(), Some(0), "{}", text(&renamed.stderr));
    let name: Option<String> = database
        .connect()
        .query_one("SELECT name FROM \"Account\"", &[])
        .unwrap()
        .get(0);
    assert_eq!(name.as_deref(), Some("ann"));
}
