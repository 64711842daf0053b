//! A Mermaid `erDiagram` of what a migration does to tables: those it
//! creates, changes or drops, marked as such, with their columns (a changed
//! table's added, dropped and altered columns say so) and foreign keys.
//! Tables they reference that the migration leaves alone appear by name.

use plumb_ir::{Column, ColumnArity, ColumnType, ForeignKey, Name, QualifiedName, Schema, Table};

/// What the migration does to a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    Created,
    Changed,
    Dropped,
}

impl Change {
    fn mark(self) -> &'static str {
        match self {
            Change::Created => "new",
            Change::Changed => "changed",
            Change::Dropped => "dropped",
        }
    }
}

/// The diagram, or `None` when the migration changes no table.
pub fn draw(before: &Schema, after: &Schema, default_namespace: &str) -> Option<String> {
    let drawing = Drawing {
        before,
        after,
        default_namespace: Name::new(default_namespace),
    };
    let mut shown: Vec<(&Table, Change)> = Vec::new();
    for table in &after.tables {
        match drawing.find(before, table.name) {
            None => shown.push((table, Change::Created)),
            Some(old) if drawing.differs(old, table) => shown.push((table, Change::Changed)),
            Some(_) => {}
        }
    }
    for table in &before.tables {
        if drawing.find(after, table.name).is_none() {
            shown.push((table, Change::Dropped));
        }
    }
    if shown.is_empty() {
        return None;
    }
    let mut out = String::from("erDiagram\n");
    for (table, change) in &shown {
        drawing.entity(&mut out, table, *change);
    }
    for (table, change) in &shown {
        drawing.relationships(&mut out, table, *change, &shown);
    }
    Some(out)
}

struct Drawing<'a> {
    before: &'a Schema,
    after: &'a Schema,
    default_namespace: Name,
}

impl Drawing<'_> {
    /// The namespace as the diagram names it: the default one unqualified.
    fn key(&self, name: QualifiedName) -> (Option<Name>, Name) {
        (
            name.namespace.filter(|n| *n != self.default_namespace),
            name.name,
        )
    }

    fn find<'s>(&self, schema: &'s Schema, name: QualifiedName) -> Option<&'s Table> {
        schema
            .tables
            .iter()
            .find(|t| self.key(t.name) == self.key(name))
    }

    fn keys<'s>(&self, schema: &'s Schema, table: QualifiedName) -> Vec<&'s ForeignKey> {
        schema
            .foreign_keys
            .iter()
            .filter(|k| self.key(k.table) == self.key(table))
            .collect()
    }

    fn differs(&self, old: &Table, new: &Table) -> bool {
        let same_keys = |a: Vec<&ForeignKey>, b: Vec<&ForeignKey>| {
            a.len() == b.len() && a.iter().all(|k| b.contains(k))
        };
        old.columns != new.columns
            || old.primary_key != new.primary_key
            || old.indexes.len() != new.indexes.len()
            || !old.indexes.iter().all(|i| new.indexes.contains(i))
            || !same_keys(
                self.keys(self.before, old.name),
                self.keys(self.after, new.name),
            )
    }

    /// The entity's name in the diagram: the table's, marked.
    fn label(&self, name: QualifiedName, change: Option<Change>) -> String {
        let (namespace, name) = self.key(name);
        let mut label = match namespace {
            Some(namespace) => format!("{namespace}.{name}"),
            None => name.to_string(),
        };
        if let Some(change) = change {
            label.push_str(&format!(" ({})", change.mark()));
        }
        quoted(&label)
    }

    fn entity(&self, out: &mut String, table: &Table, change: Change) {
        let label = self.label(table.name, Some(change));
        let schema = if change == Change::Dropped {
            self.before
        } else {
            self.after
        };
        let keys = self.keys(schema, table.name);
        let old = match change {
            Change::Changed => self.find(self.before, table.name),
            _ => None,
        };
        let mut rows = Vec::new();
        for column in &table.columns {
            let note = old.map(
                |old| match old.columns.iter().find(|c| c.name == column.name) {
                    None => "added".to_string(),
                    Some(was) => alteration(was, column),
                },
            );
            rows.push(attribute(table, &keys, column, note.as_deref()));
        }
        if let Some(old) = old {
            for column in &old.columns {
                if !table.columns.iter().any(|c| c.name == column.name) {
                    rows.push(attribute(old, &keys, column, Some("dropped")));
                }
            }
        }
        out.push_str(&format!("    {label} {{\n"));
        for row in rows {
            out.push_str(&format!("        {row}\n"));
        }
        out.push_str("    }\n");
    }

    /// The table's foreign keys: those it has after the migration (before
    /// it, for a dropped table), and those the migration drops from it.
    fn relationships(
        &self,
        out: &mut String,
        table: &Table,
        change: Change,
        shown: &[(&Table, Change)],
    ) {
        let (keys, gone) = match change {
            Change::Dropped => (self.keys(self.before, table.name), Vec::new()),
            Change::Created => (self.keys(self.after, table.name), Vec::new()),
            Change::Changed => {
                let now = self.keys(self.after, table.name);
                let gone = self
                    .keys(self.before, table.name)
                    .into_iter()
                    .filter(|k| !now.contains(k))
                    .collect();
                (now, gone)
            }
        };
        let from = self.label(table.name, Some(change));
        // A name is shown once at most: the referenced table as the key
        // sees it (a key that exists after the migration points at a table
        // that does too).
        let referenced = |key: &ForeignKey| {
            let change = shown
                .iter()
                .find(|(t, _)| self.key(t.name) == self.key(key.referenced_table))
                .map(|(_, c)| *c);
            self.label(key.referenced_table, change)
        };
        for (key, dropped) in keys
            .iter()
            .map(|k| (*k, false))
            .chain(gone.iter().map(|k| (*k, true)))
        {
            let required = key.columns.iter().all(|name| {
                table
                    .columns
                    .iter()
                    .find(|c| c.name == *name)
                    .is_none_or(|c| c.arity == ColumnArity::Required)
            });
            let one = if required { "||" } else { "o|" };
            let columns: Vec<String> = key.columns.iter().map(|c| c.to_string()).collect();
            let mut text = columns.join(", ");
            if dropped {
                text.push_str(" (dropped)");
            }
            out.push_str(&format!(
                "    {from} }}o--{one} {} : {}\n",
                referenced(key),
                quoted(&text)
            ));
        }
    }
}

/// What changed in a column, or nothing.
fn alteration(was: &Column, now: &Column) -> String {
    let mut notes = Vec::new();
    if was.column_type != now.column_type
        || (was.arity == ColumnArity::List) != (now.arity == ColumnArity::List)
    {
        notes.push(format!("type was {}", type_name(was)));
    }
    match (was.arity, now.arity) {
        (ColumnArity::Nullable, ColumnArity::Required) => notes.push("now required".to_string()),
        (ColumnArity::Required, ColumnArity::Nullable) => notes.push("now optional".to_string()),
        _ => {}
    }
    if was.default != now.default {
        notes.push("default changed".to_string());
    }
    notes.join(", ")
}

/// `type name PK,FK "note"`.
fn attribute(table: &Table, keys: &[&ForeignKey], column: &Column, note: Option<&str>) -> String {
    let mut row = format!(
        "{} {}",
        word(&type_name(column)),
        word(column.name.as_str())
    );
    let mut marks = Vec::new();
    if table
        .primary_key
        .as_ref()
        .is_some_and(|pk| pk.columns.contains(&column.name))
    {
        marks.push("PK");
    }
    if keys.iter().any(|k| k.columns.contains(&column.name)) {
        marks.push("FK");
    }
    if table.indexes.iter().any(|i| {
        i.unique
            && i.columns.len() == 1
            && i.columns[0].name == column.name
            && i.predicate.is_none()
    }) {
        marks.push("UK");
    }
    if !marks.is_empty() {
        row.push(' ');
        row.push_str(&marks.join(","));
    }
    if let Some(note) = note.filter(|n| !n.is_empty()) {
        row.push(' ');
        row.push_str(&quoted(note));
    }
    row
}

/// The column's type as PostgreSQL spells it, lower case.
fn type_name(column: &Column) -> String {
    let mut name = match &column.column_type {
        ColumnType::Native(native) => {
            let mut name = native.kind.sql_name().to_lowercase();
            if !native.arguments.is_empty() {
                let arguments: Vec<String> = native.arguments.iter().map(u32::to_string).collect();
                name.push_str(&format!("({})", arguments.join(",")));
            }
            name
        }
        ColumnType::Enum(name) => name.name.to_string(),
        ColumnType::Unsupported(name) => name.to_string(),
    };
    if column.arity == ColumnArity::List {
        name.push_str("[]");
    }
    name
}

/// A word Mermaid reads as an attribute's type or name: letters, digits
/// and `-_[]().,*`, not starting with a digit, never a key word. Other
/// characters become `-` (Mermaid reads `_…_` as italics).
fn word(text: &str) -> String {
    let allowed = |c: char| {
        c.is_ascii_alphanumeric()
            || "-_[]().,*".contains(c)
            || ('\u{00C0}'..='\u{FFFF}').contains(&c)
    };
    let mut out: String = text
        .chars()
        .map(|c| if allowed(c) { c } else { '-' })
        .collect();
    let starts_well = out
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '*' || c >= '\u{00C0}');
    if !starts_well {
        out.insert(0, '_');
    }
    // Mermaid's lexer reads `pk`, `fk` or `uk` followed by a non-word
    // character (`pk-id`, `Uk[]`, `pké`) as a key before it reads a word.
    let lower = out.to_ascii_lowercase();
    let key_first = ["pk", "fk", "uk"].iter().any(|key| {
        lower.starts_with(key)
            && lower[2..]
                .chars()
                .next()
                .is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '_'))
    });
    if key_first {
        out.insert(0, '_');
    }
    out
}

/// A double-quoted string Mermaid reads: no `"`, `%`, `\` or line breaks.
fn quoted(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| {
            if "\"%\\".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    format!("\"{clean}\"")
}
