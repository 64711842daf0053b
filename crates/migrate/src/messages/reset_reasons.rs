//! Why `migrate dev` needs a reset, in the words of Prisma's
//! `dev_diagnostic`: failed migrations, edited ones, drift, then a history
//! the folder does not have. One reason is printed as it is, several as a
//! `- ` list.

use crate::status::Diagnosis;

const DRIFT_DETECTED: &str = "Drift detected: Your database schema is not in sync with your migration history.\n\nThe following is a summary of the differences between the expected database schema given your migrations files, and the actual schema of the database.\n\nIt should be understood as the set of changes to get from the expected schema to the actual schema.\n";

const FIRST_TIME: &str = "\nIf you are running this the first time on an existing database, please make sure to read this documentation page:\nhttps://www.prisma.io/docs/guides/database/developing-with-prisma-migrate/troubleshooting-development\n";

/// The reset reason, if any; `drift` is the summary of the differences
/// from the replayed history to the database.
pub(crate) fn reset_reasons(history: &Diagnosis, drift: Option<&str>) -> Option<String> {
    let mut reasons: Vec<String> = Vec::new();
    for name in &history.failed {
        reasons.push(format!("The migration `{name}` failed."));
    }
    for name in &history.edited {
        reasons.push(format!(
            "The migration `{name}` was modified after it was applied."
        ));
    }
    if let Some(summary) = drift {
        let mut reason = DRIFT_DETECTED.to_string();
        if !history.has_table {
            reason.push_str(FIRST_TIME);
        }
        reason.push_str(summary);
        reasons.push(reason);
    }
    if !history.missing_locally.is_empty() {
        let missing = history.missing_locally.join(", ");
        reasons.push(if history.unapplied.is_empty() {
            format!(
                "The following migration(s) are applied to the database but missing from the local migrations directory: {missing}"
            )
        } else {
            let details = history.last_common.as_ref().map_or_else(String::new, |name| {
                format!(
                    " Last common migration: `{name}`. Migrations applied to the database but absent from the migrations directory are: {missing}"
                )
            });
            format!(
                "The migrations recorded in the database diverge from the local migrations directory.{details}"
            )
        });
    }
    match reasons.len() {
        0 => None,
        1 => reasons.pop(),
        _ => Some(
            reasons
                .iter()
                .map(|reason| format!("- {reason}\n"))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn history() -> Diagnosis {
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
    fn a_clean_history_needs_no_reset() {
        assert_eq!(reset_reasons(&history(), None), None);
        let behind = Diagnosis {
            unapplied: vec!["2_b".into()],
            ..history()
        };
        assert_eq!(reset_reasons(&behind, None), None);
    }

    #[test]
    fn one_reason_is_printed_alone_several_as_a_list() {
        let edited = Diagnosis {
            edited: vec!["1_a".into()],
            ..history()
        };
        assert_eq!(
            reset_reasons(&edited, None).as_deref(),
            Some("The migration `1_a` was modified after it was applied.")
        );
        let both = Diagnosis {
            failed: vec!["2_b".into()],
            ..edited
        };
        assert_eq!(
            reset_reasons(&both, None).as_deref(),
            Some(
                "- The migration `2_b` failed.\n- The migration `1_a` was modified after it was applied.\n"
            )
        );
    }

    #[test]
    fn drift_without_a_history_table_points_to_the_docs() {
        let fresh = Diagnosis {
            has_table: false,
            ..history()
        };
        let reason =
            reset_reasons(&fresh, Some("\n[+] Added tables\n  - User\n")).unwrap_or_default();
        assert!(reason.starts_with("Drift detected: "));
        assert!(reason.contains("troubleshooting-development\n\n[+] Added tables\n  - User\n"));
    }

    #[test]
    fn missing_and_diverged_histories() {
        let behind = Diagnosis {
            missing_locally: vec!["3_c".into(), "4_d".into()],
            ..history()
        };
        assert_eq!(
            reset_reasons(&behind, None).as_deref(),
            Some(
                "The following migration(s) are applied to the database but missing from the local migrations directory: 3_c, 4_d"
            )
        );
        let diverged = Diagnosis {
            unapplied: vec!["2_b".into()],
            last_common: Some("1_a".into()),
            ..behind
        };
        assert_eq!(
            reset_reasons(&diverged, None).as_deref(),
            Some(
                "The migrations recorded in the database diverge from the local migrations directory. Last common migration: `1_a`. Migrations applied to the database but absent from the migrations directory are: 3_c, 4_d"
            )
        );
    }
}
