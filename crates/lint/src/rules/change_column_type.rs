//! `change-column-type`: a type change that is not binary-coercible
//! rewrites the table (and its indexes) under an ACCESS EXCLUSIVE lock,
//! and a narrowing one may fail on existing values.

use plumb_ir::{ColumnType, NativeKind};
use sqlparser::ast::{AlterColumnOperation, AlterTableOperation, Statement};

use crate::rules::altered;
use crate::{Category, Context, Hit, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    code: "change-column-type",
    category: Category::Locking,
    severity: Severity::Warning,
    summary: "a type change that rewrites the table blocks reads and writes",
    check,
};

fn check(context: &Context<'_>, statement: &Statement) -> Vec<Hit> {
    let Some((table, operations)) = altered(context, statement) else {
        return Vec::new();
    };
    let mut hits = Vec::new();
    for operation in operations {
        let AlterTableOperation::AlterColumn {
            column_name,
            op: AlterColumnOperation::SetDataType { data_type, .. },
        } = operation
        else {
            continue;
        };
        let name = plumb_replay::identifier(column_name);
        let Some(column) = table.columns.iter().find(|c| c.name == name) else {
            continue;
        };
        if binary_coercible(&column.column_type, &data_type.to_string()) {
            continue;
        }
        hits.push(Hit {
            severity: None,
            message: format!(
                "`{}`.`{name}` changes type to {data_type}: PostgreSQL rewrites the table and its indexes while holding an ACCESS EXCLUSIVE lock",
                table.name.name
            ),
            help: "add a new column of the new type, backfill it in batches, switch the application to it, then drop the old one".into(),
        });
    }
    hits
}

/// Whether going from `from` to the written type keeps every stored value
/// as it is (no rewrite): a longer or unbounded `VARCHAR`, `VARCHAR` to
/// `TEXT`, a wider `NUMERIC` with the same scale, `VARBIT` longer.
fn binary_coercible(from: &ColumnType, to: &str) -> bool {
    let ColumnType::Native(from) = from else {
        return false;
    };
    let to = to.to_ascii_uppercase();
    let (to_name, to_arguments) = match to.split_once('(') {
        Some((name, rest)) => (
            name.trim().to_string(),
            rest.trim_end_matches(')')
                .split(',')
                .filter_map(|a| a.trim().parse::<u32>().ok())
                .collect::<Vec<_>>(),
        ),
        None => (to.trim().to_string(), Vec::new()),
    };
    let length = |arguments: &[u32]| arguments.first().copied();
    match (from.kind, to_name.as_str()) {
        (NativeKind::VarChar | NativeKind::Text, "TEXT") => true,
        (NativeKind::VarChar, "VARCHAR" | "CHARACTER VARYING") => {
            match (length(&from.arguments), length(&to_arguments)) {
                (_, None) => true,
                (Some(old), Some(new)) => new >= old,
                (None, Some(_)) => false,
            }
        }
        (NativeKind::Decimal, "DECIMAL" | "NUMERIC") => {
            match (&*from.arguments, to_arguments.as_slice()) {
                (_, []) => true,
                ([p, s], [np, ns]) => np >= p && ns == s,
                _ => false,
            }
        }
        (NativeKind::VarBit, "VARBIT" | "BIT VARYING") => {
            match (length(&from.arguments), length(&to_arguments)) {
                (_, None) => true,
                (Some(old), Some(new)) => new >= old,
                (None, Some(_)) => false,
            }
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test::{USERS, codes};

    #[test]
    fn fires_on_a_rewrite_not_on_a_widening() {
        assert_eq!(
            codes(
                USERS,
                "ALTER TABLE \"User\" ALTER COLUMN \"age\" SET DATA TYPE BIGINT;"
            ),
            ["change-column-type"]
        );
        assert_eq!(
            codes(
                USERS,
                "ALTER TABLE \"User\" ALTER COLUMN \"name\" SET DATA TYPE VARCHAR(20);"
            ),
            ["change-column-type"]
        );
        assert!(
            codes(
                USERS,
                "ALTER TABLE \"User\" ALTER COLUMN \"name\" SET DATA TYPE VARCHAR(100);"
            )
            .is_empty()
        );
        assert!(
            codes(
                USERS,
                "ALTER TABLE \"User\" ALTER COLUMN \"name\" SET DATA TYPE TEXT;"
            )
            .is_empty()
        );
    }
}
