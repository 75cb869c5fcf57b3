"""Benchmark (printed, not asserted): a data migration loop of rql() SETs over 100,000 entities against the
same loop in plain SQL (sql()) and against one hand-written UPDATE, each as a whole `erudi-migrate run`
process (the real interpreter start), on SQLite and, when ERUDI_TEST_PG_URL (or ERUDI_BENCH_PG_URL) names
a server, on PostgreSQL. Targets (issue 18): the rql() loop within 3x of the SQL loop on SQLite, 1.5x on
PostgreSQL; per-call overhead under 10 us beyond the SQL; and (issue 11) within 3x of the one UPDATE, which rql()
reaches by batching the loop's SETs (rql/batch.py).

Usage: PYTHONPATH=runtime /usr/bin/python3 bench/rql_bench.py [--entities N] [--rounds R]
"""
import argparse
import contextlib
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
RUNTIME = os.path.join(HERE, "..", "runtime")
sys.path.insert(0, RUNTIME)

from erudi_migrate.cli import main  # noqa: E402
from erudi_migrate.database import Database  # noqa: E402
from erudi_migrate.events import EventSink  # noqa: E402
from erudi_migrate.urls import DatabaseUrl  # noqa: E402

SCHEMA = """from yams.buildobjs import EntityType, String, Int
class Person(EntityType):
    name = String(maxsize=64, required=True)
    age = Int()
    score = Int()
"""

# The three ways to give every person a score computed from its age.
SCRIPTS = {
    "rql() loop": """
for eid, age in rql('Any X, A WHERE X is Person, X age A'):
    rql('SET X score %(s)s WHERE X eid %(x)s', {'s': age * 2, 'x': eid})
""",
    "sql() loop": """
for eid, age in sql('SELECT cw_eid, cw_age FROM cw_Person'):
    sql('UPDATE cw_Person SET cw_score = %(s)s WHERE cw_eid = %(x)s', {'s': age * 2, 'x': eid})
""",
    "one UPDATE": """
sql('UPDATE cw_Person SET cw_score = cw_age * 2')
""",
    "empty script": """
pass
""",
}


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
    db.executemany("INSERT INTO entities (type) VALUES (%s)" % p, [("Person",)] * entities)
    eids = [r[0] for r in db.query("SELECT eid FROM entities WHERE type = %s ORDER BY eid" % p, ("Person",))]
    db.executemany("INSERT INTO cw_Person (cw_eid, cw_name, cw_age) VALUES (%s, %s, %s)" % (p, p, p),
                   [(eid, "p%d" % eid, eid % 90) for eid in eids])
    db.commit()
    db.close()
    return app


def run_script(app, url, name, source, folder):
    """Seconds of one `erudi-migrate run --dry-run` process (rolled back: every round starts from the same rows)."""
    path = os.path.join(folder, "0.1.0_%s_Any.py" % name.replace(" ", "_").replace("()", ""))
    with open(path, "w") as f:
        f.write(source)
    env = dict(os.environ, PYTHONPATH=os.path.abspath(RUNTIME))
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "erudi_migrate", "run", path, "--app", app, "--db", url,
                           "--dry-run", "--non-interactive"], env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit("bench: %s failed: %s" % (name, done.stderr.strip()[-2000:]))
    return elapsed


def bench(label, url, entities, rounds, folder):
    app = instance(folder, url, entities)
    times = {name: [] for name in SCRIPTS}
    for _ in range(rounds):
        for name, source in SCRIPTS.items():
            times[name].append(run_script(app, url, name, source, folder))
    best = {name: min(t) for name, t in times.items()}
    start = best["empty script"]
    loop_rql, loop_sql, one = (best[n] - start for n in ("rql() loop", "sql() loop", "one UPDATE"))
    print("rql loop over %d entities (%s), whole processes, best of %d: rql() loop %.2f s, sql() loop %.2f s, "
          "one UPDATE %.2f s, interpreter start and instance opening %.2f s"
          % (entities, label, rounds, best["rql() loop"], best["sql() loop"], best["one UPDATE"], start))
    target = 3 if label == "SQLite" else 1.5
    # One UPDATE can be lost in the start's variation: then it is said so rather than divided by ~0.
    against_one = "%.1fx one UPDATE (target <= 3x, issue 11)" % (loop_rql / one) if one > 0.05 else \
        "one UPDATE within the variation of the start (%.2f s)" % best["one UPDATE"]
    print("  beyond the start: rql() loop %.2fx the sql() loop (target <= %sx), %s; rql() costs %.1f us per call "
          "more than sql() (negative: less)" % (loop_rql / loop_sql, target, against_one,
                                                 (loop_rql - loop_sql) / entities * 1e6))
    per_call(label, url, app, entities)


def per_call(label, url, app, entities):
    """Per-call cost inside one process: rql() against the runtime's own execute() of the same UPDATE and the
    driver's cursor (the floor), over the same rows, each in a transaction rolled back."""
    import argparse as _argparse
    from erudi_migrate.application import Application
    from erudi_migrate.context import MigrationContext, build_namespace
    from erudi_migrate.schema.loader import load_schema
    db = Database(DatabaseUrl.parse(url), EventSink(out=io.StringIO()))
    options = _argparse.Namespace(non_interactive=True, json=False, dry_run=False, config=None, app=app, db=url,
                                  instance_kind="all-in-one")
    versions = dict.fromkeys(("appltemplversion", "applerudiversion", "templversion", "erudiversion"), "0.1.0")
    ctx = MigrationContext(db, Application(app), options, db.events, load_schema(os.path.join(app, "schema.py")),
                           versions)
    rql = build_namespace(ctx, "Any", os.path.join(app, "migration", "0.1.0_bench_Any.py"))["rql"]
    p = db.dialect.param
    update = "UPDATE cw_Person SET cw_score = %s WHERE cw_eid = %s" % (p, p)
    db.begin()
    rows = db.query("SELECT cw_eid, cw_age FROM cw_Person")
    db.rollback()

    def timed(loop):
        db.begin()
        start = time.perf_counter()
        loop()
        elapsed = time.perf_counter() - start
        db.rollback()
        return elapsed / len(rows) * 1e6

    def with_rql():
        for eid, age in rows:
            rql("SET X score %(s)s WHERE X eid %(x)s", {"s": age * 2, "x": eid})
        db.write_pending()  # the calls rql() batched, written as the script's next statement would

    def with_execute():
        for eid, age in rows:
            db.execute(update, (age * 2, eid))

    def with_cursor():
        cursor = db.connection.cursor()
        for eid, age in rows:
            cursor.execute(update, (age * 2, eid))
    costs = {name: min(timed(loop) for _ in range(3)) for name, loop in
             (("rql()", with_rql), ("execute()", with_execute), ("cursor", with_cursor))}
    print("  per call in one process (%s, %d rows): rql() %.1f us, the runtime's execute() %.1f us, the driver's "
          "cursor %.1f us: rql() is %.2fx execute() and %.2fx the cursor, %.1f us beyond execute()"
          % (label, len(rows), costs["rql()"], costs["execute()"], costs["cursor"], costs["rql()"] / costs["execute()"],
             costs["rql()"] / costs["cursor"], costs["rql()"] - costs["execute()"]))
    db.close()


def parse_rate():
    """Queries per second of the Python twin on the case table (the TypeScript twin is measured by rql-bench.ts)."""
    import json
    from erudi_migrate.rql.parser import parse
    with open(os.path.join(HERE, "..", "test", "fixtures", "rql-cases.json"), encoding="utf-8") as f:
        queries = [c["query"] for c in json.load(f)["cases"] if len(c["query"]) < 400]
    rates = []
    for _ in range(3):
        start, count = time.perf_counter(), 0
        while time.perf_counter() - start < 1:
            for query in queries:
                parse(query)
            count += len(queries)
        rates.append(count / (time.perf_counter() - start))
    print("RQL parse rate, Python twin, on the %d queries of test/fixtures/rql-cases.json: %d queries/s"
          % (len(queries), max(rates)))


def main_bench():
    parser = argparse.ArgumentParser()
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    parse_rate()
    folder = tempfile.mkdtemp(prefix="erudi-rql-bench-")
    try:
        os.makedirs(os.path.join(folder, "sqlite"))
        bench("SQLite", "sqlite:///" + os.path.join(folder, "bench.db"), args.entities, args.rounds,
              os.path.join(folder, "sqlite"))
        pg = os.environ.get("ERUDI_BENCH_PG_URL") or os.environ.get("ERUDI_TEST_PG_URL")
        if pg:
            import psycopg
            with psycopg.connect(pg, autocommit=True) as connection:
                connection.execute("DROP SCHEMA public CASCADE")
                connection.execute("CREATE SCHEMA public")
            os.makedirs(os.path.join(folder, "pg"))
            bench("PostgreSQL", pg, args.entities, args.rounds, os.path.join(folder, "pg"))
        else:
            print("rql loop over %d entities (PostgreSQL): not measured, set ERUDI_BENCH_PG_URL to a throwaway "
                  "database (it is emptied)" % args.entities)
    finally:
        shutil.rmtree(folder, True)


if __name__ == "__main__":
    main_bench()
