//! Ctrl-C (SIGINT) and SIGTERM during a command that makes temporary
//! shadow databases: they are dropped before the process exits with 130,
//! as Prisma's CLI exits on SIGINT. The signal handler only writes a byte
//! to a pipe (all a handler may safely do); a thread waiting on the pipe
//! does the dropping.

use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};

use crate::exit::eprint_text;

/// The pipe's writing end, for the handler.
static WAKE: AtomicI32 = AtomicI32::new(-1);

/// Set once a signal has come: the command's own failure (its shadow
/// database dropped under it) must not be reported as an error.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Whether the signal ends the process (shadow databases dropped); a
/// fleet deploy instead stops starting databases and reports.
static EXIT_ON_SIGNAL: AtomicBool = AtomicBool::new(true);

/// Installs the handlers so that a signal only sets the flag returned:
/// the command winds down itself (a fleet deploy lets the running
/// databases finish, then reports).
pub fn stop_flag() -> &'static AtomicBool {
    EXIT_ON_SIGNAL.store(false, Ordering::SeqCst);
    drop_shadow_databases_on_interrupt();
    &INTERRUPTED
}

/// Whether a signal has come and the process is ending on it (the exit
/// with 130 is on its way); not so for a command that winds down itself
/// ([`stop_flag`]).
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst) && EXIT_ON_SIGNAL.load(Ordering::SeqCst)
}

/// Waits for the handler's thread to end the process (with 130).
pub fn wait_for_exit() -> ! {
    loop {
        std::thread::park();
    }
}

extern "C" fn on_signal(_signal: libc::c_int) {
    let fd = WAKE.load(Ordering::Relaxed);
    if fd >= 0 {
        let byte = 1u8;
        // SAFETY: `write` is async-signal-safe; the buffer is one live byte.
        let _ = unsafe { libc::write(fd, (&raw const byte).cast(), 1) };
    }
}

/// Installs the handlers (once per process).
pub fn drop_shadow_databases_on_interrupt() {
    if WAKE.load(Ordering::Relaxed) >= 0 {
        return;
    }
    let mut fds = [0 as libc::c_int; 2];
    // SAFETY: `pipe` fills the two-element array it is given.
    if unsafe { libc::pipe(fds.as_mut_ptr()) } != 0 {
        return;
    }
    let [read_end, write_end] = fds;
    WAKE.store(write_end, Ordering::Relaxed);
    std::thread::spawn(move || {
        let mut byte = 0u8;
        // SAFETY: reads at most one byte into a live one-byte buffer.
        let read = unsafe { libc::read(read_end, (&raw mut byte).cast(), 1) };
        if read == 1 {
            INTERRUPTED.store(true, Ordering::SeqCst);
            if !EXIT_ON_SIGNAL.load(Ordering::SeqCst) {
                return;
            }
            plumb_migrate::shadow::drop_all();
            eprint_text("\n");
            std::process::exit(130);
        }
    });
    let handler = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
    // SAFETY: the handler only loads an atomic and calls `write`.
    unsafe {
        libc::signal(libc::SIGINT, handler);
        libc::signal(libc::SIGTERM, handler);
    }
}
