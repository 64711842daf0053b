//! The rules, one file each. A code is never reused: a retired rule keeps
//! its code out of circulation.

mod add_required_column;
mod change_column_type;
mod create_index_blocking;
mod drop_column;
mod drop_enum_value;
mod drop_schema;
mod drop_table;
mod new_enum_value_used;
mod rename;
mod set_not_null;
mod unique_on_existing_data;
mod validating_constraint;
mod volatile_default;

use crate::Rule;

/// Every rule, in the order findings on one statement are listed.
pub const RULES: &[Rule] = &[
    drop_table::RULE,
    drop_column::RULE,
    drop_schema::RULE,
    drop_enum_value::RULE,
    add_required_column::RULE,
    volatile_default::RULE,
    set_not_null::RULE,
    change_column_type::RULE,
    unique_on_existing_data::RULE,
    create_index_blocking::RULE,
    validating_constraint::RULE,
    rename::RULE,
    new_enum_value_used::RULE,
    crate::context::LOCK_TIMEOUT,
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
        findings(setup, migration)
            .into_iter()
            .map(|f| f.code)
            .collect()
    }

    /// The findings `migration` draws on a database built by `setup`.
    pub fn findings(setup: &str, migration: &str) -> Vec<crate::Finding> {
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
        crate::lint(migration, &before, "public", &crate::Settings::default())
            .unwrap_or_else(|bad| panic!("{}", bad.message))
    }

    #[test]
    fn a_comment_suppresses_a_rule_on_its_statement_with_a_reason() {
        let drop = "DROP TABLE \"Post\";";
        assert!(
            codes(
                USERS,
                &format!("-- plumb-lint: ignore drop-table the data moved to archive\n{drop}")
            )
            .is_empty()
        );
        let before = plumb_replay::replay(
            &[plumb_replay::Migration {
                name: "s",
                path: "s",
                script: USERS,
            }],
            "public",
            &[],
        )
        .unwrap();
        for (comment, message) in [
            (
                "-- plumb-lint: ignore drop-tables because",
                "no rule is called `drop-tables`",
            ),
            (
                "-- plumb-lint: ignore drop-table",
                "say why `drop-table` is ignored here",
            ),
        ] {
            let script = format!("{comment}\n{drop}");
            let bad =
                crate::lint(&script, &before, "public", &crate::Settings::default()).unwrap_err();
            assert_eq!(bad.message, message);
            assert_eq!(&script[bad.start..bad.end], comment);
        }
    }

    pub const USERS: &str = "CREATE TABLE \"User\" (\"id\" SERIAL NOT NULL, \"email\" TEXT NOT NULL, \"name\" VARCHAR(50), \"age\" INTEGER, CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\"));\nCREATE TABLE \"Post\" (\"id\" SERIAL PRIMARY KEY, \"authorId\" INTEGER NOT NULL);\n";
}

#[cfg(test)]
mod documented {
    use std::path::Path;

    #[test]
    fn every_rule_has_its_page_and_its_fixture() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        for code in super::RULES.iter().map(|r| r.code) {
            assert!(
                root.join(format!("docs/rules/{code}.md")).is_file(),
                "docs/rules/{code}.md"
            );
            assert!(
                root.join(format!("fixtures/lint/{code}/migration.sql"))
                    .is_file(),
                "fixtures/lint/{code}"
            );
        }
    }
}
