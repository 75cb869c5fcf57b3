#!/usr/bin/env bash
# Runs a command ("$@") with a throwaway PostgreSQL cluster: initdb into a temp folder, pg_ctl on a private
# unix socket and port (as the postgres user when run as root), ERUDI_TEST_PG_URL and ERUDI_BENCH_PG_URL
# exported; the cluster is always stopped and removed. Fails loudly when PostgreSQL or psycopg is missing.
set -uo pipefail

PGBIN=${ERUDI_PGBIN:-/usr/lib/postgresql/15/bin}
PYTHON=${ERUDI_TEST_PYTHON:-/usr/bin/python3}

fail() { echo "with-postgresql: $*" >&2; echo "FAILED (errors=1)"; exit 1; }
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
trap cleanup EXIT
trap 'exit 130' INT TERM

"${as_owner[@]}" "$PGBIN/initdb" -D "$work/data" -U erudi -A trust -E UTF8 --no-sync >"$work/initdb.log" 2>&1 \
  || { cat "$work/initdb.log" >&2; fail "initdb failed"; }
"${as_owner[@]}" "$PGBIN/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
  -o "-k $work -p $port -c listen_addresses='' -c fsync=off -c full_page_writes=off" start >/dev/null \
  || { cat "$work/server.log" >&2; fail "the PostgreSQL server did not start"; }

socket=$("$PYTHON" -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$work")
export ERUDI_TEST_PG_URL="postgresql://erudi@${socket}:${port}/postgres"
export ERUDI_BENCH_PG_URL="$ERUDI_TEST_PG_URL"
"$@"
