//! Bad input of every kind gives diagnostics, never a panic or a hang:
//! huge lines, deep nesting, unbalanced braces, invalid UTF-8, and a few
//! thousand mutated fixtures (`examples/fuzz_parser.rs` runs the same
//! fuzzer for as long as you like).

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

mod support;

use support::mutate::{Rng, exercise, mutate, seeds};

fn errors_of(text: &[u8]) -> Vec<String> {
    let mut loaded = plumb_psl::LoadedSchema::default();
    plumb_psl::add_file(&mut loaded, "schema.prisma".to_string(), text);
    plumb_psl::validate(&loaded.asts, &mut loaded.diagnostics);
    loaded
        .diagnostics
        .errors()
        .map(|d| d.message.clone())
        .collect()
}

#[test]
fn a_two_megabyte_line_is_one_error() {
    let mut text = b"model A {\n  id Int @id\n}\n".to_vec();
    text.extend(std::iter::repeat_n(b'x', 2 << 20));
    let errors = errors_of(&text);
    assert_eq!(errors.len(), 1, "{errors:?}");
}

#[test]
fn deep_nesting_is_refused_before_parsing() {
    let depth = 100_000;
    let text = format!(
        "model A {{\n  id Int @id @default(dbgenerated({}1{}))\n}}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let errors = errors_of(text.as_bytes());
    assert_eq!(errors.len(), 1);
    assert!(errors[0].contains("nested more than"), "{errors:?}");
    assert!(plumb_psl::format(&text).is_none());
}

#[test]
fn deep_nesting_is_refused_wherever_it_hides() {
    let deep =
        |open: &str, close: &str| format!("{}1{}", open.repeat(100_000), close.repeat(100_000));
    for text in [
        // In an object, in a config value.
        format!("datasource db {{\n  x = {}\n}}\n", deep("{a: ", "}")),
        // After a quote inside a comment.
        format!("datasource db {{\n  /* \" */ x = {}\n}}\n", deep("[", "]")),
        // In a file whose lines end in CR alone, after a comment.
        format!(
            "// c\rmodel A {{\r  a Int @default({})\r}}\r",
            deep("[", "]")
        ),
        // After a junk line whose quote a backslash leaves open.
        format!(
            "model A {{\n  junk \"\\\n  a Int @default({})\n}}\n",
            deep("[", "]")
        ),
    ] {
        let errors = errors_of(text.as_bytes());
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].contains("nested more than"), "{errors:?}");
        assert!(plumb_psl::format(&text).is_none());
    }
}

#[test]
fn blocks_whose_brace_hides_in_a_line_cost_linear_time() {
    // Each block reads its lines to the end of the file and fails; the
    // `}` inside a line then ends it as an unknown block. Without the
    // parser's memory of such dead ends, 20,000 of them take minutes.
    for line in ["  x y z }\n", "  // }\n", "  a String @default(\"}\")\n"] {
        let text = format!("model A {{\n{line}").repeat(20_000);
        let errors = errors_of(text.as_bytes());
        assert!(errors.len() >= 20_000, "{}", errors.len());
    }
}

#[test]
fn unbalanced_braces_and_invalid_utf8_are_errors() {
    for text in [
        &b"model A {\n  id Int @id\n"[..],
        b"}}}}\n{{{{",
        b"model A {\n  id Int @id @default(\n}\n",
        b"model \xff\xfe {\n}\n",
        b"\"unterminated",
    ] {
        assert!(
            !errors_of(text).is_empty(),
            "{:?}",
            String::from_utf8_lossy(text)
        );
        exercise(text);
    }
}

#[test]
fn mutated_fixtures_never_panic() {
    let seeds = seeds();
    assert!(seeds.len() > 50);
    let mut rng = Rng::new(0x5eed);
    for round in 0..3_000 {
        let seed = &seeds[round % seeds.len()];
        exercise(&mutate(seed, &mut rng));
    }
}
