//! Generated schemas of any size, for benchmarks: every model has scalar
//! fields of each kind, native types, defaults, an enum, an index, a
//! unique constraint and a relation to the model before it.

use std::fmt::Write as _;

/// What a generated schema looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// The starting point.
    Base,
    /// After a feature branch touched every model: an added column, a
    /// changed default, an index more, an enum value more; every tenth
    /// model loses a column.
    Evolved,
}

/// A valid Prisma schema (PostgreSQL) with `models` models.
pub fn schema(models: usize, version: Version) -> String {
    let evolved = version == Version::Evolved;
    let mut out = String::from(
        "datasource db {\n  provider = \"postgresql\"\n}\n\ngenerator client {\n  provider = \"prisma-client-js\"\n}\n\n",
    );
    for i in 0..models {
        let archived = if evolved { "  ARCHIVED\n" } else { "" };
        let _ = writeln!(
            out,
            "enum Status{i} {{\n  ACTIVE\n  INACTIVE @map(\"inactive\")\n{archived}}}\n"
        );
        let _ = writeln!(out, "/// Model number {i}.\nmodel Model{i} {{");
        let _ = writeln!(out, "  id        Int       @id @default(autoincrement())");
        let _ = writeln!(
            out,
            "  uuid      String    @unique @default(uuid()) @db.Uuid"
        );
        let _ = writeln!(out, "  name      String    @db.VarChar(255)");
        let price = if evolved { 1 } else { 0 };
        let _ = writeln!(
            out,
            "  price     Decimal   @default({price}) @db.Decimal(10, 2)"
        );
        let _ = writeln!(out, "  tags      String[]  @default([])");
        if !(evolved && i % 10 == 0) {
            let _ = writeln!(out, "  data      Json?     @db.JsonB");
        }
        let _ = writeln!(out, "  status    Status{i}  @default(ACTIVE)");
        let _ = writeln!(
            out,
            "  createdAt DateTime  @default(now()) @db.Timestamptz(6)"
        );
        let _ = writeln!(out, "  updatedAt DateTime  @updatedAt");
        if evolved {
            let _ = writeln!(out, "  note      String?");
        }
        if i > 0 {
            let parent = i - 1;
            let _ = writeln!(out, "  parentId  Int");
            let _ = writeln!(
                out,
                "  parent    Model{parent} @relation(fields: [parentId], references: [id], onDelete: Cascade)"
            );
        }
        if i + 1 < models {
            let _ = writeln!(out, "  children  Model{}[]", i + 1);
        }
        let _ = writeln!(
            out,
            "\n  @@unique([name, status])\n  @@index([createdAt(sort: Desc)])"
        );
        if evolved {
            let _ = writeln!(out, "  @@index([name])");
        }
        let _ = writeln!(out, "  @@map(\"model_{i}\")\n}}\n");
    }
    out
}
