"""Issue 12 point 7: backups. One per upgrade that passed pre-flight (none for a refused attempt, none kept
for one that committed nothing), a retention (`--keep-backups N`, default 5, newest kept), `backups` listing
path, time, versions and size, `restore BACKUP` (refused while locked, confirmed, the current state backed up
first, the configuration put back with the database), PostgreSQL backups with pg_dump (`--backup`)."""
from __future__ import annotations

import glob
import io
import json
import os
import sqlite3
import unittest
from unittest import mock

from runtime_case import Database, DatabaseUrl, EventSink, RuntimeCase, on_both_databases

SCHEMA = """
class Person(EntityType):
    name = String(required=True)
    age = Int()
"""
BEFORE_INI = "[main]\nhost = h\n"


def events(out):
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


@on_both_databases
class Backups(RuntimeCase):
    def setUp(self):
        super().setUp()
        self.application(SCHEMA.replace("    age = Int()\n", ""), "0.1.0")
        self.ok("create")
        self.ini = os.path.join(self.tmp, "instance.ini")
        with open(self.ini, "w") as handle:
            handle.write(BEFORE_INI)
        if self.backend == "sqlite":
            self.flags = ()
        else:
            self.folder = os.path.join(self.tmp, "backups")
            self.flags = ("--config", self.ini, "--backup", "--backup-dir", self.folder)
        self.insert("Person", name="Ada")

    def listing(self):
        out = self.ok("backups", *[f for f in self.flags if f != "--backup"])
        lines = out.strip().splitlines()
        self.assertEqual(len(lines), 1)
        return json.loads(lines[0])["backups"] if lines[0].startswith("{") else lines

    def backups(self):
        extra = [f for f in self.flags if f != "--backup"]
        return json.loads(self.ok("backups", "--json", *extra))["backups"]

    def step(self, version: str, body: str) -> None:
        self.write("__pkginfo__.py", f"numversion = ({version.replace('.', ', ')})\n")
        self.write(f"migration/{version}_Any.py", body)

    def upgrade(self, *extra):
        return self.ok("upgrade", "--json", *self.flags, *extra)

    def test_no_backup_for_an_attempt_that_changes_nothing(self):
        self.step("0.2.0", "add_attribute('Person', 'age'\n")   # a syntax error: refused by pre-flight
        self.write("schema.py", "from yams.buildobjs import *\n" + SCHEMA)
        self.assertNotEqual(self.migrate("upgrade", *self.flags)[0], 0)
        self.assertEqual(self.backups(), [])
        self.step("0.2.0", "add_attribute('Person', 'age')\nraise ValueError('boom')\n")  # fails in its first step
        code, out, err = self.migrate("upgrade", "--json", *self.flags)
        self.assertEqual(code, 1)
        self.assertIn("nothing was committed", out)
        self.assertEqual(self.backups(), [], "a backup of an unchanged database is not kept")
        self.step("0.2.0", "add_attribute('Person', 'age')\n")
        out = self.upgrade()
        [backup] = self.backups()
        [event] = [e for e in events(out) if e["event"] == "backup"]
        self.assertEqual((event["path"], event["model"]), (backup["path"], "0.1.0"))

    def test_retention_keeps_the_newest(self):
        self.write("schema.py", "from yams.buildobjs import *\n" + SCHEMA)
        self.step("0.2.0", "add_attribute('Person', 'age')\n")
        self.upgrade("--keep-backups", "2")
        for version in ("0.3.0", "0.4.0"):
            self.step(version, "")
            out = self.upgrade("--keep-backups", "2")
        self.assertIn("removed the old backup", out)
        kept = self.backups()
        self.assertEqual([b["model"] for b in kept], ["0.3.0", "0.2.0"], "newest first, the oldest removed")
        self.assertEqual(self.migrate("upgrade", "--keep-backups", "0", *self.flags)[0], 1)
        for version in ("0.5.0", "0.6.0", "0.7.0", "0.8.0"):
            self.step(version, "")
            self.upgrade()
        self.assertEqual([b["model"] for b in self.backups()], ["0.7.0", "0.6.0", "0.5.0", "0.4.0", "0.3.0"],
                         "5 kept by default")

    def test_backups_lists_path_time_versions_and_size(self):
        self.write("schema.py", "from yams.buildobjs import *\n" + SCHEMA)
        self.step("0.2.0", "add_attribute('Person', 'age')\noption_added('port', 8080)\n")
        self.upgrade()
        [backup] = self.backups()
        self.assertTrue(os.path.isfile(backup["path"]))
        self.assertEqual((backup["model"], backup["erudi"]), ("0.1.0", self.rows(
            "SELECT version FROM erudi_versions WHERE component = 'erudi'")[0][0]))
        self.assertEqual(backup["size"], os.path.getsize(backup["path"]))
        self.assertRegex(backup["time"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$")
        self.assertEqual(backup["kind"], "sqlite" if self.backend == "sqlite" else "pg_dump")
        if self.backend == "postgresql":
            self.assertEqual(os.path.dirname(backup["path"]), self.folder)
        [line] = self.listing()
        self.assertIn(backup["path"], line)
        self.assertIn("model 0.1.0", line)

    def test_restore_puts_the_database_and_its_configuration_back(self):
        before = self.dump()
        self.write("schema.py", "from yams.buildobjs import *\n" + SCHEMA)
        self.step("0.2.0", "add_attribute('Person', 'age')\noption_added('port', 8080)\n"
                           "rql('SET X age 36 WHERE X is Person')\n")
        self.upgrade()
        [backup] = self.backups()
        with open(self.ini) as handle:
            self.assertIn("port = 8080", handle.read())
        extra = [f for f in self.flags if f != "--backup"]
        out = self.ok("restore", backup["path"], "--json", *extra)
        self.assertEqual(self.dump(), before)
        with open(self.ini) as handle:
            self.assertEqual(handle.read(), BEFORE_INI)
        [question] = [e for e in events(out) if e["event"] == "question"]
        self.assertIn(backup["path"], question["question"])
        [safety] = [e for e in events(out) if e["event"] == "backup"]
        self.assertEqual(safety["reason"], "before restore")
        listed = self.backups()
        self.assertEqual([b["model"] for b in listed], ["0.2.0", "0.1.0"], "the state before the restore is kept")
        # And back again: the safety copy restores the upgraded state, configuration included.
        self.ok("restore", listed[0]["path"], *extra)
        self.assertEqual(self.rows("SELECT cw_age FROM cw_Person"), [(36,)])
        with open(self.ini) as handle:
            self.assertIn("port = 8080", handle.read())

    def test_restore_is_confirmed_and_refused_while_locked(self):
        self.write("schema.py", "from yams.buildobjs import *\n" + SCHEMA)
        self.step("0.2.0", "add_attribute('Person', 'age')\n")
        self.upgrade()
        [backup] = self.backups()
        extra = [f for f in self.flags if f != "--backup"]
        after = self.dump()
        code, out, err = self.migrate("restore", backup["path"], "--interactive", *extra)
        self.assertEqual(code, 1)
        self.assertIn("nobody can answer", err)
        code, out, err = self.migrate("restore", backup["path"], "--interactive", "--json", *extra,
                                      stdin='{"id": 1, "answer": false}\n')
        self.assertEqual(code, 1)
        self.assertIn("not confirmed", out)
        self.assertEqual(self.dump(), after)
        self.assertEqual(len(self.backups()), 1, "no safety copy when nothing is restored")
        holder = Database(DatabaseUrl.parse(self.url), EventSink(out=io.StringIO(), err=io.StringIO()))
        token = holder.dialect.lock(holder, holder.url)
        try:
            code, out, err = self.migrate("restore", backup["path"], *extra)
        finally:
            holder.dialect.unlock(holder, token)
            holder.close()
        self.assertEqual(code, 1)
        self.assertIn("another migration is running", err)
        self.assertEqual(self.dump(), after)
        code, out, err = self.migrate("restore", backup["path"], "--interactive", "--json", *extra,
                                      stdin='{"id": 1, "answer": true}\n')
        self.assertEqual(code, 0, err)
        self.assertEqual(self.rows("SELECT version FROM erudi_versions WHERE component = 'model'"), [("0.1.0",)])

    def test_restore_refuses_what_is_no_instance(self):
        extra = [f for f in self.flags if f != "--backup"]
        text = os.path.join(self.tmp, "notes.bak")
        with open(text, "w") as handle:
            handle.write("not a database\n")
        empty = os.path.join(self.tmp, "empty.bak")
        sqlite3.connect(empty).execute("CREATE TABLE t (x INTEGER)").connection.close()
        before = self.dump()
        for path, says in ((text, "neither a SQLite database nor a pg_dump archive"), (empty, "holds no instance"),
                           (os.path.join(self.tmp, "gone.bak"), "no such backup")):
            code, out, err = self.migrate("restore", path, *extra)
            self.assertEqual(code, 1, path)
            self.assertIn(path, err)
            self.assertIn(says, err)
        self.assertEqual(self.dump(), before)


class PostgresqlBackupTools(RuntimeCase, unittest.TestCase):
    backend = "postgresql"

    def test_without_pg_dump_the_upgrade_stops_before_any_change(self):
        self.application(SCHEMA.replace("    age = Int()\n", ""), "0.1.0")
        self.ok("create")
        self.application(SCHEMA, "0.2.0", {"0.2.0_Any.py": "add_attribute('Person', 'age')\n"})
        before = self.dump()
        with mock.patch.dict(os.environ, {"PATH": self.tmp}):
            code, out, err = self.migrate("upgrade", "--backup", "--backup-dir", os.path.join(self.tmp, "b"))
        self.assertEqual(code, 1)
        self.assertIn("pg_dump is not installed", err)
        self.assertEqual(self.dump(), before)
        self.assertEqual(glob.glob(os.path.join(self.tmp, "b", "*")), [])

    def test_the_default_folder_is_in_the_application(self):
        self.application(SCHEMA.replace("    age = Int()\n", ""), "0.1.0")
        self.ok("create")
        self.application(SCHEMA, "0.2.0", {"0.2.0_Any.py": "add_attribute('Person', 'age')\n"})
        self.ok("upgrade", "--backup")
        [backup] = json.loads(self.ok("backups", "--json"))["backups"]
        self.assertEqual(os.path.dirname(backup["path"]), os.path.join(self.app, ".erudi", "backups"))


if __name__ == "__main__":
    unittest.main()
