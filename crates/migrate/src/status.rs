//! `migrate status`: the migrations folder against the database's
//! history, as Prisma's `diagnoseMigrationHistory` sees it, plus two
//! things Prisma does not report: migrations the database has and the
//! folder lacks, and migrations edited after they were applied.

use std::path::Path;

use plumb_introspect::ConnectionUrl;

use crate::Error;
use crate::database::open;
use crate::history::{checksum, folder, table};

/// What the history looks like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnosis {
    /// The folder's migrations, in order.
    pub local: Vec<String>,
    pub has_table: bool,
    /// In the folder, with no (non-rolled-back) row: not yet applied.
    pub unapplied: Vec<String>,
    /// In the database (and not rolled back), not in the folder.
    pub missing_locally: Vec<String>,
    /// The migration before the first unapplied one, when the histories
    /// diverge (both lists above are non-empty).
    pub last_common: Option<String>,
    /// Rows started and never finished nor rolled back.
    pub failed: Vec<String>,
    /// Applied, and their file changed since (line endings do not count).
    pub edited: Vec<String>,
}

/// Reads the folder and the database's history; changes nothing.
pub fn diagnose(url: &ConnectionUrl, migrations_folder: &Path) -> Result<Diagnosis, Error> {
    folder::check_provider(migrations_folder)?;
    let migrations = folder::list(migrations_folder)?;
    let (mut client, _) = open(url, false)?;
    let has_table = table::exists(&mut client)?;
    let rows = if has_table {
        table::load(&mut client)?
    } else {
        Vec::new()
    };
    Ok(classify(&migrations, &rows, has_table))
}

/// What `migrate status` reports: the first of these that applies, in
/// Prisma's order, with what plumb adds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Report {
    /// Migrations to apply; failed ones are reported too (Prisma hides
    /// them here, though they block the next deploy).
    Behind {
        unapplied: Vec<String>,
        failed: Vec<String>,
    },
    /// Each side has migrations the other lacks.
    Diverged {
        last_common: Option<String>,
        unapplied: Vec<String>,
        missing: Vec<String>,
        failed: Vec<String>,
    },
    /// No history table.
    NotManaged,
    Failed(Vec<String>),
    /// Beyond Prisma, which calls this up to date: applied migrations the
    /// folder lacks.
    MissingLocally(Vec<String>),
    /// Up to date, perhaps with migrations edited since they were applied.
    UpToDate {
        edited: Vec<String>,
    },
}

impl Report {
    /// 0 when up to date, 1 otherwise, as Prisma's status exits (4.3+).
    pub fn exit_status(&self) -> u8 {
        match self {
            Report::UpToDate { .. } => 0,
            _ => 1,
        }
    }
}

impl Diagnosis {
    pub fn report(&self) -> Report {
        if !self.unapplied.is_empty() && self.missing_locally.is_empty() {
            return Report::Behind {
                unapplied: self.unapplied.clone(),
                failed: self.failed.clone(),
            };
        }
        if !self.unapplied.is_empty() {
            return Report::Diverged {
                last_common: self.last_common.clone(),
                unapplied: self.unapplied.clone(),
                missing: self.missing_locally.clone(),
                failed: self.failed.clone(),
            };
        }
        if !self.has_table {
            return Report::NotManaged;
        }
        if !self.failed.is_empty() {
            return Report::Failed(self.failed.clone());
        }
        if !self.missing_locally.is_empty() {
            return Report::MissingLocally(self.missing_locally.clone());
        }
        Report::UpToDate {
            edited: self.edited.clone(),
        }
    }
}

/// The history of `migrations` against the database's `rows`.
pub(crate) fn classify(
    migrations: &[folder::LocalMigration],
    rows: &[table::AppliedMigration],
    has_table: bool,
) -> Diagnosis {
    let local: Vec<String> = migrations.iter().map(|m| m.name.clone()).collect();
    let unapplied: Vec<String> = local
        .iter()
        .filter(|name| {
            !rows
                .iter()
                .any(|row| &row.migration_name == *name && !row.rolled_back)
        })
        .cloned()
        .collect();
    let mut missing_locally: Vec<String> = Vec::new();
    // A rolled-back row is not in the database's history any more.
    for row in rows.iter().filter(|row| !row.rolled_back) {
        if !local.contains(&row.migration_name) && !missing_locally.contains(&row.migration_name) {
            missing_locally.push(row.migration_name.clone());
        }
    }
    let last_common = unapplied.first().and_then(|first| {
        let at = local.iter().position(|name| name == first)?;
        at.checked_sub(1).map(|before| local[before].clone())
    });
    let failed = rows
        .iter()
        .filter(|row| row.failed())
        .map(|row| row.migration_name.clone())
        .collect();
    let edited = migrations
        .iter()
        .filter(|migration| {
            rows.iter()
                .find(|row| row.migration_name == migration.name)
                .is_some_and(|row| !checksum::matches(&row.checksum, &migration.script))
        })
        .map(|migration| migration.name.clone())
        .collect();
    Diagnosis {
        local,
        has_table,
        unapplied,
        missing_locally,
        last_common,
        failed,
        edited,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean() -> Diagnosis {
        Diagnosis {
            local: vec!["1_a".into(), "2_b".into()],
            has_table: true,
            unapplied: Vec::new(),
            missing_locally: Vec::new(),
            last_common: None,
            failed: Vec::new(),
            edited: Vec::new(),
        }
    }

    #[test]
    fn the_first_matching_report_wins() {
        assert_eq!(clean().report(), Report::UpToDate { edited: Vec::new() });
        assert_eq!(clean().report().exit_status(), 0);
        let failed = Diagnosis {
            failed: vec!["2_b".into()],
            ..clean()
        };
        assert_eq!(failed.report(), Report::Failed(vec!["2_b".into()]));
        let behind = Diagnosis {
            unapplied: vec!["2_b".into()],
            ..failed
        };
        assert_eq!(
            behind.report(),
            Report::Behind {
                unapplied: vec!["2_b".into()],
                failed: vec!["2_b".into()]
            }
        );
        assert_eq!(behind.report().exit_status(), 1);
        let diverged = Diagnosis {
            missing_locally: vec!["3_c".into()],
            last_common: Some("1_a".into()),
            ..behind
        };
        assert!(matches!(diverged.report(), Report::Diverged { .. }));
        let unmanaged = Diagnosis {
            has_table: false,
            ..clean()
        };
        assert_eq!(unmanaged.report(), Report::NotManaged);
        let missing = Diagnosis {
            missing_locally: vec!["3_c".into()],
            ..clean()
        };
        assert_eq!(missing.report(), Report::MissingLocally(vec!["3_c".into()]));
        assert_eq!(missing.report().exit_status(), 1);
    }
}
