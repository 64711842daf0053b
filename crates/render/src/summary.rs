//! The summary `migrate diff` prints without `--script`: sections by kind
//! (extensions, added schemas, enums, tables, removed ones, then changed
//! enums and tables by name), one line per object or change.

use plumb_diff::{Migration, Step, TableChange, TableChanges};
use plumb_ir::{Name, Schema};

use crate::describe::column_changes;

/// Section kinds, in the order Prisma prints them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Section {
    RemovedExtensions,
    AddedExtensions,
    AddedSchemas,
    AddedEnums,
    AddedTables,
    RemovedEnums,
    RemovedTables,
    ChangedEnum,
    ChangedTable,
}

/// Where a side of a comparison was read from. The IR is the same either
/// way; only Prisma's summary tells them apart, printing a database's
/// defaults in its database reader's kinds (`Int` for a bigint, `String`
/// for JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A Prisma schema (or the empty database `--from-empty` stands for).
    Schema,
    /// A live database, or a migrations folder replayed in one.
    Database,
}

/// The summary of a migration whose previous and next schemas come from
/// `origins`, without the trailing newline `migrate diff` adds.
pub fn summary(migration: &Migration<'_>, origins: [Origin; 2]) -> String {
    if migration.steps.is_empty() {
        return "No difference detected.".to_string();
    }
    let mut entries: Vec<(Section, String, usize, Vec<String>)> = Vec::new();
    for (position, step) in migration.steps.iter().enumerate() {
        let (section, name, lines) = describe(migration, *step, origins);
        entries.push((section, name, position, lines));
    }
    entries.sort();
    let mut out = String::new();
    let mut current: Option<(Section, &str)> = None;
    for (section, name, _, lines) in &entries {
        if current != Some((*section, name.as_str())) {
            current = Some((*section, name.as_str()));
            out.push_str(&header(*section, name));
        }
        for line in lines {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// A section's header, with the blank line before it.
fn header(section: Section, name: &str) -> String {
    match section {
        // Prisma's header ends in a lone backtick and no newline.
        Section::RemovedExtensions => "\n[-] Removed extensions\n`".to_string(),
        Section::AddedExtensions => "\n[+] Added extensions\n".to_string(),
        Section::AddedSchemas => "\n[+] Added Schemas\n".to_string(),
        Section::AddedEnums => "\n[+] Added enums\n".to_string(),
        Section::AddedTables => "\n[+] Added tables\n".to_string(),
        Section::RemovedEnums => "\n[-] Removed enums\n".to_string(),
        Section::RemovedTables => "\n[-] Removed tables\n".to_string(),
        Section::ChangedEnum => format!("\n[*] Changed the `{name}` enum\n"),
        Section::ChangedTable => format!("\n[*] Changed the `{name}` table\n"),
    }
}

fn describe(
    migration: &Migration<'_>,
    step: Step,
    origins: [Origin; 2],
) -> (Section, String, Vec<String>) {
    let (from, to) = (migration.from, migration.to);
    let item = |name: &str| vec![format!("  - {name}")];
    let table = |name: &str, line: String| (Section::ChangedTable, name.to_string(), vec![line]);
    let columns = |names: &[Name]| names.join(", ");
    match step {
        Step::CreateSchema(i) => (
            Section::AddedSchemas,
            String::new(),
            item(&to.namespaces[i]),
        ),
        Step::DropExtension(i) => (
            Section::RemovedExtensions,
            from.extensions[i].name.clone(),
            Vec::new(),
        ),
        Step::CreateExtension(i) => {
            let name = &to.extensions[i].name;
            (Section::AddedExtensions, name.clone(), item(name))
        }
        Step::CreateEnum(i) => (
            Section::AddedEnums,
            String::new(),
            item(&to.enums[i].name.name),
        ),
        Step::DropEnum(i) => (
            Section::RemovedEnums,
            String::new(),
            item(&from.enums[i].name.name),
        ),
        Step::AlterEnum { previous, next } => {
            let (old, new) = (&from.enums[previous], &to.enums[next]);
            let added = new
                .values
                .iter()
                .filter(|v| !old.values.contains(v))
                .map(|v| format!("  [+] Added variant `{v}`"));
            let removed = old
                .values
                .iter()
                .filter(|v| !new.values.contains(v))
                .map(|v| format!("  [-] Removed variant `{v}`"));
            (
                Section::ChangedEnum,
                new.name.name.to_string(),
                added.chain(removed).collect(),
            )
        }
        Step::CreateTable(i) => (
            Section::AddedTables,
            String::new(),
            item(&to.tables[i].name.name),
        ),
        Step::DropTable(i) => (
            Section::RemovedTables,
            String::new(),
            item(&from.tables[i].name.name),
        ),
        Step::AlterTable(i) => {
            let changes = &migration.alter_tables[i];
            (
                Section::ChangedTable,
                to.tables[changes.next].name.name.to_string(),
                alter_table(from, to, changes, origins),
            )
        }
        Step::CreateIndex {
            table: t, index, ..
        } => {
            let t = &to.tables[t];
            let index = &t.indexes[index];
            let names: Vec<Name> = index.columns.iter().map(|c| c.name).collect();
            table(
                &t.name.name,
                format!(
                    "  [+] Added {}index on columns ({})",
                    if index.unique { "unique " } else { "" },
                    columns(&names)
                ),
            )
        }
        Step::DropIndex { table: t, index } => {
            let t = &from.tables[t];
            let index = &t.indexes[index];
            let names: Vec<Name> = index.columns.iter().map(|c| c.name).collect();
            table(
                &t.name.name,
                format!(
                    "  [-] Removed {}index on columns ({})",
                    if index.unique { "unique " } else { "" },
                    columns(&names)
                ),
            )
        }
        Step::RenameIndex {
            previous_table,
            previous_index,
            table: t,
            index,
        } => table(
            &to.tables[t].name.name,
            format!(
                "  [*] Renamed index `{}` to `{}`",
                from.tables[previous_table].indexes[previous_index].name,
                to.tables[t].indexes[index].name
            ),
        ),
        Step::AddForeignKey(i) => {
            let key = &to.foreign_keys[i];
            table(
                &key.table.name,
                format!(
                    "  [+] Added foreign key on columns ({})",
                    columns(&key.columns)
                ),
            )
        }
        Step::DropForeignKey(i) => {
            let key = &from.foreign_keys[i];
            table(
                &key.table.name,
                format!(
                    "  [-] Removed foreign key on columns ({})",
                    columns(&key.columns)
                ),
            )
        }
        Step::RenameForeignKey { previous, next } => {
            let key = &from.foreign_keys[previous];
            table(
                &key.table.name,
                format!(
                    "  [*] Renamed the foreign key \"{}\" to \"{}\"",
                    key.name, to.foreign_keys[next].name
                ),
            )
        }
    }
}

/// One line per change of an `AlterTable`, in clause order.
fn alter_table(
    from: &Schema,
    to: &Schema,
    changes: &TableChanges,
    origins: [Origin; 2],
) -> Vec<String> {
    let read = origins.map(|origin| origin == Origin::Database);
    let (old, new) = (&from.tables[changes.previous], &to.tables[changes.next]);
    let key_columns = |table: &plumb_ir::Table| {
        table
            .primary_key
            .as_ref()
            .map(|k| k.columns.join(", "))
            .unwrap_or_default()
    };
    changes
        .changes
        .iter()
        .map(|change| match *change {
            TableChange::DropPrimaryKey => {
                format!(
                    "  [-] Dropped the primary key on columns ({})",
                    key_columns(old)
                )
            }
            TableChange::RenamePrimaryKey => {
                format!(
                    "  [*] Renamed the primary key on columns ({})",
                    key_columns(new)
                )
            }
            TableChange::DropColumn(c) => format!("  [-] Removed column `{}`", old.columns[c].name),
            TableChange::AddColumn(c) => format!("  [+] Added column `{}`", new.columns[c].name),
            TableChange::AlterColumn(change) => format!(
                "  [*] Altered column `{}` ({})",
                new.columns[change.next].name,
                column_changes(old, new, change, read)
            ),
            TableChange::DropAndRecreateColumn(change) => format!(
                "  [*] Column `{}` would be dropped and recreated ({})",
                new.columns[change.next].name,
                column_changes(old, new, change, read)
            ),
            // Prisma prints a stray `)` line after this one.
            TableChange::AddPrimaryKey => {
                format!(
                    "  [+] Added primary key on columns ({})\n)",
                    key_columns(new)
                )
            }
        })
        .collect()
}
