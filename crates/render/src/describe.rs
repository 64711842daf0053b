//! The words of the summary for an altered column: what changed, with
//! defaults written the way Prisma's engine prints them (Rust `Debug` of
//! its default values, `Some(Value(Int(5)))`).

use plumb_diff::ColumnChange;
use plumb_ir::{Column, ColumnArity, ColumnType, Default, LiteralKind, Table, Value};

/// `changed from Nullable to Required, default changed from … to …, type
/// changed, column became autoincrementing` — the parts that apply.
/// `read` says whether the previous and next schemas were read from a
/// database, whose defaults Prisma prints in its reader's kinds.
pub(crate) fn column_changes(
    old: &Table,
    new: &Table,
    change: ColumnChange,
    read: [bool; 2],
) -> String {
    let (previous, next) = (&old.columns[change.previous], &new.columns[change.next]);
    let changes = change.changes;
    let mut parts = Vec::new();
    if changes.arity {
        parts.push(format!(
            "changed from {} to {}",
            arity(previous.arity),
            arity(next.arity)
        ));
    }
    if changes.default {
        parts.push(format!(
            "default changed from `{}` to `{}`",
            default(previous, read[0]),
            default(next, read[1])
        ));
    }
    if changes.cast.is_some() {
        parts.push("type changed".to_string());
    }
    if changes.auto_increment {
        parts.push(
            if next.auto_increment {
                "column became autoincrementing"
            } else {
                "column is no longer autoincrementing"
            }
            .to_string(),
        );
    }
    parts.join(", ")
}

fn arity(arity: ColumnArity) -> &'static str {
    match arity {
        ColumnArity::Required => "Required",
        ColumnArity::Nullable => "Nullable",
        ColumnArity::List => "List",
    }
}

/// `None`, `Some(Now)`, `Some(Sequence(""))`, `Some(Value(Int(5)))`, …
/// Of a database (`read`): numbers of integer columns are `Int` and JSON
/// is a `String`, as Prisma's database reader makes them.
fn default(column: &Column, read: bool) -> String {
    if column.auto_increment {
        let name = column.sequence.as_deref().unwrap_or("");
        return format!("Some(Sequence({name:?}))");
    }
    match &column.default {
        None => "None".to_string(),
        Some(Default::Now) => "Some(Now)".to_string(),
        Some(default) if default.is_empty() => "Some(DbGenerated(None))".to_string(),
        Some(Default::Expression(sql)) => format!("Some(DbGenerated(Some({sql:?})))"),
        Some(Default::Value(value)) => format!("Some(Value({}))", value_debug(value, column, read)),
    }
}

fn value_debug(value: &Value, column: &Column, read: bool) -> String {
    match value {
        Value::List(items) => {
            let items: Vec<String> = items.iter().map(|v| value_debug(v, column, read)).collect();
            format!("List([{}])", items.join(", "))
        }
        Value::Boolean(b) => format!("Boolean({b})"),
        Value::Bytes(bytes) => format!("Bytes({bytes:?})"),
        Value::Number(number) => match column.literal_kind() {
            LiteralKind::BigInt if !read => format!("BigInt({number})"),
            LiteralKind::BigInt => format!("Int({number})"),
            LiteralKind::Int => format!("Int({number})"),
            _ => format!("Float(BigDecimal({number:?}))"),
        },
        Value::String(text) => match (&column.column_type, column.literal_kind()) {
            (ColumnType::Enum(_), _) => format!("Enum({text:?})"),
            (_, LiteralKind::Json) if !read => format!("Json({text:?})"),
            (_, LiteralKind::DateTime) => format!("DateTime({})", rfc3339(text)),
            _ => format!("String({text:?})"),
        },
    }
}

/// `2021-06-15 12:30:00 +00:00` (as SQL gets it) → `2021-06-15T12:30:00+00:00`
/// (as chrono's `Debug` prints it).
fn rfc3339(text: &str) -> String {
    match text.split_once(' ') {
        Some((date, rest)) => format!("{date}T{}", rest.replacen(' ', "", 1)),
        None => text.to_string(),
    }
}
