//! plumb's use cases, one module per command family. The CLI parses
//! arguments and prints; everything a test would want to call lives here,
//! and every text the user reads is in [`messages`].

pub mod check;
pub mod config;
pub mod consent;
pub mod data_loss;
pub mod database;
pub mod datasource;
pub mod deploy;
pub mod dev;
pub mod diff;
pub mod down;
pub mod env;
mod error;
pub mod execute;
pub mod fleet;
pub mod format;
pub mod guard;
pub mod history;
pub mod init;
pub mod interaction;
pub mod lint;
pub mod messages;
pub mod migrations_folder;
pub mod offline;
pub mod plan;
pub mod pull;
pub mod push;
mod read;
pub mod renames;
pub mod reset;
pub mod resolve;
pub mod schema;
pub mod seed;
pub mod shadow;
pub mod status;
mod stored_defaults;

pub use error::Error;
/// Prisma's error codes, as the errors carry them.
pub use plumb_codes::Code;
/// Connection URLs, as the commands take them.
pub use plumb_introspect::ConnectionUrl;
/// How migration scripts are written: as Prisma does, or online.
pub use plumb_render::Plan as ScriptPlan;
