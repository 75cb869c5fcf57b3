"""Benchmark of `erudi-migrate rehearse` (printed, not asserted): a SQLite instance of 1,000,000 entity rows (and
their `entities` rows), one pending script that updates every row; the rehearsal's time (copy + upgrade + drop) next
to a plain file copy of the same database, the floor of any rehearsal.

Usage: PYTHONPATH=runtime /usr/bin/python3 bench/rehearse_bench.py [--rows N]
"""
import argparse
import contextlib
import io
import json
import os
import shutil
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "runtime"))

from erudi_migrate.cli import main  # noqa: E402

SCHEMA = """from yams.buildobjs import *

class Ticket(EntityType):
    title = String(maxsize=64)
    priority = Int()
"""


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as handle:
        handle.write(text)


def migrate(*args):
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(list(args))
    return code, out.getvalue()


def build(folder, rows):
    """The instance at 0.1.0 (`create`), then `rows` tickets written with executemany in one transaction."""
    import sqlite3
    app, path = os.path.join(folder, "app"), os.path.join(folder, "instance.db")
    write(os.path.join(app, "__pkginfo__.py"), "numversion = (0, 1, 0)\n")
    write(os.path.join(app, "schema.py"), SCHEMA)
    os.makedirs(os.path.join(app, "migration"))
    code, out = migrate("create", "--app", app, "--db", "sqlite:///" + path, "--yes")
    if code != 0:
        raise RuntimeError(out)
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("BEGIN")
    first = connection.execute("SELECT COALESCE(MAX(eid), 0) FROM entities").fetchone()[0]
    # One transaction, the rows made by SQLite itself (a recursive CTE): twice as fast as executemany from Python.
    connection.execute(f"WITH RECURSIVE n(i) AS (SELECT {first + 1} UNION ALL SELECT i + 1 FROM n WHERE i < {first + rows}) "
                       "INSERT INTO entities (eid, type) SELECT i, 'Ticket' FROM n")
    connection.execute("INSERT INTO cw_Ticket (cw_eid, cw_title, cw_priority, cw_cwuri) "
                       f"SELECT eid, 'ticket ' || eid, eid % 5, '' FROM entities WHERE eid > {first}")
    connection.execute("COMMIT")
    connection.close()
    # the release to rehearse: one script that touches every ticket
    write(os.path.join(app, "__pkginfo__.py"), "numversion = (0, 2, 0)\n")
    write(os.path.join(app, "migration", "0.2.0_Any.py"), "sql('UPDATE cw_Ticket SET cw_priority = cw_priority + 1')\n")
    return app, path


def main_bench():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    options = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="erudi-rehearse-bench-")
    try:
        started = time.perf_counter()
        app, path = build(folder, options.rows)
        built = time.perf_counter() - started
        size = os.path.getsize(path)
        floors, runs = [], []
        for _ in range(2):  # alternately, best of two each
            target = os.path.join(folder, "copy.db")
            started = time.perf_counter()
            shutil.copyfile(path, target)
            floors.append(time.perf_counter() - started)
            os.remove(target)
            started = time.perf_counter()
            code, out = migrate("rehearse", "--app", app, "--db", "sqlite:///" + path, "--json", "--yes")
            runs.append((time.perf_counter() - started, json.loads(out.strip().splitlines()[-1])))
            if code != 0:
                raise RuntimeError(out)
        floor = min(floors)
        total, result = min(runs, key=lambda r: r[0])
        step = result["steps"][0]
        updated = step["tables"]["cw_ticket"]["updated"]
        print(f"database: {options.rows:,} tickets (+ their entities rows), {size / 1e6:.0f} MB, built in {built:.1f} s "
              "(create, then one transaction of INSERT ... SELECT)")
        print(f"plain file copy (the floor): {floor * 1000:.0f} ms")
        print(f"rehearse (copy + upgrade of one script updating {updated:,} rows + drop): {total * 1000:.0f} ms "
              f"= {total / floor:.1f}x the floor; of which the backup-API copy {result['copyMs']} ms "
              f"({result['copyMs'] / 1000 / floor:.1f}x the floor), the step {step['durationMs']} ms")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main_bench()
