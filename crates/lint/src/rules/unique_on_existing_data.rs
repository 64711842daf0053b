//! `unique-on-existing-data`: a new unique index, unique constraint or
//! primary key on a table with rows fails if the rows repeat a value.

use sqlparser::ast::{AlterTableOperation, Statement, TableConstraint};

use crate::rules::altered;
use crate::{Category, Context, Hit, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    code: "unique-on-existing-data",
    category: Category::DataDependent,
    severity: Severity::Warning,
    summary: "a new unique index fails if existing rows repeat a value",
    check,
};

fn hit(table: &str) -> Hit {
    Hit {
        severity: None,
        message: format!("a new unique index on `{table}`: the statement fails if existing rows repeat a value"),
        help: "look for duplicates first (`SELECT … GROUP BY … HAVING count(*) > 1`) and fix them in an earlier migration; build the index CONCURRENTLY, then attach it with `ADD CONSTRAINT … UNIQUE USING INDEX`".into(),
    }
}

fn check(context: &Context<'_>, statement: &Statement) -> Vec<Hit> {
    if let Statement::CreateIndex(create) = statement {
        return match context.existing(&create.table_name) {
            Some(table) if create.unique => vec![hit(table.name.name.as_str())],
            _ => Vec::new(),
        };
    }
    let Some((table, operations)) = altered(context, statement) else {
        return Vec::new();
    };
    operations
        .iter()
        .filter(|operation| {
            matches!(
                operation,
                AlterTableOperation::AddConstraint {
                    constraint: TableConstraint::Unique(_) | TableConstraint::PrimaryKey(_),
                    ..
                }
            )
        })
        .map(|_| hit(table.name.name.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::rules::test::{USERS, codes};

    #[test]
    fn fires_on_an_existing_table() {
        assert_eq!(
            codes(
                USERS,
                "CREATE UNIQUE INDEX CONCURRENTLY \"User_email_key\" ON \"User\"(\"email\");"
            ),
            ["unique-on-existing-data"]
        );
        assert!(
            codes(
                USERS,
                "CREATE TABLE t (x int);\nCREATE UNIQUE INDEX t_x ON t (x);"
            )
            .is_empty()
        );
    }
}
