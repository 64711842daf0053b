#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

use plumb_diagnostics::{ColorChoice, Diagnostic, Diagnostics, SourceFiles, Span};

const SCHEMA: &str = r#"datasource db {
  provider = "postgresql"
}

model User {
  id    Int    @id
  email Strin  @unique
}
"#;

fn span_of(files: &SourceFiles, file: plumb_diagnostics::FileId, needle: &str) -> Span {
    let start = files.text(file).find(needle).expect("needle in source");
    Span::new(file, start..start + needle.len())
}

#[test]
fn an_error_renders_like_rustc() {
    let mut files = SourceFiles::new();
    let file = files.add("schema/schema.prisma", SCHEMA);
    let diagnostic = Diagnostic::error(
        "E0101",
        "Type \"Strin\" is neither a built-in type, nor refers to another model, composite type, or enum.",
        span_of(&files, file, "Strin"),
    )
    .with_label("unknown type")
    .with_help("did you mean `String`?");
    let rendered = plumb_diagnostics::render(&diagnostic, &files, ColorChoice::Never);
    insta::assert_snapshot!(rendered);
    // The location line is what editors jump to: file:line:column of the caret.
    assert!(
        rendered.contains("--> schema/schema.prisma:7:9"),
        "{rendered}"
    );
}

#[test]
fn a_warning_renders_with_its_level_and_no_help() {
    let mut files = SourceFiles::new();
    let file = files.add("schema.prisma", SCHEMA);
    let diagnostic = Diagnostic::warning(
        "W0001",
        "The preview feature \"views\" is not known.",
        span_of(&files, file, "provider"),
    );
    let rendered = plumb_diagnostics::render(&diagnostic, &files, ColorChoice::Never);
    insta::assert_snapshot!(rendered);
}

#[test]
fn plain_rendering_has_no_escape_codes_and_styled_does() {
    let mut files = SourceFiles::new();
    let file = files.add("s.prisma", SCHEMA);
    let diagnostic = Diagnostic::error("E0001", "boom", span_of(&files, file, "model"));
    assert!(!plumb_diagnostics::render(&diagnostic, &files, ColorChoice::Never).contains('\x1b'));
    assert!(plumb_diagnostics::render(&diagnostic, &files, ColorChoice::Always).contains('\x1b'));
}

#[test]
fn diagnostics_sort_by_position_and_separate_errors_from_warnings() {
    let mut files = SourceFiles::new();
    let file = files.add("s.prisma", SCHEMA);
    let mut all = Diagnostics::new();
    all.push(Diagnostic::error(
        "E0002",
        "second",
        span_of(&files, file, "email"),
    ));
    all.push(Diagnostic::warning(
        "W0001",
        "first",
        span_of(&files, file, "provider"),
    ));
    assert!(all.has_errors());
    assert_eq!(all.errors().count(), 1);
    assert_eq!(all.warnings().count(), 1);
    let order: Vec<_> = all.sorted().iter().map(|d| d.message.as_str()).collect();
    assert_eq!(order, ["first", "second"]);
}

#[test]
fn a_span_at_the_end_of_the_file_renders() {
    let mut files = SourceFiles::new();
    let file = files.add("s.prisma", "model A {");
    let end = files.text(file).len();
    let diagnostic =
        Diagnostic::error("E0003", "unexpected end of file", Span::new(file, end..end));
    let rendered = plumb_diagnostics::render(&diagnostic, &files, ColorChoice::Never);
    assert!(rendered.contains("--> s.prisma:1:10"), "{rendered}");
}
