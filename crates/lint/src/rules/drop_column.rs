//! `drop-column`: dropping a column of an existing table loses its values
//! (and breaks the application version that still reads it).

use sqlparser::ast::{AlterTableOperation, Statement};

use crate::rules::altered;
use crate::{Category, Context, Hit, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    code: "drop-column",
    category: Category::DataLoss,
    severity: Severity::Error,
    summary: "dropping a column loses its values",
    check,
};

fn check(context: &Context<'_>, statement: &Statement) -> Vec<Hit> {
    let Some((table, operations)) = altered(context, statement) else {
        return Vec::new();
    };
    let mut hits = Vec::new();
    for operation in operations {
        if let AlterTableOperation::DropColumn { column_names, .. } = operation {
            for column in column_names {
                let name = plumb_replay::identifier(column);
                if table.columns.iter().any(|c| c.name == name) {
                    hits.push(Hit {
                        severity: None,
                        message: format!("the column `{}`.`{name}` is dropped, with its values", table.name.name),
                        help: "first deploy an application version that no longer reads the column, then drop it in a later migration".into(),
                    });
                }
            }
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use crate::rules::test::{USERS, codes};

    #[test]
    fn fires_on_a_column_that_exists() {
        assert_eq!(
            codes(USERS, "ALTER TABLE \"User\" DROP COLUMN \"age\";"),
            ["drop-column"]
        );
        let other = codes(
            USERS,
            "ALTER TABLE \"User\" ADD COLUMN \"x\" INT;\nALTER TABLE \"User\" DROP COLUMN IF EXISTS \"nope\";",
        );
        assert!(!other.contains(&"drop-column"), "{other:?}");
    }
}
