//! `drop-table`: dropping a table that exists loses its rows.

use sqlparser::ast::{ObjectType, Statement};

use crate::{Category, Context, Hit, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    code: "drop-table",
    category: Category::DataLoss,
    severity: Severity::Error,
    summary: "dropping a table loses its rows",
    check,
};

fn check(context: &Context<'_>, statement: &Statement) -> Vec<Hit> {
    let Statement::Drop {
        object_type: ObjectType::Table,
        names,
        ..
    } = statement
    else {
        return Vec::new();
    };
    names
        .iter()
        .filter_map(|name| context.existing(name))
        .map(|table| Hit {
            severity: None,
            message: format!("the table `{}` is dropped, with all its rows", table.name.name),
            help: "keep the table until no deployed version of the application reads it, and copy out what must be kept".into(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::rules::test::{USERS, codes};

    #[test]
    fn fires_on_an_existing_table_only() {
        assert_eq!(codes(USERS, "DROP TABLE \"Post\";"), ["drop-table"]);
        assert!(codes(USERS, "CREATE TABLE t (id int);\nDROP TABLE t;").is_empty());
    }
}
