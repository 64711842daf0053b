//! Where a command's database is: the datasource's `url` (a literal or
//! `env("…")`), found as Prisma 6 finds it.

use std::path::Path;

use plumb_psl::ast::Expression;
use plumb_psl::schema::Declarations;

/// What the datasource says about the URL.
#[derive(Debug, PartialEq, Eq)]
pub enum DatasourceUrl {
    /// A URL, written or from the environment.
    Found(String),
    /// `env("NAME")`, but `NAME` is set nowhere.
    MissingVariable(String),
    /// No `url` property (Prisma 7 schemas have none).
    Absent,
}

/// The datasource `url` of a schema in `directory`; `env()` is resolved
/// from the environment, then `.env` beside the schema, then in the
/// working directory.
pub fn url(declarations: &Declarations<'_>, directory: &Path) -> DatasourceUrl {
    match declarations.datasource_property("url") {
        Some(Expression::String(url, _)) => DatasourceUrl::Found(url.to_string()),
        Some(Expression::Function(call, _)) if call.name.name == "env" => {
            let name = call
                .arguments
                .first()
                .and_then(|argument| match &argument.value {
                    Some(Expression::String(name, _)) => Some(name.as_str()),
                    _ => None,
                })
                .unwrap_or_default();
            match crate::env::var(name, &[directory, Path::new(".")]) {
                Some(url) => DatasourceUrl::Found(url),
                None => DatasourceUrl::MissingVariable(name.to_string()),
            }
        }
        _ => DatasourceUrl::Absent,
    }
}
