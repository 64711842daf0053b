//! The `_prisma_migrations` table, created and filled exactly as Prisma
//! does, so that either tool can carry on a history the other started.

/// Prisma's DDL, byte for byte (unqualified: it goes into the first schema
/// of the search path, the URL's `?schema=`).
pub const CREATE_TABLE: &str = "CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);";

/// One row of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedMigration {
    pub id: String,
    pub checksum: String,
    pub migration_name: String,
    pub logs: Option<String>,
    /// When it started, as Prisma prints it (`2024-01-01 10:00:00.123456 UTC`).
    pub started_at: String,
    pub finished: bool,
    pub rolled_back: bool,
    pub applied_steps_count: i32,
}

impl AppliedMigration {
    /// Started, never finished, never rolled back: Prisma's failed row,
    /// which blocks every later deploy (P3009).
    pub fn failed(&self) -> bool {
        !self.finished && !self.rolled_back
    }
}

/// Whether the table exists in the connection's schema.
pub fn exists(client: &mut postgres::Client) -> Result<bool, postgres::Error> {
    let row = client.query_one("SELECT to_regclass('_prisma_migrations') IS NOT NULL", &[])?;
    Ok(row.get(0))
}

/// Every row, by start time, as Prisma loads them.
pub fn load(client: &mut postgres::Client) -> Result<Vec<AppliedMigration>, postgres::Error> {
    let rows = client.query(
        "SELECT id, checksum, migration_name, logs,
                to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') AS started,
                extract(microseconds FROM started_at)::bigint % 1000000 AS micros,
                finished_at IS NOT NULL AS finished,
                rolled_back_at IS NOT NULL AS rolled_back,
                applied_steps_count
         FROM _prisma_migrations
         ORDER BY started_at ASC",
        &[],
    )?;
    Ok(rows
        .iter()
        .map(|row| AppliedMigration {
            id: row.get("id"),
            checksum: row.get("checksum"),
            migration_name: row.get("migration_name"),
            logs: row.get("logs"),
            started_at: chrono_display(row.get("started"), row.get("micros")),
            finished: row.get("finished"),
            rolled_back: row.get("rolled_back"),
            applied_steps_count: row.get("applied_steps_count"),
        })
        .collect())
}

/// A UTC time as chrono's `Display` prints it, which Prisma's messages
/// use: the fraction with 3, 6 or no digits, as few as exact.
fn chrono_display(seconds: &str, micros: i64) -> String {
    let fraction = if micros == 0 {
        String::new()
    } else if micros % 1000 == 0 {
        format!(".{:03}", micros / 1000)
    } else {
        format!(".{micros:06}")
    };
    format!("{seconds}{fraction} UTC")
}

/// Records the start of a migration; its row's id.
pub fn record_started(
    client: &mut impl postgres::GenericClient,
    name: &str,
    checksum: &str,
) -> Result<String, postgres::Error> {
    let row = client.query_one(
        "INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name)
         VALUES (gen_random_uuid()::text, $1, clock_timestamp(), $2)
         RETURNING id",
        &[&checksum, &name],
    )?;
    Ok(row.get(0))
}

/// Records a migration's success, as Prisma does: one applied step.
pub fn record_finished(
    client: &mut impl postgres::GenericClient,
    id: &str,
) -> Result<(), postgres::Error> {
    client.execute(
        "UPDATE _prisma_migrations
         SET applied_steps_count = applied_steps_count + 1, finished_at = clock_timestamp()
         WHERE id = $1",
        &[&id],
    )?;
    Ok(())
}

/// Records a migration's failure: its error text; it stays unfinished.
pub fn record_failed(
    client: &mut postgres::Client,
    id: &str,
    logs: &str,
) -> Result<(), postgres::Error> {
    client.execute(
        "UPDATE _prisma_migrations SET logs = $2 WHERE id = $1",
        &[&id, &logs],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::chrono_display;

    #[test]
    fn prints_times_as_chrono_does() {
        assert_eq!(
            chrono_display("2024-01-01 10:00:00", 0),
            "2024-01-01 10:00:00 UTC"
        );
        assert_eq!(
            chrono_display("2024-01-01 10:00:00", 123_000),
            "2024-01-01 10:00:00.123 UTC"
        );
        assert_eq!(
            chrono_display("2024-01-01 10:00:00", 123_456),
            "2024-01-01 10:00:00.123456 UTC"
        );
    }
}
