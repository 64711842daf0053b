//! `volatile-default`: a new column whose default is volatile (computed
//! per row) makes PostgreSQL rewrite the whole table under an ACCESS
//! EXCLUSIVE lock; a constant default does not (PostgreSQL 11+).

use sqlparser::ast::{AlterTableOperation, ColumnOption, Expr, Statement};

use crate::rules::altered;
use crate::{Category, Context, Hit, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    code: "volatile-default",
    category: Category::Locking,
    severity: Severity::Warning,
    summary: "a new column with a volatile default rewrites the table",
    check,
};

/// Volatile functions a default is written with.
const VOLATILE: [&str; 8] = [
    "random",
    "gen_random_uuid",
    "uuid_generate_v1",
    "uuid_generate_v1mc",
    "uuid_generate_v4",
    "clock_timestamp",
    "timeofday",
    "nextval",
];

fn volatile(expr: &Expr) -> Option<String> {
    let text = expr.to_string().to_ascii_lowercase();
    VOLATILE
        .iter()
        .find(|f| text.contains(&format!("{f}(")))
        .map(|f| f.to_string())
}

fn check(context: &Context<'_>, statement: &Statement) -> Vec<Hit> {
    let Some((table, operations)) = altered(context, statement) else {
        return Vec::new();
    };
    let mut hits = Vec::new();
    for operation in operations {
        let AlterTableOperation::AddColumn { column_def, .. } = operation else {
            continue;
        };
        let serial = column_def
            .data_type
            .to_string()
            .to_ascii_uppercase()
            .contains("SERIAL");
        let function = column_def.options.iter().find_map(|o| match &o.option {
            ColumnOption::Default(expr) => volatile(expr),
            _ => None,
        });
        if let Some(function) = function.or_else(|| serial.then(|| "nextval".to_string())) {
            hits.push(Hit {
                severity: None,
                message: format!(
                    "`{}`.`{}` is added with a volatile default ({function}()): PostgreSQL computes it for every row, rewriting `{}` under an ACCESS EXCLUSIVE lock",
                    table.name.name, column_def.name.value, table.name.name
                ),
                help: "add the column without a default (or with a constant one), set the default in a second statement (it applies to new rows only), and backfill existing rows in batches".into(),
            });
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use crate::rules::test::{USERS, codes};

    #[test]
    fn fires_on_volatile_defaults_only() {
        assert_eq!(
            codes(
                USERS,
                "ALTER TABLE \"User\" ADD COLUMN \"token\" UUID NOT NULL DEFAULT gen_random_uuid();"
            ),
            ["volatile-default"]
        );
        assert!(
            codes(
                USERS,
                "ALTER TABLE \"User\" ADD COLUMN \"at\" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP;"
            )
            .is_empty()
        );
        assert!(
            codes(
                USERS,
                "ALTER TABLE \"User\" ADD COLUMN \"at\" TIMESTAMPTZ DEFAULT now();"
            )
            .is_empty()
        );
    }
}
