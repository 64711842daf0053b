//! `drop-schema`: dropping a schema that exists (with `CASCADE`) drops
//! every table in it.

use sqlparser::ast::{ObjectType, Statement};

use crate::{Category, Context, Hit, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    code: "drop-schema",
    category: Category::DataLoss,
    severity: Severity::Error,
    summary: "dropping a schema drops what it holds",
    check,
};

fn check(context: &Context<'_>, statement: &Statement) -> Vec<Hit> {
    let Statement::Drop {
        object_type: ObjectType::Schema,
        names,
        ..
    } = statement
    else {
        return Vec::new();
    };
    names
        .iter()
        .filter_map(|name| plumb_replay::object_name(name).map(|(_, n)| n))
        .filter(|name| context.before().namespaces.contains(name))
        .map(|name| {
            let tables = context
                .before()
                .tables
                .iter()
                .filter(|t| t.name.namespace.unwrap_or(context.default_namespace()) == name)
                .count();
            Hit {
                severity: None,
                message: format!("the schema `{name}` is dropped, with its {tables} tables and their rows"),
                help: "move what must be kept to another schema first; drop the schema once nothing uses it".into(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::rules::test::codes;

    #[test]
    fn fires_on_a_schema_that_exists() {
        let setup = "CREATE SCHEMA archive;\nCREATE TABLE archive.t (id int);";
        // Read in `public` only, the setup's schema is not in the IR.
        assert!(codes(setup, "DROP SCHEMA nothing_here CASCADE;").is_empty());
        assert_eq!(codes("", "DROP SCHEMA public CASCADE;"), ["drop-schema"]);
    }
}
