//! `new-enum-value-used`: PostgreSQL refuses a value that `ALTER TYPE …
//! ADD VALUE` added until its transaction commits ("unsafe use of new
//! value"). plumb and Prisma 7.4+ then run the migration statement by
//! statement, so it is no longer atomic; in a `BEGIN` … `COMMIT` of its
//! own, or under a tool that runs a script in one transaction (Prisma
//! before 7.4, `psql --single-transaction`), it fails.

use sqlparser::ast::{AlterTypeOperation, Statement};

use crate::{Category, Context, Hit, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    code: "new-enum-value-used",
    category: Category::Other,
    severity: Severity::Warning,
    summary: "an enum value added by ALTER TYPE … ADD VALUE is used before its transaction commits",
    check,
};

fn check(context: &Context<'_>, statement: &Statement) -> Vec<Hit> {
    if context.added_values().is_empty()
        || matches!(statement, Statement::AlterType(alter)
            if matches!(alter.operation, AlterTypeOperation::AddValue(_)))
    {
        return Vec::new();
    }
    let text = statement.to_string();
    context
        .added_values()
        .iter()
        .filter(|added| text.contains(&format!("'{}'", added.value.replace('\'', "''"))))
        .map(|added| {
            let (severity, outcome) = if added.in_open_block {
                (
                    Some(Severity::Error),
                    "this statement fails: it runs in the same BEGIN … COMMIT block as the ADD VALUE",
                )
            } else {
                (
                    None,
                    "the migration can only run statement by statement (as plumb and Prisma 7.4+ run it), so a failure after the ADD VALUE leaves it half-applied; run in one transaction, it fails",
                )
            };
            Hit {
                severity,
                message: format!(
                    "'{}' was added to `{}` earlier in this migration, and PostgreSQL refuses a new enum value before its transaction commits: {outcome}",
                    added.value, added.enum_name.name
                ),
                help: "add the value in a migration of its own (`plumb migrate dev --create-only` then move the ALTER TYPE), and use it in the next one".into(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::rules::test::{codes, findings};

    const ROLES: &str = "CREATE TYPE \"Role\" AS ENUM ('USER');\nCREATE TABLE \"User\" (\"id\" INT PRIMARY KEY, \"role\" \"Role\" NOT NULL DEFAULT 'USER');\n";

    #[test]
    fn fires_on_a_later_statement_that_names_the_value() {
        let added = "ALTER TYPE \"Role\" ADD VALUE 'GUEST';\n";
        assert_eq!(
            codes(
                ROLES,
                &format!("{added}ALTER TABLE \"User\" ALTER COLUMN \"role\" SET DEFAULT 'GUEST';")
            ),
            ["new-enum-value-used"]
        );
        assert_eq!(
            codes(
                ROLES,
                &format!("{added}UPDATE \"User\" SET \"role\" = 'GUEST' WHERE \"id\" = 1;")
            ),
            ["new-enum-value-used"]
        );
        // Added, not used; or used only to place another value.
        assert!(codes(ROLES, added).is_empty());
        assert!(
            codes(
                ROLES,
                &format!("{added}ALTER TYPE \"Role\" ADD VALUE 'ADMIN' AFTER 'GUEST';")
            )
            .is_empty()
        );
    }

    #[test]
    fn inside_an_explicit_transaction_it_is_an_error() {
        let outside = findings(
            ROLES,
            "ALTER TYPE \"Role\" ADD VALUE 'GUEST';\nUPDATE \"User\" SET \"role\" = 'GUEST';",
        );
        assert_eq!(outside[0].severity, crate::Severity::Warning);
        let inside = findings(
            ROLES,
            "BEGIN;\nALTER TYPE \"Role\" ADD VALUE 'GUEST';\nUPDATE \"User\" SET \"role\" = 'GUEST';\nCOMMIT;",
        );
        assert_eq!(inside[0].severity, crate::Severity::Error);
        // Committed before the use: no finding at all.
        assert!(
            findings(
                ROLES,
                "BEGIN;\nALTER TYPE \"Role\" ADD VALUE 'GUEST';\nCOMMIT;\nBEGIN;\nUPDATE \"User\" SET \"role\" = 'GUEST';\nCOMMIT;",
            )
            .iter()
            .all(|f| f.severity == crate::Severity::Warning)
        );
    }
}
