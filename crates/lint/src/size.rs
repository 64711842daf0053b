//! A finding on an existing table weighs more when the table is large: a
//! lock held for a scan or a rewrite lasts as long as the table is big.

use crate::{Category, Finding, Severity};

/// A table's size, as a database estimates it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Size {
    /// Estimated rows (`pg_class.reltuples`); `None` when never counted.
    pub rows: Option<f64>,
    /// Heap, indexes and TOAST, in bytes.
    pub bytes: i64,
}

/// From this many rows, a scan or rewrite under lock takes seconds.
pub const LARGE_ROWS: f64 = 1_000_000.0;
/// From this size (1 GiB), likewise, whatever the row count.
pub const LARGE_BYTES: i64 = 1 << 30;

impl Size {
    /// Whether a lock held for a scan or a rewrite of the table is long.
    pub fn is_large(&self) -> bool {
        self.rows.is_some_and(|rows| rows >= LARGE_ROWS) || self.bytes >= LARGE_BYTES
    }

    /// `about 1,200,000 rows (85 MB)`.
    pub fn describe(&self) -> String {
        match self.rows {
            Some(rows) => format!(
                "about {} rows ({})",
                thousands(rows.round() as u64),
                pretty_bytes(self.bytes)
            ),
            None => format!(
                "{} (rows not counted yet: ANALYZE counts them)",
                pretty_bytes(self.bytes)
            ),
        }
    }
}

/// Says how big the finding's table is and, for a locking finding on a
/// large table, makes it an error — unless `configured` (the project set
/// the rule's severity itself).
pub fn weigh(finding: &mut Finding, size: Size, configured: bool) {
    let Some(table) = finding.table else { return };
    let shown = match table.namespace {
        Some(namespace) => format!("{namespace}.{}", table.name),
        None => table.name.to_string(),
    };
    finding.message = format!("{} — `{shown}` holds {}", finding.message, size.describe());
    if finding.category == Category::Locking && size.is_large() && !configured {
        finding.severity = Severity::Error;
    }
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// As `pg_size_pretty` writes sizes: bytes, kB, MB, GB, TB (1024 each),
/// rounded half up.
fn pretty_bytes(bytes: i64) -> String {
    let mut value = bytes as f64;
    let mut unit = "bytes";
    for next in ["kB", "MB", "GB", "TB"] {
        if value.abs() < 10.0 * 1024.0 - 0.5 {
            break;
        }
        value /= 1024.0;
        unit = next;
    }
    format!("{} {unit}", value.round() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_postgres_writes_them() {
        assert_eq!(pretty_bytes(8192), "8192 bytes");
        assert_eq!(pretty_bytes(10 * 1024), "10 kB");
        assert_eq!(pretty_bytes(85 * 1024 * 1024), "85 MB");
        assert_eq!(pretty_bytes(3 << 30), "3072 MB");
        assert_eq!(pretty_bytes(12 << 30), "12 GB");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
    }

    #[test]
    fn large_means_a_million_rows_or_a_gibibyte() {
        let size = |rows, bytes| Size { rows, bytes };
        assert!(size(Some(1_000_000.0), 0).is_large());
        assert!(!size(Some(999_999.0), 1 << 29).is_large());
        assert!(size(None, 1 << 30).is_large());
        assert!(!size(None, 8192).is_large());
    }
}
