//! One database enum → one `enum` block: the existing enum's name, docs
//! and value names where it matches, values in the database's order.

use crate::block;
use crate::context::Context;
use crate::names::string_literal;

pub fn render(context: &Context<'_>, enum_type: &plumb_ir::Enum) -> String {
    let mut out = String::new();
    let kept = context.previous_enum(&enum_type.name);
    block::doc_lines(&mut out, kept.and_then(|e| e.documentation.as_deref()), "");
    if kept.is_none() && context.noted(&context.facts.commented_enums, &enum_type.name) {
        out.push_str("/// This enum is commented in the database, and requires an additional setup for migrations: Read more: https://pris.ly/d/database-comments\n");
    }
    let name = context.enum_name(&enum_type.name);
    out.push_str(&format!("enum {} {{\n", name.name));
    for value in &enum_type.values {
        let kept_value = kept.and_then(|e| e.values.iter().find(|v| v.db_name() == value.as_str()));
        block::doc_lines(
            &mut out,
            kept_value.and_then(|v| v.documentation.as_deref()),
            "  ",
        );
        let value_name = context.enum_value_name(&enum_type.name, value);
        match &value_name.mapped {
            Some(mapped) => out.push_str(&format!(
                "  {} @map({})\n",
                value_name.name,
                string_literal(mapped)
            )),
            None => out.push_str(&format!("  {}\n", value_name.name)),
        }
    }
    let attributes = block::closing_attributes(
        name.mapped.as_deref(),
        false,
        context.schema_attribute(&enum_type.name),
    );
    block::close(&mut out, attributes);
    out
}
