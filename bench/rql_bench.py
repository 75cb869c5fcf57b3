"""Benchmark (printed, not asserted): rql() SET over 100,000 entities against the equivalent hand-written SQL,
on SQLite and, when ERUDI_TEST_PG_URL (or ERUDI_BENCH_PG_URL) names a server, on PostgreSQL. Target: within 1.3x.

Usage: PYTHONPATH=runtime /usr/bin/python3 bench/rql_bench.py [--entities N] [--rounds R]
"""
import argparse
import contextlib
import io
import os
import shutil
import statistics
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "runtime"))

from erudi_migrate.application import Application  # noqa: E402
from erudi_migrate.cli import main  # noqa: E402
from erudi_migrate.context import MigrationContext, build_namespace  # noqa: E402
from erudi_migrate.database import Database  # noqa: E402
from erudi_migrate.events import EventSink  # noqa: E402
from erudi_migrate.schema.loader import load_schema  # noqa: E402
from erudi_migrate.urls import DatabaseUrl  # noqa: E402

SCHEMA = """from yams.buildobjs import EntityType, String, Int
class Person(EntityType):
    name = String(maxsize=64, required=True)
    age = Int()
    score = Int()
"""
QUERY = "SET X score %(score)s WHERE X is Person, X age > %(age)s"
SQL = "UPDATE cw_Person SET cw_score = {p} WHERE cw_age > {p}"


def instance(folder, url, entities):
    app = os.path.join(folder, "app")
    os.makedirs(os.path.join(app, "migration"))
    with open(os.path.join(app, "__pkginfo__.py"), "w") as f:
        f.write("numversion = (0, 1, 0)\n")
    with open(os.path.join(app, "schema.py"), "w") as f:
        f.write(SCHEMA)
    with contextlib.redirect_stdout(io.StringIO()):
        if main(["create", "--app", app, "--db", url, "--non-interactive"]) != 0:
            raise SystemExit("bench: create failed on " + url)
    db = Database(DatabaseUrl.parse(url), EventSink(out=io.StringIO()))
    p = db.dialect.param
    db.begin()
    rows = [("Person",)] * entities
    db.executemany("INSERT INTO entities (type) VALUES (%s)" % p, rows)
    eids = [r[0] for r in db.query("SELECT eid FROM entities WHERE type = %s ORDER BY eid" % p, ("Person",))]
    db.executemany("INSERT INTO cw_Person (cw_eid, cw_name, cw_age) VALUES (%s, %s, %s)" % (p, p, p),
                   [(eid, "p%d" % eid, eid % 90) for eid in eids])
    db.commit()
    options = argparse.Namespace(non_interactive=True, json=False, dry_run=False, config=None, app=app, db=url,
                                 instance_kind="all-in-one")
    versions = dict.fromkeys(("appltemplversion", "applerudiversion", "templversion", "erudiversion"), "0.1.0")
    ctx = MigrationContext(db, Application(app), options, db.events, load_schema(os.path.join(app, "schema.py")),
                           versions)
    return db, build_namespace(ctx, "Any", os.path.join(app, "migration", "0.1.0_bench_Any.py"))


def timed(db, action):
    db.begin()
    start = time.perf_counter()
    changed = action()
    elapsed = time.perf_counter() - start
    db.rollback()
    return elapsed, changed


def bench(label, url, entities, rounds, folder):
    db, names = instance(folder, url, entities)
    p = db.dialect.param
    kwargs = {"score": 7, "age": 10}
    rql_times, sql_times = [], []
    for _ in range(rounds):
        elapsed, changed_rql = timed(db, lambda: len(names["rql"](QUERY, kwargs, ask_confirm=False)))
        rql_times.append(elapsed)
        elapsed, changed_sql = timed(db, lambda: db.execute(SQL.format(p=p), (7, 10)).rowcount)
        sql_times.append(elapsed)
        if changed_rql != changed_sql:
            raise SystemExit("bench: rql changed %d rows, SQL %d" % (changed_rql, changed_sql))
    rql_ms, sql_ms = statistics.median(rql_times) * 1000, statistics.median(sql_times) * 1000
    print("rql SET over %d entities (%s): rql %.1f ms, SQL %.1f ms, ratio %.2fx (target <= 1.3x), %d rows changed"
          % (entities, label, rql_ms, sql_ms, rql_ms / sql_ms, changed_sql))
    db.close()


def main_bench():
    parser = argparse.ArgumentParser()
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="erudi-rql-bench-")
    try:
        bench("SQLite", "sqlite:///" + os.path.join(folder, "bench.db"), args.entities, args.rounds,
              os.path.join(folder, "sqlite"))
        pg = os.environ.get("ERUDI_BENCH_PG_URL") or os.environ.get("ERUDI_TEST_PG_URL")
        if pg:
            import psycopg
            with psycopg.connect(pg, autocommit=True) as connection:
                connection.execute("DROP SCHEMA public CASCADE")
                connection.execute("CREATE SCHEMA public")
            bench("PostgreSQL", pg, args.entities, args.rounds, os.path.join(folder, "pg"))
        else:
            print("rql SET over %d entities (PostgreSQL): not measured, set ERUDI_BENCH_PG_URL to a throwaway "
                  "database (it is emptied)" % args.entities)
    finally:
        shutil.rmtree(folder, True)


if __name__ == "__main__":
    main_bench()
