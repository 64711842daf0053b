//! plumb's texts are Prisma's except where they name a command or the tool
//! (`plumb migrate deploy` for Prisma's own). Tests that compare plumb's
//! texts with Prisma's recorded ones map plumb's words back first, so every
//! other word is still compared. The table of words is the one in
//! docs/compatibility.md, read from there.

const COMPATIBILITY: &str = include_str!("../../../docs/compatibility.md");

/// The `| plumb says | Prisma says |` rows of docs/compatibility.md.
fn table() -> Vec<(&'static str, &'static str)> {
    let Some((_, rest)) = COMPATIBILITY.split_once("<!-- words: begin -->") else {
        panic!("docs/compatibility.md has lost its words table");
    };
    let rows = rest.split("<!-- words: end -->").next().unwrap_or_default();
    rows.lines()
        .filter_map(|row| {
            let cells: Vec<&str> = row.trim().trim_matches('|').split('|').collect();
            match cells.as_slice() {
                [plumb, prisma] => Some((
                    plumb.trim().strip_prefix('`')?.strip_suffix('`')?,
                    prisma.trim().strip_prefix('`')?.strip_suffix('`')?,
                )),
                _ => None,
            }
        })
        .collect()
}

/// `text` with plumb's command and tool names replaced by Prisma's.
pub fn prisma_words(text: &str) -> String {
    table()
        .into_iter()
        .fold(text.to_string(), |text, (plumb, prisma)| {
            text.replace(plumb, prisma)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_read_from_the_compatibility_page() {
        let rows = table();
        assert!(rows.len() >= 5, "{rows:?}");
        assert!(rows.iter().all(|(plumb, _)| plumb.contains("plumb")));
    }

    #[test]
    fn command_names_map_back() {
        let mapped = prisma_words("Either run `plumb format`. plumb created the following");
        assert_eq!(
            mapped,
            "Either run `prisma format`. Prisma Migrate created the following"
        );
        assert_eq!(prisma_words("plumbing"), "plumbing");
    }
}
