//! `migrate reset`: empties the managed schemas and applies every
//! migration again, as Prisma's engine does — but checked first and
//! dropped in one transaction, so that a failure leaves the database as
//! it was.

use std::path::Path;

use plumb_introspect::ConnectionUrl;
use plumb_sql_quote::ident;

use crate::Error;
use crate::database::open;
use crate::deploy::{Progress, apply_pending, initialize};
use crate::history::{folder, lock};

/// Drops and recreates `schemas` (the datasource's `schemas`, else the
/// URL's schema), then applies the folder's migrations; the names applied.
/// The folder is read and checked before anything is dropped.
pub fn reset(
    url: &ConnectionUrl,
    migrations_folder: &Path,
    schemas: &[String],
    progress: &mut dyn FnMut(Progress),
) -> Result<Vec<String>, Error> {
    let migrations = folder::list(migrations_folder)?;
    folder::check_provider(migrations_folder)?;
    let (mut client, _) = open(url, false)?;
    // Held across the drop and the re-apply: no deploy slips in between.
    lock::acquire(&mut client, &url.server())?;
    let mut transaction = client.transaction()?;
    transaction.batch_execute(&drop_script(url, schemas))?;
    transaction.commit()?;
    initialize(&mut client, &url.schema)?;
    apply_pending(&mut client, &migrations, &[], progress)
}

/// Every schema dropped with what it holds and created
/// empty, and the history table gone even when its schema is not one of
/// them (else the re-apply would find every migration applied).
pub(crate) fn drop_script(url: &ConnectionUrl, schemas: &[String]) -> String {
    let own = [url.schema.clone()];
    let schemas = if schemas.is_empty() {
        &own[..]
    } else {
        schemas
    };
    let mut script = String::new();
    for schema in schemas {
        let schema = ident(schema);
        script.push_str(&format!(
            "DROP SCHEMA IF EXISTS {schema} CASCADE;\nCREATE SCHEMA {schema};\n"
        ));
    }
    script.push_str(&format!(
        "DROP TABLE IF EXISTS {}.\"_prisma_migrations\";",
        ident(&url.schema)
    ));
    script
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_history_table_goes_even_outside_the_dropped_schemas() {
        let url = ConnectionUrl::parse("postgresql://u@h/db?schema=app").unwrap_or_else(|_| {
            unreachable!("a valid URL");
        });
        assert_eq!(
            drop_script(&url, &[]),
            "DROP SCHEMA IF EXISTS \"app\" CASCADE;\nCREATE SCHEMA \"app\";\nDROP TABLE IF EXISTS \"app\".\"_prisma_migrations\";"
        );
        let multi = drop_script(&url, &["a".to_string(), "b\"c".to_string()]);
        assert!(
            multi.contains("DROP SCHEMA IF EXISTS \"b\"\"c\" CASCADE;\nCREATE SCHEMA \"b\"\"c\";")
        );
        assert!(!multi.contains("SCHEMA IF EXISTS \"app\""));
        assert!(multi.contains("DROP TABLE IF EXISTS \"app\".\"_prisma_migrations\""));
    }
}
