//! Prisma's advisory lock, so that two deploys — by either tool — never
//! apply migrations at once.

use plumb_codes::Code;

use crate::Error;

/// Prisma's key: "a unique number we chose to identify Migrate".
const KEY: i64 = 72_707_369;

/// Takes the lock for the connection's session (released when it closes),
/// waiting at most 10 seconds as Prisma does (then Prisma's P1002).
/// `PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK` (anything but empty or `0`) skips
/// it, as for Prisma.
pub fn acquire(client: &mut postgres::Client, server: &str) -> Result<(), Error> {
    if std::env::var("PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK")
        .is_ok_and(|value| !value.is_empty() && value != "0")
    {
        return Ok(());
    }
    let locked = client
        .batch_execute("SET lock_timeout = '10s'")
        .and_then(|()| client.execute("SELECT pg_advisory_lock($1)", &[&KEY]))
        .and_then(|_| client.batch_execute("RESET lock_timeout"));
    match locked {
        Ok(()) => Ok(()),
        // 55P03: lock_not_available, what lock_timeout raises.
        Err(error) if error.code().is_some_and(|c| c.code() == "55P03") => Err(Error::coded(
            Code::P1002,
            crate::messages::lock_timed_out(server, KEY),
        )),
        Err(error) => Err(error.into()),
    }
}
