//! Reading the two kinds of sides a comparison has: a schema (lowered to
//! the IR) and a live database (introspected), with what the schema says
//! about how to read a database.

use plumb_codes::Code;
use plumb_introspect::ConnectionUrl;
use plumb_psl::LoadedSchema;

use crate::Error;

/// What schemas tell the databases they are compared with: Prisma reads a
/// database with the settings of the schema files in the comparison.
#[derive(Debug, Default, Clone)]
pub(crate) struct DatabaseSettings {
    /// The union of the datasources' `schemas = [...]`, sorted.
    pub schemas: std::collections::BTreeSet<String>,
    /// `postgresqlExtensions`: only then are extensions compared.
    pub extensions: bool,
    /// `partialIndexes`: only then are a database's partial indexes seen.
    pub partial_indexes: bool,
}

/// A valid schema's IR; what it says about reading databases goes into
/// `settings`.
pub(crate) fn lower(loaded: &LoadedSchema, settings: &mut DatabaseSettings) -> plumb_ir::Schema {
    let declarations = plumb_psl::schema::Declarations::collect(&loaded.asts);
    if let Some(schemas) = declarations.declared_schemas() {
        settings
            .schemas
            .extend(schemas.into_iter().map(str::to_string));
    }
    let features = declarations.preview_features();
    settings.extensions |= features.contains("postgresqlExtensions");
    settings.partial_indexes |= features.contains("partialIndexes");
    plumb_lower::lower(&loaded.asts)
}

/// Reads a database the way Prisma's engine does for a diff: the
/// `schemas` of the settings, else the URL's schema.
pub(crate) fn database(
    url: &ConnectionUrl,
    settings: &DatabaseSettings,
) -> Result<plumb_ir::Schema, Error> {
    // Two connections, made at once: the catalog queries are split
    // between them. Without a second one, everything goes on the first.
    let (first, second) = std::thread::scope(|scope| {
        let second = scope.spawn(|| plumb_introspect::connect(url).ok());
        let first = plumb_introspect::connect(url);
        (first, second.join().ok().flatten())
    });
    let mut first = first?;
    let namespaces: Vec<&str> = if settings.schemas.is_empty() {
        vec![url.schema.as_str()]
    } else {
        settings.schemas.iter().map(String::as_str).collect()
    };
    let read = match second {
        Some(mut second) => {
            plumb_introspect::introspect_on_two(&mut first, &mut second, &namespaces, &url.schema)
        }
        None => plumb_introspect::introspect(&mut first, &namespaces, &url.schema),
    };
    let mut ir = read
        .map_err(|error| {
            // The catalog could not be read: P1001 in Prisma's terms.
            Error::coded(
                Code::P1001,
                crate::messages::catalog_unreadable(url, &error),
            )
        })?
        .schema;
    if !settings.extensions {
        ir.extensions.clear();
    }
    Ok(ir)
}

/// Qualifies both sides with the target's default namespace, as Prisma
/// does before diffing, so that `public.User` and `User` are one table.
/// Without `partialIndexes`, a database's partial indexes are not compared
/// (a schema cannot state them): they go from the tables both sides have,
/// and stay on a table that only the database has, which a migration
/// creates whole, predicate included (Prisma drops the predicate there,
/// making another index).
pub(crate) fn align(
    from: &mut plumb_ir::Schema,
    to: &mut plumb_ir::Schema,
    settings: &DatabaseSettings,
) {
    if let Some(namespace) = to.default_namespace {
        from.qualify_default_namespace(namespace);
        to.qualify_default_namespace(namespace);
    }
    if !settings.partial_indexes {
        unseen_partial_indexes(from, to);
        unseen_partial_indexes(to, from);
    }
}

/// Drops the partial indexes of `side`'s tables that `other` has too.
fn unseen_partial_indexes(side: &mut plumb_ir::Schema, other: &plumb_ir::Schema) {
    let shared: std::collections::BTreeSet<&plumb_ir::QualifiedName> =
        other.tables.iter().map(|table| &table.name).collect();
    for table in &mut side.tables {
        if shared.contains(&table.name) {
            table.indexes.retain(|index| index.predicate.is_none());
        }
    }
}
