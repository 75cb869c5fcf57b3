"""Issue 12 point 5: the instance configuration is committed with its version step. A twelve-step upgrade
whose every step changes the .ini (options added, renamed, removed, changed) is killed with SIGKILL at
random points 50 times, at a fault point the runtime crosses or from outside after a random delay; each
killed run is rerun (and that rerun may be killed in turn) until one finishes. After every kill the
database's version, its ledger, its data and the configuration file agree, and every chain of reruns ends
exactly where an uninterrupted upgrade does."""
from __future__ import annotations

import configparser
import io
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import unittest
import urllib.parse

from runtime_case import RUNTIME, Database, DatabaseUrl, EventSink, RuntimeCase, on_both_databases

KILLS = 50
VERSIONS = ["0.1.0"] + [f"0.{i + 1}.0" for i in range(1, 13)]   # 0.1.0 (created), then 12 steps
BEFORE = {"main": {"host": "h", "legacy": "old"}}


def step_operations(index: int):
    """What step `index` (1..12) does to the file: plain data, turned into the script and into the expectation."""
    ops = [("add", "main", f"s{index}", str(index))]
    if index % 3 == 0:
        ops.append(("rename", f"s{index - 1}", f"r{index - 1}"))
    if index % 4 == 0:
        ops.append(("remove", f"s{index - 3}"))
    if index % 5 == 0:
        ops.append(("set", f"s{index}", f"v{index}"))
    if index == 7:
        ops.append(("remove", "legacy"))
        ops.append(("add", "web", "port", "8080"))
    return ops


def script_text(index: int) -> str:
    lines = []
    if index == 1:
        lines.append('sql("CREATE TABLE crash_log (step VARCHAR(16))")')
    for op in step_operations(index):
        if op[0] == "add":
            lines.append(f'option_added("{op[1]}.{op[2]}", {op[3]!r})')
        elif op[0] == "rename":
            lines.append(f'option_renamed("{op[1]}", "{op[2]}")')
        elif op[0] == "remove":
            lines.append(f'option_removed("{op[1]}")')
        else:
            lines.append(f'config["{op[1]}"] = {op[2]!r}')
        if len(lines) == 1 + (index == 1):
            lines.append(f'sql("INSERT INTO crash_log (step) VALUES (\'{VERSIONS[index]}\')")')
    return "\n".join(lines) + "\n"


def expected_configurations():
    """{version: the file's options after that version's step}, from the operations above."""
    state = {s: dict(o) for s, o in BEFORE.items()}
    result = {VERSIONS[0]: {s: dict(o) for s, o in state.items()}}
    for index in range(1, len(VERSIONS)):
        for op in step_operations(index):
            where = lambda name: next((s for s in state if name in state[s]), None)  # noqa: E731
            if op[0] == "add":
                state.setdefault(op[1], {}).setdefault(op[2], op[3])
            elif op[0] == "rename" and where(op[1]):
                section = where(op[1])
                state[section][op[2]] = state[section].pop(op[1])
            elif op[0] == "remove" and where(op[1]):
                del state[where(op[1])][op[1]]
            elif op[0] == "set":
                state[where(op[1])][op[1]] = op[2]
        result[VERSIONS[index]] = {s: dict(o) for s, o in state.items()}
    return result


EXPECTED = expected_configurations()
SCRIPTS = {f"{VERSIONS[i]}_step{i}_Any.py": script_text(i) for i in range(1, len(VERSIONS))}
FINAL = VERSIONS[-1]


def parsed(text: str):
    parser = configparser.ConfigParser(interpolation=None, default_section="\x00none")
    parser.optionxform = str
    parser.read_string(text)
    return {s: dict(parser.items(s)) for s in parser.sections()}


def ini_text(config) -> str:
    return "".join(f"[{s}]\n" + "".join(f"{k} = {v}\n" for k, v in o.items()) + "\n" for s, o in config.items())


@on_both_databases
class ConfigurationSurvivesKills(RuntimeCase):
    def setUp(self):
        super().setUp()
        self.random = random.Random(int(os.environ.get("ERUDI_CRASH_SEED", "12")))
        self.template_ini = os.path.join(self.tmp, "template.ini")
        with open(self.template_ini, "w") as handle:
            handle.write(ini_text(BEFORE))
        if self.backend == "sqlite":
            self.template = self.db_path
        else:
            self._admin("DROP DATABASE IF EXISTS erudi_crash_template WITH (FORCE)")
            self._admin("CREATE DATABASE erudi_crash_template")
            self.addCleanup(self._admin, "DROP DATABASE IF EXISTS erudi_crash_template WITH (FORCE)")
            self.addCleanup(self._admin, "DROP DATABASE IF EXISTS erudi_crash_run WITH (FORCE)")
            self.url = self._url_of("erudi_crash_template")
        self.create("class Note(EntityType):\n    title = String()\n")
        self.write("__pkginfo__.py", f"numversion = ({FINAL.replace('.', ', ')})\n")
        for name, text in SCRIPTS.items():
            self.write(f"migration/{name}", text)

    # one throwaway instance per chain of reruns, copied from the template -------------------------
    def _url_of(self, name: str) -> str:
        parts = urllib.parse.urlsplit(os.environ["ERUDI_TEST_PG_URL"])
        return urllib.parse.urlunsplit(parts._replace(path="/" + name))

    def _admin(self, statement: str) -> None:
        import psycopg
        with psycopg.connect(os.environ["ERUDI_TEST_PG_URL"], autocommit=True) as connection:
            connection.execute(statement)

    def fresh_instance(self, chain: int):
        folder = os.path.join(self.tmp, f"chain{chain}")
        os.makedirs(folder)
        ini = os.path.join(folder, "instance.ini")
        shutil.copy(self.template_ini, ini)
        if self.backend == "sqlite":
            path = os.path.join(folder, "instance.db")
            shutil.copy(self.template, path)
            return "sqlite:///" + path, ini, ()
        self._admin("DROP DATABASE IF EXISTS erudi_crash_run WITH (FORCE)")
        self._admin("CREATE DATABASE erudi_crash_run TEMPLATE erudi_crash_template")
        return self._url_of("erudi_crash_run"), ini, ("--config", ini)

    def child(self, url: str, flags, fault: str) -> subprocess.Popen:
        env = dict(os.environ, PYTHONPATH=RUNTIME, ERUDI_TEST_FAULT=fault)
        self.stderr = os.path.join(self.tmp, "stderr")
        with open(self.stderr, "w") as errors:
            return subprocess.Popen([sys.executable, "-m", "erudi_migrate", "upgrade", "--app", self.app, "--db", url,
                                     "--non-interactive", "--no-backup", *flags], env=env,
                                    stdout=subprocess.DEVNULL, stderr=errors)

    def errors(self) -> str:
        with open(self.stderr) as handle:
            return handle.read()

    # what the instance says --------------------------------------------------------------------
    def state(self, url: str, ini: str):
        db = Database(DatabaseUrl.parse(url), EventSink(out=io.StringIO(), err=io.StringIO()))
        try:
            version = dict(db.query("SELECT component, version FROM erudi_versions"))["model"]
            applied = sorted(script for script, outcome in db.query(
                "SELECT script, outcome FROM erudi_migration_log WHERE component = 'model'") if outcome == "applied")
            tables = db.dialect.table_names(db)
            steps = sorted(r[0] for r in db.query("SELECT step FROM crash_log")) if "crash_log" in tables else []
            journal = db.query("SELECT path, content FROM erudi_config_pending")
        finally:
            db.close()
        with open(ini) as handle:
            text = handle.read()
        return version, applied, steps, journal, parsed(text)

    def assert_consistent(self, url: str, ini: str, context: str) -> str:
        version, applied, steps, journal, config = self.state(url, ini)
        done = VERSIONS[1:VERSIONS.index(version) + 1]
        self.assertEqual(applied, sorted(n for n in SCRIPTS if n.split("_")[0] in done),
                         f"{context}: the ledger records each committed step's script once")
        self.assertEqual(sorted(steps), sorted(done), f"{context}: each committed step's data once")
        if journal:
            # Killed between the commit and the record's removal: the database holds the text; the file holds the
            # step before's (not written yet) or this one's (written, the record not yet removed).
            [(path, content)] = journal
            self.assertEqual((path, parsed(content)), (ini, EXPECTED[version]), context)
            self.assertIn(config, (EXPECTED[VERSIONS[VERSIONS.index(version) - 1]], EXPECTED[version]), context)
        else:
            self.assertEqual(config, EXPECTED[version], f"{context}: the file holds the committed steps' options")
        return version

    def trace(self, url: str, flags, fault: str = ""):
        """The fault points an uninterrupted upgrade crosses, and how long it takes."""
        trace = os.path.join(self.tmp, "trace")
        started = time.monotonic()
        process = self.child(url, flags, f"trace={trace}" + fault)
        self.assertEqual(process.wait(timeout=300), 0, self.errors())
        with open(trace) as handle:
            return [line.split()[1] for line in handle], time.monotonic() - started

    def test_fifty_kills_each_rerun_until_done_agree(self):
        url, ini, flags = self.fresh_instance(0)
        points, duration = self.trace(url, flags, ",sleep=0.01")
        self.assertEqual(self.assert_consistent(url, ini, "uninterrupted"), FINAL)
        for name in ("script-ran", "before-commit", "committed", "config-written", "config-journal-cleared"):
            self.assertIn(name, points)
        kills, chain, seen = 0, 0, set()
        while kills < KILLS:
            chain += 1
            url, ini, flags = self.fresh_instance(chain)
            version = VERSIONS[0]
            while version != FINAL and kills < KILLS:
                left = (len(VERSIONS) - 1 - VERSIONS.index(version)) * len(points) // (len(VERSIONS) - 1)
                if self.random.random() < 0.5:
                    at = self.random.randint(1, max(1, left))
                    process = self.child(url, flags, f"kill-at={at}")
                    how = f"chain {chain}, kill {kills + 1}: killed at the {at}th fault point"
                else:
                    delay = self.random.uniform(0, duration * left / len(points))
                    process = self.child(url, flags, "sleep=0.01")
                    time.sleep(delay)
                    process.send_signal(signal.SIGKILL)
                    how = f"chain {chain}, kill {kills + 1}: killed after {delay:.2f}s"
                code = process.wait(timeout=300)
                if code == -signal.SIGKILL:
                    kills += 1
                else:
                    self.assertEqual(code, 0, how + ": " + self.errors())  # it finished before the kill
                version = self.assert_consistent(url, ini, how)
                seen.add(version)
            # The last rerun, not killed: the end state of an uninterrupted upgrade.
            saved, self.url = self.url, url
            try:
                self.ok("upgrade", "--no-backup", *flags)
            finally:
                self.url = saved
            self.assertEqual(self.assert_consistent(url, ini, f"chain {chain}, rerun to the end"), FINAL)
            self.assertEqual(self.state(url, ini)[3], [], f"chain {chain}: the journal is empty after the rerun")
        self.assertGreaterEqual(len(seen), 5, f"the kills landed at several versions: {sorted(seen)}")

    def test_a_commit_killed_before_the_file_is_written_is_finished_by_the_next_command(self):
        url, ini, flags = self.fresh_instance(0)
        points, _ = self.trace(url, flags)
        url, ini, flags = self.fresh_instance(1)
        at = points.index("committed") + 1  # the first commit, 0.2.0's step: after it, before the file's write
        self.assertEqual(self.child(url, flags, f"kill-at={at}").wait(timeout=300), -signal.SIGKILL)
        version, _, _, journal, config = self.state(url, ini)
        self.assertEqual((version, config), ("0.2.0", EXPECTED["0.1.0"]))
        self.assertEqual(len(journal), 1)
        saved, self.url = self.url, url
        try:
            code, out, err = self.migrate("upgrade", "--no-backup", "--json", *flags)
        finally:
            self.url = saved
        self.assertEqual(code, 0, err)
        self.assertIn("wrote the configuration committed with step model 0.2.0", out)
        self.assertEqual(self.assert_consistent(url, ini, "after the rerun"), FINAL)


if __name__ == "__main__":
    unittest.main()
