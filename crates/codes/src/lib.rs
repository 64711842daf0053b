//! The registry of Prisma's error codes that plumb emits.
//!
//! Scripts and CI jobs match on these codes (`P3009` means "a failed
//! migration blocks deploy"), so plumb gives the same code for the same
//! failure as Prisma's engine, and only from this list: a code is added
//! here, with its meaning, before any crate can emit it.

use std::fmt;

macro_rules! registry {
    ($($code:ident => $meaning:literal,)*) => {
        /// A Prisma error code plumb emits.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $(#[doc = $meaning] $code,)*
        }

        impl Code {
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$(Code::$code,)*];

            /// The code as Prisma prints it: `P3009`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$code => stringify!($code),)*
                }
            }

            /// What the code means, in one line.
            pub fn meaning(self) -> &'static str {
                match self {
                    $(Code::$code => $meaning,)*
                }
            }
        }
    };
}

registry! {
    P1000 => "Authentication failed: the credentials are not valid.",
    P1001 => "The database server cannot be reached (or its catalog read).",
    P1002 => "The migration lock was not acquired in time.",
    P1003 => "The database does not exist on the server.",
    P1010 => "The user was denied access to the database.",
    P1011 => "A TLS connection could not be opened.",
    P1013 => "The database connection string is invalid.",
    P3005 => "The database schema is not empty and has no migration history (baseline it first).",
    P3006 => "A migration failed to apply cleanly to the shadow database.",
    P3008 => "The migration is already recorded as applied.",
    P3009 => "Failed migrations in the database block new ones.",
    P3010 => "The migration name is too long.",
    P3011 => "The migration cannot be rolled back: it was never applied.",
    P3012 => "The migration cannot be rolled back: it is not in a failed state.",
    P3014 => "The shadow database could not be created.",
    P3015 => "A migration directory has no migration file.",
    P3017 => "The migration to mark as applied was not found in the folder.",
    P3018 => "A migration failed to apply.",
    P3019 => "The migration_lock.toml provider differs from the schema's.",
    P4001 => "The introspected database was empty: db pull has nothing to write.",
    P4002 => "The introspected database was inconsistent: a foreign key refers to a schema that is not read.",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_print_as_prisma_prints_them() {
        assert_eq!(Code::P3009.to_string(), "P3009");
        assert_eq!(Code::ALL.first(), Some(&Code::P1000));
        assert!(Code::ALL.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn every_code_is_documented() {
        let page = include_str!("../../../docs/error-codes.md");
        for code in Code::ALL {
            let line = format!("| `{code}` | {} |", code.meaning());
            assert!(page.contains(&line), "docs/error-codes.md lacks: {line}");
        }
        let listed = page.matches("| `P").count();
        assert_eq!(
            listed,
            Code::ALL.len(),
            "docs/error-codes.md lists codes plumb does not emit"
        );
    }
}
