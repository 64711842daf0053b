//! The rules, one file each. A code is never reused: a retired rule keeps
//! its code out of circulation.

mod add_required_column;
mod change_column_type;
mod create_index_blocking;
mod drop_column;
mod drop_table;
mod rename;
mod set_not_null;
mod unique_on_existing_data;
mod validating_constraint;

use crate::Rule;

/// Every rule, in the order findings on one statement are listed.
pub const RULES: &[Rule] = &[
    drop_table::RULE,
    drop_column::RULE,
    add_required_column::RULE,
    set_not_null::RULE,
    change_column_type::RULE,
    unique_on_existing_data::RULE,
    create_index_blocking::RULE,
    validating_constraint::RULE,
    rename::RULE,
];

/// The existing table an `ALTER TABLE` acts on, with its actions.
pub(crate) fn altered<'a, 'c>(
    context: &crate::Context<'c>,
    statement: &'a sqlparser::ast::Statement,
) -> Option<(
    &'c plumb_ir::Table,
    &'a [sqlparser::ast::AlterTableOperation],
)> {
    match statement {
        sqlparser::ast::Statement::AlterTable(alter) => {
            Some((context.existing(&alter.name)?, &alter.operations))
        }
        _ => None,
    }
}

#[cfg(test)]
pub(crate) mod test {
    /// The codes `migration` draws on a database built by `setup`.
    pub fn codes(setup: &str, migration: &str) -> Vec<&'static str> {
        let before = plumb_replay::replay(
            &[plumb_replay::Migration {
                name: "setup",
                path: "setup.sql",
                script: setup,
            }],
            "public",
            &[],
        )
        .unwrap_or_else(|refusal| panic!("{refusal}"));
        crate::lint(migration, &before, "public")
            .into_iter()
            .map(|f| f.code)
            .collect()
    }

    pub const USERS: &str = "CREATE TABLE \"User\" (\"id\" SERIAL NOT NULL, \"email\" TEXT NOT NULL, \"name\" VARCHAR(50), \"age\" INTEGER, CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\"));\nCREATE TABLE \"Post\" (\"id\" SERIAL PRIMARY KEY, \"authorId\" INTEGER NOT NULL);\n";
}
