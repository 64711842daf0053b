//! The summary `migrate diff` prints without `--script`: sections by kind
//! (added schemas, enums, tables, removed ones, then changed tables by
//! name), one line per object or change.

use plumb_diff::{Migration, Step};

/// Section kinds, in the order Prisma prints them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Section {
    AddedExtensions,
    AddedSchemas,
    AddedEnums,
    AddedTables,
    RemovedEnums,
    RemovedTables,
    ChangedTable,
}

/// The summary, without the trailing newline `migrate diff` adds.
pub fn summary(migration: &Migration<'_>) -> String {
    if migration.steps.is_empty() {
        return "No difference detected.".to_string();
    }
    let (from, to) = (migration.from, migration.to);
    let columns = |names: &mut dyn Iterator<Item = &String>| {
        names.map(String::as_str).collect::<Vec<_>>().join(", ")
    };
    let mut lines: Vec<(Section, String, usize, String)> = Vec::new();
    for (position, step) in migration.steps.iter().enumerate() {
        let (section, name, line) = match *step {
            Step::CreateSchema(i) => (
                Section::AddedSchemas,
                String::new(),
                format!("  - {}", to.namespaces[i]),
            ),
            Step::CreateExtension(i) => {
                let name = to.extensions[i].name.clone();
                (
                    Section::AddedExtensions,
                    name.clone(),
                    format!("  - {name}"),
                )
            }
            Step::CreateEnum(i) => (
                Section::AddedEnums,
                String::new(),
                format!("  - {}", to.enums[i].name.name),
            ),
            Step::DropEnum(i) => (
                Section::RemovedEnums,
                String::new(),
                format!("  - {}", from.enums[i].name.name),
            ),
            Step::CreateTable(i) => (
                Section::AddedTables,
                String::new(),
                format!("  - {}", to.tables[i].name.name),
            ),
            Step::DropTable(i) => (
                Section::RemovedTables,
                String::new(),
                format!("  - {}", from.tables[i].name.name),
            ),
            Step::CreateIndex { table, index, .. } => {
                let table = &to.tables[table];
                let index = &table.indexes[index];
                (
                    Section::ChangedTable,
                    table.name.name.clone(),
                    format!(
                        "  [+] Added {}index on columns ({})",
                        if index.unique { "unique " } else { "" },
                        columns(&mut index.columns.iter().map(|c| &c.name))
                    ),
                )
            }
            Step::DropIndex { table, index } => {
                let table = &from.tables[table];
                let index = &table.indexes[index];
                (
                    Section::ChangedTable,
                    table.name.name.clone(),
                    format!(
                        "  [-] Removed {}index on columns ({})",
                        if index.unique { "unique " } else { "" },
                        columns(&mut index.columns.iter().map(|c| &c.name))
                    ),
                )
            }
            Step::RenameIndex {
                previous_table,
                previous_index,
                table,
                index,
            } => (
                Section::ChangedTable,
                to.tables[table].name.name.clone(),
                format!(
                    "  [*] Renamed index `{}` to `{}`",
                    from.tables[previous_table].indexes[previous_index].name,
                    to.tables[table].indexes[index].name
                ),
            ),
            Step::AddForeignKey(i) => {
                let key = &to.foreign_keys[i];
                (
                    Section::ChangedTable,
                    key.table.name.clone(),
                    format!(
                        "  [+] Added foreign key on columns ({})",
                        columns(&mut key.columns.iter())
                    ),
                )
            }
            Step::DropForeignKey(i) => {
                let key = &from.foreign_keys[i];
                (
                    Section::ChangedTable,
                    key.table.name.clone(),
                    format!(
                        "  [-] Removed foreign key on columns ({})",
                        columns(&mut key.columns.iter())
                    ),
                )
            }
        };
        lines.push((section, name, position, line));
    }
    lines.sort();
    let mut out = String::new();
    let mut current: Option<(Section, &str)> = None;
    for (section, name, _, line) in &lines {
        if current != Some((*section, name.as_str())) {
            current = Some((*section, name.as_str()));
            out.push('\n');
            out.push_str(&header(*section, name));
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn header(section: Section, name: &str) -> String {
    match section {
        Section::AddedExtensions => "[+] Added extensions".to_string(),
        Section::AddedSchemas => "[+] Added Schemas".to_string(),
        Section::AddedEnums => "[+] Added enums".to_string(),
        Section::AddedTables => "[+] Added tables".to_string(),
        Section::RemovedEnums => "[-] Removed enums".to_string(),
        Section::RemovedTables => "[-] Removed tables".to_string(),
        Section::ChangedTable => format!("[*] Changed the `{name}` table"),
    }
}
