//! A throwaway PostgreSQL cluster owned by the test process.
//!
//! Lifecycle, and why it is built this way:
//! - `initdb` into a fresh temporary directory, then `postgres` itself (not
//!   `pg_ctl`, which daemonizes) as a child process, on a free port of
//!   127.0.0.1 with durability switched off.
//! - As root, both run as the `postgres` system user: initdb and the server
//!   refuse to run as root.
//! - On a normal exit (all tests done, pass or fail) an `atexit` handler
//!   shuts the server down and removes the directory: Rust never drops
//!   statics, so a `Drop` impl would not run.
//! - TLS is on when `openssl` is at hand (Debian's `postgresql` brings it):
//!   a self-signed certificate for 127.0.0.1 and localhost, made in the
//!   cluster's directory, so that tests can connect with `sslmode=require`
//!   and verify the server against it. Plain connections work either way.
//! - If the process dies without exiting (SIGKILL, abort), the kernel sends
//!   the server SIGQUIT (`PR_SET_PDEATHSIG`), an immediate shutdown. That
//!   signal fires when the *thread* that spawned the child ends, so the
//!   server is spawned from a thread that never ends, not from the short-lived
//!   test thread that happened to ask first. Directories such deaths leave
//!   behind are removed by the next cluster that starts.

use std::fs;
use std::io;
use std::net::TcpListener;
use std::os::unix::fs::DirBuilderExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, Once, mpsc};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::binaries::{self, ServerBinaries};

const DIR_PREFIX: &str = "plumb-testkit-";
const SUPERUSER: &str = "postgres";
const START_TIMEOUT: Duration = Duration::from_secs(60);
const PORT_ATTEMPTS: usize = 5;

#[derive(Debug)]
pub(crate) struct LocalCluster {
    port: u16,
    pid: u32,
    dir: PathBuf,
    /// The server's certificate, when TLS is on.
    certificate: Option<PathBuf>,
}

/// The running server, for the exit handler.
static RUNNING: Mutex<Option<Running>> = Mutex::new(None);

#[derive(Debug)]
struct Running {
    postmaster: Child,
    dir: PathBuf,
}

impl LocalCluster {
    pub(crate) fn start() -> Result<LocalCluster, String> {
        let binaries = binaries::find()?;
        let owner = server_owner()?;
        remove_stale_dirs();
        let dir = make_cluster_dir(owner)?;
        let started = initdb(&binaries, &dir, owner).and_then(|()| {
            let certificate = make_certificate(&dir, owner);
            launch(&binaries, &dir, owner, certificate.is_some())
                .map(|(p, port)| (p, port, certificate))
        });
        match started {
            Ok((postmaster, port, certificate)) => {
                let cluster = LocalCluster {
                    port,
                    pid: postmaster.id(),
                    dir: dir.clone(),
                    certificate,
                };
                *RUNNING.lock().unwrap_or_else(|p| p.into_inner()) =
                    Some(Running { postmaster, dir });
                register_exit_handler();
                Ok(cluster)
            }
            Err(message) => {
                let _ = fs::remove_dir_all(&dir);
                Err(message)
            }
        }
    }

    pub(crate) fn url(&self, database: &str) -> plumb_introspect::ConnectionUrl {
        let url = format!(
            "postgresql://{SUPERUSER}@127.0.0.1:{}/{database}",
            self.port
        );
        match plumb_introspect::ConnectionUrl::parse(&url) {
            Ok(url) => url,
            Err(error) => unreachable!("the cluster's own URL {url} parses: {error}"),
        }
    }

    pub(crate) fn pid(&self) -> u32 {
        self.pid
    }

    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    pub(crate) fn certificate(&self) -> Option<&Path> {
        self.certificate.as_deref()
    }
}

/// A self-signed certificate and its key in the data directory, made by
/// `openssl` as the server's owner (PostgreSQL wants the key to be the
/// owner's and private); `None` when `openssl` is missing or fails.
fn make_certificate(dir: &Path, owner: Option<(u32, u32)>) -> Option<PathBuf> {
    let data = dir.join("data");
    let made = command(Path::new("openssl"), &data, owner)
        .args([
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=IP:127.0.0.1,DNS:localhost",
            // Not a CA: a client that trusts this very certificate may
            // then accept it as the server's own.
            "-addext",
            "basicConstraints=critical,CA:FALSE",
            "-addext",
            "extendedKeyUsage=serverAuth",
            "-keyout",
            "server.key",
            "-out",
            "server.crt",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    made.then(|| data.join("server.crt"))
}

/// The uid and gid to run the server as: `None` (ourselves) unless we are root.
fn server_owner() -> Result<Option<(u32, u32)>, String> {
    // SAFETY: geteuid has no preconditions and cannot fail.
    if unsafe { libc::geteuid() } != 0 {
        return Ok(None);
    }
    system_user("postgres").map(Some).ok_or_else(|| {
        "plumb-testkit: running as root, where initdb and postgres refuse to run, and there is no \
         `postgres` system user to run them as. Debian's `postgresql` package creates it \
         (`apt-get install -y postgresql`); or run the tests as an ordinary user."
            .to_string()
    })
}

fn system_user(name: &str) -> Option<(u32, u32)> {
    let name = std::ffi::CString::new(name).ok()?;
    // SAFETY: all-zero is a valid `passwd` (null pointers and zero ids).
    let mut entry: libc::passwd = unsafe { std::mem::zeroed() };
    let mut buffer = vec![0 as libc::c_char; 16 * 1024];
    let mut found: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: every pointer is valid for the duration of the call and the
    // buffer length is the buffer's real length.
    let rc = unsafe {
        libc::getpwnam_r(
            name.as_ptr(),
            &mut entry,
            buffer.as_mut_ptr(),
            buffer.len(),
            &mut found,
        )
    };
    (rc == 0 && !found.is_null()).then_some((entry.pw_uid, entry.pw_gid))
}

fn make_cluster_dir(owner: Option<(u32, u32)>) -> Result<PathBuf, String> {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let dir = std::env::temp_dir().join(format!("{DIR_PREFIX}{}-{nanos}", std::process::id()));
    let fail =
        |error: io::Error| format!("plumb-testkit: cannot create {}: {error}", dir.display());
    fs::DirBuilder::new()
        .mode(0o700)
        .create(&dir)
        .map_err(fail)?;
    if let Some((uid, gid)) = owner {
        std::os::unix::fs::chown(&dir, Some(uid), Some(gid)).map_err(fail)?;
    }
    Ok(dir)
}

/// Removes the directories of clusters whose test process is gone.
fn remove_stale_dirs() {
    let Ok(entries) = fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(DIR_PREFIX)) else {
            continue;
        };
        let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        if !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// A command that runs as `owner` with the cluster directory as working
/// directory (as root, our own working directory may be unreadable to the
/// `postgres` user, and initdb insists on being able to stat it).
fn command(program: &Path, dir: &Path, owner: Option<(u32, u32)>) -> Command {
    let mut command = Command::new(program);
    command
        .current_dir(dir)
        .env_remove("PGDATA")
        .env("LC_ALL", "C");
    if let Some((uid, gid)) = owner {
        command.uid(uid).gid(gid);
    }
    command
}

fn initdb(binaries: &ServerBinaries, dir: &Path, owner: Option<(u32, u32)>) -> Result<(), String> {
    let output = command(&binaries.initdb, dir, owner)
        .arg("--pgdata")
        .arg(dir.join("data"))
        .args([
            "--auth=trust",
            "--username",
            SUPERUSER,
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
        ])
        .stdin(Stdio::null())
        .output()
        .map_err(|error| {
            format!(
                "plumb-testkit: cannot run {}: {error}",
                binaries.initdb.display()
            )
        })?;
    if output.status.success() {
        return Ok(());
    }
    Err(format!(
        "plumb-testkit: {} failed ({}):\n{}{}",
        binaries.initdb.display(),
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    ))
}

/// Starts the server on a free port, retrying when another process takes the
/// port between our probe and the server's bind.
fn launch(
    binaries: &ServerBinaries,
    dir: &Path,
    owner: Option<(u32, u32)>,
    tls: bool,
) -> Result<(Child, u16), String> {
    let log_path = dir.join("postgres.log");
    for _ in 0..PORT_ATTEMPTS {
        let port = free_port()?;
        let log = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log_path)
            .map_err(|error| {
                format!("plumb-testkit: cannot open {}: {error}", log_path.display())
            })?;
        let stderr = log
            .try_clone()
            .map_err(|error| format!("plumb-testkit: {error}"))?;
        let mut server = command(&binaries.postgres, dir, owner);
        server
            .arg("-D")
            .arg(dir.join("data"))
            .arg("-p")
            .arg(port.to_string())
            .arg("-c")
            .arg(format!("unix_socket_directories={}", dir.display()))
            .args(["-c", "listen_addresses=127.0.0.1"])
            // Durability buys nothing for a database that lives for one test run.
            .args([
                "-c",
                "fsync=off",
                "-c",
                "full_page_writes=off",
                "-c",
                "synchronous_commit=off",
            ])
            // Tests run in parallel and each may hold several connections.
            .args(["-c", "max_connections=300"])
            .args(["-c", if tls { "ssl=on" } else { "ssl=off" }])
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(stderr);
        let parent = std::process::id();
        // SAFETY: the closure runs between fork and exec and makes only
        // async-signal-safe system calls.
        unsafe {
            server.pre_exec(move || {
                if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGQUIT) != 0 {
                    return Err(io::Error::last_os_error());
                }
                // The parent may have died before the prctl took effect.
                if libc::getppid() as u32 != parent {
                    libc::_exit(1);
                }
                Ok(())
            });
        }
        let mut postmaster = spawn_from_immortal_thread(server).map_err(|error| {
            format!(
                "plumb-testkit: cannot run {}: {error}",
                binaries.postgres.display()
            )
        })?;
        match wait_until_ready(&mut postmaster, port, &log_path) {
            Ok(()) => return Ok((postmaster, port)),
            Err(Startup::PortTaken) => continue,
            Err(Startup::Failed(reason)) => {
                let _ = postmaster.kill();
                let _ = postmaster.wait();
                let log = fs::read_to_string(&log_path).unwrap_or_default();
                return Err(format!(
                    "plumb-testkit: the PostgreSQL server did not start: {reason}\n{log}"
                ));
            }
        }
    }
    Err(format!(
        "plumb-testkit: no free port for PostgreSQL after {PORT_ATTEMPTS} attempts"
    ))
}

fn free_port() -> Result<u16, String> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .map_err(|error| format!("plumb-testkit: cannot find a free port on 127.0.0.1: {error}"))
}

fn spawn_from_immortal_thread(mut command: Command) -> io::Result<Child> {
    let (sender, receiver) = mpsc::channel();
    thread::Builder::new()
        .name("plumb-testkit-postmaster".into())
        .spawn(move || {
            let _ = sender.send(command.spawn());
            loop {
                thread::park();
            }
        })?;
    receiver
        .recv()
        .map_err(|_| io::Error::other("the spawning thread died"))?
}

enum Startup {
    PortTaken,
    Failed(String),
}

fn wait_until_ready(postmaster: &mut Child, port: u16, log_path: &Path) -> Result<(), Startup> {
    let deadline = Instant::now() + START_TIMEOUT;
    loop {
        match postmaster.try_wait() {
            Ok(Some(status)) => {
                // The server logs this when another process took the port
                // between our probe and its bind.
                let log = fs::read_to_string(log_path).unwrap_or_default();
                return Err(if log.contains("Address already in use") {
                    Startup::PortTaken
                } else {
                    Startup::Failed(format!("it exited with {status}"))
                });
            }
            Ok(None) => {}
            Err(error) => return Err(Startup::Failed(error.to_string())),
        }
        let ready = postgres::Config::new()
            .host("127.0.0.1")
            .port(port)
            .user(SUPERUSER)
            .dbname("postgres")
            .connect_timeout(Duration::from_secs(1))
            .connect(postgres::NoTls)
            .is_ok();
        if ready {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(Startup::Failed(format!(
                "not ready after {}s",
                START_TIMEOUT.as_secs()
            )));
        }
        thread::sleep(Duration::from_millis(25));
    }
}

fn register_exit_handler() {
    static REGISTER: Once = Once::new();
    REGISTER.call_once(|| {
        // SAFETY: `stop_at_exit` is an `extern "C" fn()` that never unwinds.
        unsafe {
            libc::atexit(stop_at_exit);
        }
    });
}

extern "C" fn stop_at_exit() {
    let _ = std::panic::catch_unwind(stop);
}

fn stop() {
    let running = RUNNING.lock().unwrap_or_else(|p| p.into_inner()).take();
    let Some(Running {
        mut postmaster,
        dir,
    }) = running
    else {
        return;
    };
    // SIGQUIT is PostgreSQL's immediate shutdown: no checkpoint, the
    // directory is deleted next anyway.
    // SAFETY: kill has no memory-safety preconditions.
    unsafe {
        libc::kill(postmaster.id() as libc::pid_t, libc::SIGQUIT);
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while matches!(postmaster.try_wait(), Ok(None)) && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(10));
    }
    let _ = postmaster.kill();
    let _ = postmaster.wait();
    let _ = fs::remove_dir_all(dir);
}
