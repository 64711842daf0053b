//! Interned names, for the syntax tree and the SQL schema IR. Every
//! distinct name is stored once for the whole process, and a `Name` is its
//! four-byte number: the many `id`, `createdAt`, `@default` and `User_pkey`
//! of a 5,000-model schema cost no allocation each, both sides of a diff
//! share them, and equal names compare as integers.
//!
//! The table only grows (a process reads a bounded vocabulary) and is
//! shared by all threads: interning takes a lock, reading a name back is
//! one atomic load per level.

use std::borrow::Borrow;
use std::collections::HashSet;

use foldhash::fast::FixedState;
use std::fmt;
use std::num::NonZeroU32;
use std::ops::Deref;
use std::sync::{Mutex, OnceLock, PoisonError};

/// Names per chunk of the table, and how many chunks there can be:
/// 2^12 × 2^12 = 16,777,216 distinct names per process.
const CHUNK_BITS: u32 = 12;
const CHUNK_LEN: usize = 1 << CHUNK_BITS;
const CHUNKS: usize = 1 << 12;

/// Bytes of text stored per arena block: names are copied into blocks,
/// not allocated one by one (tens of thousands of tiny allocations cost
/// more in allocator overhead than the text itself).
const BLOCK_BYTES: usize = 64 << 10;

/// Number → text, in chunks that are allocated as the table fills.
#[allow(
    clippy::declare_interior_mutable_const,
    reason = "only used to initialise the array below, each element once"
)]
const NO_CHUNK: OnceLock<Box<[OnceLock<&'static str>]>> = OnceLock::new();
static TEXTS: [OnceLock<Box<[OnceLock<&'static str>]>>; CHUNKS] = [NO_CHUNK; CHUNKS];

/// Text → number, and where new texts go; the lock also serialises
/// additions to `TEXTS`.
static TABLE: Mutex<Table> = Mutex::new(Table {
    names: None,
    free: &mut [],
});

struct Table {
    /// Every name made so far. A `Name` hashes and compares as its text,
    /// so the set finds one by a `&str` while storing four bytes a name.
    names: Option<HashSet<Name, FixedState>>,
    /// The unused end of the current arena block.
    free: &'static mut [u8],
}

impl Table {
    /// A copy of `text` that lives as long as the process.
    fn store(&mut self, text: &str) -> &'static str {
        let len = text.len();
        if len > BLOCK_BYTES / 4 {
            return Box::leak(text.into());
        }
        if self.free.len() < len {
            self.free = Box::leak(vec![0; BLOCK_BYTES].into_boxed_slice());
        }
        let (used, rest) = std::mem::take(&mut self.free).split_at_mut(len);
        used.copy_from_slice(text.as_bytes());
        self.free = rest;
        let used: &'static [u8] = used;
        // The bytes were copied from a `str`; "" is unreachable.
        std::str::from_utf8(used).unwrap_or_default()
    }
}

/// An immutable, interned string. Reads as a `&str`, and compares, orders
/// and hashes as one.
#[derive(Clone, Copy)]
pub struct Name(NonZeroU32);

impl Name {
    pub fn new(text: &str) -> Name {
        let mut table = TABLE.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(&name) = table.names.as_ref().and_then(|names| names.get(text)) {
            return name;
        }
        let index = table.names.as_ref().map_or(0, HashSet::len);
        assert!(
            index < CHUNK_LEN * CHUNKS - 1,
            "more than {} distinct names in one process",
            CHUNK_LEN * CHUNKS - 1
        );
        let text = table.store(text);
        let chunk = TEXTS[index >> CHUNK_BITS]
            .get_or_init(|| (0..CHUNK_LEN).map(|_| OnceLock::new()).collect());
        let _ = chunk[index & (CHUNK_LEN - 1)].set(text);
        // `index + 1`: the number is never zero, so `Option<Name>` is free.
        let name = Name(NonZeroU32::MIN.saturating_add(index as u32));
        // Stored in `TEXTS` first: the set hashes a name by its text.
        table
            .names
            .get_or_insert_with(|| HashSet::with_hasher(FixedState::default()))
            .insert(name);
        name
    }

    pub fn as_str(&self) -> &'static str {
        let index = (self.0.get() - 1) as usize;
        // A `Name` exists only after its text was stored, so both levels
        // are set; "" is unreachable.
        TEXTS[index >> CHUNK_BITS]
            .get()
            .and_then(|chunk| chunk[index & (CHUNK_LEN - 1)].get())
            .copied()
            .unwrap_or("")
    }
}

impl PartialEq for Name {
    fn eq(&self, other: &Name) -> bool {
        // Interned: the same text has the same number.
        self.0 == other.0
    }
}

impl Eq for Name {}

impl PartialOrd for Name {
    fn partial_cmp(&self, other: &Name) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Name {
    fn cmp(&self, other: &Name) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::hash::Hash for Name {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl Default for Name {
    fn default() -> Name {
        Name::new("")
    }
}

impl Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Name {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Name {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Name> for str {
    fn eq(&self, other: &Name) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Name> for &str {
    fn eq(&self, other: &Name) -> bool {
        *self == other.as_str()
    }
}

impl From<&str> for Name {
    fn from(text: &str) -> Name {
        Name::new(text)
    }
}

impl From<String> for Name {
    fn from(text: String) -> Name {
        Name::new(&text)
    }
}

impl From<&String> for Name {
    fn from(text: &String) -> Name {
        Name::new(text)
    }
}

impl From<Name> for String {
    fn from(name: Name) -> String {
        name.as_str().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::Name;

    #[test]
    fn short_and_long_names_read_back() {
        for text in [
            "",
            "id",
            "exactly_twenty_two_b__",
            "a_name_longer_than_twenty_two_bytes",
            "ünïcödé_ñame",
        ] {
            let name = Name::new(text);
            assert_eq!(name.as_str(), text);
            assert_eq!(name, text);
            assert_eq!(format!("{name}"), text);
        }
        assert_eq!(std::mem::size_of::<Name>(), 4);
        assert_eq!(std::mem::size_of::<Option<Name>>(), 4);
        assert_eq!(Name::new("id"), Name::new(&String::from("id")));
        // Ordered as strings, whatever the length or storage.
        assert!(Name::new("ab_longer") < Name::new("b"));
        assert!(Name::new("a_name_longer_than_twenty_two_bytes") < Name::new("b"));
        assert_eq!(
            Name::new("profile").cmp(&Name::new("user")),
            "profile".cmp("user")
        );
    }

    #[test]
    fn names_interned_on_one_thread_read_back_on_another() {
        let made: Vec<Name> = std::thread::spawn(|| {
            (0..5_000)
                .map(|i| Name::new(&format!("thread_name_{i}")))
                .collect()
        })
        .join()
        .expect("the interning thread finishes");
        for (i, name) in made.iter().enumerate() {
            assert_eq!(name.as_str(), format!("thread_name_{i}"));
            assert_eq!(*name, Name::new(&format!("thread_name_{i}")));
        }
    }
}
