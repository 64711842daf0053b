//! One database view → one `view` block (with the `views` preview
//! feature; docs/reference/prisma-db-pull.md §7.1): named and mapped like
//! a model, every column optional unless the existing view says it is
//! required or a list, no keys (a view has none in the database).

use plumb_ir::{ColumnArity, View};
use plumb_psl::ast::Arity;

use crate::context::Context;
use crate::names::string_literal;
use crate::{block, fields};

pub fn render(context: &Context<'_>, view: &View) -> String {
    let previous = context.previous_view(&view.name);
    let name = context.view_name(&view.name);
    let mut out = String::new();
    block::doc_lines(
        &mut out,
        previous.and_then(|v| v.documentation.as_deref()),
        "",
    );
    if previous.is_none() && name.renamed {
        out.push_str(&format!(
            "/// This view has been renamed to '{}' during introspection, because the original name '{}' is reserved.\n",
            name.name, view.name.name
        ));
    }
    out.push_str(&format!("view {} {{\n", name.name));
    for column in &view.columns {
        let kept = previous.and_then(|v| v.scalar(&column.name));
        let field_name = context.view_column_name(&view.name, &column.name);
        let mut column = column.clone();
        // The existing view's arity stands where it is stricter.
        match kept.and_then(|f| f.arity) {
            Some(Arity::Required) if column.arity == ColumnArity::Nullable => {
                column.arity = ColumnArity::Required;
            }
            Some(Arity::List) => column.arity = ColumnArity::List,
            _ => {}
        }
        let enum_name = |name: &plumb_ir::QualifiedName| context.enum_name(name).name;
        let (field_type, native) = fields::field_type(&column, &enum_name);
        block::doc_lines(
            &mut out,
            kept.and_then(|f| f.documentation.as_deref()),
            "  ",
        );
        let commented = field_name.name.is_empty();
        let shown = if commented {
            column.name.to_string()
        } else {
            field_name.name.clone()
        };
        let mut line = format!("{shown} {field_type}");
        if kept.is_some_and(|f| f.unique) {
            line.push_str(" @unique");
        }
        if let Some(mapped) = &field_name.mapped {
            line.push_str(&format!(" @map({})", string_literal(mapped)));
        }
        if let Some(native) = native {
            line.push(' ');
            line.push_str(&native);
        }
        if kept.is_some_and(|f| f.ignored) {
            line.push_str(" @ignore");
        }
        if commented {
            out.push_str("  /// This field was commented out because of an invalid name. Please provide a valid one that matches [a-zA-Z][a-zA-Z0-9_]*\n");
            out.push_str(&format!("  // {line}\n"));
        } else {
            out.push_str(&format!("  {line}\n"));
        }
    }
    // A view has no indexes to read: its `@@unique`s are the existing
    // view's.
    let mut attributes = Vec::new();
    for unique in previous
        .iter()
        .flat_map(|v| &v.indexes)
        .filter(|i| i.unique)
    {
        let mut line = format!("@@unique([{}]", unique.fields.join(", "));
        if let Some(index_name) = &unique.name {
            line.push_str(&format!(", name: {}", string_literal(index_name)));
        }
        line.push(')');
        attributes.push(line);
    }
    attributes.extend(block::closing_attributes(
        name.mapped.as_deref(),
        previous.is_some_and(|v| v.ignored),
        context.schema_attribute(&view.name),
    ));
    block::close(&mut out, attributes);
    out
}
