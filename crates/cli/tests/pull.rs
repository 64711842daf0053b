//! `plumb db pull` end to end: the schema written (Prisma's, from
//! `fixtures/pull/basic_models`), the texts, re-introspection, `--print`,
//! `--force`, and P4001 for an empty database.

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

mod support;

use support::{Project, text};

fn fixture(file: &str) -> String {
    let path = plumb_testkit::cases::fixtures()
        .join("pull/basic_models")
        .join(file);
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn db_pull_writes_prismas_schema_and_says_so() {
    let database = plumb_testkit::database();
    database
        .connect()
        .batch_execute(&fixture("database.sql"))
        .unwrap();
    let project = Project::new("pull-basic", &[]);
    let schema = project.path().join("prisma/schema.prisma");
    let output = project.plumb(&["db", "pull", "--url", database.url()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    // The oracle's text lacks the file's last newline.
    let expected = format!("{}\n", fixture("expected.prisma").trim_end());
    assert_eq!(std::fs::read_to_string(&schema).unwrap(), expected);
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains("\n- Introspecting based on datasource defined in prisma/schema.prisma\n✔ Introspected 2 models and wrote them into prisma/schema.prisma in "),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("ms\n      \nRun prisma generate to generate Prisma Client.\n\n"),
        "{stdout}"
    );
    assert_eq!(
        text(&output.stderr),
        "Prisma schema loaded from prisma/schema.prisma.\n"
    );

    // Pulled again into a schema with models: what it names is kept
    // (re-introspection), a model whose table is gone is dropped.
    let edited = expected
        .replace(
            "  User      User    @relation",
            "  author    User    @relation",
        )
        .replace("  Post  Post[]", "  posts Post[]")
        + "\nmodel Gone {\n  id Int @id\n}\n";
    std::fs::write(&schema, &edited).unwrap();
    let again = project.plumb(&["db", "pull", "--url", database.url()]);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stderr));
    let kept = std::fs::read_to_string(&schema).unwrap();
    assert!(
        kept.contains("  author    User    @relation(fields: [authorId], references: [id])\n"),
        "{kept}"
    );
    assert!(kept.contains("  posts Post[]\n"), "{kept}");
    assert!(!kept.contains("model Gone"), "{kept}");
    // --force starts from the config blocks alone.
    std::fs::write(&schema, &edited).unwrap();
    let forced = project.plumb(&["db", "pull", "--force", "--url", database.url()]);
    assert_eq!(forced.status.code(), Some(0), "{}", text(&forced.stderr));
    assert_eq!(std::fs::read_to_string(&schema).unwrap(), expected);

    // --print writes nothing, and prints the schema alone.
    std::fs::write(&schema, "datasource db {\n  provider = \"postgresql\"\n}\n").unwrap();
    let printed = project.plumb(&["db", "pull", "--print", "--url", database.url()]);
    assert_eq!(printed.status.code(), Some(0), "{}", text(&printed.stderr));
    assert_eq!(text(&printed.stdout), format!("{expected}\n\n"));
    assert_eq!(text(&printed.stderr), "");
    assert_eq!(
        std::fs::read_to_string(&schema).unwrap(),
        "datasource db {\n  provider = \"postgresql\"\n}\n"
    );
}

#[test]
fn an_empty_database_is_p4001_and_the_schema_stays() {
    let database = plumb_testkit::database();
    let project = Project::new("pull-empty", &[]);
    let output = project.plumb(&["db", "pull", "--url", database.url()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("Error: \nP4001 The introspected database was empty:\n\nplumb db pull could not create any models"),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(project.path().join("prisma/schema.prisma")).unwrap(),
        "datasource db {\n  provider = \"postgresql\"\n}\n"
    );
}

/// A schema's database, pulled, must diff empty against that database:
/// the example, the real-world-shaped benchmark schema (before and after
/// its evolution), and generated ones.
#[test]
fn a_pulled_schema_describes_its_database_exactly() {
    let repository = plumb_testkit::cases::fixtures().join("..");
    let mut schemas: Vec<(String, String)> = [
        "schema/schema.prisma",
        "fixtures/bench/realworld.prisma",
        "fixtures/bench/realworld_evolved.prisma",
    ]
    .iter()
    .map(|path| {
        (
            path.to_string(),
            std::fs::read_to_string(repository.join(path)).unwrap(),
        )
    })
    .collect();
    for (models, version) in [
        (3, plumb_testkit::generated::Version::Base),
        (12, plumb_testkit::generated::Version::Evolved),
    ] {
        schemas.push((
            format!("generated {models} {version:?}"),
            plumb_testkit::generated::schema(models, version),
        ));
    }
    for (name, schema) in schemas {
        let database = plumb_testkit::database();
        let project = Project::new("pull-round-trip", &[]);
        let original = project.path().join("original.prisma");
        std::fs::write(&original, &schema).unwrap();
        let created = project.plumb(&[
            "migrate",
            "diff",
            "--from-empty",
            "--to-schema",
            "original.prisma",
            "--script",
            "--no-lint",
        ]);
        assert_eq!(
            created.status.code(),
            Some(0),
            "{name}: {}",
            text(&created.stderr)
        );
        database
            .connect()
            .batch_execute(&text(&created.stdout))
            .unwrap();
        let pulled = project.plumb(&["db", "pull", "--print", "--url", database.url()]);
        assert_eq!(
            pulled.status.code(),
            Some(0),
            "{name}: {}",
            text(&pulled.stderr)
        );
        std::fs::write(project.path().join("pulled.prisma"), text(&pulled.stdout)).unwrap();
        let diff = project.plumb(&[
            "migrate",
            "diff",
            "--from-url",
            database.url(),
            "--to-schema",
            "pulled.prisma",
            "--exit-code",
        ]);
        assert_eq!(
            diff.status.code(),
            Some(0),
            "{name}: the pulled schema differs from its database:\n{}{}\n--- pulled\n{}",
            text(&diff.stdout),
            text(&diff.stderr),
            text(&pulled.stdout)
        );
        // Pulled into the schema itself (re-introspection), the result
        // keeps its names: it diffs empty against the schema too.
        let reintrospected = project.plumb(&[
            "db",
            "pull",
            "--print",
            "--schema",
            "original.prisma",
            "--url",
            database.url(),
        ]);
        assert_eq!(
            reintrospected.status.code(),
            Some(0),
            "{name}: {}",
            text(&reintrospected.stderr)
        );
        std::fs::write(
            project.path().join("reintrospected.prisma"),
            text(&reintrospected.stdout),
        )
        .unwrap();
        let kept = names(&text(&reintrospected.stdout));
        let lost: Vec<String> = names(&schema)
            .into_iter()
            .filter(|n| !kept.contains(n))
            .collect();
        assert!(lost.is_empty(), "{name}: re-introspection lost {lost:?}");
        for from in [
            vec!["--from-url", database.url()],
            vec!["--from-schema", "original.prisma"],
        ] {
            let mut arguments = vec!["migrate", "diff"];
            arguments.extend(from);
            arguments.extend(["--to-schema", "reintrospected.prisma", "--exit-code"]);
            let diff = project.plumb(&arguments);
            assert_eq!(
                diff.status.code(),
                Some(0),
                "{name}: the re-introspected schema differs ({arguments:?}):\n{}{}\n--- re-introspected\n{}",
                text(&diff.stdout),
                text(&diff.stderr),
                text(&reintrospected.stdout)
            );
        }
    }
}

/// Every model's scalar fields, and every enum's values, sorted.
/// (Relation fields are left out: where an implicit many-to-many
/// relation's model maps to a table whose name sorts after the other's,
/// Prisma no longer reads the join table as one, and neither does plumb:
/// it becomes a model.)
fn names(schema: &str) -> Vec<String> {
    let mut files = plumb_diagnostics::SourceFiles::default();
    let file = files.add("schema.prisma", schema);
    let mut diagnostics = plumb_diagnostics::Diagnostics::default();
    let ast = plumb_psl::parse(&files, file, &mut diagnostics);
    let models: Vec<&str> = ast
        .tops
        .iter()
        .filter_map(|top| match top {
            plumb_psl::ast::Top::Model(model) => Some(model.name.name.as_str()),
            _ => None,
        })
        .collect();
    let mut names = Vec::new();
    for top in &ast.tops {
        match top {
            plumb_psl::ast::Top::Model(model) => {
                for field in &model.fields {
                    let relation = field.field_type.as_ref().is_some_and(|t| {
                        matches!(&t.base, plumb_psl::ast::BaseType::Named(name) if models.contains(&name.name.as_str()))
                    });
                    if !relation {
                        names.push(format!("{}.{}", model.name.name, field.name.name));
                    }
                }
            }
            plumb_psl::ast::Top::Enum(enum_block) => {
                for value in &enum_block.values {
                    names.push(format!("{}.{}", enum_block.name.name, value.name.name));
                }
            }
            _ => {}
        }
    }
    names.sort();
    names
}

#[test]
fn warnings_follow_the_summary_or_go_to_stderr_as_comments() {
    let fixture = plumb_testkit::cases::fixtures().join("pull/no_identifier");
    let database = plumb_testkit::database();
    database
        .connect()
        .batch_execute(&std::fs::read_to_string(fixture.join("database.sql")).unwrap())
        .unwrap();
    let warnings = std::fs::read_to_string(fixture.join("expected_warnings.txt")).unwrap();
    let warnings = warnings.strip_suffix('\n').unwrap();
    let project = Project::new("pull-warnings", &[]);
    let output = project.plumb(&["db", "pull", "--url", database.url()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert!(
        stdout.ends_with(&format!(
            "ms\n      \n{warnings}\nRun prisma generate to generate Prisma Client.\n\n"
        )),
        "{stdout}"
    );
    std::fs::write(
        project.path().join("prisma/schema.prisma"),
        "datasource db {\n  provider = \"postgresql\"\n}\n",
    )
    .unwrap();
    let printed = project.plumb(&["db", "pull", "--print", "--url", database.url()]);
    assert_eq!(
        text(&printed.stderr),
        format!("{}\n", format!("\n{warnings}").replace('\n', "\n// "))
    );
    assert!(
        text(&printed.stderr)
            .starts_with("\n// *** WARNING ***\n// \n// The following models were ignored")
    );
}

/// `fixtures/pull/<case>/` with a `schema.prisma`: pulled into that
/// schema, whose generator and datasource blocks Prisma re-writes.
#[test]
fn pulled_into_an_existing_schema_as_prisma_pulls() {
    let root = plumb_testkit::cases::fixtures().join("pull");
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("schema.prisma").is_file())
        .collect();
    cases.sort();
    assert!(!cases.is_empty());
    for case in cases {
        let database = plumb_testkit::database();
        database
            .connect()
            .batch_execute(&std::fs::read_to_string(case.join("database.sql")).unwrap())
            .unwrap();
        let project = Project::new("pull-into", &[]);
        std::fs::copy(
            case.join("schema.prisma"),
            project.path().join("prisma/schema.prisma"),
        )
        .unwrap();
        let printed = project.plumb(&["db", "pull", "--print", "--url", database.url()]);
        assert_eq!(printed.status.code(), Some(0), "{}", text(&printed.stderr));
        let expected = std::fs::read_to_string(case.join("expected.prisma")).unwrap();
        assert_eq!(
            text(&printed.stdout),
            format!("{}\n\n\n", expected.trim_end()),
            "{}",
            case.display()
        );
    }
}

/// `--schemas` reads the schemas it names and writes them into the
/// datasource in its order (Prisma keeps the order given); otherwise the
/// schema is the one Prisma pulled with the same schemas declared.
#[test]
fn schemas_given_on_the_command_line_are_read_and_written_in_their_order() {
    let fixture = plumb_testkit::cases::fixtures().join("pull/multi_schema_basic");
    let database = plumb_testkit::database();
    database
        .connect()
        .batch_execute(&std::fs::read_to_string(fixture.join("database.sql")).unwrap())
        .unwrap();
    let project = Project::new("pull-schemas", &[]);
    let output = project.plumb(&[
        "db",
        "pull",
        "--print",
        "--schemas",
        "public,billing,auth",
        "--url",
        database.url(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let expected = std::fs::read_to_string(fixture.join("expected.prisma"))
        .unwrap()
        .replace(
            "schemas  = [\"auth\", \"billing\", \"public\"]",
            "schemas  = [\"public\", \"billing\", \"auth\"]",
        );
    // --print: the file's text, then a blank line, as Prisma prints it.
    assert_eq!(
        text(&output.stdout),
        format!("{}\n\n\n", expected.trim_end())
    );
}

/// A schema of several files: each model stays in its file, new ones go
/// to `introspected.prisma` in the schema's folder, `--print` prints the
/// files by path; `--force` replaces them all with that one file.
#[test]
fn a_schema_of_several_files_keeps_each_model_in_its_file() {
    let fixture = plumb_testkit::cases::fixtures().join("pull/multi_file_kept");
    let database = plumb_testkit::database();
    database
        .connect()
        .batch_execute(&std::fs::read_to_string(fixture.join("database.sql")).unwrap())
        .unwrap();
    let project = Project::new("pull-files", &[]);
    std::fs::remove_file(project.path().join("prisma/schema.prisma")).unwrap();
    let folder = project.path().join("prisma/schema");
    std::fs::create_dir_all(&folder).unwrap();
    for file in ["a.prisma", "b.prisma", "c.prisma"] {
        std::fs::copy(fixture.join("schema").join(file), folder.join(file)).unwrap();
    }
    let expected =
        |file: &str| std::fs::read_to_string(fixture.join("expected").join(file)).unwrap();

    let printed = project.plumb(&[
        "db",
        "pull",
        "--print",
        "--schema",
        "prisma/schema",
        "--url",
        database.url(),
    ]);
    assert_eq!(printed.status.code(), Some(0), "{}", text(&printed.stderr));
    let mut by_path = String::new();
    for file in ["a.prisma", "b.prisma", "c.prisma", "introspected.prisma"] {
        by_path.push_str(&format!("// prisma/schema/{file}\n{}\n", expected(file)));
    }
    assert_eq!(text(&printed.stdout), format!("{by_path}\n"));
    assert_eq!(
        std::fs::read_to_string(folder.join("b.prisma")).unwrap(),
        std::fs::read_to_string(fixture.join("schema/b.prisma")).unwrap(),
        "--print writes nothing"
    );

    let output = project.plumb(&[
        "db",
        "pull",
        "--schema",
        "prisma/schema",
        "--url",
        database.url(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    for file in ["a.prisma", "b.prisma", "c.prisma", "introspected.prisma"] {
        assert_eq!(
            std::fs::read_to_string(folder.join(file)).unwrap(),
            expected(file),
            "{file}"
        );
    }
    assert!(
        text(&output.stdout)
            .contains("✔ Introspected 3 models and wrote them into prisma/schema in "),
        "{}",
        text(&output.stdout)
    );

    let forced = project.plumb(&[
        "db",
        "pull",
        "--force",
        "--schema",
        "prisma/schema",
        "--url",
        database.url(),
    ]);
    assert_eq!(forced.status.code(), Some(0), "{}", text(&forced.stderr));
    let mut left: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["introspected.prisma"]);
    let all = std::fs::read_to_string(folder.join("introspected.prisma")).unwrap();
    assert!(all.starts_with("generator client {"), "{all}");
    assert!(
        all.contains("model users {"),
        "--force keeps no names: {all}"
    );
}

/// An invalid existing schema is refused (its diagnostics, then Prisma's
/// advice) unless `--force`, which keeps only its config blocks; a foreign
/// key into a schema that is not read is P4002.
#[test]
fn an_invalid_schema_is_refused_without_force_and_cross_schema_keys_are_p4002() {
    let database = plumb_testkit::database();
    database
        .connect()
        .batch_execute("CREATE TABLE post (id integer PRIMARY KEY, author_id integer)")
        .unwrap();
    let project = Project::new("pull-invalid", &[]);
    let schema = project.path().join("prisma/schema.prisma");
    let invalid = "datasource db {\n  provider = \"postgresql\"\n}\n\nmodel post {\n  id Int @id\n  author Nope\n}\n";
    std::fs::write(&schema, invalid).unwrap();
    let refused = project.plumb(&["db", "pull", "--url", database.url()]);
    assert_eq!(refused.status.code(), Some(1));
    let stderr = text(&refused.stderr);
    assert!(
        stderr.contains("Nope"),
        "the diagnostic names the problem: {stderr}"
    );
    assert!(
        stderr.contains("Error: Introspection failed as your current Prisma schema file is invalid\n\nPlease fix your current schema manually (using either plumb validate"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&schema).unwrap(), invalid);

    let forced = project.plumb(&["db", "pull", "--force", "--print", "--url", database.url()]);
    assert_eq!(forced.status.code(), Some(0), "{}", text(&forced.stderr));
    assert!(
        text(&forced.stdout).contains("model post {"),
        "{}",
        text(&forced.stdout)
    );

    // public.post refers to archive.author, which is not read.
    std::fs::write(&schema, "datasource db {\n  provider = \"postgresql\"\n}\n").unwrap();
    database
        .connect()
        .batch_execute(
            "CREATE SCHEMA archive; CREATE TABLE archive.author (id integer PRIMARY KEY);
             ALTER TABLE post ADD FOREIGN KEY (author_id) REFERENCES archive.author(id);",
        )
        .unwrap();
    let inconsistent = project.plumb(&["db", "pull", "--url", database.url()]);
    assert_eq!(inconsistent.status.code(), Some(1));
    assert!(
        text(&inconsistent.stderr).contains("Error: P4002\n\nThe schema of the introspected database was inconsistent: The schema of the introspected database was inconsistent: Cross schema references are only allowed when the target schema is listed in the schemas property of your datasource. `public.post` points to `archive.author` in constraint `post_author_id_fkey`. Please add `archive` to your `schemas` property and run this command again."),
        "{}",
        text(&inconsistent.stderr)
    );
}

/// With the `views` preview feature each view's query goes to
/// `views/<schema>/<name>.sql` beside the schema (Prisma's bytes, from the
/// fixture), other `.sql` files there are removed, also with `--print`.
#[test]
fn view_definitions_are_written_beside_the_schema() {
    let fixture = plumb_testkit::cases::fixtures().join("pull/views_basic");
    let database = plumb_testkit::database();
    database
        .connect()
        .batch_execute(&std::fs::read_to_string(fixture.join("database.sql")).unwrap())
        .unwrap();
    let project = Project::new("pull-views", &[]);
    std::fs::copy(
        fixture.join("schema.prisma"),
        project.path().join("prisma/schema.prisma"),
    )
    .unwrap();
    let views = project.path().join("prisma/views");
    std::fs::create_dir_all(views.join("public")).unwrap();
    std::fs::write(views.join("public/gone.sql"), "SELECT 1").unwrap();
    std::fs::write(views.join("notes.sql"), "kept: not in a schema folder").unwrap();

    let output = project.plumb(&["db", "pull", "--print", "--url", database.url()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    for name in ["adults", "Person_Names", "Renamedclass"] {
        let file = format!("public/{name}.sql");
        assert_eq!(
            std::fs::read_to_string(views.join(&file)).unwrap(),
            std::fs::read_to_string(fixture.join("expected_views").join(&file)).unwrap(),
            "{file}"
        );
    }
    assert!(!views.join("public/gone.sql").exists());
    assert!(views.join("notes.sql").exists());
}
