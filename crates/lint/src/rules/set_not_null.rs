//! `set-not-null`: `SET NOT NULL` scans the whole table under an ACCESS
//! EXCLUSIVE lock (and fails if a row holds NULL).

use sqlparser::ast::{AlterColumnOperation, AlterTableOperation, Statement};

use crate::rules::altered;
use crate::{Category, Context, Hit, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    code: "set-not-null",
    category: Category::Locking,
    severity: Severity::Warning,
    summary: "SET NOT NULL scans the table while blocking reads and writes",
    check,
};

fn check(context: &Context<'_>, statement: &Statement) -> Vec<Hit> {
    let Some((table, operations)) = altered(context, statement) else {
        return Vec::new();
    };
    let Statement::AlterTable(alter) = statement else {
        return Vec::new();
    };
    operations
        .iter()
        .filter_map(|operation| match operation {
            AlterTableOperation::AlterColumn {
                column_name,
                op: AlterColumnOperation::SetNotNull,
            } if !context.has_valid_not_null_check(&alter.name, &column_name.value) => Some(Hit {
                severity: None,
                message: format!(
                    "`{}`.`{}` becomes NOT NULL: PostgreSQL scans every row while holding an ACCESS EXCLUSIVE lock, and fails on a NULL",
                    table.name.name, column_name.value
                ),
                help: format!(
                    "add `CHECK (\"{c}\" IS NOT NULL) NOT VALID`, then `VALIDATE CONSTRAINT` (no exclusive lock), then SET NOT NULL (which uses the valid check and skips the scan), then drop the check",
                    c = column_name.value
                ),
            }),
            _ => None,
        })
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
                "ALTER TABLE \"User\" ALTER COLUMN \"name\" SET NOT NULL;"
            ),
            ["set-not-null"]
        );
        assert!(
            codes(
                USERS,
                "CREATE TABLE t (x int);\nALTER TABLE t ALTER COLUMN x SET NOT NULL;"
            )
            .is_empty()
        );
    }

    #[test]
    fn a_validated_not_null_check_spares_the_scan() {
        let add =
            "ALTER TABLE \"User\" ADD CONSTRAINT \"c\" CHECK (\"name\" IS NOT NULL) NOT VALID;\n";
        let validate = "ALTER TABLE \"User\" VALIDATE CONSTRAINT \"c\";\n";
        let set = "ALTER TABLE \"User\" ALTER COLUMN \"name\" SET NOT NULL;\n";
        let timeout = "SET lock_timeout = '5s';\n";
        assert!(codes(USERS, &format!("{timeout}{add}{validate}{set}")).is_empty());
        // Not yet validated: SET NOT NULL still scans.
        assert_eq!(
            codes(USERS, &format!("{timeout}{add}{set}")),
            ["set-not-null"]
        );
    }
}
