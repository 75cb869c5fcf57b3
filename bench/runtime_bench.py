"""Benchmarks of the migration runtime (printed, not asserted), on SQLite and, when ERUDI_BENCH_PG_URL names
a server (bench/runtime-bench.ts starts a throwaway one), on PostgreSQL:
- an upgrade across 1,000 small scripts: the runtime's overhead per script beyond the script's SQL
  (target: under 5 ms);
- `upgrade` as a whole process at 1,000 / 4,000 / 10,000 scripts: the per-script cost (target: within 1.5x
  from 1,000 to 10,000, planning is linear);
- add_attribute with a default on a 1,000,000-row table against the same hand-written ALTER TABLE on the
  same database (target: within 1.2x).

Usage: PYTHONPATH=runtime /usr/bin/python3 bench/runtime_bench.py [--scripts N] [--rows N]
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

from erudi_migrate.cli import main  # noqa: E402
from erudi_migrate.database import Database  # noqa: E402
from erudi_migrate.events import EventSink  # noqa: E402
from erudi_migrate.urls import DatabaseUrl  # noqa: E402

ROUNDS = 4


def reset(url):
    if url.startswith("postgresql"):
        import psycopg
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute("DROP SCHEMA public CASCADE")
            connection.execute("CREATE SCHEMA public")


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as handle:
        handle.write(text)


def migrate(*args):
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(list(args))
    if code != 0:
        raise RuntimeError(f"erudi-migrate {' '.join(args)} failed:\n{out.getvalue()}")
    return out.getvalue()


def database(url):
    return Database(DatabaseUrl.parse(url), EventSink(out=io.StringIO()))


def upgrade_overhead(folder, url, scripts):
    """Upgrade through `scripts` one-statement scripts (one version each), against running the same
    statements by hand with one commit each."""
    app = os.path.join(folder, "many")
    write(os.path.join(app, "__pkginfo__.py"), "numversion = (0, 0, 0)\n")
    write(os.path.join(app, "schema.py"), "from yams.buildobjs import EntityType, Int\n"
                                          "class Counter(EntityType):\n    value = Int(default=0)\n")
    reset(url)
    migrate("create", "--app", app, "--db", url, "--non-interactive")
    db = database(url)
    db.begin()
    db.dialect.insert_entity(db, "Counter")
    db.execute("INSERT INTO cw_Counter (cw_eid, cw_value) SELECT MAX(eid), 0 FROM entities")
    db.commit()
    statement = "UPDATE cw_Counter SET cw_value = cw_value + 1"
    for number in range(1, scripts + 1):
        write(os.path.join(app, "migration", f"0.{number}.0_Any.py"), f"sqlexec({statement!r}, ask_confirm=False)\n")
    write(os.path.join(app, "__pkginfo__.py"), f"numversion = (0, {scripts}, 0)\n")
    started = time.perf_counter()
    migrate("upgrade", "--app", app, "--db", url, "--non-interactive", "--no-backup")
    runtime = time.perf_counter() - started
    assert db.query("SELECT cw_value FROM cw_Counter")[0][0] == scripts
    started = time.perf_counter()
    for _ in range(scripts):
        db.begin()
        db.raw_execute(statement)
        db.commit()
    by_hand = time.perf_counter() - started
    db.close()
    overhead_ms = (runtime - by_hand) / scripts * 1000
    return [f"upgrade across {scripts} scripts: {runtime:.2f} s; the same SQL by hand (one commit each): "
            f"{by_hand:.2f} s; overhead {overhead_ms:.2f} ms per script (target < 5 ms)"]


def upgrade_scaling(folder, url, sizes=(1000, 4000, 10000)):
    """`erudi-migrate upgrade` as a whole process (interpreter start included) across N one-statement
    scripts, two per version: the per-script cost should stay flat as N grows (planning is linear)."""
    import subprocess
    lines, per_script = [], {}
    for count in sizes:
        app = os.path.join(folder, f"scale{count}")
        shutil.rmtree(app, ignore_errors=True)
        write(os.path.join(app, "__pkginfo__.py"), "numversion = (0, 0, 0)\n")
        write(os.path.join(app, "schema.py"), "from yams.buildobjs import EntityType, Int\n"
                                              "class Counter(EntityType):\n    value = Int(default=0)\n")
        target = url.replace("scale.db", f"scale{count}.db")
        reset(target)
        migrate("create", "--app", app, "--db", target, "--non-interactive")
        versions = count // 2
        for number in range(count):
            write(os.path.join(app, "migration", f"0.{number // 2 + 1}.0_s{number % 2}_Any.py"),
                  "sqlexec('UPDATE cw_Counter SET cw_value = cw_value + 1', ask_confirm=False)\n")
        write(os.path.join(app, "__pkginfo__.py"), f"numversion = (0, {versions}, 0)\n")
        started = time.perf_counter()
        run = subprocess.run([sys.executable, "-m", "erudi_migrate", "upgrade", "--app", app, "--db", target,
                              "--non-interactive", "--no-backup"], capture_output=True, text=True,
                             env=dict(os.environ, PYTHONPATH=os.path.join(HERE, "..", "runtime")))
        elapsed = time.perf_counter() - started
        if run.returncode != 0:
            raise RuntimeError(f"upgrade of {count} scripts failed:\n{run.stderr}")
        per_script[count] = elapsed / count * 1000
        lines.append(f"upgrade as a process across {count:,} scripts ({versions:,} versions): {elapsed:.2f} s, "
                     f"{per_script[count]:.3f} ms per script")
        shutil.rmtree(app, ignore_errors=True)
    first, last = sizes[0], sizes[-1]
    lines.append(f"per-script cost at {last:,} vs {first:,} scripts: {per_script[last] / per_script[first]:.2f}x "
                 "(target <= 1.5x)")
    return lines


def add_attribute_vs_sql(folder, url, rows):
    """add_attribute with a default on a `rows`-row table, against the same ALTER TABLE written by hand.
    Both are timed inside their transaction, without the commit."""
    app = os.path.join(folder, "big")
    attributes = "".join(f"    flag{r} = Int(default=7)\n" for r in range(ROUNDS))
    write(os.path.join(app, "__pkginfo__.py"), "numversion = (0, 1, 0)\n")
    write(os.path.join(app, "schema.py"), "from yams.buildobjs import EntityType, Int, String\n"
                                          "class Item(EntityType):\n    name = String()\n")
    reset(url)
    migrate("create", "--app", app, "--db", url, "--non-interactive")
    db = database(url)
    db.begin()
    if db.dialect.name == "sqlite":
        db.raw_execute(f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows}) "
                       "INSERT INTO cw_Item (cw_eid, cw_name) SELECT i + 1000000, 'item ' || i FROM n")
    else:
        db.raw_execute(f"INSERT INTO cw_Item (cw_eid, cw_name) SELECT i + 1000000, 'item ' || i "
                       f"FROM generate_series(1, {rows}) AS i")
    db.commit()
    if db.dialect.name == "postgresql":
        # Settle the fresh table first: an autovacuum holding it would make whichever ALTER comes first wait.
        db.raw_execute("VACUUM ANALYZE cw_Item")
    write(os.path.join(app, "schema.py"), "from yams.buildobjs import EntityType, Int, String\n"
                                          "class Item(EntityType):\n    name = String()\n" + attributes)
    primitive, by_hand, command = [], [], []
    def with_runtime(r):
        script = os.path.join(app, "scratch", f"0.1.0_flag{r}_Any.py")
        write(script, "import time\nstarted = time.perf_counter()\n"
                      f"add_attribute('Item', 'flag{r}')\nprint(time.perf_counter() - started)\n")
        started = time.perf_counter()
        out = migrate("run", script, "--app", app, "--db", url, "--non-interactive")
        command.append(time.perf_counter() - started)
        primitive.append(float(out.strip().splitlines()[-2]))

    def by_hand_sql(r):
        # On a fresh connection too, as the runtime's `run` gets one (warm caches would favour SQL).
        hand = database(url)
        hand.begin()
        started = time.perf_counter()
        hand.raw_execute(f"ALTER TABLE cw_Item ADD COLUMN cw_hand{r} INTEGER DEFAULT 7")
        by_hand.append(time.perf_counter() - started)
        hand.commit()
        hand.close()

    for r in range(ROUNDS):
        # Alternate which goes first, so neither always meets a cold cache.
        for measure in ((with_runtime, by_hand_sql) if r % 2 == 0 else (by_hand_sql, with_runtime)):
            measure(r)
    assert db.query(f"SELECT COUNT(*) FROM cw_Item WHERE cw_flag0 = 7")[0][0] == rows
    db.close()
    p, h, c = (statistics.median(x) * 1000 for x in (primitive, by_hand, command))
    return [f"add_attribute with a default on {rows:,} rows: {p:.2f} ms (whole `run` command: {c:.0f} ms); "
            f"hand-written ALTER TABLE: {h:.2f} ms; ratio {p / h:.2f}x (target <= 1.2x)"]


def main_bench():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scripts", type=int, default=1000)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--scale", type=lambda t: tuple(int(n) for n in t.split(",")), default=(1000, 4000, 10000),
                        help="script counts of the whole-process upgrade scaling (default 1000,4000,10000)")
    options = parser.parse_args()
    # On tmpfs when there is one: the disk's fsync time would drown the runtime's own overhead in noise.
    folder = tempfile.mkdtemp(prefix="erudi-bench-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
    try:
        targets = [("SQLite" + (" on tmpfs" if folder.startswith("/dev/shm") else ""),
                    "sqlite:///" + os.path.join(folder, "bench.db"))]
        if os.environ.get("ERUDI_BENCH_PG_URL"):
            targets.append(("PostgreSQL", os.environ["ERUDI_BENCH_PG_URL"]))
        else:
            print("PostgreSQL: not measured (ERUDI_BENCH_PG_URL is not set; `npm run bench` starts a server)")
        for name, url in targets:
            for line in upgrade_overhead(folder, url.replace("bench.db", "many.db"), options.scripts):
                print(f"{name}: {line}")
            for line in upgrade_scaling(folder, url.replace("bench.db", "scale.db"), options.scale):
                print(f"{name}: {line}")
            for line in add_attribute_vs_sql(folder, url.replace("bench.db", "big.db"), options.rows):
                print(f"{name}: {line}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main_bench()
