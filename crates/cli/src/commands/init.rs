//! `plumb init`: a new project's `prisma/schema.prisma`, `.env` with
//! `DATABASE_URL`, and `.env` in `.gitignore` — refusing, as Prisma does,
//! when the project already has a schema (`docs/reference/prisma-dev-commands.md` §5).

use std::path::Path;

use crate::args::InitArgs;
use crate::exit::{Failure, print_text};

/// Prisma 7.9's schema for PostgreSQL; the URL comes from `DATABASE_URL`.
const SCHEMA: &str = r#"// This is your Prisma schema file,
// learn more about it in the docs: https://pris.ly/d/prisma-schema

// Get a free hosted Postgres database in seconds: `npx create-db`

generator client {
  provider = "prisma-client"
  output   = "../generated/prisma"
}

datasource db {
  provider = "postgresql"
}
"#;

const DEFAULT_URL: &str = "postgresql://johndoe:randompassword@localhost:5432/mydb?schema=public";

const GITIGNORE: &str = "node_modules\n# Keep environment variables out of version control\n.env\n";

pub fn run(args: &InitArgs) -> Result<u8, Failure> {
    if !args.datasource_provider.eq_ignore_ascii_case("postgresql") {
        return Err(Failure::Message(format!(
            "Provider \"{}\" is not supported: plumb works with \"postgresql\" only.",
            args.datasource_provider
        )));
    }
    let refusal = if Path::new("schema.prisma").exists() {
        Some("File schema.prisma already exists in your project.")
    } else if Path::new("prisma").exists() {
        Some("A folder called prisma already exists in your project.")
    } else {
        None
    };
    if let Some(refusal) = refusal {
        print_text(&format!(
            " ERROR  {refusal}\n        Please try again in a project that is not yet using Prisma.\n      \n"
        ))?;
        return Err(Failure::Exit(crate::exit::ERROR));
    }
    let write = |path: &str, text: &str| {
        std::fs::write(path, text)
            .map_err(|error| Failure::Message(format!("Could not write {path}: {error}")))
    };
    std::fs::create_dir_all("prisma")
        .map_err(|error| Failure::Message(format!("Could not create prisma/: {error}")))?;
    write("prisma/schema.prisma", SCHEMA)?;
    let mut written = vec!["  prisma/", "    schema.prisma"];
    let mut warnings = Vec::new();
    let url = args.url.as_deref().unwrap_or(DEFAULT_URL);
    let env_line = format!("DATABASE_URL=\"{url}\"");
    match std::fs::read_to_string(".env") {
        Err(_) => {
            write(".env", &format!("{}{env_line}", env_comments()))?;
            written.push("  .env");
        }
        Ok(existing) if defines_database_url(&existing) => warnings
            .push("warn Prisma would have added DATABASE_URL but it already exists in .env."),
        Ok(existing) => write(
            ".env",
            &format!(
                "{existing}\n\n# This was inserted by `plumb init`:\n{}{env_line}",
                env_comments()
            ),
        )?,
    }
    match std::fs::read_to_string(".gitignore") {
        Err(_) => {
            write(".gitignore", &format!("{GITIGNORE}\n/generated/prisma\n"))?;
            written.push("  .gitignore");
        }
        Ok(existing) => {
            let ignored = existing
                .lines()
                .any(|line| matches!(line.trim(), ".env" | "/.env"));
            let mut text = existing.clone();
            if !ignored {
                if !text.is_empty() && !text.ends_with('\n') {
                    text.push('\n');
                }
                text.push_str("# Keep environment variables out of version control\n.env\n");
            }
            text.push_str("\n/generated/prisma\n");
            write(".gitignore", &text)?;
        }
    }
    let warnings = if warnings.is_empty() {
        String::new()
    } else {
        format!("\n{}\n", warnings.join("\n"))
    };
    print_text(&format!(
        "\nInitialized Prisma in your project\n\n{}\n{warnings}\nNext steps:\n  1. Set DATABASE_URL in .env to your PostgreSQL database.\n  2. Define your models in prisma/schema.prisma.\n  3. Run plumb migrate dev --name init to create and apply your first migration.\n\n",
        written.join("\n")
    ))?;
    Ok(0)
}

/// The comments above `DATABASE_URL`: plumb reads `.env` itself (Prisma 7
/// needs `dotenv` in its config for that).
fn env_comments() -> &'static str {
    "# Environment variables declared in this file are read by plumb (and by Prisma 6).\n# Prisma 7 reads them through prisma.config.ts: https://pris.ly/prisma-config-env-vars.\n\n# See the documentation for all the connection string options: https://pris.ly/d/connection-strings\n\n"
}

fn defines_database_url(env: &str) -> bool {
    env.lines().any(|line| {
        let line = line.trim_start();
        let line = line.strip_prefix("export ").unwrap_or(line);
        line.split_once('=')
            .is_some_and(|(key, _)| key.trim() == "DATABASE_URL")
    })
}
