//! What a rule knows when it looks at a statement: the schema before the
//! migration, and what the migration did so far.

use plumb_ir::{Name, QualifiedName, Schema, Table};
use sqlparser::ast::{ObjectName, Statement};

use crate::{Category, Finding, Hit, Rule, Severity};

/// `lock-timeout`: a finding about the migration as a whole, made when it
/// ends ([`Context::finish`]); no single statement draws it.
pub(crate) const LOCK_TIMEOUT: Rule = Rule {
    code: "lock-timeout",
    category: Category::Locking,
    severity: Severity::Warning,
    summary: "several ACCESS EXCLUSIVE statements on existing tables without lock_timeout",
    check: |_, _| Vec::<Hit>::new(),
};

/// The state of the migration being linted.
#[derive(Debug)]
pub struct Context<'a> {
    before: &'a Schema,
    /// `before`'s tables by name (the default namespace unqualified): a
    /// migration of thousands of statements looks each up at once.
    tables: std::collections::HashMap<QualifiedName, &'a Table>,
    default_namespace: Name,
    /// Tables made earlier in this migration: nobody waits on them yet.
    created: Vec<QualifiedName>,
    /// A `lock_timeout` is in effect (set, and not set to 0 or reset).
    lock_timeout: bool,
    /// Statements so far that take ACCESS EXCLUSIVE on an existing table
    /// with no `lock_timeout` in effect.
    exclusive: usize,
    /// Where the second such statement is, for the finding.
    second_exclusive: Option<(usize, usize)>,
    current: (usize, usize),
    /// Enums renamed in this migration: new name → the values the enum had
    /// under its old name (Prisma renames an enum away before recreating it
    /// without some values).
    renamed_enums: Vec<(QualifiedName, Vec<Name>)>,
    /// Enums created in this migration, with their values.
    created_enums: Vec<(QualifiedName, Vec<Name>)>,
    /// Inside `BEGIN` … `COMMIT` written in the script.
    in_transaction_block: bool,
    /// Values `ALTER TYPE … ADD VALUE` added to existing enums in this
    /// migration: they cannot be used before their transaction commits.
    added_values: Vec<AddedValue>,
    /// `CHECK (column IS NOT NULL)` constraints added in this migration:
    /// once valid, `SET NOT NULL` uses them instead of scanning.
    not_null_checks: Vec<NotNullCheck>,
}

/// A `CHECK (column IS NOT NULL)` the migration added.
#[derive(Debug, Clone, PartialEq, Eq)]
struct NotNullCheck {
    table: QualifiedName,
    constraint: String,
    column: String,
    valid: bool,
}

/// A value added to an enum by the migration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddedValue {
    pub enum_name: QualifiedName,
    pub value: String,
    /// Whether it was added inside a `BEGIN` … `COMMIT` block that is
    /// still open.
    pub in_open_block: bool,
}

impl<'a> Context<'a> {
    pub fn new(before: &'a Schema, default_namespace: &str) -> Context<'a> {
        let default = Name::new(default_namespace);
        let tables = before
            .tables
            .iter()
            .map(|t| {
                let name = QualifiedName {
                    namespace: t.name.namespace.filter(|n| *n != default),
                    name: t.name.name,
                };
                (name, t)
            })
            .collect();
        Context {
            before,
            tables,
            default_namespace: default,
            created: Vec::new(),
            lock_timeout: false,
            exclusive: 0,
            second_exclusive: None,
            current: (0, 0),
            renamed_enums: Vec::new(),
            created_enums: Vec::new(),
            in_transaction_block: false,
            added_values: Vec::new(),
            not_null_checks: Vec::new(),
        }
    }

    /// Whether a valid `CHECK (column IS NOT NULL)` on `table`, added
    /// earlier in this migration, spares `SET NOT NULL` its scan.
    pub fn has_valid_not_null_check(&self, table: &ObjectName, column: &str) -> bool {
        let Some(table) = self.resolve(table) else {
            return false;
        };
        self.not_null_checks
            .iter()
            .any(|c| c.table == table && c.column == column && c.valid)
    }

    /// The values added to enums earlier in this migration.
    pub fn added_values(&self) -> &[AddedValue] {
        &self.added_values
    }

    /// The name as the IR spells it (the default namespace unqualified).
    pub fn resolve(&self, name: &ObjectName) -> Option<QualifiedName> {
        let (schema, object) = plumb_replay::object_name(name)?;
        Some(QualifiedName {
            namespace: schema.filter(|s| *s != self.default_namespace),
            name: object,
        })
    }

    /// The table `name` names, when it existed before this migration (and
    /// so may hold rows and serve queries).
    pub fn existing(&self, name: &ObjectName) -> Option<&'a Table> {
        let name = self.resolve(name)?;
        if self.created.contains(&name) {
            return None;
        }
        self.tables.get(&name).copied()
    }

    /// The existing table the index `name` belongs to, when both existed
    /// before this migration.
    pub fn table_of_index(&self, name: &ObjectName) -> Option<&'a Table> {
        let name = self.resolve(name)?;
        let table = self.before.tables.iter().find(|t| {
            t.name.namespace.filter(|n| *n != self.default_namespace) == name.namespace
                && t.indexes.iter().any(|i| i.name == name.name)
        })?;
        let created = QualifiedName {
            namespace: table
                .name
                .namespace
                .filter(|n| *n != self.default_namespace),
            name: table.name.name,
        };
        (!self.created.contains(&created)).then_some(table)
    }

    /// The namespace unqualified names live in.
    pub fn default_namespace(&self) -> Name {
        self.default_namespace
    }

    /// The schema before the migration.
    pub fn before(&self) -> &'a Schema {
        self.before
    }

    /// The existing table a statement acts on (the first, for several):
    /// what a finding on it is about, for the table's size.
    pub(crate) fn statement_table(&self, statement: &Statement) -> Option<QualifiedName> {
        use sqlparser::ast::ObjectType;
        let table = match statement {
            Statement::AlterTable(alter) => self.existing(&alter.name),
            Statement::CreateIndex(create) => self.existing(&create.table_name),
            Statement::Drop {
                object_type: ObjectType::Table,
                names,
                ..
            } => names.iter().find_map(|name| self.existing(name)),
            Statement::Drop {
                object_type: ObjectType::Index,
                names,
                ..
            } => names.iter().find_map(|name| self.table_of_index(name)),
            _ => None,
        }?;
        Some(QualifiedName {
            namespace: table
                .name
                .namespace
                .filter(|n| *n != self.default_namespace),
            name: table.name.name,
        })
    }

    /// Whether `statement` locks an existing table against reads and
    /// writes (most `ALTER TABLE` forms, `DROP TABLE`).
    pub(crate) fn takes_access_exclusive(&self, statement: &Statement) -> bool {
        match statement {
            Statement::AlterTable(alter) => self.existing(&alter.name).is_some(),
            Statement::Drop {
                object_type: sqlparser::ast::ObjectType::Table,
                names,
                ..
            } => names.iter().any(|n| self.existing(n).is_some()),
            _ => false,
        }
    }

    /// Notes that the current statement takes an ACCESS EXCLUSIVE lock on
    /// an existing table (for the `lock-timeout` finding).
    pub(crate) fn note_exclusive(&mut self) {
        if self.lock_timeout {
            return;
        }
        self.exclusive += 1;
        if self.exclusive == 2 {
            self.second_exclusive = Some(self.current);
        }
    }

    pub(crate) fn at(&mut self, start: usize, end: usize) {
        self.current = (start, end);
    }

    /// Session settings read from a statement's first words.
    /// Notes what a statement (its leading words, and its text) says of
    /// `lock_timeout` and transaction blocks.
    pub(crate) fn see_words(&mut self, words: &[String], text: &str) {
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        if matches!(
            words.as_slice(),
            ["SET", "LOCK_TIMEOUT", ..] | ["SET", "LOCAL" | "SESSION", "LOCK_TIMEOUT", ..]
        ) {
            self.lock_timeout = !turns_off(text);
        }
        if matches!(
            words.as_slice(),
            ["RESET", "LOCK_TIMEOUT", ..] | ["RESET", "ALL", ..]
        ) {
            self.lock_timeout = false;
        }
        match words.as_slice() {
            ["BEGIN", ..] | ["START", "TRANSACTION", ..] => self.in_transaction_block = true,
            ["COMMIT" | "END" | "ROLLBACK", ..] => {
                self.in_transaction_block = false;
                for added in &mut self.added_values {
                    added.in_open_block = false;
                }
            }
            _ => {}
        }
    }

    /// The values an enum had before this migration, when it existed
    /// under `name` and was renamed away in this migration.
    pub fn renamed_away(&self, name: &QualifiedName) -> Option<&[Name]> {
        self.before.enums.iter().find(|e| e.name == *name)?;
        self.renamed_enums
            .iter()
            .find(|(old, _)| old == name)
            .map(|(_, values)| values.as_slice())
    }

    /// The values of an enum this migration created under `name`.
    pub fn created_enum(&self, name: &QualifiedName) -> Option<&[Name]> {
        self.created_enums
            .iter()
            .find(|(created, _)| created == name)
            .map(|(_, values)| values.as_slice())
    }

    /// What a statement leaves behind for the next ones.
    pub(crate) fn after(&mut self, statement: &Statement) {
        if let Statement::AlterTable(alter) = statement
            && let Some(table) = self.resolve(&alter.name)
        {
            self.note_not_null_checks(table, &alter.operations);
        }
        if let Statement::CreateType {
            name,
            representation: Some(sqlparser::ast::UserDefinedTypeRepresentation::Enum { labels }),
        } = statement
            && let Some(name) = self.resolve(name)
        {
            let values = labels.iter().map(|l| Name::new(&l.value)).collect();
            self.created_enums.push((name, values));
        }
        if let Statement::AlterType(alter) = statement
            && let sqlparser::ast::AlterTypeOperation::AddValue(added) = &alter.operation
            && let Some(name) = self.resolve(&alter.name)
        {
            self.added_values.push(AddedValue {
                enum_name: name,
                value: added.value.value.clone(),
                in_open_block: self.in_transaction_block,
            });
        }
        if let Statement::AlterType(alter) = statement
            && let sqlparser::ast::AlterTypeOperation::Rename(_) = &alter.operation
            && let Some(name) = self.resolve(&alter.name)
            && let Some(existing) = self.before.enums.iter().find(|e| e.name == name)
        {
            self.renamed_enums.push((name, existing.values.clone()));
        }
        if let Statement::CreateTable(create) = statement
            && let Some(name) = self.resolve(&create.name)
        {
            self.created.push(name);
        }
    }

    /// Findings about the migration as a whole.
    fn note_not_null_checks(
        &mut self,
        table: QualifiedName,
        operations: &[sqlparser::ast::AlterTableOperation],
    ) {
        use sqlparser::ast::{AlterTableOperation, Expr, TableConstraint};
        for operation in operations {
            match operation {
                AlterTableOperation::AddConstraint {
                    constraint: TableConstraint::Check(check),
                    not_valid,
                } => {
                    let mut expr = check.expr.as_ref();
                    while let Expr::Nested(inner) = expr {
                        expr = inner;
                    }
                    if let (Some(name), Expr::IsNotNull(column)) = (&check.name, expr)
                        && let Expr::Identifier(column) = column.as_ref()
                    {
                        self.not_null_checks.push(NotNullCheck {
                            table,
                            constraint: name.value.clone(),
                            column: column.value.clone(),
                            valid: !not_valid,
                        });
                    }
                }
                AlterTableOperation::ValidateConstraint { name } => {
                    for check in &mut self.not_null_checks {
                        if check.table == table && check.constraint == name.value {
                            check.valid = true;
                        }
                    }
                }
                _ => {}
            }
        }
    }

    pub(crate) fn finish(&self) -> Vec<Finding> {
        match self.second_exclusive {
            Some((start, end)) => vec![Finding {
                code: LOCK_TIMEOUT.code,
                category: LOCK_TIMEOUT.category,
                severity: LOCK_TIMEOUT.severity,
                table: None,
                message: format!(
                    "{} statements take ACCESS EXCLUSIVE locks on existing tables, and no lock_timeout is set: one waiting for its lock queues every query on the table behind it",
                    self.exclusive
                ),
                help: "start the migration with `SET lock_timeout = '5s';` so that a blocked statement fails (and the migration can be retried) instead of stalling the application".into(),
                start,
                end,
            }],
            _ => Vec::new(),
        }
    }
}

/// Whether `SET lock_timeout …` sets it to no timeout: `0` (in any
/// unit, quoted or not) or `DEFAULT` (0 unless the server says otherwise).
fn turns_off(text: &str) -> bool {
    let upper = text.to_ascii_uppercase();
    let Some(at) = upper.find("LOCK_TIMEOUT") else {
        return false;
    };
    let value = upper[at + "LOCK_TIMEOUT".len()..]
        .trim_start()
        .trim_start_matches(['=', ' '])
        .trim_start_matches("TO ")
        .trim()
        .trim_end_matches(';')
        .trim()
        .trim_matches(['\'', '"']);
    value == "DEFAULT"
        || value
            .trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .trim()
            .parse::<f64>()
            .is_ok_and(|n| n == 0.0)
}

#[cfg(test)]
mod tests {
    use crate::rules::test::{USERS, codes};

    #[test]
    fn only_exclusive_locks_taken_without_a_timeout_count() {
        let two = "ALTER TABLE \"User\" DROP COLUMN \"age\";\nALTER TABLE \"Post\" ADD COLUMN \"x\" INTEGER;\n";
        for off in [
            "SET lock_timeout = 0;",
            "SET lock_timeout TO '0s';",
            "RESET lock_timeout;",
            "SET lock_timeout = DEFAULT;",
        ] {
            let script = format!("SET lock_timeout = '5s';\n{off}\n{two}");
            assert!(codes(USERS, &script).contains(&"lock-timeout"), "{off}");
        }
        // Set too late: the first two waited without one.
        let late = format!("{two}SET lock_timeout = '5s';\n");
        assert!(codes(USERS, &late).contains(&"lock-timeout"));
        assert!(
            !codes(USERS, &format!("SET lock_timeout TO '2s';\n{two}")).contains(&"lock-timeout")
        );
    }

    #[test]
    fn two_exclusive_locks_without_a_lock_timeout_are_a_finding() {
        let two = "ALTER TABLE \"User\" ADD COLUMN \"x\" INT;\nALTER TABLE \"Post\" ADD COLUMN \"y\" INT;";
        assert_eq!(codes(USERS, two), ["lock-timeout"]);
        assert!(codes(USERS, &format!("SET lock_timeout = '5s';\n{two}")).is_empty());
        assert!(codes(USERS, "ALTER TABLE \"User\" ADD COLUMN \"x\" INT;").is_empty());
    }
}
