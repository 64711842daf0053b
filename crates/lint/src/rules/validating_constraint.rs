//! `validating-constraint`: `ADD FOREIGN KEY` / `ADD CHECK` without
//! `NOT VALID` check every existing row while holding a lock that blocks
//! writes.

use sqlparser::ast::{AlterTableOperation, Statement, TableConstraint};

use crate::rules::altered;
use crate::{Category, Context, Hit, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    code: "validating-constraint",
    category: Category::Locking,
    severity: Severity::Warning,
    summary: "a foreign key or check added without NOT VALID scans the table while blocking writes",
    check,
};

fn check(context: &Context<'_>, statement: &Statement) -> Vec<Hit> {
    let Some((table, operations)) = altered(context, statement) else {
        return Vec::new();
    };
    operations
        .iter()
        .filter_map(|operation| match operation {
            AlterTableOperation::AddConstraint {
                constraint: constraint @ (TableConstraint::ForeignKey(_) | TableConstraint::Check(_)),
                not_valid: false,
            } => {
                let (what, name) = match constraint {
                    TableConstraint::ForeignKey(key) => ("foreign key", key.name.as_ref()),
                    TableConstraint::Check(check) => ("check", check.name.as_ref()),
                    _ => return None,
                };
                let name = name.map_or_else(|| "…".to_string(), |n| n.value.clone());
                Some(Hit {
                    severity: None,
                    message: format!(
                        "the {what} `{name}` is checked against every row of `{}` while writes wait",
                        table.name.name
                    ),
                    help: format!(
                        "add it `NOT VALID` (instant), then `ALTER TABLE … VALIDATE CONSTRAINT \"{name}\"` in a later statement (reads and writes go on)"
                    ),
                })
            }
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::rules::test::{USERS, codes};

    #[test]
    fn fires_without_not_valid() {
        let key = "ALTER TABLE \"Post\" ADD CONSTRAINT \"Post_authorId_fkey\" FOREIGN KEY (\"authorId\") REFERENCES \"User\"(\"id\")";
        assert_eq!(codes(USERS, &format!("{key};")), ["validating-constraint"]);
        assert!(codes(USERS, &format!("{key} NOT VALID;")).is_empty());
        assert!(
            codes(
                USERS,
                "CREATE TABLE t (x int);\nALTER TABLE t ADD CONSTRAINT c CHECK (x > 0);"
            )
            .is_empty()
        );
    }
}
