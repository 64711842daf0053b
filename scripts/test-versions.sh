#!/usr/bin/env bash
# Runs the suites that read and change databases against each PostgreSQL
# major version (official binaries from scripts/fetch-postgres.sh, the
# testkit's own server on each: PLUMB_PG_BINDIR), and prints a Markdown
# table: version × suite × tests passed (the table in docs/compatibility.md
# comes from here).
#
#   scripts/test-versions.sh [MAJOR...]        (default: 13 14 15 16 17 18)
#
# The suites: the introspection fixtures, the round trip of every diff
# fixture (Prisma's SQL applied, read back, diffed), the migration
# history (deploy, status, resolve, interop with Prisma's rows), and the
# soundness seeds (random schema pairs, migrated on the server).
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
versions=("$@")
[ ${#versions[@]} -eq 0 ] && versions=(13 14 15 16 17 18)
suites=(
  "introspection fixtures|-p plumb-migrate --test introspect_fixtures"
  "diff round trip|-p plumb-migrate --test round_trip"
  "migration history|-p plumb-migrate --test deploy -p plumb-cli --test history_commands --test interop"
  "soundness seeds|-p plumb-soundness --test fixed_seeds --test type_changes"
)
cargo build -q --tests -p plumb-migrate -p plumb-cli -p plumb-soundness
echo "| PostgreSQL | $(printf '%s | ' "${suites[@]%%|*}")"
echo "|---|$(printf -- '---:|%.0s' "${suites[@]}")"
for major in "${versions[@]}"; do
  bindir=$(scripts/fetch-postgres.sh "$major") || { echo "| $major | cannot fetch |"; continue; }
  row="| $("$bindir/postgres" --version | awk '{print $3}') |"
  for suite in "${suites[@]}"; do
    args=${suite#*|}
    # shellcheck disable=SC2086
    out=$(PLUMB_PG_BINDIR=$bindir cargo test -q $args 2>&1)
    passed=$(grep -o '[0-9]* passed' <<<"$out" | awk '{s+=$1} END {print s+0}')
    failed=$(grep -o '[0-9]* failed' <<<"$out" | awk '{s+=$1} END {print s+0}')
    if [ "$failed" -eq 0 ]; then row="$row $passed passed |"; else
      row="$row $passed passed, **$failed failed** ($(grep -oE '^test [^ ]+ \.\.\. FAILED|^    [a-z_:]+$' <<<"$out" | sed 's/^test //; s/ \.\.\. FAILED//; s/^ *//' | sort -u | tr '\n' ' ' | sed 's/ $//')) |"
    fi
  done
  echo "$row"
done
