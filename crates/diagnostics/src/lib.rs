//! Spans, source files and diagnostics, rendered the way rustc renders them.
//!
//! Every later stage reports problems as [`Diagnostic`]s pointing at a
//! [`Span`] (a byte range in one file of a [`SourceFiles`] set). Nothing here
//! knows about Prisma or SQL: the codes and wording belong to the stages.

mod color;
mod diagnostic;
mod render;
mod source;

pub use color::ColorChoice;
pub use diagnostic::{Diagnostic, Diagnostics, Severity};
pub use render::{render, render_all};
pub use source::{FileId, LineCol, SourceFiles, Span};
