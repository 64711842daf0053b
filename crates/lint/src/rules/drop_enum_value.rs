//! `drop-enum-value`: Prisma removes enum values by renaming the enum
//! away, creating it again without them and casting every column to it:
//! rows that hold a removed value make the cast fail, and each column's
//! table is rewritten under an ACCESS EXCLUSIVE lock.

use plumb_ir::{Name, QualifiedName};
use sqlparser::ast::{AlterTypeOperation, Statement, UserDefinedTypeRepresentation};

use crate::{Category, Context, Hit, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    code: "drop-enum-value",
    category: Category::DataDependent,
    severity: Severity::Error,
    summary: "an enum recreated without some of its values fails on rows that hold them",
    check,
};

/// The enum that replaces an existing one in this statement, with the
/// old values and the new: `CREATE TYPE "X"` after `"X"` was renamed
/// away, or Prisma's `ALTER TYPE "X_new" RENAME TO "X"`.
fn replaced(
    context: &Context<'_>,
    statement: &Statement,
) -> Option<(QualifiedName, Vec<Name>, Vec<Name>)> {
    match statement {
        Statement::CreateType {
            name,
            representation: Some(UserDefinedTypeRepresentation::Enum { labels }),
        } => {
            let name = context.resolve(name)?;
            let old = context.renamed_away(&name)?.to_vec();
            Some((
                name,
                old,
                labels.iter().map(|l| Name::new(&l.value)).collect(),
            ))
        }
        Statement::AlterType(alter) => {
            let AlterTypeOperation::Rename(rename) = &alter.operation else {
                return None;
            };
            let from = context.resolve(&alter.name)?;
            let to = QualifiedName {
                namespace: from.namespace,
                name: plumb_replay::identifier(&rename.new_name),
            };
            let new = context.created_enum(&from)?.to_vec();
            let old = context
                .before()
                .enums
                .iter()
                .find(|e| e.name == to)?
                .values
                .clone();
            Some((to, old, new))
        }
        _ => None,
    }
}

fn check(context: &Context<'_>, statement: &Statement) -> Vec<Hit> {
    let Some((qualified, old_values, new_values)) = replaced(context, statement) else {
        return Vec::new();
    };
    let removed: Vec<String> = old_values
        .iter()
        .filter(|v| !new_values.contains(v))
        .map(|v| format!("'{v}'"))
        .collect();
    if removed.is_empty() {
        return Vec::new();
    }
    let users = context
        .before()
        .tables
        .iter()
        .filter(|t| {
            t.columns
                .iter()
                .any(|c| matches!(&c.column_type, plumb_ir::ColumnType::Enum(e) if e.name == qualified.name))
        })
        .map(|t| format!("`{}`", t.name.name))
        .collect::<Vec<_>>();
    vec![Hit {
        severity: None,
        message: format!(
            "the enum `{}` is replaced by one without {}: casting a row that holds one fails, and {} rewritten under an ACCESS EXCLUSIVE lock",
            qualified.name,
            removed.join(", "),
            match users.len() {
                0 => "no table is".to_string(),
                1 => format!("{} is", users[0]),
                _ => format!("{} are", users.join(", ")),
            },
        ),
        help: "update the rows that hold the removed values first (an earlier migration or a data fix), and deploy the application that no longer writes them".into(),
    }]
}

#[cfg(test)]
mod tests {
    use crate::rules::test::codes;

    const SETUP: &str = "CREATE TYPE \"Role\" AS ENUM ('USER', 'ADMIN', 'GUEST');\nCREATE TABLE \"User\" (\"id\" INT PRIMARY KEY, \"role\" \"Role\" NOT NULL);";

    #[test]
    fn fires_on_prismas_dance() {
        let dance = "CREATE TYPE \"Role_new\" AS ENUM ('USER', 'ADMIN');\nALTER TYPE \"Role\" RENAME TO \"Role_old\";\nALTER TYPE \"Role_new\" RENAME TO \"Role\";";
        assert_eq!(codes(SETUP, dance), ["drop-enum-value"]);
        let added = dance.replace("'ADMIN')", "'ADMIN', 'GUEST', 'OWNER')");
        assert!(codes(SETUP, &added).is_empty());
    }

    #[test]
    fn fires_when_the_recreated_enum_lacks_values() {
        let dance = "ALTER TYPE \"Role\" RENAME TO \"Role_old\";\nCREATE TYPE \"Role\" AS ENUM ('USER', 'ADMIN');";
        assert_eq!(codes(SETUP, dance), ["drop-enum-value"]);
        let kept = "ALTER TYPE \"Role\" RENAME TO \"Role_old\";\nCREATE TYPE \"Role\" AS ENUM ('USER', 'ADMIN', 'GUEST', 'OWNER');";
        assert!(codes(SETUP, kept).is_empty());
        assert!(codes("", "CREATE TYPE \"Role\" AS ENUM ('A');").is_empty());
    }
}
