//! The Mermaid diagrams of `--format markdown` must render: each lint
//! fixture's report, and a project whose names stress Mermaid's syntax,
//! are drawn by the real `mermaid` package (`scripts/mermaid/`, installed
//! by `.ci/run`) in headless Chromium; a parse error fails the test. A
//! broken diagram is drawn too, to show the harness sees failures.
//!
//! Skipped, saying why, where Chromium is absent (Debian's `chromium`;
//! `PLUMB_CHROMIUM` names another), unless `PLUMB_REQUIRE_CHROMIUM` is set
//! (`.ci/run` sets it). `PLUMB_DIAGRAM_PNG=<file>` also
//! writes the stress project's diagram as a picture (docs/lint-diagram.png).

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::{Project, text};

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("PLUMB_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|path| path.is_file())
}

/// A schema whose names Mermaid reads only if plumb writes them well:
/// columns called `pk`, `pk id`, `fk.ref`, `pké` and an enum `Uk` (Mermaid
/// reads them as keys), names with spaces, quotes and `%`, a second
/// schema, lists, enums, two-argument types, a self-reference.
const STRESS: &str = r#"CREATE SCHEMA "audit";
CREATE TYPE "Role" AS ENUM ('admin', 'user');
CREATE TABLE "User" ("id" SERIAL PRIMARY KEY, "pk" INTEGER, "email" TEXT NOT NULL UNIQUE);
CREATE TABLE "Old table" ("id" INTEGER PRIMARY KEY, "user id" INTEGER REFERENCES "User"("id"));
"#;

const STRESS_CHANGE: &str = r#"CREATE TYPE "Uk" AS ENUM ('a', 'b');
CREATE TABLE "Order" (
  "id" BIGSERIAL PRIMARY KEY,
  "userId" INTEGER NOT NULL REFERENCES "User"("id"),
  "parentId" BIGINT REFERENCES "Order"("id"),
  "total" DECIMAL(10, 2) NOT NULL,
  "tags" TEXT[],
  "role" "Role" NOT NULL DEFAULT 'user',
  "100% ""quoted""" DOUBLE PRECISION,
  "pk id" INTEGER,
  "fk.ref" INTEGER,
  "pké" TEXT,
  "kinds" "Uk"[]
);
CREATE TABLE "audit"."Entry" ("id" SERIAL PRIMARY KEY, "orderId" BIGINT REFERENCES "Order"("id"), "at" TIMESTAMP(3) NOT NULL);
ALTER TABLE "User" ALTER COLUMN "pk" TYPE BIGINT, ADD COLUMN "name" VARCHAR(200), ALTER COLUMN "email" DROP NOT NULL;
DROP TABLE "Old table";
"#;

#[test]
#[allow(clippy::print_stderr, reason = "a skipped test says why")]
fn every_diagram_of_the_markdown_report_renders_in_mermaid() {
    let Some(chromium) = chromium() else {
        // `.ci/run` installs it and sets PLUMB_REQUIRE_CHROMIUM: there,
        // its absence is a failure.
        assert!(
            std::env::var_os("PLUMB_REQUIRE_CHROMIUM").is_none(),
            "Chromium not found, and PLUMB_REQUIRE_CHROMIUM asks for the diagrams to be rendered"
        );
        eprintln!(
            "skipped: Chromium not found (install Debian's `chromium`, or set PLUMB_CHROMIUM)"
        );
        return;
    };
    let mermaid = repository().join("scripts/mermaid/node_modules/mermaid/dist/mermaid.min.js");
    assert!(
        mermaid.is_file(),
        "{} is missing: run `npm ci --prefix scripts/mermaid`",
        mermaid.display()
    );
    let mut diagrams = Vec::new();
    let stress = Project::new(
        "mermaid-stress",
        &[
            ("20240101000000_setup", STRESS),
            ("20240102000000_change", STRESS_CHANGE),
        ],
    );
    std::fs::write(
        stress.path().join("prisma/schema.prisma"),
        "datasource db {\n  provider = \"postgresql\"\n  schemas  = [\"public\", \"audit\"]\n}\n",
    )
    .unwrap();
    let stress_diagram = diagrams_of(&stress.migrate(&["lint", "--format", "markdown"]));
    assert_eq!(stress_diagram.len(), 1);
    for mark in [
        "\"Order (new)\"",
        "\"audit.Entry (new)\"",
        "\"User (changed)\"",
        "\"Old table (dropped)\"",
    ] {
        assert!(
            stress_diagram[0].contains(mark),
            "{mark}: {}",
            stress_diagram[0]
        );
    }
    diagrams.extend(stress_diagram.iter().cloned());
    let fixtures = repository().join("fixtures/lint");
    let setup = std::fs::read_to_string(fixtures.join("setup.sql")).unwrap();
    let mut codes: Vec<String> = std::fs::read_dir(&fixtures)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.join("migration.sql").is_file())
        .map(|path| path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    codes.sort();
    assert!(codes.len() >= 10, "{codes:?}");
    for code in &codes {
        let migration = std::fs::read_to_string(fixtures.join(code).join("migration.sql")).unwrap();
        let project = Project::new(
            &format!("mermaid-{code}"),
            &[
                ("20240101000000_setup", setup.as_str()),
                ("20240102000000_change", migration.as_str()),
            ],
        );
        diagrams.extend(diagrams_of(
            &project.migrate(&["lint", "--format", "markdown"]),
        ));
    }
    // Most fixtures change a table; a few only touch enums or schemas.
    assert!(diagrams.len() >= codes.len() / 2, "{}", diagrams.len());
    let broken = "erDiagram\n    \"A\" {\n        int pk\n    }\n".to_string();
    let mut all = diagrams.clone();
    all.push(broken);
    let results = render(&chromium, &mermaid, &all);
    assert_eq!(results.len(), all.len(), "{results:?}");
    for (diagram, result) in diagrams.iter().zip(&results) {
        assert!(result.starts_with("ok"), "{result}\n{diagram}");
    }
    assert!(
        results.last().unwrap().starts_with("error"),
        "the broken diagram rendered: {results:?}"
    );
    if let Some(png) = std::env::var_os("PLUMB_DIAGRAM_PNG") {
        screenshot(&chromium, &mermaid, &stress_diagram[0], Path::new(&png));
    }
}

/// The ```` ```mermaid ```` blocks of a Markdown report.
fn diagrams_of(output: &std::process::Output) -> Vec<String> {
    let report = text(&output.stdout);
    assert!(
        matches!(output.status.code(), Some(0 | 2)),
        "{report}{}",
        text(&output.stderr)
    );
    report
        .split("```mermaid\n")
        .skip(1)
        .map(|block| block.split("```").next().unwrap().to_string())
        .collect()
}

/// A page that renders each diagram and writes, one line each, `ok` or
/// `error: <why>` into `#out`.
fn page(mermaid: &Path, diagrams: &[String]) -> String {
    let quoted: Vec<String> = diagrams
        .iter()
        .map(|d| serde_json::to_string(d).unwrap())
        .collect();
    format!(
        r#"<!doctype html><html><body><pre id="out">pending</pre><div id="shown"></div>
<script src="file://{}"></script>
<script>
const diagrams = [{}];
mermaid.initialize({{ startOnLoad: false }});
(async () => {{
  const results = [];
  for (const [i, source] of diagrams.entries()) {{
    try {{
      const {{ svg }} = await mermaid.render("d" + i, source);
      if (i === 0) document.getElementById("shown").innerHTML = svg;
      results.push("ok " + i);
    }} catch (e) {{
      results.push("error " + i + ": " + String(e.message || e).replace(/\n/g, " "));
    }}
  }}
  document.getElementById("out").textContent = results.join("\n");
}})();
</script></body></html>"#,
        mermaid.display(),
        quoted.join(",")
    )
}

fn headless(chromium: &Path, profile: &Path) -> Command {
    let mut command = Command::new(chromium);
    command.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--virtual-time-budget=30000",
    ]);
    command.arg(format!("--user-data-dir={}", profile.display()));
    command
}

/// Each diagram's result, in order.
fn render(chromium: &Path, mermaid: &Path, diagrams: &[String]) -> Vec<String> {
    let dir = scratch("render");
    let html = dir.join("page.html");
    std::fs::write(&html, page(mermaid, diagrams)).unwrap();
    let mut command = headless(chromium, &dir.join("profile"));
    command
        .arg("--dump-dom")
        .arg(format!("file://{}", html.display()));
    let dom = run(command);
    let out = dom
        .split("<pre id=\"out\">")
        .nth(1)
        .and_then(|rest| rest.split("</pre>").next())
        .unwrap_or_else(|| panic!("no results in the page Chromium printed:\n{dom}"));
    assert_ne!(out, "pending", "the page never finished");
    out.lines().map(unescape).collect()
}

/// The first diagram, drawn, as a PNG.
fn screenshot(chromium: &Path, mermaid: &Path, diagram: &str, png: &Path) {
    let dir = scratch("screenshot");
    let html = dir.join("page.html");
    let page = page(mermaid, &[diagram.to_string()]).replace(
        "<pre id=\"out\">",
        "<pre id=\"out\" style=\"display:none\">",
    );
    std::fs::write(&html, page).unwrap();
    let mut command = headless(chromium, &dir.join("profile"));
    command
        .arg(format!("--screenshot={}", png.display()))
        .arg("--window-size=1000,1100")
        .arg("--hide-scrollbars")
        .arg(format!("file://{}", html.display()));
    run(command);
    assert!(png.is_file(), "no picture at {}", png.display());
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("plumb-mermaid-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs Chromium for at most a minute; its standard output (through a
/// file: a pipe would fill up and stall it).
fn run(mut command: Command) -> String {
    let printed = scratch("stdout").join("stdout.txt");
    let mut child = command
        .stdout(std::fs::File::create(&printed).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("Chromium took more than a minute");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    std::fs::read_to_string(&printed).unwrap()
}

fn unescape(line: &str) -> String {
    line.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}
