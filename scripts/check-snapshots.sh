#!/usr/bin/env bash
# Fails when a committed insta snapshot was not checked by the test run that
# recorded its references (an orphan: its test was renamed or removed), or
# when a test left a `.snap.new` behind. What `cargo insta test
# --unreferenced=reject` checks, without running the tests a second time:
# .ci/run runs `cargo test --workspace` with INSTA_SNAPSHOT_REFERENCES_FILE
# set, and insta writes every snapshot file it compares into that file.
#
# Usage: scripts/check-snapshots.sh REFERENCES_FILE
set -euo pipefail
cd "$(dirname "$0")/.."
references=${1:?usage: scripts/check-snapshots.sh REFERENCES_FILE}

committed=$(mktemp)
checked=$(mktemp)
trap 'rm -f "$committed" "$checked"' EXIT
git ls-files -z -- '*.snap' | xargs -0 -r realpath | sort -u >"$committed"
xargs -r -d '\n' realpath -m <"$references" | sort -u >"$checked"

orphans=$(comm -23 "$committed" "$checked")
pending=$(find crates fixtures -name '*.snap.new' -o -name '*.pending-snap' | sort)
status=0
if [ -n "$orphans" ]; then
  echo "Snapshots no test checks any more (delete them, or restore their tests):"
  echo "$orphans" | sed "s|^$PWD/|  |"
  status=1
fi
if [ -n "$pending" ]; then
  echo "Snapshots a test wrote but nobody reviewed:"
  echo "$pending" | sed 's|^|  |'
  status=1
fi
[ "$status" = 0 ] && echo "All $(wc -l <"$committed") committed snapshots were checked."
exit "$status"
