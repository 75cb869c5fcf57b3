#!/usr/bin/env bash
# The README's first command (`npm run demo`): creates an SQLite instance of examples/ticketing at its first
# release (0.1.0, with the framework of that time, erudi 2.26.0), then upgrades it to the current release,
# printing every step. Needs only python3.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${ERUDI_PYTHON:-python3}
work=.erudi/demo
db="sqlite:///$work/ticketing.db"
rm -rf "$work"
mkdir -p "$work"

migrate() {
  echo
  echo "\$ erudi-migrate $*"
  PYTHONPATH=runtime "$PYTHON" -m erudi_migrate "$@"
}

echo "Erudi Migrations demo: the ticketing example, from release 0.1.0 to $(sed -n 's/^numversion = (\(.*\), \(.*\), \(.*\))/\1.\2.\3/p' examples/ticketing/__pkginfo__.py)"
migrate create --app examples/ticketing-0.1.0 --db "$db" --framework-version 2.26.0
migrate status --app examples/ticketing --db "$db"
migrate upgrade --app examples/ticketing --db "$db" --non-interactive
migrate status --app examples/ticketing --db "$db"

echo
echo "What the data looks like now:"
"$PYTHON" - "$work/ticketing.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for sql in ("SELECT cw_name, cw_participant_type_id, cw_participant, cw_remember_last_man_enable FROM cw_FlowState ORDER BY cw_order_id",
            "SELECT cw_name, cw_title_template FROM cw_Flow",
            "SELECT cw_name, cw_saved_file FROM cw_WorkflowScript",
            "SELECT component, version, script FROM erudi_migration_log"):
    print("  " + sql)
    for row in db.execute(sql):
        print("    ", row)
PY
echo
echo "Instance: $work/ticketing.db (backup beside it), configuration: $work/ticketing.ini"
