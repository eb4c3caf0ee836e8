#!/usr/bin/env bash
# Installs (if missing) and starts a throwaway PostgreSQL cluster on 127.0.0.1:55432, loopback only, for the tests of
# the PostgreSQL path and for running several hub processes on one database. The cluster lives in a temporary
# directory (initdb as the `postgres` user, trust authentication for loopback, user `postgres`, database `postgres`);
# nothing else on the machine is touched. Debian/Ubuntu; needs root (or sudo). Idempotent: a cluster already
# answering on the port is left alone. Stop it with: tests/postgres/start.sh stop
# Connection string: Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres
set -euo pipefail

port=${INTEGRATIONHUB_POSTGRES_PORT:-55432}
state=/tmp/integrationhub-postgres-$port   # remembers where this port's cluster lives

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { as_root su postgres -s /bin/sh -c "$1"; }

bin=""
find_bin() { bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true); }
find_bin
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  as_root apt-get update -qq || true
  # The package's own cluster service cannot start in a container; that is expected: we start our own below.
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null || true
  find_bin
  [ -n "$bin" ] && [ -x "$bin/initdb" ] || { echo "PostgreSQL could not be installed (apt-get install postgresql)" >&2; exit 1; }
fi

if [ "${1:-}" = "stop" ]; then
  if [ -f "$state" ]; then
    dir=$(cat "$state")
    as_postgres "$bin/pg_ctl -D $dir/data stop -m fast" >/dev/null 2>&1 || true
    as_root rm -rf "$dir" "$state"
  fi
  echo "PostgreSQL on 127.0.0.1:$port stopped"
  exit 0
fi

if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" 2>/dev/null; then
  echo "PostgreSQL already running on 127.0.0.1:$port"
  exit 0
fi

# A cluster of an earlier start that is not running (the machine restarted): start it again, else make a new one.
dir=""
if [ -f "$state" ] && [ -d "$(cat "$state")/data" ]; then dir=$(cat "$state"); fi
if [ -z "$dir" ]; then
  dir=$(mktemp -d /tmp/integrationhub-pg.XXXXXX)
  as_root chown postgres "$dir"
  as_postgres "$bin/initdb -D $dir/data -A trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null
  echo "$dir" | as_root tee "$state" >/dev/null
fi
# listen_addresses on loopback only, the socket in the cluster's own directory; fsync stays on (durability is tested).
as_postgres "$bin/pg_ctl -D $dir/data -o \"-k $dir -h 127.0.0.1 -p $port -c max_connections=300\" -l $dir/log start -w -t 60" >/dev/null \
  || { echo "PostgreSQL did not start; see $dir/log" >&2; tail -20 "$dir/log" >&2 || true; exit 1; }
echo "PostgreSQL running on 127.0.0.1:$port (user postgres, trust, loopback only; data in $dir); stop it with: tests/postgres/start.sh stop"
