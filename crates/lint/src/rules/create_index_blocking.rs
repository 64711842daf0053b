//! `create-index-blocking`: `CREATE INDEX` / `DROP INDEX` without
//! `CONCURRENTLY` block writes to an existing table for the whole build.

use sqlparser::ast::{ObjectType, Statement};

use crate::{Category, Context, Hit, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    code: "create-index-blocking",
    category: Category::Locking,
    severity: Severity::Warning,
    summary: "building or dropping an index without CONCURRENTLY blocks writes",
    check,
};

fn check(context: &Context<'_>, statement: &Statement) -> Vec<Hit> {
    match statement {
        Statement::CreateIndex(create) if !create.concurrently => match context.existing(&create.table_name) {
            Some(table) => vec![Hit {
                severity: None,
                message: format!(
                    "the index is built without CONCURRENTLY: writes to `{}` wait until it is done",
                    table.name.name
                ),
                help: "CREATE INDEX CONCURRENTLY, alone in its migration (it cannot run in a transaction; plumb migrate deploy runs such a file statement by statement)".into(),
            }],
            None => Vec::new(),
        },
        Statement::Drop {
            object_type: ObjectType::Index,
            names,
            ..
        } => names
            .iter()
            .filter_map(|name| context.table_of_index(name))
            .map(|table| Hit {
                severity: None,
                message: format!(
                    "the index is dropped without CONCURRENTLY: queries on `{}` wait for the lock",
                    table.name.name
                ),
                help: "DROP INDEX CONCURRENTLY, alone in its migration".into(),
            })
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test::{USERS, codes};

    #[test]
    fn fires_without_concurrently_on_an_existing_table() {
        let setup = format!("{USERS}CREATE INDEX \"User_age_idx\" ON \"User\"(\"age\");");
        assert_eq!(
            codes(
                &setup,
                "CREATE INDEX \"User_name_idx\" ON \"User\"(\"name\");"
            ),
            ["create-index-blocking"]
        );
        assert_eq!(
            codes(&setup, "DROP INDEX \"User_age_idx\";"),
            ["create-index-blocking"]
        );
        assert!(
            codes(
                &setup,
                "CREATE INDEX CONCURRENTLY \"User_name_idx\" ON \"User\"(\"name\");"
            )
            .is_empty()
        );
        assert!(
            codes(
                &setup,
                "CREATE TABLE t (x int);\nCREATE INDEX t_x ON t (x);"
            )
            .is_empty()
        );
    }
}
