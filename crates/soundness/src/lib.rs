//! Soundness by random testing: a generator of valid Prisma schemas and
//! their evolutions ([`generate`]), and the check that plumb's migrations
//! between them run on PostgreSQL and leave nothing to diff ([`check`]).
//! `fuzz-sound` runs it on any seeds; `tests/fixed_seeds.rs` runs a fixed
//! set in CI. docs/soundness.md has the rates and the classes found.

pub mod check;
pub mod generate;
pub mod history;
pub mod model;
pub mod rng;
pub mod rows;
