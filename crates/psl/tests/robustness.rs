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
