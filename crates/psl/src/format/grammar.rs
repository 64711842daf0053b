//! The Prisma Schema Language as a PEG grammar (`prisma.pest`), run by
//! pest. The formatter reads its parse tree, which keeps what the AST
//! drops (comments, blank lines, trailing commas); the hand-written parser
//! in `parser/` follows the same grammar and is tested against it.

#[derive(Debug, pest_derive::Parser)]
#[grammar = "format/prisma.pest"]
pub struct PrismaParser;
