//! Migration checksums as `_prisma_migrations` stores them: the lower-case
//! hex SHA-256 of `migration.sql`, byte for byte.

use sha2::{Digest, Sha256};

/// The checksum Prisma writes for a script: 64 hex digits.
pub fn checksum(script: &str) -> String {
    hex(&Sha256::digest(script.as_bytes()), true)
}

/// Whether `stored` is the checksum of `script` as Prisma verifies it:
/// with the script's line endings as they are, as `\n`, or as `\r\n` (a
/// checkout may have changed them), and in the legacy form without zero
/// padding when the stored text is not 64 characters long.
pub fn matches(stored: &str, script: &str) -> bool {
    let padded = stored.len() == 64;
    let variants = [
        script.to_string(),
        script.replace("\r\n", "\n"),
        script.replace("\r\n", "\n").replace('\n', "\r\n"),
    ];
    variants
        .iter()
        .any(|variant| hex(&Sha256::digest(variant.as_bytes()), padded) == stored)
}

/// Lower-case hex; `padded: false` writes each byte without its leading
/// zero, as engines before 2.x did (prisma-engines issue 1887).
fn hex(bytes: &[u8], padded: bool) -> String {
    bytes
        .iter()
        .map(|byte| {
            if padded {
                format!("{byte:02x}")
            } else {
                format!("{byte:x}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_prismas_sha256() {
        assert_eq!(
            checksum("hello"),
            "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
        );
    }

    #[test]
    fn line_endings_and_the_legacy_form_still_match() {
        let lf = "CREATE TABLE a();\nCREATE TABLE b();\n";
        let crlf = lf.replace('\n', "\r\n");
        assert!(matches(&checksum(lf), &crlf));
        assert!(matches(&checksum(&crlf), lf));
        assert!(!matches(&checksum(lf), "CREATE TABLE c();\n"));
        let legacy = hex(&Sha256::digest(lf.as_bytes()), false);
        assert!(legacy.len() < 64);
        assert!(matches(&legacy, lf));
    }
}
