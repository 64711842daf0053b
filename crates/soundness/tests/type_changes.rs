//! Every change of a column from one native type to another, as a scalar
//! and as a list: plumb's migration runs on PostgreSQL (empty tables) and
//! leaves nothing for the next diff. Prisma's own table of casts writes a
//! bare `SET DATA TYPE` for pairs PostgreSQL cannot cast without `USING`
//! (citext to anything but text, money to numbers, timestamp to timetz);
//! this test holds plumb's corrections to what PostgreSQL accepts.

#![allow(clippy::unwrap_used, reason = "a panic is how a test reports failure")]

use std::fmt::Write as _;

use plumb_migrate::diff::{Output, Source, diff};
use plumb_migrate::history::apply::run_script;

/// (name, Prisma scalar, native attribute, whether Prisma allows a list).
const TYPES: &[(&str, &str, &str, bool)] = &[
    ("SmallInt", "Int", "SmallInt", true),
    ("Integer", "Int", "Integer", true),
    ("BigInt", "BigInt", "BigInt", true),
    ("Decimal", "Decimal", "Decimal(10, 2)", true),
    ("Money", "Decimal", "Money", false),
    ("Inet", "String", "Inet", true),
    ("Oid", "Int", "Oid", true),
    ("Citext", "String", "Citext", true),
    ("Real", "Float", "Real", true),
    ("Double", "Float", "DoublePrecision", true),
    ("VarChar", "String", "VarChar(40)", true),
    ("Char", "String", "Char(4)", true),
    ("Text", "String", "Text", true),
    ("ByteA", "Bytes", "ByteA", true),
    ("Timestamp", "DateTime", "Timestamp(6)", true),
    ("Timestamptz", "DateTime", "Timestamptz(6)", true),
    ("Date", "DateTime", "Date", true),
    ("Time", "DateTime", "Time(6)", true),
    ("Timetz", "DateTime", "Timetz(6)", true),
    ("Boolean", "Boolean", "Boolean", true),
    ("Bit", "String", "Bit(4)", true),
    ("VarBit", "String", "VarBit(8)", true),
    ("Uuid", "String", "Uuid", true),
    ("Xml", "String", "Xml", true),
    ("Json", "Json", "Json", true),
    ("JsonB", "Json", "JsonB", true),
];

/// One table per source type, with a column per target type (and a list
/// column per target type); `next` picks the target's type, else the
/// source's.
fn schema(next: bool) -> String {
    let mut text = String::from("datasource db {\n  provider = \"postgresql\"\n}\n");
    for &(from, from_scalar, from_native, from_list) in TYPES {
        writeln!(text, "\nmodel From{from} {{\n  id Int @id").unwrap();
        for &(to, to_scalar, to_native, to_list) in TYPES {
            if from == to {
                continue;
            }
            let (scalar, native) = if next {
                (to_scalar, to_native)
            } else {
                (from_scalar, from_native)
            };
            writeln!(text, "  to{to} {scalar}? @db.{native}").unwrap();
            if from_list && to_list {
                writeln!(text, "  to{to}List {scalar}[] @db.{native}").unwrap();
            }
        }
        text.push_str("}\n");
    }
    text
}

#[test]
fn every_type_change_runs_and_settles() {
    let dir = std::env::temp_dir().join(format!("plumb-type-changes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (from, to) = (dir.join("from.prisma"), dir.join("to.prisma"));
    std::fs::write(&from, schema(false)).unwrap();
    std::fs::write(&to, schema(true)).unwrap();
    let (from, to) = (Source::Schema(from), Source::Schema(to));

    let database = plumb_testkit::database();
    let mut client = database.connect();
    client
        .batch_execute("CREATE EXTENSION IF NOT EXISTS citext")
        .unwrap();
    let create = diff(&Source::Empty, &from, Output::Script).unwrap().text;
    run_script(&mut client, &create).unwrap();
    let evolve = diff(&from, &to, Output::Script).unwrap().text;
    if let Err(error) = run_script(&mut client, &evolve) {
        panic!("{error}\n--- the migration\n{evolve}");
    }
    let remaining = diff(
        &Source::Url(database.url().to_string()),
        &to,
        Output::Script,
    )
    .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        !remaining.differs,
        "the next diff finds:\n{}",
        remaining.text
    );
    // The corrections are there (and Prisma's bare form is not).
    for expected in [
        r#"ALTER COLUMN "toInteger" SET DATA TYPE INTEGER USING "toInteger"::INTEGER"#,
        r#"ALTER COLUMN "toBigInt" SET DATA TYPE BIGINT USING "toBigInt"::DECIMAL::BIGINT"#,
        r#"ALTER COLUMN "toTimetzList" SET DATA TYPE TIMETZ(6)[] USING "toTimetzList"::TIMESTAMPTZ[]::TIMETZ(6)[]"#,
    ] {
        assert!(evolve.contains(expected), "no `{expected}` in\n{evolve}");
    }
}
