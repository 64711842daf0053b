//! The hand-written parser against the pest grammar it implements: for
//! every schema in the repository and for thousands of mutated ones, both
//! must give the same AST (spans included) and the same diagnostics.
//! `examples/fuzz_parser.rs --differential` runs the same comparison for as
//! long as you like.

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

#[allow(
    dead_code,
    reason = "the mutator's other half is the robustness test's"
)]
mod support;

#[path = "support/pest_reference.rs"]
mod pest_reference;

use std::path::{Path, PathBuf};

use pest_reference::compare;
use support::mutate::{Rng, mutate, seeds};

/// Every `.prisma` file under `dir`, recursively, in a stable order.
fn prisma_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            prisma_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "prisma") {
            out.push(path);
        }
    }
}

#[test]
fn every_schema_in_the_repository_parses_as_the_grammar_says() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut paths = Vec::new();
    prisma_files(&root.join("fixtures"), &mut paths);
    prisma_files(&root.join("schema"), &mut paths);
    assert!(paths.len() > 400, "only {} schemas found", paths.len());
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        if let Err(difference) = compare(&text) {
            panic!("{}: {difference}", path.display());
        }
    }
}

#[test]
fn mutated_schemas_parse_as_the_grammar_says() {
    let seeds = seeds();
    let mut rng = Rng::new(0x5EED_0F9A);
    let mut compared = 0;
    for round in 0..12 {
        for seed in &seeds {
            let input = mutate(seed, &mut rng);
            let text = String::from_utf8_lossy(&input);
            if let Err(difference) = compare(&text) {
                panic!("round {round}: {difference}");
            }
            compared += 1;
        }
    }
    assert!(compared > 1_000, "only {compared} inputs compared");
}

#[test]
fn hand_picked_corners_parse_as_the_grammar_says() {
    for text in [
        // Spaces that end up inside spans: after an attribute without
        // arguments, after a type without suffix, before a newline.
        "model A {\n  id Int   @id   @default(1)  \n}\n",
        "model A {\n  id Int ? @id\n  b String [] ?\n  c [Int]\n  d Int!\n}\n",
        "model A {\n  id: Int @ id\n}\n",
        // Documentation above, beside, and interrupted.
        "/// one\n/// two\nmodel A {\n  /// f\n  id Int /// g\n  /// lost\n  junk line\n  b Int\n}\n",
        "enum E {\n  /// above\n  A /// beside\n  /// only\n  B\n}\n",
        // Blocks that never close, close mid-line, or have no keyword.
        "model A {\n  id Int @id\n",
        "model A {\n  id Int @default(\"}\")\n  b Int\n",
        "foo Bar {\n  x\n}\nmodel {\n}\n",
        "model A B {\n  id Int\n}\n",
        "model A { id Int }\n}\n",
        // Comments of every kind, in odd places.
        "/* a */ model A {\n  id Int /* b */\n}\n/* never closed\n",
        "model A {\n  id Int @id // c\n  @@map(\"a\") /// d\n}\n",
        // Values: calls, lists, objects, numbers, strings, trailing commas.
        "model A {\n  id Int @default(dbgenerated(\"x\",),)\n  @@index([a(ops: raw(\"b\")), c], where: { d: false, e: -1.5 })\n}\n",
        "datasource db {\n  provider = \"postgresql\"\n  url = env(\"A\",)\n  x =\n  y = [1, 2.5, -3, 4x, 1.]\n}\n",
        "model A {\n  a String @default(\"\\u00e9\\q\\\n\")\n  b Unsupported ( \"c\\d\" )?\n}\n",
        // JSON's \u: four hex digits without a sign, surrogates in pairs.
        "model A {\n  a String @default(\"\\u+04A\")\n  b String @default(\"\\uD83D\\uDE00\")\n  c String @default(\"\\uD83Dx\\uDE00\")\n}\n",
        // Line endings, odd whitespace, letters beyond ASCII.
        "model A {\r\n  id Int\r\n}\r\nmodel B {\r  id Int\r}\r",
        "\u{FEFF}model Café {\n\u{A0} naïve Int\u{A0}@id\n}\n",
        // A letter in Unicode 17 but not in pest's (older) tables.
        "model A {\n  a\u{A7CE} Int\n}\nmodel B\u{A7CE} {\n  id Int\n}\n",
        "   \n\t\nmodel A {}\n",
        "",
        "}",
    ] {
        if let Err(difference) = compare(text) {
            panic!("{difference}");
        }
    }
}
