//! plumb's use cases, one module per command family. The CLI parses
//! arguments and prints; everything a test would want to call lives here.

pub mod config;
pub mod data_loss;
pub mod database;
pub mod datasource;
pub mod deploy;
pub mod dev;
pub mod diff;
pub mod env;
pub mod execute;
pub mod history;
pub mod plan;
pub mod push;
mod read;
pub mod reset;
pub mod resolve;
pub mod seed;
pub mod shadow;
pub mod status;

/// Connection URLs, as the commands take them.
pub use plumb_introspect::ConnectionUrl;
