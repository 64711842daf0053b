//! The command line: every command and flag of Prisma's CLI that plumb
//! mirrors, with its help text. Parsing only; no behaviour lives here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Declarative schema migrations for PostgreSQL, compatible with Prisma Migrate.
///
/// plumb turns an edited schema.prisma into a reviewed, ordered SQL migration,
/// applies migrations safely, and tells CI when a database or a migrations
/// folder has drifted from the schema. It reads and writes the same files and
/// the same `_prisma_migrations` table as Prisma Migrate, so a project can
/// switch in either direction at any time.
#[derive(Debug, Parser)]
#[command(
    name = "plumb",
    version,
    propagate_version = true,
    arg_required_else_help = true,
    max_term_width = 100,
    after_long_help = "\
Exit status:
  0    success; with --exit-code, no difference
  1    error, usage errors included (the message says which, with Prisma's
       error code where there is one)
  2    a difference or finding: `plumb migrate diff --exit-code` found one
  130  cancelled (Ctrl-C, or no at a prompt), or a reset is needed (migrate dev)

For example:
  plumb validate --schema prisma/schema.prisma
  plumb migrate diff --from-empty --to-schema prisma/schema.prisma --script
  plumb migrate dev --name add_user_avatar
  plumb migrate deploy"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Set up a new project: prisma/schema.prisma, and a .env file with DATABASE_URL.
    ///
    /// Refuses to overwrite an existing schema. Adds .env to .gitignore.
    Init(InitArgs),

    /// Check a schema for errors, and print them with their locations.
    ///
    /// Prints `The schema at <path> is valid 🚀` and exits 0, or prints every
    /// error found and exits 1.
    Validate(SchemaArgs),

    /// Format a schema the way `prisma format` does.
    ///
    /// Rewrites the files in place, or with --check only reports whether they
    /// are formatted.
    Format(FormatArgs),

    /// Create, apply and inspect migrations.
    ///
    /// Migrations live in migrations/ beside the schema (or where plumb.toml's
    /// `[migrations] path` says), one folder per
    /// migration (`20240101120000_add_users/migration.sql`); the database
    /// records what it has applied in its `_prisma_migrations` table. `dev` and
    /// `reset` are for development databases, `deploy`, `status` and `resolve`
    /// for any database, `diff` needs one only for migrations folders (a
    /// shadow database to replay them in).
    #[command(subcommand, arg_required_else_help = true)]
    Migrate(MigrateCommand),

    /// Work with the database directly, without migration files.
    ///
    /// For prototyping and for existing databases: `push` makes the database
    /// match the schema, `pull` writes the schema of a database, `execute`
    /// runs SQL, `seed` runs the project's seed command.
    #[command(subcommand, arg_required_else_help = true)]
    Db(DbCommand),

    /// Panics on purpose, to test the bug-report hook.
    #[command(name = "__panic", hide = true)]
    Panic,
}

#[derive(Debug, Subcommand)]
pub enum MigrateCommand {
    /// Development: create a migration from schema changes and apply it.
    ///
    /// Applies pending migrations, checks the database for drift against the
    /// migration history (using a temporary shadow database), then writes the
    /// changes between the history and the schema as a new migration and
    /// applies it. Warns and asks before any data loss.
    Dev(MigrateDevArgs),

    /// Development: drop and recreate the schemas, and apply every migration.
    ///
    /// All data is lost. Asks for confirmation unless --force is given.
    Reset(MigrateResetArgs),

    /// Production and CI: apply the pending migrations.
    ///
    /// Never prompts, never resets, never generates a migration. Stops at the
    /// first migration that fails and records it as failed. With --fleet or
    /// --fleet-query, deploys to every database of a fleet (one per tenant,
    /// or one schema per tenant with ?schema=), each as a single deploy,
    /// and reports on each.
    Deploy(MigrateDeployArgs),

    /// Roll back the newest applied migrations with their down scripts.
    ///
    /// Runs each migration's down.sql (written by migrate dev; made from the
    /// replayed folder for a migration without one), newest first, one
    /// transaction each, and removes the migration from the history so that
    /// migrate deploy applies it again. Refuses when the database drifted or
    /// has failed migrations; asks before losing data unless --force.
    Down(MigrateDownArgs),

    /// Compare the migrations folder with the database's migration history.
    ///
    /// Lists migrations not yet applied, failed ones, ones applied to the
    /// database but missing locally, and ones edited after they were applied.
    /// Exits 1 unless the database is up to date. With --fleet or
    /// --fleet-query, for every database of a fleet.
    Status(MigrateStatusArgs),

    /// Record a migration as applied or rolled back, without running it.
    ///
    /// Used to baseline an existing database (--applied) and to recover from a
    /// failed migration (--rolled-back, after fixing the database by hand).
    Resolve(MigrateResolveArgs),

    /// Compare two schemas, databases or migration histories.
    ///
    /// Prints a summary of the differences between a source (--from-*) and a
    /// target (--to-*), or with --script the SQL that turns the source into the
    /// target. Schema-to-schema comparisons need no database.
    #[command(after_long_help = "\
For example:
  plumb migrate diff --from-empty --to-schema prisma/schema.prisma --script
  plumb migrate diff --from-migrations prisma/migrations --to-schema prisma/schema.prisma --exit-code
  plumb migrate diff --from-url \"$DATABASE_URL\" --to-schema prisma/schema.prisma")]
    Diff(MigrateDiffArgs),

    /// CI: check that the migrations folder builds exactly the schema, without a database.
    ///
    /// Replays the migrations folder offline and compares it with the schema;
    /// checks migration_lock.toml, the migrations' names and scripts, and (in
    /// git) migrations edited or deleted after they reached the base branch
    /// and migrations created on a parallel branch that sort before ones they
    /// never saw. With --url, also checks the database's history against the
    /// folder and the database for drift. Exits 0 when clean, 2 on a finding,
    /// 1 on an error.
    #[command(after_long_help = "\
For example, as a GitHub Actions step:
  - run: plumb migrate check --format github")]
    Check(MigrateCheckArgs),

    /// Review: what migrations will do to a database in use (locks, rewrites, data, the running application).
    ///
    /// Lints each migration against the schema before it (the folder replayed
    /// offline up to it): data loss, statements that may fail on existing
    /// rows, locks held for a scan or rewrite, changes that break the
    /// application version still running. A table the migration creates itself
    /// is not "existing". Suppress a finding with a `-- plumb-lint: ignore
    /// <code> <reason>` comment above the statement. Exits 2 when a finding is
    /// at or above --deny, 1 on an error.
    #[command(after_long_help = lint_rules_help())]
    Lint(MigrateLintArgs),
}

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Make the database match the schema, without creating a migration.
    ///
    /// For prototyping. Refuses changes that lose data unless
    /// --accept-data-loss is given. Never touches the migrations folder or the
    /// migration history.
    Push(DbPushArgs),

    /// Write the schema of an existing database into schema.prisma.
    Pull(DbPullArgs),

    /// Run a SQL script against the database.
    Execute(DbExecuteArgs),

    /// Run the seed command of the project.
    ///
    /// The command is plumb.toml's `[migrations] seed`, else package.json's
    /// `"prisma": {"seed": "…"}`, run by the shell. Arguments after `--` are
    /// passed on to it. `migrate dev` runs it after creating the database,
    /// `migrate reset` after every reset (`--skip-seed` to skip).
    Seed(DbSeedArgs),
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The schema file, or a folder of .prisma files [default: prisma/schema.prisma, then schema.prisma]
    #[arg(long, value_name = "PATH")]
    pub schema: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ConnectionArgs {
    #[command(flatten)]
    pub schema: SchemaArgs,

    /// The database URL [default: the schema's datasource url, then DATABASE_URL]
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The datasource provider; plumb supports PostgreSQL only
    #[arg(long, value_name = "PROVIDER", default_value = "postgresql")]
    pub datasource_provider: String,

    /// The DATABASE_URL to write into .env
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
}

#[derive(Debug, Args)]
pub struct FormatArgs {
    #[command(flatten)]
    pub schema: SchemaArgs,

    /// Do not write: exit 1 if any file is not formatted
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, Args)]
pub struct MigrateDevArgs {
    #[command(flatten)]
    pub connection: ConnectionArgs,

    /// The name of the new migration (asked for on a terminal when missing)
    #[arg(short, long, value_name = "NAME")]
    pub name: Option<String>,

    /// Create the migration without applying it, to edit it first
    #[arg(long)]
    pub create_only: bool,

    /// Do not run the seed command after creating the database
    #[arg(long)]
    pub skip_seed: bool,

    /// The shadow database to replay migrations in [default: the datasource's shadowDatabaseUrl, then SHADOW_DATABASE_URL, then a temporary database on the same server]
    #[arg(long, value_name = "URL")]
    pub shadow_database_url: Option<String>,

    /// Do not print the hazards of the new migration on standard error
    #[arg(long)]
    pub no_lint: bool,

    /// Write the migration in forms that keep existing tables usable: lock_timeout first, indexes CONCURRENTLY, foreign keys NOT VALID then validated, SET NOT NULL through a validated check [default: plumb.toml's [migrate] online]
    #[arg(long)]
    pub online: bool,

    /// Keep the data of something renamed in the schema: `Model=NewModel` (a model or an enum), `Model.field=Model.newField`, `Enum.VALUE=NEW_VALUE` (repeatable; on a terminal plumb asks about each candidate instead)
    #[arg(long, value_name = "OLD=NEW")]
    pub rename: Vec<String>,
}

#[derive(Debug, Args)]
pub struct MigrateDeployArgs {
    #[command(flatten)]
    pub connection: ConnectionArgs,

    #[command(flatten)]
    pub fleet: FleetArgs,
}

#[derive(Debug, Args)]
pub struct MigrateStatusArgs {
    #[command(flatten)]
    pub connection: ConnectionArgs,

    #[command(flatten)]
    pub fleet: FleetArgs,
}

/// Many databases at once (`migrate deploy`, `migrate status`).
#[derive(Debug, Args)]
pub struct FleetArgs {
    /// Every database of this file: one URL per line, `#` comments, `env(VAR)` for a variable's value
    #[arg(long, value_name = "FILE", help_heading = "Fleet")]
    pub fleet: Option<PathBuf>,

    /// Every database this query lists (the first column of each row), run on the main database (--url, the datasource)
    #[arg(
        long,
        value_name = "SQL",
        help_heading = "Fleet",
        conflicts_with = "fleet"
    )]
    pub fleet_query: Option<String>,

    /// How many databases at once [default: plumb.toml's [fleet] concurrency, then 4]
    #[arg(long, value_name = "N", help_heading = "Fleet")]
    pub concurrency: Option<usize>,

    /// Start no other database after one fails
    #[arg(long, help_heading = "Fleet")]
    pub fail_fast: bool,

    /// The first K databases first, and stop there if any fails
    #[arg(long, value_name = "K", help_heading = "Fleet")]
    pub canary: Option<usize>,

    /// Only a stable share K of N of the fleet (for N parallel CI jobs)
    #[arg(long, value_name = "K/N", help_heading = "Fleet")]
    pub shard: Option<String>,

    /// The fleet report: a table, or json
    #[arg(long, value_name = "FORMAT", value_enum, default_value_t = FleetFormat::Table, help_heading = "Fleet")]
    pub format: FleetFormat,
}

impl FleetArgs {
    /// A fleet is asked for: by a flag, or by plumb.toml's `[fleet]`.
    pub fn is_fleet(&self) -> bool {
        self.fleet.is_some()
            || self.fleet_query.is_some()
            || plumb_migrate::config::Config::find(std::path::Path::new(""))
                .ok()
                .flatten()
                .is_some_and(|(_, config)| config.fleet.is_some())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FleetFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct MigrateDownArgs {
    #[command(flatten)]
    pub connection: ConnectionArgs,

    /// How many of the newest applied migrations to roll back [default: 1]
    #[arg(long, value_name = "N", conflicts_with = "to")]
    pub steps: Option<usize>,

    /// Roll back every applied migration after this one
    #[arg(long, value_name = "MIGRATION")]
    pub to: Option<String>,

    /// Do not ask before losing data
    #[arg(short, long)]
    pub force: bool,

    /// Write the down scripts made for migrations that have none as their down.sql, for review, instead of rolling back
    #[arg(long)]
    pub write: bool,
}

#[derive(Debug, Args)]
pub struct MigrateResetArgs {
    #[command(flatten)]
    pub connection: ConnectionArgs,

    /// Do not ask for confirmation
    #[arg(short, long)]
    pub force: bool,

    /// Do not run the seed command after the reset
    #[arg(long)]
    pub skip_seed: bool,
}

/// `--applied` / `--rolled-back` are checked by the command, with Prisma's
/// texts.
#[derive(Debug, Args)]
pub struct MigrateResolveArgs {
    #[command(flatten)]
    pub connection: ConnectionArgs,

    /// Record the migration as applied (its folder name, e.g. 20240101120000_init)
    #[arg(long, value_name = "MIGRATION")]
    pub applied: Option<String>,

    /// Record the failed migration as rolled back
    #[arg(long, value_name = "MIGRATION")]
    pub rolled_back: Option<String>,
}

/// Sources and targets: exactly one `--from-*` and one `--to-*`. Both the
/// Prisma 6 and the Prisma 7 spellings are accepted.
#[derive(Debug, Args)]
pub struct MigrateDiffArgs {
    /// Source: an empty schema
    #[arg(long, help_heading = "Source (exactly one)")]
    pub from_empty: bool,

    /// Source: a schema file or folder
    #[arg(
        long,
        value_name = "PATH",
        visible_alias = "from-schema-datamodel",
        help_heading = "Source (exactly one)"
    )]
    pub from_schema: Option<PathBuf>,

    /// Source: the database at the url of a schema's datasource
    #[arg(long, value_name = "PATH", help_heading = "Source (exactly one)")]
    pub from_schema_datasource: Option<PathBuf>,

    /// Source: the database at DATABASE_URL (from the environment or .env)
    #[arg(long, help_heading = "Source (exactly one)")]
    pub from_config_datasource: bool,

    /// Source: the database at a URL
    #[arg(long, value_name = "URL", help_heading = "Source (exactly one)")]
    pub from_url: Option<String>,

    /// Source: a migrations folder, replayed offline (see --replay)
    #[arg(long, value_name = "PATH", help_heading = "Source (exactly one)")]
    pub from_migrations: Option<PathBuf>,

    /// Target: an empty schema
    #[arg(long, help_heading = "Target (exactly one)")]
    pub to_empty: bool,

    /// Target: a schema file or folder
    #[arg(
        long,
        value_name = "PATH",
        visible_alias = "to-schema-datamodel",
        help_heading = "Target (exactly one)"
    )]
    pub to_schema: Option<PathBuf>,

    /// Target: the database at the url of a schema's datasource
    #[arg(long, value_name = "PATH", help_heading = "Target (exactly one)")]
    pub to_schema_datasource: Option<PathBuf>,

    /// Target: the database at DATABASE_URL (from the environment or .env)
    #[arg(long, help_heading = "Target (exactly one)")]
    pub to_config_datasource: bool,

    /// Target: the database at a URL
    #[arg(long, value_name = "URL", help_heading = "Target (exactly one)")]
    pub to_url: Option<String>,

    /// Target: a migrations folder, replayed offline (see --replay)
    #[arg(long, value_name = "PATH", help_heading = "Target (exactly one)")]
    pub to_migrations: Option<PathBuf>,

    /// How a migrations folder is replayed: offline, without a database; in a shadow database; or auto, offline unless a statement cannot be modelled offline, then in a shadow database
    #[arg(long, value_name = "HOW", value_enum, default_value_t = Replay::Auto)]
    pub replay: Replay,

    /// The shadow database for --from-migrations / --to-migrations when they are replayed in one, emptied first; never the main one [default: SHADOW_DATABASE_URL, then a temporary database on DATABASE_URL's server, dropped afterwards]
    #[arg(long, value_name = "URL")]
    pub shadow_database_url: Option<String>,

    /// Print the SQL migration script instead of a summary
    #[arg(long)]
    pub script: bool,

    /// Exit 0 when there is no difference, 2 when there is one, 1 on error
    #[arg(long)]
    pub exit_code: bool,

    /// Write the output to a file instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Print the hazards of the script instead of the script: json (the document `plumb migrate lint --format json` writes, with the SQL) or markdown (a pull-request comment with a diagram of the tables changed)
    #[arg(long, value_name = "FORMAT", value_enum)]
    pub format: Option<DiffFormat>,

    /// Do not print the hazards of the script (`--script`) on standard error
    #[arg(long, conflicts_with = "format")]
    pub no_lint: bool,

    /// Write the script in forms that keep existing tables usable: lock_timeout first, indexes CONCURRENTLY, foreign keys NOT VALID then validated, SET NOT NULL through a validated check [default: plumb.toml's [migrate] online]
    #[arg(long)]
    pub online: bool,

    /// Keep the data of something renamed: `Model=NewModel` (a model or an enum), `Model.field=Model.newField`, `Enum.VALUE=NEW_VALUE` (repeatable; on a terminal plumb asks about each candidate instead)
    #[arg(long, value_name = "OLD=NEW")]
    pub rename: Vec<String>,
}

#[derive(Debug, Args)]
pub struct MigrateCheckArgs {
    #[command(flatten)]
    pub schema: SchemaArgs,

    /// Also check this database: its migration history against the folder, and drift from what the folder builds
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,

    /// The git branch migrations are merged into [default: origin/HEAD, then origin/main, origin/master, main, master]
    #[arg(long, value_name = "REF")]
    pub base: Option<String>,

    /// How to print the report: human (rustc-style), json (a versioned document), github (workflow annotations)
    #[arg(long, value_name = "FORMAT", value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,

    /// How the migrations folder is replayed (see `plumb migrate diff --help`)
    #[arg(long, value_name = "HOW", value_enum, default_value_t = Replay::Auto)]
    pub replay: Replay,

    /// The shadow database for statements the offline replay cannot model
    #[arg(long, value_name = "URL")]
    pub shadow_database_url: Option<String>,
}

/// `migrate lint --help`'s closing text: the rules, and how to set them.
fn lint_rules_help() -> String {
    let mut text = String::from("Rules (docs/rules/<code>.md explains each):\n");
    for rule in plumb_lint::RULES {
        text.push_str(&format!(
            "  {} ({}, {})\n      {}\n",
            rule.code,
            rule.category.name(),
            rule.severity.name(),
            rule.summary
        ));
    }
    text.push_str(
        "\nplumb.toml turns rules off or changes their severity:\n  [lint.rules]\n  rename = \"off\"\n  set-not-null = \"error\"",
    );
    text
}

#[derive(Debug, Args)]
pub struct MigrateLintArgs {
    #[command(flatten)]
    pub schema: SchemaArgs,

    /// The migrations to lint, by folder name [default: those the database at --url has not applied, else the newest]
    #[arg(value_name = "MIGRATION")]
    pub migrations: Vec<String>,

    /// Lint every migration of the folder
    #[arg(long, conflicts_with = "migrations")]
    pub all: bool,

    /// The database whose unapplied migrations are linted, and whose tables' sizes weigh the findings
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,

    /// How to print the findings: human (rustc-style), json (a versioned document), github (workflow annotations), markdown (a pull-request comment with a diagram of the tables changed)
    #[arg(long, value_name = "FORMAT", value_enum, default_value_t = LintFormat::Human)]
    pub format: LintFormat,

    /// How the migrations folder is replayed for the state before each migration (see `plumb migrate diff --help`)
    #[arg(long, value_name = "HOW", value_enum, default_value_t = Replay::Auto)]
    pub replay: Replay,

    /// The shadow database for statements the offline replay cannot model [default: SHADOW_DATABASE_URL, then a temporary database on DATABASE_URL's server]
    #[arg(long, value_name = "URL")]
    pub shadow_database_url: Option<String>,

    /// The lowest severity that fails (exit 2)
    #[arg(long, value_name = "SEVERITY", value_enum, default_value_t = Deny::Error)]
    pub deny: Deny,
}

/// `migrate diff --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    Json,
    Markdown,
}

/// `migrate lint --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LintFormat {
    Human,
    Json,
    Github,
    Markdown,
}

/// `migrate lint --deny`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Deny {
    Warning,
    Error,
}

/// `migrate check --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
    Github,
}

/// `--replay`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Replay {
    Auto,
    Offline,
    Shadow,
}

impl From<Replay> for plumb_migrate::offline::ReplayMode {
    fn from(replay: Replay) -> Self {
        match replay {
            Replay::Auto => plumb_migrate::offline::ReplayMode::Auto,
            Replay::Offline => plumb_migrate::offline::ReplayMode::Offline,
            Replay::Shadow => plumb_migrate::offline::ReplayMode::Shadow,
        }
    }
}

#[derive(Debug, Args)]
pub struct DbPushArgs {
    #[command(flatten)]
    pub connection: ConnectionArgs,

    /// Apply changes that lose data, without asking
    #[arg(long)]
    pub accept_data_loss: bool,

    /// Drop everything in the database first, then push
    #[arg(long)]
    pub force_reset: bool,

    /// Keep the data of something renamed in the schema: `Model=NewModel` (a model or an enum), `Model.field=Model.newField`, `Enum.VALUE=NEW_VALUE` (repeatable; on a terminal plumb asks about each candidate instead)
    #[arg(long, value_name = "OLD=NEW")]
    pub rename: Vec<String>,
}

#[derive(Debug, Args)]
pub struct DbPullArgs {
    #[command(flatten)]
    pub connection: ConnectionArgs,

    /// Ignore the current schema's names and relations and write a fresh one
    #[arg(long)]
    pub force: bool,

    /// Print the schema instead of writing it
    #[arg(long)]
    pub print: bool,

    /// The database schemas to read, comma-separated [default: the URL's ?schema=, or public]
    #[arg(long, value_name = "NAMES", value_delimiter = ',')]
    pub schemas: Vec<String>,
}

/// `--file` / `--stdin` are checked by the command, with Prisma's texts.
#[derive(Debug, Args)]
pub struct DbExecuteArgs {
    #[command(flatten)]
    pub connection: ConnectionArgs,

    /// The SQL script to run
    #[arg(long, value_name = "PATH")]
    pub file: Option<PathBuf>,

    /// Read the SQL script from standard input
    #[arg(long)]
    pub stdin: bool,
}

#[derive(Debug, Args)]
pub struct DbSeedArgs {
    /// Arguments passed on to the seed command
    #[arg(last = true, value_name = "ARGS")]
    pub args: Vec<String>,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_definitions_are_consistent() {
        super::Cli::command().debug_assert();
    }
}
