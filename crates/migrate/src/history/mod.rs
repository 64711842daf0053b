//! Migration history: the migrations folder, the `_prisma_migrations`
//! table, and applying migrations, with Prisma's bookkeeping so that a
//! folder and a database can move between Prisma and plumb.

pub mod apply;
pub mod checksum;
pub mod folder;
pub mod lock;
pub mod split;
pub mod table;
