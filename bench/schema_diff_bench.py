"""Benchmark of `erudi-migrate diff` and `generate` on a generated 300-type schema (printed, not asserted), on
SQLite and, when ERUDI_BENCH_PG_URL names a server (bench/schema-diff-bench.ts starts a throwaway one), on
PostgreSQL. The instance is created at schema A (300 types, 8 attributes each, 300 relation definitions,
CubicWeb's core schema besides); schema.py then becomes B: 20 types added, 20 removed, 60 attributes added,
60 changed, 30 relation definitions changed. Each command runs as a process (what a user or CI waits for),
the median of a few rounds.

Usage: PYTHONPATH=runtime /usr/bin/python3 bench/schema_diff_bench.py [--types N] [--rounds N]
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
RUNTIME = os.path.join(HERE, "..", "runtime")


def schema_text(types, changed, count):
    lines = ["from yams.buildobjs import Boolean, EntityType, Int, String, SubjectRelation", ""]
    for i in types:
        lines.append(f"class Type{i:04d}(EntityType):")
        lines.append(f"    name = String(maxsize={128 if changed and i % 5 == 0 else 64}, required=True)")
        lines.append("    code = String(maxsize=16, unique=True)")
        lines.append("    count = Int(default=0)")
        lines.append("    active = Boolean(default=True)")
        lines.append("    note = String()")
        lines.append("    weight = Int()")
        lines.append("    label = String(maxsize=32)")
        lines.append("    rank = Int(indexed=True)")
        if changed and i % 5 == 1:
            lines.append("    extra = String(maxsize=20)")
        if changed and i >= count:
            lines.append("    origin = String()")  # a new type, not the twin of a removed one (no rename)
        other = types[(types.index(i) + 1) % len(types)]
        card = "1*" if changed and i % 10 == 2 else "?*"
        lines.append(f"    next_one = SubjectRelation('Type{other:04d}', cardinality='{card}')")
        lines.append("")
    return "\n".join(lines) + "\n"


def write_app(folder, types, changed, count):
    os.makedirs(os.path.join(folder, "migration"), exist_ok=True)
    with open(os.path.join(folder, "__pkginfo__.py"), "w") as handle:
        handle.write("numversion = (1, 0, 0)\n")
    with open(os.path.join(folder, "schema.py"), "w") as handle:
        handle.write(schema_text(types, changed, count))


def run(*args):
    env = dict(os.environ, PYTHONPATH=RUNTIME)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "erudi_migrate", *args, "--yes"], env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1) or (done.returncode == 1 and "--exit-code" not in args):
        raise RuntimeError(f"erudi-migrate {' '.join(args)} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return elapsed, done.stdout


def reset(url):
    if url.startswith("postgresql"):
        import psycopg
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute("DROP SCHEMA public CASCADE")
            connection.execute("CREATE SCHEMA public")


def bench(label, folder, url, count, rounds):
    reset(url)
    app = os.path.join(folder, "app")
    base = list(range(count))
    write_app(app, base, False, count)
    created, _ = run("create", "--app", app, "--db", url)
    changed_types = base[20:] + list(range(count, count + 20))
    write_app(app, changed_types, True, count)
    timings = {}
    for name, args in (("diff", ("diff", "--json")), ("diff --after-pending", ("diff", "--json", "--after-pending")),
                       ("generate --dry-run", ("generate", "--json", "--dry-run"))):
        times = []
        for _ in range(rounds):
            elapsed, out = run(*args, "--app", app, "--db", url)
            times.append(elapsed)
        timings[name] = (statistics.median(times), json.loads(out.strip().splitlines()[-1]))
    changes = len(timings["diff"][1]["changes"])
    text = timings["generate --dry-run"][1]["text"]
    lines = [f"{label}: create at A {created:.1f} s; B differs by {changes} changes; "
             + "; ".join(f"{name} {seconds * 1000:.0f} ms" for name, (seconds, _) in timings.items())
             + f" (script: {len(text.splitlines())} lines)"]
    # generate for real, then the upgrade that runs the script and a diff that finds nothing left
    elapsed, out = run("generate", "--json", "--raise-numversion", "--app", app, "--db", url)
    upgraded, _ = run("upgrade", "--no-backup", "--app", app, "--db", url)
    left, out = run("diff", "--json", "--exit-code", "--app", app, "--db", url)
    remaining = len(json.loads(out.strip().splitlines()[-1])["changes"])
    lines.append(f"{label}: generate (written) {elapsed * 1000:.0f} ms, upgrade running it {upgraded:.1f} s, "
                 f"diff afterwards {left * 1000:.0f} ms with {remaining} changes left")
    return lines


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--types", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="erudi-diff-bench-")
    try:
        lines = bench(f"SQLite, {options.types} types", os.path.join(folder, "sqlite"),
                      "sqlite:///" + os.path.join(folder, "instance.db"), options.types, options.rounds)
        pg = os.environ.get("ERUDI_BENCH_PG_URL")
        if pg:
            lines += bench(f"PostgreSQL, {options.types} types", os.path.join(folder, "pg"), pg, options.types,
                           options.rounds)
        print("\n".join(lines))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
