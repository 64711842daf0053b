#!/usr/bin/env bash
# A PostgreSQL cluster for manual work (the tests start their own).
#
#   scripts/dev-postgres.sh start [PORT]   default port 5433; prints the URL
#   scripts/dev-postgres.sh stop  [PORT]
#
# Data lives in ${TMPDIR:-/tmp}/plumb-dev-postgres-PORT. As root the cluster
# runs as the `postgres` user, since initdb and postgres refuse root.
set -euo pipefail
cmd=${1:-start}
port=${2:-5433}
dir=${TMPDIR:-/tmp}/plumb-dev-postgres-$port

bindir=$(dirname "$(readlink -f "$(command -v initdb 2>/dev/null || true)")" 2>/dev/null || true)
if [ ! -x "$bindir/initdb" ]; then
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
fi
if [ ! -x "$bindir/initdb" ]; then
  echo "no PostgreSQL server binaries found: apt-get install -y postgresql" >&2
  exit 1
fi
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$cmd" in
  start)
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      mkdir -p "$dir"
      if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
      as_owner "$bindir/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C >/dev/null
    fi
    if ! as_owner "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      as_owner "$bindir/pg_ctl" -D "$dir/data" -w -l "$dir/log" \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
    fi
    echo "postgresql://postgres@127.0.0.1:$port/postgres" ;;
  stop) as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast stop >/dev/null && echo stopped ;;
  *) echo "usage: $0 start|stop [PORT]" >&2; exit 2 ;;
esac
