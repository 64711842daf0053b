//! A small mutation fuzzer for the schema pipeline, shared by the
//! robustness test (a fixed number of rounds) and `examples/fuzz_parser.rs`
//! (as long as you like). Inputs are fixture schemas with bytes deleted,
//! repeated, flipped, or schema tokens inserted; every input goes through
//! loading, validation, rendering of the diagnostics and formatting, which
//! must not panic.

use std::path::Path;

/// xorshift64*: deterministic, seedable, good enough to pick mutations.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const TOKENS: &[&str] = &[
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "@",
    "@@",
    "\"",
    "\\",
    ",",
    ":",
    "=",
    "?",
    "!",
    "//",
    "///",
    "/*",
    "*/",
    "\n",
    "\r",
    "\r\n",
    "\t",
    " ",
    "\u{0}",
    "é",
    "\u{FEFF}",
    "model ",
    "enum ",
    "view ",
    "type ",
    "datasource ",
    "generator ",
    "@id",
    "@unique",
    "@default(",
    "@relation(",
    "fields: [",
    "references: [",
    "@@index([",
    "@@id([",
    "@db.VarChar(",
    "Unsupported(\"",
    "autoincrement()",
    "now()",
    "dbgenerated(\"",
    "[]",
    "Int",
    "String?",
    "-1.5",
    "99999999999999999999",
];

/// One mutated copy of `seed`.
pub fn mutate(seed: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut out = seed.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(5) {
            0 => {
                let end = (at + rng.below(64)).min(out.len());
                out.drain(at..end);
            }
            1 => {
                let end = (at + rng.below(64)).min(out.len());
                let copy = out[at..end].to_vec();
                for _ in 0..=rng.below(3) {
                    out.splice(at..at, copy.iter().copied());
                }
            }
            2 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] ^= 1 << rng.below(8);
            }
            _ => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                out.splice(at..at, token.iter().copied());
            }
        }
    }
    out
}

/// Runs one input through everything that reads schemas.
pub fn exercise(bytes: &[u8]) {
    let mut loaded = plumb_psl::LoadedSchema::default();
    plumb_psl::add_file(&mut loaded, "schema.prisma".to_string(), bytes);
    plumb_psl::validate(&loaded.asts, &mut loaded.diagnostics);
    let rendered = plumb_diagnostics::render_all(
        loaded.diagnostics.sorted(),
        &loaded.files,
        plumb_diagnostics::ColorChoice::Never,
    );
    assert_eq!(rendered.is_empty(), loaded.diagnostics.is_empty());
    if let Ok(text) = std::str::from_utf8(bytes)
        && let Some(formatted) = plumb_psl::format(text)
    {
        // The formatter's output must itself be readable by the formatter.
        assert!(plumb_psl::format(&formatted).is_some());
    }
}

/// The fixture schemas, as seeds.
pub fn seeds() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut seeds = Vec::new();
    for dir in ["psl/valid", "psl/invalid", "format"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            if path.extension().is_some_and(|e| e == "prisma") {
                seeds.push(std::fs::read(&path).unwrap_or_default());
            }
        }
    }
    seeds
}
