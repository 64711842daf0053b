//! Two IRs of one database compared as the offline replay is held to:
//! the replay's IR must equal what introspection reads after the same
//! migrations ran on PostgreSQL. What the replay cannot know offline is
//! set aside first: the version an extension was installed at (unless a
//! migration names it) and the definitions PostgreSQL prints for the
//! objects plumb does not manage (views, checks, triggers, functions);
//! their kinds, names and tables are compared, and comments whole.

use plumb_ir::Schema;

/// What differs between the database's IR (`online`) and the replay's
/// (`offline`), object by object; `None` when they are equal.
pub fn difference(online: &Schema, offline: &Schema) -> Option<String> {
    let mut online = online.clone();
    let mut offline = offline.clone();
    for (extension, replayed) in online.extensions.iter_mut().zip(&offline.extensions) {
        if replayed.version.is_none() {
            extension.version = None;
        }
    }
    for object in online
        .unmanaged
        .iter_mut()
        .chain(offline.unmanaged.iter_mut())
    {
        if !object.kind.ends_with("comment") {
            object.definition = None;
        }
    }
    if online == offline {
        return None;
    }
    let mut out = String::new();
    let mut differ = |what: &str, a: String, b: String| {
        if a != b {
            out.push_str(&format!("{what}:\n  database: {a}\n  replay:   {b}\n"));
        }
    };
    differ(
        "namespaces",
        format!("{:?}", online.namespaces),
        format!("{:?}", offline.namespaces),
    );
    differ(
        "extensions",
        format!("{:?}", online.extensions),
        format!("{:?}", offline.extensions),
    );
    differ(
        "enums",
        format!("{:?}", online.enums),
        format!("{:?}", offline.enums),
    );
    let names = |s: &Schema| {
        s.tables
            .iter()
            .map(|t| format!("{:?}", t.name))
            .collect::<Vec<_>>()
    };
    differ(
        "tables",
        format!("{:?}", names(&online)),
        format!("{:?}", names(&offline)),
    );
    for (a, b) in online.tables.iter().zip(&offline.tables) {
        if a.name != b.name {
            continue;
        }
        let what = format!("table {:?}", a.name.name);
        for (x, y) in a.columns.iter().zip(&b.columns) {
            differ(
                &format!("{what} column {}", x.name),
                format!("{x:?}"),
                format!("{y:?}"),
            );
        }
        if a.columns.len() != b.columns.len() {
            let names = |t: &plumb_ir::Table| {
                t.columns
                    .iter()
                    .map(|c| c.name.to_string())
                    .collect::<Vec<_>>()
            };
            differ(
                &format!("{what} columns"),
                format!("{:?}", names(a)),
                format!("{:?}", names(b)),
            );
        }
        differ(
            &format!("{what} primary key"),
            format!("{:?}", a.primary_key),
            format!("{:?}", b.primary_key),
        );
        differ(
            &format!("{what} indexes"),
            format!("{:?}", a.indexes),
            format!("{:?}", b.indexes),
        );
    }
    differ(
        "foreign keys",
        format!("{:?}", online.foreign_keys),
        format!("{:?}", offline.foreign_keys),
    );
    differ(
        "unmanaged",
        format!("{:?}", online.unmanaged),
        format!("{:?}", offline.unmanaged),
    );
    differ(
        "default namespace",
        format!("{:?}", online.default_namespace),
        format!("{:?}", offline.default_namespace),
    );
    Some(out)
}
