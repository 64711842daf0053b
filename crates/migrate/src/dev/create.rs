//! Writing a new migration into the folder as Prisma does: a directory
//! `<UTC YYYYMMDDHHMMSS>_<name>` (the timestamp alone for an empty name,
//! as Prisma 6.18+ names it), its `migration.sql` (and plumb's `down.sql`
//! that undoes it), and `migration_lock.toml` rewritten.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use plumb_codes::Code;

use crate::history::folder::LOCK_FILE_TEXT;
use crate::{Error, messages};

/// Writes the migration (and, when given, its `down.sql`); its
/// directory's name.
pub fn write(folder: &Path, name: &str, script: &str, down: Option<&str>) -> Result<String, Error> {
    if name.len() > super::slug::MAX_LENGTH {
        return Err(Error::coded(Code::P3010, messages::NAME_TOO_LONG));
    }
    let directory_name = directory_name(&utc_timestamp(SystemTime::now()), name);
    let directory = folder.join(&directory_name);
    if directory.exists() {
        return Err(Error::plain(messages::directory_exists(&directory)));
    }
    let failed = |error: std::io::Error| Error::plain(messages::cannot_write(&directory, &error));
    std::fs::create_dir_all(&directory).map_err(failed)?;
    std::fs::write(directory.join("migration.sql"), script).map_err(failed)?;
    if let Some(down) = down {
        std::fs::write(directory.join(crate::down::DOWN_FILE), down).map_err(failed)?;
    }
    std::fs::write(folder.join("migration_lock.toml"), LOCK_FILE_TEXT).map_err(failed)?;
    Ok(directory_name)
}

fn directory_name(timestamp: &str, name: &str) -> String {
    if name.is_empty() {
        timestamp.to_string()
    } else {
        format!("{timestamp}_{name}")
    }
}

/// `YYYYMMDDHHMMSS` in UTC.
fn utc_timestamp(now: SystemTime) -> String {
    let seconds = now
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    let (days, rest) = (seconds / 86_400, seconds % 86_400);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}{month:02}{day:02}{:02}{:02}{:02}",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// The Gregorian date `days` after 1970-01-01 (Howard Hinnant's
/// `civil_from_days`, for days on or after the epoch).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn timestamps_are_utc_calendar_time() {
        let at = |seconds| utc_timestamp(UNIX_EPOCH + Duration::from_secs(seconds));
        assert_eq!(at(0), "19700101000000");
        // 2000-02-29T12:34:56Z, a leap day.
        assert_eq!(at(951_827_696), "20000229123456");
        // 2026-11-21T23:59:59Z.
        assert_eq!(at(1_795_305_599), "20261121235959");
        assert_eq!(at(1_795_305_600), "20261122000000");
    }

    #[test]
    fn an_empty_name_is_the_timestamp_alone() {
        assert_eq!(directory_name("20240101000000", ""), "20240101000000");
        assert_eq!(
            directory_name("20240101000000", "init"),
            "20240101000000_init"
        );
    }
}
