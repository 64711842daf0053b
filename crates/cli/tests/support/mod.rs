//! A project folder with a schema and migrations, and `plumb` run in it
//! as a user runs it.

#![allow(dead_code, reason = "each test file uses its own part")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub struct Project(pub PathBuf);

impl Project {
    pub fn new(name: &str, migrations: &[(&str, &str)]) -> Project {
        let dir =
            std::env::temp_dir().join(format!("plumb-cli-deploy-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("prisma/migrations")).unwrap();
        std::fs::write(
            dir.join("prisma/schema.prisma"),
            "datasource db {\n  provider = \"postgresql\"\n}\n",
        )
        .unwrap();
        for (name, script) in migrations {
            std::fs::create_dir_all(dir.join("prisma/migrations").join(name)).unwrap();
            std::fs::write(
                dir.join("prisma/migrations")
                    .join(name)
                    .join("migration.sql"),
                script,
            )
            .unwrap();
        }
        Project(dir)
    }

    /// A project whose `prisma/migrations` is a copy of `folder`, byte for byte.
    pub fn with_folder(name: &str, folder: &Path) -> Project {
        let project = Project::new(name, &[]);
        copy_tree(folder, &project.0.join("prisma/migrations"));
        project
    }

    /// `plumb <args>` in the project: no DATABASE_URL, no colours, no
    /// terminal, and none of the variables that mark CI or an AI agent, so
    /// that the outcome does not depend on who runs the tests.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_plumb"));
        command.args(args);
        self.isolate(&mut command);
        command
    }

    /// Runs `command` in the project with the environment described above.
    pub fn isolate(&self, command: &mut Command) {
        command
            .current_dir(&self.0)
            .env_clear()
            .env("NO_COLOR", "1")
            .stdin(Stdio::null());
        for kept in ["PATH", "HOME", "TMPDIR"] {
            if let Some(value) = std::env::var_os(kept) {
                command.env(kept, value);
            }
        }
    }

    /// `plumb <arguments>` on a pseudo-terminal (util-linux `script`, part
    /// of every Debian system), with `answer` typed in; `arguments` is one
    /// shell-quoted string.
    pub fn plumb_on_a_terminal(&self, arguments: &str, answer: &str) -> Output {
        let plumb = env!("CARGO_BIN_EXE_plumb");
        let mut command = Command::new("script");
        self.isolate(&mut command);
        command
            .args(["-qec", &format!("{plumb} {arguments}"), "/dev/null"])
            .env("TERM", "xterm")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().unwrap();
        std::io::Write::write_all(&mut child.stdin.take().unwrap(), answer.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    }

    pub fn plumb(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// `plumb <args>` with `input` on standard input.
    pub fn plumb_with_input(&self, args: &[&str], input: &str) -> Output {
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::io::Write::write_all(&mut child.stdin.take().unwrap(), input.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    }

    /// `plumb migrate <args>`.
    pub fn migrate(&self, args: &[&str]) -> Output {
        let mut all = vec!["migrate"];
        all.extend_from_slice(args);
        self.plumb(&all)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    pub fn deploy(&self, url: &str) -> Output {
        self.migrate(&["deploy", "--url", url])
    }

    pub fn status(&self, url: &str) -> Output {
        self.migrate(&["status", "--url", url])
    }

    pub fn add(&self, name: &str, script: &str) {
        let dir = self.0.join("prisma/migrations").join(name);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("migration.sql"), script).unwrap();
    }

    pub fn remove(&self, name: &str) {
        std::fs::remove_dir_all(self.0.join("prisma/migrations").join(name)).unwrap();
    }

    pub fn resolve(&self, url: &str, flag: &str, name: &str) -> Output {
        self.migrate(&["resolve", "--url", url, flag, name])
    }
}

impl Drop for Project {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `host:port` of a test database's URL, as plumb's texts name the server.
pub fn server_of(database: &plumb_testkit::TestDatabase) -> String {
    database.server()
}

/// One test at a time in a test file that checks the whole server for
/// shadow databases, which another test's run in progress would have.
pub fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    static SERVER: std::sync::Mutex<()> = std::sync::Mutex::new(());
    SERVER
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The temporary shadow databases on the test server.
pub fn shadow_databases(database: &plumb_testkit::TestDatabase) -> Vec<String> {
    database
        .connect()
        .query(
            "SELECT datname::text FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'",
            &[],
        )
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect()
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
