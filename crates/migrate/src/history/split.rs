//! What the statements of a migration script (split by the replay's
//! splitter) ask of the runner: to run outside a transaction, or to
//! commit before a new enum value is used.

pub use plumb_replay::script::{Statement, split};

/// What keeps a statement out of a transaction block, if anything:
/// PostgreSQL refuses these inside one, or they end the one we opened.
pub fn outside_transaction(statement: &Statement) -> Option<&'static str> {
    let words: Vec<&str> = statement.keywords.iter().map(String::as_str).collect();
    match words.as_slice() {
        ["CREATE", "INDEX", "CONCURRENTLY", ..]
        | ["CREATE", "UNIQUE", "INDEX", "CONCURRENTLY", ..] => Some("CREATE INDEX CONCURRENTLY"),
        ["DROP", "INDEX", "CONCURRENTLY", ..] => Some("DROP INDEX CONCURRENTLY"),
        ["REINDEX", ..] if words.contains(&"CONCURRENTLY") => Some("REINDEX CONCURRENTLY"),
        ["VACUUM", ..] => Some("VACUUM"),
        ["CREATE", "DATABASE", ..] => Some("CREATE DATABASE"),
        ["DROP", "DATABASE", ..] => Some("DROP DATABASE"),
        ["CREATE", "TABLESPACE", ..] => Some("CREATE TABLESPACE"),
        ["DROP", "TABLESPACE", ..] => Some("DROP TABLESPACE"),
        ["ALTER", "SYSTEM", ..] => Some("ALTER SYSTEM"),
        ["BEGIN", ..] | ["START", "TRANSACTION", ..] => Some("BEGIN"),
        ["COMMIT" | "END" | "ROLLBACK" | "ABORT", ..] => Some("COMMIT"),
        _ => None,
    }
}

/// Whether the statement adds a value to an enum (`ALTER TYPE … ADD
/// VALUE`): in one transaction, PostgreSQL refuses to use the new value
/// before the transaction commits.
pub fn adds_enum_value(statement: &Statement) -> bool {
    alters_with(statement, "TYPE", ["ADD", "VALUE"])
}

/// Whether the statement is `ALTER TABLE … VALIDATE CONSTRAINT`: run in
/// the transaction of the `ADD CONSTRAINT … NOT VALID` before it, it
/// would scan under that statement's lock, which `NOT VALID` avoids.
pub fn validates_constraint(statement: &Statement) -> bool {
    alters_with(statement, "TABLE", ["VALIDATE", "CONSTRAINT"])
}

/// Whether the statement is `ALTER <object> …` with the two words
/// `action` among its leading ones.
fn alters_with(statement: &Statement, object: &str, action: [&str; 2]) -> bool {
    let words = &statement.keywords;
    words.first().is_some_and(|w| w == "ALTER")
        && words.get(1).is_some_and(|w| w == object)
        && words
            .windows(2)
            .any(|pair| pair[0] == action[0] && pair[1] == action[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_what_cannot_run_in_a_transaction() {
        let kinds: Vec<Option<&str>> = split(
            "CREATE UNIQUE INDEX CONCURRENTLY i ON t(a);\nDROP INDEX CONCURRENTLY i;\nVACUUM t;\nBEGIN;\nCOMMIT;\nCREATE INDEX i ON t(a);",
        )
        .iter()
        .map(outside_transaction)
        .collect();
        assert_eq!(
            kinds,
            [
                Some("CREATE INDEX CONCURRENTLY"),
                Some("DROP INDEX CONCURRENTLY"),
                Some("VACUUM"),
                Some("BEGIN"),
                Some("COMMIT"),
                None
            ]
        );
        let enum_change = split("ALTER TYPE \"Role\" ADD VALUE 'ADMIN';");
        assert!(adds_enum_value(&enum_change[0]));
    }
}
