//! rustc-style rendering through annotate-snippets.

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

use crate::{ColorChoice, Diagnostic, Severity, SourceFiles};

/// Renders one diagnostic: the header with its code, `--> file:line:column`,
/// the source lines with a caret under the span, and the help line.
pub fn render(diagnostic: &Diagnostic, files: &SourceFiles, color: ColorChoice) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let span = diagnostic.span;
    // Only the lines the span touches are shown: giving annotate-snippets
    // just those keeps a report of many findings on a long file linear.
    let (lines, first_line) = files.lines_of(span);
    let text = &files.text(span.file)[lines.clone()];
    // annotate-snippets wants a range on character boundaries inside the text.
    let end = (span.end as usize)
        .saturating_sub(lines.start)
        .min(text.len());
    let start = (span.start as usize).saturating_sub(lines.start).min(end);
    let mut annotation = AnnotationKind::Primary.span(start..end);
    if let Some(label) = &diagnostic.label {
        annotation = annotation.label(label.as_str());
    }
    let snippet = Snippet::source(text)
        .line_start(first_line)
        .path(files.name(span.file))
        .fold(true)
        .annotation(annotation);
    let mut group = level
        .primary_title(diagnostic.message.as_str())
        .id(diagnostic.code)
        .element(snippet);
    if let Some(help) = &diagnostic.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    let renderer = match color {
        ColorChoice::Always => Renderer::styled(),
        ColorChoice::Never => Renderer::plain(),
    };
    renderer.render(&[group])
}

/// Renders several diagnostics, in the order given, each followed by a blank
/// line. A closing count ("2 errors") is the caller's to print.
pub fn render_all<'a>(
    diagnostics: impl IntoIterator<Item = &'a Diagnostic>,
    files: &SourceFiles,
    color: ColorChoice,
) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        out.push_str(&render(diagnostic, files, color));
        out.push_str("\n\n");
    }
    out
}
