//! The Prisma Schema Language (PostgreSQL connector): parsing into an AST
//! with spans, and validation. Parsing never fails: it returns the AST it
//! could build and diagnostics for everything else.

pub mod ast;
pub mod constraint_names;
mod format;
mod load;
pub mod messages;
mod parser;
pub mod schema;
pub mod types;
mod validate;

/// The PEG grammar the formatter runs, for the parser's differential test.
#[doc(hidden)]
pub use format::grammar;
pub use format::{format, format_files};
pub use load::{LoadError, LoadedSchema, add_file, load, schema_path};
pub use parser::{codes as syntax_codes, parse};
pub use validate::{codes as validation_codes, validate};

/// Codes of loading problems.
pub use load::codes as load_codes;
