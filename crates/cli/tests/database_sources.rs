//! `plumb migrate diff` with database sides, as a user runs it: by URL, by
//! a schema's datasource (`env("…")` resolved from a `.env` beside the
//! schema), and by `DATABASE_URL` from a `.env` in the working directory.
//! Each database is the testkit's, made with Prisma's SQL for the schema.

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A fixture whose database Prisma's SQL builds: its schema (with the
/// datasource `header` instead of its own) and that SQL.
fn fixture(header: &str) -> (String, String) {
    let case = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/diff/add_table_with_relation_index_and_foreign_key");
    let read = |name: &str| std::fs::read_to_string(case.join(name)).unwrap();
    let schema = read("to.prisma");
    let models = &schema[schema.find("model ").unwrap()..];
    (
        format!("{header}{models}"),
        read("from.sql") + &read("expected.sql"),
    )
}

struct Folder(PathBuf);

impl Folder {
    fn new(name: &str) -> Folder {
        let dir =
            std::env::temp_dir().join(format!("plumb-db-sources-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Folder(dir)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    fn plumb(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_plumb"))
            .args(args)
            .current_dir(&self.0)
            .env_remove("DATABASE_URL")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn every_kind_of_database_side_reads_the_same_database() {
    let datasource = "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"PLUMB_SOURCES_URL\")\n}\n\n";
    let (schema_text, sql) = fixture(datasource);
    let database = plumb_testkit::database();
    database.connect().batch_execute(&sql).unwrap();
    let folder = Folder::new("every-kind");
    let schema = folder.write("schema.prisma", &schema_text);
    let schema = schema.to_str().unwrap();
    folder.write(
        ".env",
        &format!(
            "PLUMB_SOURCES_URL=\"{}\"\nDATABASE_URL={}\n",
            database.url(),
            database.url()
        ),
    );
    for from in [
        &["--from-url", database.url()][..],
        &["--from-schema-datasource", schema][..],
        &["--from-config-datasource"][..],
    ] {
        let mut args = vec!["migrate", "diff"];
        args.extend_from_slice(from);
        args.extend_from_slice(&["--to-schema", schema, "--exit-code"]);
        let output = folder.plumb(&args);
        assert_eq!(text(&output.stderr), "", "{from:?}");
        assert_eq!(
            text(&output.stdout),
            "No difference detected.\n",
            "{from:?}"
        );
        assert_eq!(output.status.code(), Some(0), "{from:?}");
    }
    // And a real difference, the other way round: the database lacks a
    // column the schema has.
    let changed = folder.write(
        "changed.prisma",
        &schema_text.replace(
            "  email String @unique\n",
            "  email String @unique\n  name  String?\n",
        ),
    );
    let output = folder.plumb(&[
        "migrate",
        "diff",
        "--from-config-datasource",
        "--to-schema",
        changed.to_str().unwrap(),
        "--script",
        "--exit-code",
    ]);
    assert_eq!(
        text(&output.stdout),
        "-- AlterTable\nALTER TABLE \"User\" ADD COLUMN     \"name\" TEXT;\n"
    );
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn a_missing_environment_variable_is_named() {
    let folder = Folder::new("missing-env");
    let schema = folder.write(
        "schema.prisma",
        "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"PLUMB_NOWHERE_URL\")\n}\n",
    );
    let output = folder.plumb(&[
        "migrate",
        "diff",
        "--from-schema-datasource",
        schema.to_str().unwrap(),
        "--to-empty",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stderr),
        "Error: Environment variable not found: PLUMB_NOWHERE_URL.\n"
    );
    let output = folder.plumb(&["migrate", "diff", "--from-config-datasource", "--to-empty"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("DATABASE_URL"));
}

#[test]
fn a_missing_database_is_prismas_p1003_and_the_password_stays_hidden() {
    let database = plumb_testkit::database();
    let url = database.url();
    // The same server and credentials, a database that does not exist.
    let (server, _) = url.rsplit_once('/').unwrap();
    let missing = format!("{server}/plumb_no_such_database");
    let folder = Folder::new("missing-db");
    let output = folder.plumb(&["migrate", "diff", "--from-url", &missing, "--to-empty"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.starts_with("Error: P1003\n\nDatabase `plumb_no_such_database` does not exist on the database server at `"),
        "{stderr}"
    );
    if let Some(password) = plumb_introspect::ConnectionUrl::parse(url)
        .ok()
        .and_then(|parsed| parsed.password().map(str::to_string))
    {
        assert!(!stderr.contains(&password));
    }
}

#[test]
fn tls_and_unix_sockets_as_libpq_reads_sslmode_and_host() {
    let certificate = match plumb_testkit::server_certificate() {
        Ok(certificate) => certificate.to_str().unwrap().to_string(),
        Err(reason) => panic!("this test needs the testkit's TLS server: {reason}"),
    };
    let database = plumb_testkit::database();
    let url = database.url().to_string();
    let folder = Folder::new("tls");
    let diff = |url: &str| folder.plumb(&["migrate", "diff", "--from-url", url, "--to-empty"]);
    let with = |query: &str| format!("{url}?{query}");
    // Encrypted, any certificate (libpq's and Prisma's `require`).
    for query in ["sslmode=require", "sslmode=prefer", "sslmode=disable"] {
        let output = diff(&with(query));
        assert_eq!(text(&output.stderr), "", "{query}");
        assert_eq!(text(&output.stdout), "No difference detected.\n", "{query}");
    }
    // Checked: the self-signed certificate is nobody's root until named.
    let refused = diff(&with("sslmode=verify-full"));
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        text(&refused.stderr).starts_with("Error: P1011\n\nError opening a TLS connection: "),
        "{}",
        text(&refused.stderr)
    );
    for query in [
        format!("sslmode=verify-full&sslrootcert={certificate}"),
        format!("sslmode=verify-ca&sslrootcert={certificate}"),
        format!("sslmode=require&sslaccept=strict&sslcert={certificate}"),
    ] {
        let output = diff(&with(&query));
        assert_eq!(text(&output.stderr), "", "{query}");
        assert_eq!(output.status.code(), Some(0), "{query}");
    }
    // A Unix socket: the cluster's directory, named by `host=`.
    let (_, directory) = plumb_testkit::local_cluster_process().expect("the testkit's own cluster");
    let port = url.rsplit_once(':').unwrap().1.split('/').next().unwrap();
    let socket = format!(
        "postgresql://postgres@/{}?host={}&port={port}",
        database.name(),
        directory.display()
    );
    let output = diff(&socket);
    assert_eq!(text(&output.stderr), "", "{socket}");
    assert_eq!(text(&output.stdout), "No difference detected.\n");
}
