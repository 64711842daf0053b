//! The parser on whole schemas: what it builds, what it reports, and that
//! no input makes it panic.

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

use plumb_diagnostics::{ColorChoice, Diagnostics, SourceFiles};
use plumb_psl::ast::{Arity, BaseType, Expression, ModelKind, SchemaFile, Top};

fn parse(text: &str) -> (SchemaFile, Diagnostics, SourceFiles) {
    let mut files = SourceFiles::new();
    let file = files.add("schema.prisma", text);
    let mut diagnostics = Diagnostics::new();
    let ast = plumb_psl::parse(&files, file, &mut diagnostics);
    (ast, diagnostics, files)
}

fn rendered(diagnostics: &Diagnostics, files: &SourceFiles) -> String {
    plumb_diagnostics::render_all(diagnostics.sorted(), files, ColorChoice::Never)
}

#[test]
fn the_example_project_parses_without_diagnostics() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../schema/schema.prisma"
    ))
    .unwrap();
    let (ast, diagnostics, files) = parse(&text);
    assert!(diagnostics.is_empty(), "{}", rendered(&diagnostics, &files));
    let count = |f: fn(&Top) -> bool| ast.tops.iter().filter(|t| f(t)).count();
    assert_eq!(count(|t| matches!(t, Top::Model(_))), 24);
    assert_eq!(count(|t| matches!(t, Top::Enum(_))), 7);
    assert_eq!(count(|t| matches!(t, Top::Datasource(_))), 1);
    assert_eq!(count(|t| matches!(t, Top::Generator(_))), 1);
}

#[test]
fn fields_types_attributes_and_documentation_are_read() {
    let (ast, diagnostics, files) = parse(
        r#"/// A person.
/// Two lines.
model User {
  id    String   @id @default(dbgenerated("gen_random_uuid()")) @db.Uuid
  tags  String[] /// Free-form.
  bio   String?  @db.VarChar(200)
  shape Unsupported("circle")?

  @@index([bio(sort: Desc), id], map: "user_idx", type: BTree)
}
"#,
    );
    assert!(diagnostics.is_empty(), "{}", rendered(&diagnostics, &files));
    let Top::Model(user) = &ast.tops[0] else {
        panic!("a model")
    };
    assert_eq!(user.kind, ModelKind::Model);
    assert_eq!(user.name.name, "User");
    assert_eq!(user.documentation.as_deref(), Some("A person.\nTwo lines."));
    let arities: Vec<Arity> = user
        .fields
        .iter()
        .map(|f| f.field_type.as_ref().unwrap().arity)
        .collect();
    assert_eq!(
        arities,
        [
            Arity::Required,
            Arity::List,
            Arity::Optional,
            Arity::Optional
        ]
    );
    assert_eq!(user.fields[1].documentation.as_deref(), Some("Free-form."));
    let id_attributes: Vec<&str> = user.fields[0]
        .attributes
        .iter()
        .map(|a| a.name.name.as_str())
        .collect();
    assert_eq!(id_attributes, ["id", "default", "db.Uuid"]);
    let Some(Expression::Function(call, _)) = &user.fields[0].attributes[1].arguments[0].value
    else {
        panic!("a function call")
    };
    assert_eq!(call.name.name, "dbgenerated");
    assert!(
        matches!(&call.arguments[0].value, Some(Expression::String(s, _)) if s == "gen_random_uuid()")
    );
    assert!(matches!(
        &user.fields[3].field_type.as_ref().unwrap().base,
        BaseType::Unsupported { type_name, .. } if type_name == "circle"
    ));
    let index = &user.attributes[0];
    assert_eq!(index.name.name, "index");
    let names: Vec<Option<&str>> = index
        .arguments
        .iter()
        .map(|a| a.name.as_ref().map(|n| n.name.as_str()))
        .collect();
    assert_eq!(names, [None, Some("map"), Some("type")]);
    // Spans point at the source text.
    assert_eq!(
        &files.text(user.name.span.file)[user.name.span.range()],
        "User"
    );
}

#[test]
fn every_bad_line_is_reported_and_parsing_goes_on() {
    let (ast, diagnostics, files) = parse(
        r#"model A {
  id Int @id
  this is not a field !!
  name: String
  age Int!
  list [String]
  odd String[]?
}

modle B {
  id Int @id
}

garbage at the top level

enum Color {
  RED
  not valid here
}

datasource db {
  provider = "postgresql"
  nonsense
}
"#,
    );
    insta::assert_snapshot!(rendered(&diagnostics, &files));
    // The parts that were valid are still there.
    assert_eq!(ast.tops.len(), 3);
}

#[test]
fn invalid_escapes_are_reported_at_the_escape() {
    let (_, diagnostics, files) = parse("model A {\n  id Int @id @default(\"a\\qb\")\n}\n");
    let errors: Vec<_> = diagnostics.errors().collect();
    assert_eq!(errors.len(), 1, "{}", rendered(&diagnostics, &files));
    assert_eq!(files.location(errors[0].span), "schema.prisma:2:25");
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = format!(
        "model A {{\n  id Int @default({}1{})\n}}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let (_, diagnostics, _) = parse(&deep);
    assert!(diagnostics.errors().any(|d| d.message.contains("nested")));
}

#[test]
fn hostile_inputs_never_panic() {
    let long_line = "x".repeat(10 * 1024 * 1024);
    let inputs = [
        "",
        "{",
        "}",
        "model",
        "model A {",
        "model A {\n",
        "model A {\n  id Int @id",
        "model A {\n  id Int @default(\"unterminated\n}\n",
        "model A {\n  @@\n}\n",
        "model A {\n  id Int @(\n}\n",
        "enum {\n}\n",
        "datasource db {\n  = 1\n}\n",
        "\u{feff}model A {\n  id Int @id\n}\n",
        "model A {\r\n  id Int @id\r\n}\r\n",
        "model A {\r  id Int @id\r}\r",
        "/// only a doc comment",
        "model A {\n  id Int @id /// doc\n  @@map(\"a\") // c\n}",
        &long_line,
    ];
    for input in inputs {
        let _ = parse(input);
    }
}

/// A small deterministic fuzzer: mutate the example schema byte by byte.
#[test]
fn mutated_schemas_never_panic() {
    let base = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../schema/schema.prisma"
    ))
    .unwrap();
    let base = base.as_bytes();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let alphabet = b"{}[]()@\"\\:,.=?!/\n\r\t azAZ09_-";
    for _ in 0..300 {
        let mut bytes = base.to_vec();
        for _ in 0..(next() % 8 + 1) {
            let at = (next() as usize) % bytes.len();
            match next() % 3 {
                0 => bytes[at] = alphabet[(next() as usize) % alphabet.len()],
                1 => {
                    bytes.remove(at);
                }
                _ => bytes.insert(at, alphabet[(next() as usize) % alphabet.len()]),
            }
        }
        let text = String::from_utf8_lossy(&bytes);
        let _ = parse(&text);
    }
}
