//! Running a command the way a benchmark needs: its wall-clock time and
//! its peak memory (the child's own maximum resident set, from `wait4`).

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
