//! The Prisma Schema Language (PostgreSQL connector): parsing into an AST
//! with spans. Parsing never fails: it returns the AST it could build and
//! diagnostics for everything else.

pub mod ast;
mod parser;

pub use parser::parse;
