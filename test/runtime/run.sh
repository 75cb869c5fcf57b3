#!/usr/bin/env bash
# `npm run test:runtime`: the runtime's Python tests on SQLite and on a throwaway PostgreSQL cluster
# (with-postgresql.sh starts it and always removes it). Fails, never skips, when PostgreSQL or psycopg is missing.
set -uo pipefail
cd "$(dirname "$0")/../.."
export PYTHONPATH="$PWD/runtime${PYTHONPATH:+:$PYTHONPATH}"
exec bash test/runtime/with-postgresql.sh "${ERUDI_TEST_PYTHON:-/usr/bin/python3}" \
  -m unittest discover -s test/runtime -t test/runtime -p 'test_*.py' -v
