//! The formatter: the layout `prisma format` produces, byte for byte.
//!
//! It works on the parse tree rather than the AST because layout is about
//! what the AST drops: comments, blank lines, trailing commas. The rules:
//! - one blank line between top-level items, none at the start or end;
//! - inside a block, runs of lines separated by blank lines are aligned as
//!   tables (name, type, attributes); at most one blank line is kept;
//! - field attributes and block attributes are put in a fixed order, and
//!   block attributes go last, after one blank line, each with the comment
//!   written just above it;
//! - arguments, arrays and calls are written with `, ` and `: ` spacing;
//! - lines end in `\n` and the file ends with one.
//!
//! Missing back-relation fields are added before layout by
//! [`relations::complete`].

pub mod grammar;
mod inflect;
mod relations;
mod table;

use std::iter::Peekable;

use pest::Parser as _;
use pest::iterators::Pair;

use grammar::{PrismaParser, Rule};
use table::{Output, Table};

/// The formatted text, or `None` when the text does not parse at all
/// (pest found no way through it, which the grammar's catch-all rules make
/// all but impossible).
pub fn format(text: &str) -> Option<String> {
    format_files(&[text]).pop().flatten()
}

/// The files of one schema, formatted; relations are completed across
/// files, each added field going into its model's file.
pub fn format_files(texts: &[&str]) -> Vec<Option<String>> {
    let completed = relations::complete(texts);
    texts
        .iter()
        .zip(completed)
        .map(|(text, completed)| layout(completed.as_deref().unwrap_or(text)))
        .collect()
}

/// Layout only: no fields are added.
pub(crate) fn layout(text: &str) -> Option<String> {
    if crate::parser::nesting_too_deep(text) {
        return None;
    }
    let schema = PrismaParser::parse(Rule::schema, text).ok()?.next()?;
    let mut out = Output::new(text.len());
    top_level(schema, &mut out);
    if !out.text.ends_with('\n') {
        out.end_line();
    }
    Some(out.text)
}

fn top_level(schema: Pair<'_, Rule>, out: &mut Output) {
    let mut items = schema.into_inner().peekable();
    skip_blank_lines(&mut items);
    while let Some(item) = items.next() {
        match item.as_rule() {
            Rule::model_block | Rule::enum_block | Rule::config_block => block(item, out),
            Rule::comment_block => {
                let mut table = Table::default();
                comment_block(item, &mut table);
                table.render(out);
            }
            Rule::blank_lines => {
                if !matches!(items.peek().map(Pair::as_rule), None | Some(Rule::EOI)) {
                    out.end_line();
                }
            }
            Rule::EOI => {}
            // Text the grammar could not place stays as it was.
            _ => out.write(item.as_str()),
        }
    }
}

fn skip_blank_lines<'a>(items: &mut Peekable<impl Iterator<Item = Pair<'a, Rule>>>) -> bool {
    if items.peek().map(Pair::as_rule) == Some(Rule::blank_lines) {
        items.next();
        true
    } else {
        false
    }
}

/// One line inside a block, with the comment that trails a block attribute.
struct Line<'a> {
    pair: Pair<'a, Rule>,
    trailing_comment: Option<Pair<'a, Rule>>,
}

fn block(pair: Pair<'_, Rule>, out: &mut Output) {
    let mut keyword = "";
    let mut lines: Vec<Line<'_>> = Vec::new();
    for child in pair.into_inner() {
        match child.as_rule() {
            Rule::model_keyword | Rule::enum_keyword | Rule::config_keyword => {
                keyword = child.as_str();
            }
            Rule::identifier => {
                out.write(keyword);
                out.write(" ");
                out.write(child.as_str());
                out.write(" {");
                out.end_line();
                out.indent();
            }
            Rule::block_open | Rule::block_close => {}
            Rule::trailing_comment => {
                if let Some(line) = lines.last_mut() {
                    line.trailing_comment = Some(child);
                }
            }
            _ => lines.push(Line {
                pair: child,
                trailing_comment: None,
            }),
        }
    }
    block_contents(lines, out);
    out.dedent();
    out.write("}");
    out.end_line();
}

fn block_contents(lines: Vec<Line<'_>>, out: &mut Output) {
    let mut lines = lines.into_iter().peekable();
    let mut table = Table::default();
    let mut attributes: Vec<(Option<Pair<'_, Rule>>, Line<'_>)> = Vec::new();
    let mut comment_above: Option<Pair<'_, Rule>> = None;
    let is_blank =
        |line: Option<&Line<'_>>| line.map(|l| l.pair.as_rule()) == Some(Rule::blank_lines);
    if is_blank(lines.peek()) {
        lines.next();
    }
    loop {
        let after_blank = is_blank(lines.peek()) && lines.next().is_some();
        let next_rule = lines.peek().map(|l| l.pair.as_rule());
        // A blank line survives only between lines that stay in place.
        if after_blank
            && !matches!(
                next_rule,
                None | Some(Rule::block_attribute | Rule::comment_block)
            )
        {
            table.render(out);
            table.new_row();
        }
        let Some(line) = lines.next() else {
            break;
        };
        match line.pair.as_rule() {
            Rule::comment_block => {
                if lines.peek().map(|l| l.pair.as_rule()) == Some(Rule::block_attribute) {
                    comment_above = Some(line.pair);
                } else {
                    if after_blank {
                        table.render(out);
                        table.new_row();
                    }
                    comment_block(line.pair, &mut table);
                }
            }
            Rule::field => field(line.pair, &mut table),
            Rule::key_value => key_value(line.pair, &mut table),
            Rule::enum_value => enum_value(line.pair, &mut table),
            Rule::block_attribute => attributes.push((comment_above.take(), line)),
            _ => table.verbatim(line.pair.as_str().trim_end_matches(['\n', '\r'])),
        }
    }
    table.render(out);
    if !attributes.is_empty() {
        table.new_row();
    }
    attributes.sort_by_key(|(_, line)| attribute_rank(&line.pair));
    for (comment, line) in attributes {
        if let Some(comment) = comment {
            comment_block(comment, &mut table);
        }
        table.new_row();
        let mut text = String::from("@@");
        call(line.pair, &mut text);
        table.column(0).push_str(&text);
        if let Some(trailing) = line.trailing_comment {
            table.suffix(trailing.as_str());
        }
    }
    table.render(out);
}

/// Prisma's fixed order of attributes; others keep their place after these.
fn attribute_rank(attribute: &Pair<'_, Rule>) -> usize {
    const ORDER: [&str; 9] = [
        "id",
        "unique",
        "default",
        "updatedAt",
        "index",
        "fulltext",
        "map",
        "relation",
        "ignore",
    ];
    let path = attribute
        .clone()
        .into_inner()
        .find(|p| p.as_rule() == Rule::path)
        .map_or("", |p| p.as_str());
    ORDER
        .iter()
        .position(|name| *name == path)
        .unwrap_or(usize::MAX)
}

fn comment_block(pair: Pair<'_, Rule>, table: &mut Table) {
    for comment in pair.into_inner() {
        match comment.as_rule() {
            Rule::comment | Rule::doc_comment => {
                table.new_row();
                table.suffix(comment.as_str());
            }
            Rule::multi_line_comment => multi_line_comment(comment.as_str(), table),
            _ => {}
        }
    }
}

/// `/* a\n   b */` becomes `/**`, ` * a`, ` * b`, ` */`: one line each,
/// leading `*`s and blank lines dropped.
fn multi_line_comment(text: &str, table: &mut Table) {
    table.new_row();
    table.suffix("/**");
    let inner = &text[2..text.len() - 2];
    for line in inner.lines() {
        let line = line.trim();
        let line = line.strip_prefix('*').map_or(line, str::trim_start);
        if !line.is_empty() {
            table.new_row();
            table.suffix(" * ");
            table.suffix(line);
        }
    }
    table.new_row();
    table.suffix(" */");
}

const NAME_COLUMN: usize = 0;
const TYPE_COLUMN: usize = 1;
const ATTRIBUTES_COLUMN: usize = 2;

fn field(pair: Pair<'_, Rule>, table: &mut Table) {
    let mut attributes = Vec::new();
    for child in pair.into_inner() {
        match child.as_rule() {
            Rule::identifier => {
                table.new_row();
                table.column(NAME_COLUMN).push_str(child.as_str());
            }
            Rule::field_type => field_type(child, table.column(TYPE_COLUMN)),
            Rule::field_attribute => attributes.push(child),
            Rule::trailing_comment => table.suffix(child.as_str()),
            _ => {}
        }
    }
    attributes.sort_by_key(attribute_rank);
    let column = table.column(ATTRIBUTES_COLUMN);
    for (i, attribute) in attributes.into_iter().enumerate() {
        if i > 0 {
            column.push(' ');
        }
        column.push('@');
        call(attribute, column);
    }
}

fn field_type(pair: Pair<'_, Rule>, out: &mut String) {
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::base_type => out.push_str(part.as_str().trim()),
            Rule::legacy_list_type => {
                for inner in part.into_inner() {
                    out.push_str(inner.as_str().trim());
                }
                out.push_str("[]");
            }
            Rule::type_suffix => {
                let suffix = match part.into_inner().next().map(|p| p.as_rule()) {
                    Some(Rule::optional_list_suffix) => "[]?",
                    Some(Rule::list_suffix) => "[]",
                    Some(Rule::optional_suffix) => "?",
                    _ => "",
                };
                out.push_str(suffix);
            }
            _ => {}
        }
    }
}

fn key_value(pair: Pair<'_, Rule>, table: &mut Table) {
    table.new_row();
    for child in pair.into_inner() {
        match child.as_rule() {
            Rule::identifier => table.column(0).push_str(child.as_str()),
            Rule::expression => {
                let column = table.column(1);
                column.push_str("= ");
                expression(child, column);
            }
            Rule::trailing_comment => table.suffix(child.as_str()),
            _ => {}
        }
    }
}

fn enum_value(pair: Pair<'_, Rule>, table: &mut Table) {
    for child in pair.into_inner() {
        match child.as_rule() {
            Rule::identifier => {
                table.new_row();
                table.column(0).push_str(child.as_str());
            }
            // Prisma writes a value's attributes into one column with no
            // space between them.
            Rule::field_attribute => {
                let column = table.column(1);
                column.push('@');
                call(child, column);
            }
            Rule::trailing_comment => table.suffix(child.as_str()),
            _ => {}
        }
    }
}

/// `path(arguments)`: an attribute or a function call.
fn call(pair: Pair<'_, Rule>, out: &mut String) {
    for child in pair.into_inner() {
        match child.as_rule() {
            Rule::path => out.push_str(child.as_str()),
            Rule::arguments => arguments(child, out),
            _ => {}
        }
    }
}

fn arguments(pair: Pair<'_, Rule>, out: &mut String) {
    out.push('(');
    let mut first = true;
    for argument in pair.into_inner() {
        if argument.as_rule() == Rule::trailing_comma {
            continue;
        }
        if !first {
            out.push_str(", ");
        }
        first = false;
        match argument.as_rule() {
            Rule::named_argument | Rule::empty_named_argument => {
                for part in argument.into_inner() {
                    match part.as_rule() {
                        Rule::identifier => {
                            out.push_str(part.as_str());
                            out.push_str(": ");
                        }
                        Rule::expression => expression(part, out),
                        _ => {}
                    }
                }
            }
            _ => expression(argument, out),
        }
    }
    out.push(')');
}

fn expression(pair: Pair<'_, Rule>, out: &mut String) {
    for child in pair.into_inner() {
        match child.as_rule() {
            Rule::function_call => call(child, out),
            Rule::array => {
                out.push('[');
                let mut first = true;
                for item in child.into_inner() {
                    if item.as_rule() != Rule::expression {
                        continue;
                    }
                    if !first {
                        out.push_str(", ");
                    }
                    first = false;
                    expression(item, out);
                }
                out.push(']');
            }
            Rule::object => {
                let entries: Vec<String> = child
                    .into_inner()
                    .filter(|p| p.as_rule() == Rule::object_entry)
                    .map(|entry| {
                        let mut text = String::new();
                        for part in entry.into_inner() {
                            match part.as_rule() {
                                Rule::identifier => {
                                    text.push_str(part.as_str());
                                    text.push_str(": ");
                                }
                                _ => expression(part, &mut text),
                            }
                        }
                        text
                    })
                    .collect();
                if entries.is_empty() {
                    out.push_str("{}");
                } else {
                    out.push_str("{ ");
                    out.push_str(&entries.join(", "));
                    out.push_str(" }");
                }
            }
            _ => out.push_str(child.as_str()),
        }
    }
}
