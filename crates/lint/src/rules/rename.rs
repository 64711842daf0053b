//! `rename`: renaming a table or column breaks the application version
//! still running during the deploy, which asks for the old name.

use sqlparser::ast::{AlterTableOperation, Statement};

use crate::rules::altered;
use crate::{Category, Context, Hit, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    code: "rename",
    category: Category::BackwardIncompatible,
    severity: Severity::Warning,
    summary: "renaming a table or column breaks the application still running",
    check,
};

fn check(context: &Context<'_>, statement: &Statement) -> Vec<Hit> {
    let Some((table, operations)) = altered(context, statement) else {
        return Vec::new();
    };
    operations
        .iter()
        .filter_map(|operation| match operation {
            AlterTableOperation::RenameTable { .. } => Some(Hit {
                severity: None,
                message: format!("the table `{}` is renamed: the running application still queries the old name", table.name.name),
                help: "keep the old name for the table in the schema (`@@map`), or rename in steps: a view under the new name, switch the application, then rename".into(),
            }),
            AlterTableOperation::RenameColumn { old_column_name, .. } => Some(Hit {
                severity: None,
                message: format!(
                    "the column `{}`.`{}` is renamed: the running application still reads the old name",
                    table.name.name, old_column_name.value
                ),
                help: "keep the database name with `@map`, or add the new column, write both, switch reads, then drop the old one".into(),
            }),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::rules::test::{USERS, codes};

    #[test]
    fn fires_on_existing_tables() {
        assert_eq!(
            codes(
                USERS,
                "ALTER TABLE \"User\" RENAME COLUMN \"name\" TO \"fullName\";"
            ),
            ["rename"]
        );
        assert_eq!(
            codes(USERS, "ALTER TABLE \"Post\" RENAME TO \"Article\";"),
            ["rename"]
        );
        assert!(codes(USERS, "CREATE TABLE t (x int);\nALTER TABLE t RENAME TO u;").is_empty());
    }
}
