//! Running a command the way a benchmark needs: its wall-clock time and
//! its peak memory (the child's own maximum resident set, from `wait4`).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One run of a command.
#[derive(Debug, Clone, Copy)]
pub struct Run {
    pub elapsed: Duration,
    /// Peak resident memory of the process, in KiB.
    pub peak_kib: u64,
    pub success: bool,
}

/// Runs `command` with its output discarded; `None` if it cannot start.
pub fn run(command: &mut Command) -> Option<Run> {
    let start = Instant::now();
    let child = command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let pid = libc::pid_t::try_from(child.id()).ok()?;
    let mut status: libc::c_int = 0;
    // SAFETY: an all-zero `rusage` is a valid value for wait4 to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own unwaited child; the pointers are to live
    // locals. Reaping it here means `child` is never waited on by std.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = start.elapsed();
    drop(child);
    if waited != pid {
        return None;
    }
    Some(Run {
        elapsed,
        peak_kib: u64::try_from(usage.ru_maxrss).unwrap_or(0),
        success: libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
    })
}

/// The median time and the highest peak memory (KiB) of `runs` runs;
/// `None` if a run cannot start or fails.
pub fn median(runs: usize, mut command: impl FnMut() -> Command) -> Option<(Duration, u64)> {
    let mut results = Vec::with_capacity(runs);
    for _ in 0..runs {
        let result = run(&mut command())?;
        if !result.success {
            return None;
        }
        results.push(result);
    }
    let peak = results.iter().map(|r| r.peak_kib).max().unwrap_or(0);
    let mut times: Vec<Duration> = results.iter().map(|r| r.elapsed).collect();
    times.sort();
    times.get(times.len() / 2).map(|&time| (time, peak))
}

/// Prisma's engine for benchmarks: the oracle script beside the project
/// (`../shared/tools/prisma-oracle/oracle.mjs`) and a server URL for it
/// (`DATABASE_URL`, else the one `dev-postgres.sh` starts), when both are
/// at hand.
pub fn oracle() -> Option<(PathBuf, String)> {
    let tools = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/tools");
    let script = tools.join("prisma-oracle/oracle.mjs");
    if !script.is_file() || !tools.join("prisma-oracle/node_modules").is_dir() {
        return None;
    }
    let url = match std::env::var("DATABASE_URL") {
        Ok(url) => url,
        Err(_) => {
            let output = Command::new("bash")
                .arg(tools.join("dev-postgres.sh"))
                .arg("start")
                .output()
                .ok()?;
            String::from_utf8(output.stdout)
                .ok()?
                .lines()
                .last()?
                .to_string()
        }
    };
    Some((script, url))
}
