//! Fleet deploy (plumb's own): one migrations folder deployed to many
//! databases — one per tenant, or one schema per tenant (`?schema=`) —
//! each exactly as `migrate deploy` deploys one, Prisma's advisory lock
//! included, so two fleet runs (or a fleet run and a single deploy) never
//! apply a migration twice. A database that fails never stops the others
//! (unless `--fail-fast`); the run ends with a report per database.

use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use plumb_codes::Code;
use plumb_introspect::ConnectionUrl;

use crate::deploy::Progress;
use crate::{Error, messages};

/// How to run the fleet.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// At most this many databases at once.
    pub concurrency: usize,
    /// After the first database that fails, start no other.
    pub fail_fast: bool,
    /// Deploy to this many databases first; if any fails, stop there.
    pub canary: Option<usize>,
    /// Only this stable share of the fleet.
    pub shard: Option<Shard>,
}

/// `--shard K/N`: the databases whose URL hashes to `K - 1` modulo `N`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// 1-based.
    pub index: usize,
    pub count: usize,
}

impl Shard {
    pub fn parse(text: &str) -> Result<Shard, Error> {
        let invalid = || Error::plain(messages::invalid_shard(text));
        let (index, count) = text.split_once('/').ok_or_else(invalid)?;
        let (index, count): (usize, usize) = (
            index.trim().parse().map_err(|_| invalid())?,
            count.trim().parse().map_err(|_| invalid())?,
        );
        if count == 0 || index == 0 || index > count {
            return Err(invalid());
        }
        Ok(Shard { index, count })
    }

    /// Whether `url` is in this shard: the same answer on every runner,
    /// whatever the order or the other URLs of the fleet.
    pub fn contains(&self, url: &str) -> bool {
        // FNV-1a: stable across runs and platforms, unlike std's hasher.
        let hash = url.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
        });
        usize::try_from(hash % self.count as u64).unwrap_or(0) == self.index - 1
    }
}

/// What happened to one database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// These migrations were applied.
    Applied(Vec<String>),
    /// Nothing was pending.
    UpToDate,
    /// `status --fleet`: these migrations are not applied yet.
    Pending(Vec<String>),
    /// A migration failed (recorded as failed in its history, as a
    /// single deploy records it), or the history blocks deploys.
    Failed {
        migration: Option<String>,
        applied: Vec<String>,
        error: String,
    },
    /// No connection could be made.
    Unreachable(String),
    /// Not started: a canary failed, `--fail-fast` stopped the run, or it
    /// was cancelled.
    NotRun,
}

impl Outcome {
    pub fn is_failure(&self) -> bool {
        matches!(self, Outcome::Failed { .. } | Outcome::Unreachable(_))
    }

    /// Whether the database is as the folder says, for `status`.
    pub fn is_up_to_date(&self) -> bool {
        matches!(self, Outcome::UpToDate | Outcome::Applied(_))
    }
}

/// One database of the fleet and what happened to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// Its URL without the password.
    pub url: String,
    pub outcome: Outcome,
}

/// Reads a fleet file: one URL per line, `#` starts a comment, blank lines
/// are skipped, `env(VAR)` is the variable's value.
pub fn read_file(path: &Path) -> Result<Vec<String>, Error> {
    let text = std::fs::read_to_string(path).map_err(|error| {
        Error::plain(messages::fleet_file_unreadable(
            &path.display().to_string(),
            &error,
        ))
    })?;
    let mut urls = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or_default().trim();
        if line.is_empty() {
            continue;
        }
        urls.push(resolve(line).map_err(|message| {
            Error::plain(format!("{}:{}: {message}", path.display(), number + 1))
        })?);
    }
    Ok(urls)
}

/// A line's URL: `env(VAR)` read from the environment.
fn resolve(line: &str) -> Result<String, String> {
    match line
        .strip_prefix("env(")
        .and_then(|rest| rest.strip_suffix(')'))
    {
        Some(variable) => {
            let variable = variable.trim().trim_matches('"');
            std::env::var(variable).map_err(|_| messages::fleet_variable_missing(variable))
        }
        None => Ok(line.to_string()),
    }
}

/// The fleet a query on the main database lists: the first column of each
/// row.
pub fn query(main: &ConnectionUrl, sql: &str) -> Result<Vec<String>, Error> {
    let mut client = plumb_introspect::connect(main)?;
    let rows = client
        .query(sql, &[])
        .map_err(|error| Error::plain(messages::fleet_query_failed(&error)))?;
    rows.iter()
        .map(|row| {
            row.try_get::<_, String>(0)
                .map_err(|error| Error::plain(messages::fleet_query_failed(&error)))
        })
        .collect()
}

/// Deploys `folder` to each of `urls` (in `options.shard` only), at most
/// `options.concurrency` at once; `cancel` set stops starting new ones.
/// `progress` hears of each database when it is done. The report, in the
/// fleet's order.
pub fn deploy(
    urls: &[String],
    folder: &Path,
    options: &Options,
    cancel: &AtomicBool,
    progress: &(dyn Fn(&Member, usize, usize) + Sync),
) -> Vec<Member> {
    run(urls, options, cancel, progress, &|url| {
        deploy_one(url, folder)
    })
}

/// `migrate status` of each database against `folder`, as [`deploy`]
/// runs them.
pub fn status(
    urls: &[String],
    folder: &Path,
    options: &Options,
    cancel: &AtomicBool,
    progress: &(dyn Fn(&Member, usize, usize) + Sync),
) -> Vec<Member> {
    run(urls, options, cancel, progress, &|url| {
        status_one(url, folder)
    })
}

/// `work` on each database of the fleet, as the options say.
fn run(
    urls: &[String],
    options: &Options,
    cancel: &AtomicBool,
    progress: &(dyn Fn(&Member, usize, usize) + Sync),
    work: &(dyn Fn(&str) -> Outcome + Sync),
) -> Vec<Member> {
    let chosen: Vec<&String> = urls
        .iter()
        .filter(|url| options.shard.is_none_or(|shard| shard.contains(url)))
        .collect();
    let total = chosen.len();
    let results: Vec<Mutex<Option<Outcome>>> = chosen.iter().map(|_| Mutex::new(None)).collect();
    let done = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let run_wave = |wave: std::ops::Range<usize>| {
        let next = AtomicUsize::new(wave.start);
        let workers = options.concurrency.max(1).min(wave.len().max(1));
        std::thread::scope(|scope| {
            for _ in 0..workers {
                scope.spawn(|| {
                    loop {
                        if cancel.load(Ordering::SeqCst) || stop.load(Ordering::SeqCst) {
                            return;
                        }
                        let at = next.fetch_add(1, Ordering::SeqCst);
                        if at >= wave.end {
                            return;
                        }
                        let outcome = work(chosen[at]);
                        if outcome.is_failure() && options.fail_fast {
                            stop.store(true, Ordering::SeqCst);
                        }
                        let member = Member {
                            url: plumb_introspect::redacted(chosen[at]),
                            outcome: outcome.clone(),
                        };
                        let finished = done.fetch_add(1, Ordering::SeqCst) + 1;
                        progress(&member, finished, total);
                        if let Ok(mut slot) = results[at].lock() {
                            *slot = Some(outcome);
                        }
                    }
                });
            }
        });
    };
    let canary = options.canary.unwrap_or(0).min(total);
    if canary > 0 {
        run_wave(0..canary);
        let failed = results[..canary].iter().any(|slot| {
            slot.lock()
                .ok()
                .and_then(|s| s.as_ref().map(Outcome::is_failure))
                .unwrap_or(false)
        });
        if failed {
            stop.store(true, Ordering::SeqCst);
        }
    }
    run_wave(canary..total);
    chosen
        .iter()
        .zip(results)
        .map(|(url, slot)| Member {
            url: plumb_introspect::redacted(url),
            outcome: slot.into_inner().ok().flatten().unwrap_or(Outcome::NotRun),
        })
        .collect()
}

/// One database, as `migrate deploy` deploys it.
fn deploy_one(url: &str, folder: &Path) -> Outcome {
    let url = match ConnectionUrl::parse(url) {
        Ok(url) => url,
        Err(error) => return Outcome::Unreachable(Error::from(error).to_string()),
    };
    let mut current = None;
    let mut applied = Vec::new();
    let result = crate::deploy::deploy(&url, folder, &mut |progress| {
        if let Progress::Applying(name) = progress
            && let Some(done) = current.replace(name)
        {
            applied.push(done);
        }
    });
    match result {
        Ok(names) if names.is_empty() => Outcome::UpToDate,
        Ok(names) => Outcome::Applied(names),
        Err(error) => match error.code() {
            Some(Code::P1000 | Code::P1001 | Code::P1010 | Code::P1011 | Code::P1013)
                if current.is_none() =>
            {
                Outcome::Unreachable(one_line(&error.to_string()))
            }
            _ => Outcome::Failed {
                migration: current,
                applied,
                error: one_line(&error.to_string()),
            },
        },
    }
}

/// One database's history against the folder.
fn status_one(url: &str, folder: &Path) -> Outcome {
    let url = match ConnectionUrl::parse(url) {
        Ok(url) => url,
        Err(error) => return Outcome::Unreachable(Error::from(error).to_string()),
    };
    match crate::status::diagnose(&url, folder) {
        Ok(diagnosis) if !diagnosis.failed.is_empty() => Outcome::Failed {
            migration: diagnosis.failed.first().cloned(),
            applied: Vec::new(),
            error: messages::fleet_status_failed(&diagnosis.failed),
        },
        Ok(diagnosis) if !diagnosis.has_table => Outcome::Pending(diagnosis.local),
        Ok(diagnosis) if !diagnosis.unapplied.is_empty() => Outcome::Pending(diagnosis.unapplied),
        Ok(diagnosis) if !diagnosis.missing_locally.is_empty() || !diagnosis.edited.is_empty() => {
            Outcome::Failed {
                migration: None,
                applied: Vec::new(),
                error: messages::fleet_status_diverged(
                    &diagnosis.missing_locally,
                    &diagnosis.edited,
                ),
            }
        }
        Ok(_) => Outcome::UpToDate,
        Err(error) => Outcome::Unreachable(one_line(&error.to_string())),
    }
}

/// An error's text on one line, for the report's table.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The report as JSON (version 1, documented in the README).
pub fn json(members: &[Member]) -> String {
    let databases: Vec<serde_json::Value> = members
        .iter()
        .map(|member| {
            let (outcome, applied, migration, error) = match &member.outcome {
                Outcome::Applied(names) => ("applied", names.clone(), None, None),
                Outcome::UpToDate => ("up-to-date", Vec::new(), None, None),
                Outcome::Failed {
                    migration,
                    applied,
                    error,
                } => (
                    "failed",
                    applied.clone(),
                    migration.clone(),
                    Some(error.clone()),
                ),
                Outcome::Unreachable(error) => {
                    ("unreachable", Vec::new(), None, Some(error.clone()))
                }
                Outcome::NotRun => ("not-run", Vec::new(), None, None),
                Outcome::Pending(names) => ("pending", names.clone(), None, None),
            };
            serde_json::json!({
                "url": member.url,
                "outcome": outcome,
                "applied": applied,
                "failedMigration": migration,
                "error": error,
            })
        })
        .collect();
    let count = |name: &str| databases.iter().filter(|d| d["outcome"] == name).count();
    let document = serde_json::json!({
        "version": 1,
        "databases": databases,
        "summary": {
            "applied": count("applied"),
            "upToDate": count("up-to-date"),
            "failed": count("failed"),
            "unreachable": count("unreachable"),
            "notRun": count("not-run"),
            "pending": count("pending"),
        },
    });
    format!(
        "{}\n",
        serde_json::to_string_pretty(&document).unwrap_or_default()
    )
}
