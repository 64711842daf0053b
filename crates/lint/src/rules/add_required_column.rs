//! `add-required-column`: `ADD COLUMN … NOT NULL` without a default fails
//! on a table that has rows.

use sqlparser::ast::{AlterTableOperation, ColumnOption, Statement};

use crate::rules::altered;
use crate::{Category, Context, Hit, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    code: "add-required-column",
    category: Category::DataDependent,
    severity: Severity::Error,
    summary: "a required column without a default cannot be added to a table with rows",
    check,
};

fn check(context: &Context<'_>, statement: &Statement) -> Vec<Hit> {
    let Some((table, operations)) = altered(context, statement) else {
        return Vec::new();
    };
    let mut hits = Vec::new();
    for operation in operations {
        let AlterTableOperation::AddColumn { column_def, .. } = operation else {
            continue;
        };
        let options: Vec<&ColumnOption> = column_def.options.iter().map(|o| &o.option).collect();
        let required = options
            .iter()
            .any(|o| matches!(o, ColumnOption::NotNull | ColumnOption::PrimaryKey(_)));
        let filled = options
            .iter()
            .any(|o| matches!(o, ColumnOption::Default(_) | ColumnOption::Generated { .. }))
            || column_def
                .data_type
                .to_string()
                .to_ascii_uppercase()
                .contains("SERIAL");
        if required && !filled {
            hits.push(Hit {
                severity: None,
                message: format!(
                    "`{}`.`{}` is added NOT NULL without a default: the statement fails if `{}` has rows",
                    table.name.name, column_def.name.value, table.name.name
                ),
                help: "add the column with a default (a constant default rewrites nothing since PostgreSQL 11), or add it nullable, fill it, then SET NOT NULL".into(),
            });
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use crate::rules::test::{USERS, codes};

    #[test]
    fn fires_without_a_default_only() {
        assert_eq!(
            codes(
                USERS,
                "ALTER TABLE \"User\" ADD COLUMN \"bio\" TEXT NOT NULL;"
            ),
            ["add-required-column"]
        );
        assert!(
            codes(
                USERS,
                "ALTER TABLE \"User\" ADD COLUMN \"bio\" TEXT NOT NULL DEFAULT '';"
            )
            .is_empty()
        );
        assert!(
            codes(
                USERS,
                "CREATE TABLE t (id int);\nALTER TABLE t ADD COLUMN x TEXT NOT NULL;"
            )
            .is_empty()
        );
    }
}
