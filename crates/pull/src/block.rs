//! What every top-level block shares: `///` lines, and the closing
//! `@@map`, `@@ignore` and `@@schema` after a blank line.

use crate::names::string_literal;

/// Appends `docs` as `///` lines, each after `indent`.
pub fn doc_lines(out: &mut String, docs: Option<&str>, indent: &str) {
    for line in docs.into_iter().flat_map(str::lines) {
        out.push_str(&format!("{indent}/// {line}\n"));
    }
}

/// `@@map`, `@@ignore`, `@@schema`: the attributes a model, view or enum
/// ends with, in Prisma's order.
pub fn closing_attributes(
    mapped: Option<&str>,
    ignored: bool,
    schema: Option<String>,
) -> Vec<String> {
    let mut attributes = Vec::new();
    if let Some(mapped) = mapped {
        attributes.push(format!("@@map({})", string_literal(mapped)));
    }
    if ignored {
        attributes.push("@@ignore".to_string());
    }
    if let Some(schema) = schema {
        attributes.push(format!("@@schema({})", string_literal(&schema)));
    }
    attributes
}

/// Appends the block's attributes (after a blank line, when it has any)
/// and closes it.
pub fn close(out: &mut String, attributes: Vec<String>) {
    if !attributes.is_empty() {
        out.push('\n');
        for line in attributes {
            out.push_str(&format!("  {line}\n"));
        }
    }
    out.push('}');
}
