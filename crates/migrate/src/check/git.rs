//! What only version control knows: migrations edited or deleted after
//! they reached the base branch, and migrations created on a parallel
//! branch that sort before migrations they never saw (the history then
//! differs between databases deployed before and after the merge).

use std::path::Path;
use std::process::Command;

use super::{Finding, Location, shown};
use crate::messages;

/// Branches tried, in order, when none is given.
const BASES: [&str; 5] = [
    "origin/HEAD",
    "origin/main",
    "origin/master",
    "main",
    "master",
];

/// The findings, or why git could not be asked (a note, not an error).
/// `replay` (the folder replayed offline) says which tables each
/// migration changes.
pub(super) fn check(
    folder: &Path,
    base: Option<&str>,
    replay: Option<&plumb_replay::Replay>,
) -> Result<Vec<Finding>, String> {
    if !folder.is_dir() {
        return Ok(Vec::new());
    }
    let git = |args: &[&str]| -> Option<String> {
        let output = Command::new("git")
            .arg("-C")
            .arg(folder)
            .args(args)
            .output()
            .ok()?;
        output
            .status
            .success()
            .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
    };
    if git(&["rev-parse", "--show-toplevel"]).is_none() {
        return Err(messages::CHECK_NO_GIT.to_string());
    }
    let verified = |name: &str| {
        git(&[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{name}^{{commit}}"),
        ])
        .is_some()
    };
    let base = match base {
        Some(given) if verified(given) => given.to_string(),
        Some(given) => return Err(messages::check_no_base(Some(given))),
        None => match BASES.iter().find(|name| verified(name)) {
            Some(found) => (*found).to_string(),
            None => return Err(messages::check_no_base(None)),
        },
    };
    let Some(merge_base) = git(&["merge-base", "HEAD", &base]).map(|s| s.trim().to_string()) else {
        return Err(messages::check_no_base(Some(&base)));
    };
    let names_at = |revision: &str| -> Vec<String> {
        git(&["ls-tree", "--name-only", revision, "."])
            .unwrap_or_default()
            .lines()
            .filter(|name| super::folder_checks::well_formed(name))
            .map(str::to_string)
            .collect()
    };
    let at_merge_base = names_at(&merge_base);
    let at_base = names_at(&base);
    let mut local: Vec<String> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|name| super::folder_checks::well_formed(name))
                .collect()
        })
        .unwrap_or_default();
    local.sort();

    let mut findings = Vec::new();
    let script = |name: &str| shown(&folder.join(name).join("migration.sql"));
    let changed = git(&[
        "diff",
        "--name-status",
        "--relative",
        &merge_base,
        "--",
        ".",
    ])
    .unwrap_or_default();
    for line in changed.lines() {
        let mut parts = line.split('\t');
        let (Some(status), Some(path)) = (parts.next(), parts.next()) else {
            continue;
        };
        let Some(name) = path.strip_suffix("/migration.sql") else {
            continue;
        };
        if !at_merge_base.iter().any(|n| n == name) {
            continue;
        }
        match status {
            "M" => {
                // The first line the edit touches, from the hunk header
                // `@@ -a,b +c,d @@`.
                let hunks = git(&["diff", "-U0", "--relative", &merge_base, "--", path])
                    .unwrap_or_default();
                let line = hunks.lines().find_map(|l| {
                    let after = l
                        .strip_prefix("@@ ")?
                        .split(' ')
                        .nth(1)?
                        .strip_prefix('+')?;
                    after.split(',').next()?.parse::<usize>().ok()
                });
                findings.push(Finding {
                    code: "migration-edited",
                    message: messages::check_edited_after_merge(name, &base),
                    location: Some(match line {
                        Some(line) => Location::at(script(name), line.max(1), 1),
                        None => Location::file(script(name)),
                    }),
                    details: None,
                });
            }
            "D" => findings.push(Finding {
                code: "migration-deleted",
                message: messages::check_deleted_after_merge(name, &base),
                location: Some(Location::file(shown(&folder.join(name)))),
                details: None,
            }),
            _ => {}
        }
    }
    let known: Vec<&String> = at_merge_base.iter().chain(&at_base).collect();
    for name in &local {
        if known.contains(&name) {
            continue;
        }
        // Migrations of the base branch it sorts before: created after it,
        // on another branch. A conflict when both change a table (or when
        // the other is not in this checkout, so its tables are unknown).
        let mut later: Vec<&String> = known.iter().copied().filter(|k| *k > name).collect();
        later.sort();
        later.dedup();
        let mine = replay.map(|r| r.changed_tables(name)).unwrap_or_default();
        let conflict = later.iter().find_map(|other| {
            let here = local.contains(other);
            match replay {
                Some(replay) if here => {
                    let theirs = replay.changed_tables(other);
                    let shared: Vec<String> = mine
                        .iter()
                        .filter(|t| theirs.contains(t))
                        .map(|t| format!("`{}`", t.name))
                        .collect();
                    (!shared.is_empty()).then(|| (*other, Some(shared.join(", "))))
                }
                _ => Some((*other, None)),
            }
        });
        if let Some((other, tables)) = conflict {
            findings.push(Finding {
                code: "migration-order",
                message: messages::check_out_of_order(name, other, &base, tables.as_deref()),
                location: Some(Location::file(script(name))),
                details: Some(messages::check_rebase_hint(&base)),
            });
        }
    }
    Ok(findings)
}
