#!/usr/bin/env bash
# The runtime's Python tests on SQLite and on a throwaway PostgreSQL cluster that this script starts
# (initdb + pg_ctl on a private socket and port) and always stops and removes. Fails, never skips,
# when PostgreSQL or psycopg is missing.
set -uo pipefail
cd "$(dirname "$0")/../.."

PGBIN=${ERUDI_PGBIN:-/usr/lib/postgresql/15/bin}
PYTHON=${ERUDI_TEST_PYTHON:-/usr/bin/python3}

fail() { echo "test:runtime: $*" >&2; echo "FAILED (errors=1)"; exit 1; }
[ -x "$PGBIN/initdb" ] && [ -x "$PGBIN/pg_ctl" ] || fail "PostgreSQL binaries not found in $PGBIN: install Debian's postgresql (or set ERUDI_PGBIN)"
[ -x "$PYTHON" ] || fail "$PYTHON not found: install python3 (or set ERUDI_TEST_PYTHON)"
"$PYTHON" -c 'import psycopg' 2>/dev/null || fail "$PYTHON cannot import psycopg: install python3-psycopg"

work=$(mktemp -d /tmp/erudi-pg.XXXXXX)
chmod 755 "$work"
as_owner=()
if [ "$(id -u)" = 0 ]; then
  # PostgreSQL refuses to run as root: the cluster belongs to the postgres user.
  id postgres >/dev/null 2>&1 || fail "running as root but there is no postgres user to own the cluster"
  chown postgres "$work"
  as_owner=(runuser -u postgres --)
fi
port=$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

cleanup() {
  "${as_owner[@]}" "$PGBIN/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

"${as_owner[@]}" "$PGBIN/initdb" -D "$work/data" -U erudi -A trust -E UTF8 --no-sync >"$work/initdb.log" 2>&1 \
  || { cat "$work/initdb.log" >&2; fail "initdb failed"; }
"${as_owner[@]}" "$PGBIN/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
  -o "-k $work -p $port -c listen_addresses='' -c fsync=off -c full_page_writes=off" start >/dev/null \
  || { cat "$work/server.log" >&2; fail "the PostgreSQL server did not start"; }

socket=$("$PYTHON" -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$work")
export ERUDI_TEST_PG_URL="postgresql://erudi@${socket}:${port}/postgres"
export PYTHONPATH="$PWD/runtime${PYTHONPATH:+:$PYTHONPATH}"
"$PYTHON" -m unittest discover -s test/runtime -t test/runtime -p 'test_*.py' -v
