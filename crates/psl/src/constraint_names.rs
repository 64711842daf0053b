//! Prisma's default constraint names on PostgreSQL: `{table}_pkey`,
//! `{table}_{columns}_key`, `{table}_{columns}_idx`, `{table}_{columns}_fkey`.
//! Names are cut to fit PostgreSQL's 63-byte identifiers, on a character
//! boundary, before the suffix is added — byte for byte as Prisma cuts them,
//! because a different cut is a phantom rename in every diff.

/// PostgreSQL's `NAMEDATALEN - 1`.
pub const MAX_IDENTIFIER_BYTES: usize = 63;

pub fn primary_key(table: &str) -> String {
    // Prisma cuts the table name to leave room for "_pkey" (5 bytes).
    format!("{}_pkey", cut(table, MAX_IDENTIFIER_BYTES - 5))
}

pub fn unique(table: &str, columns: &[&str]) -> String {
    with_columns(table, columns, "_key")
}

pub fn index(table: &str, columns: &[&str]) -> String {
    with_columns(table, columns, "_idx")
}

pub fn foreign_key(table: &str, columns: &[&str]) -> String {
    with_columns(table, columns, "_fkey")
}

fn with_columns(table: &str, columns: &[&str], suffix: &str) -> String {
    let stem = format!("{table}_{}", columns.join("_"));
    format!(
        "{}{suffix}",
        cut(&stem, MAX_IDENTIFIER_BYTES - suffix.len())
    )
}

/// The longest prefix of `name` of at most `limit` bytes that ends on a
/// character boundary.
fn cut(name: &str, limit: usize) -> &str {
    if name.len() <= limit {
        return name;
    }
    let mut end = limit;
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    &name[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_are_joined_with_underscores() {
        assert_eq!(primary_key("User"), "User_pkey");
        assert_eq!(unique("User", &["email"]), "User_email_key");
        assert_eq!(index("Post", &["a", "b"]), "Post_a_b_idx");
        assert_eq!(foreign_key("Post", &["authorId"]), "Post_authorId_fkey");
    }

    // The expected names below are what Prisma's engine wrote for these
    // tables (`oracle.mjs diff --from empty --to schema:… --script`).

    #[test]
    fn long_names_are_cut_to_63_bytes_including_the_suffix() {
        let table = "t".repeat(70);
        assert_eq!(primary_key(&table), format!("{}_pkey", "t".repeat(58)));
        assert_eq!(index(&table, &["c"]), format!("{}_idx", "t".repeat(59)));
    }

    #[test]
    fn cuts_never_split_a_character() {
        // 'é' is two bytes: a cut at an odd offset must back off one byte.
        let table = "é".repeat(40);
        assert_eq!(primary_key(&table), format!("{}_pkey", "é".repeat(29)));
    }
}
