"""Every failure names its file and says what to do (issue 16 point 7): a BaseException of a script's own, sys.exit()
in schema.py, a backup that cannot be written, create --dry-run on a new path, a value the driver cannot send."""
from __future__ import annotations

import json
import os
import sqlite3
import unittest
from unittest import mock

from runtime_case import RuntimeCase, on_both_databases

SCHEMA = "class Person(EntityType):\n    name = String()\n    age = Int()\n"


def events(out: str):
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


@on_both_databases
class ScriptFailures(RuntimeCase):
    def test_a_base_exception_of_the_script_is_reported_and_rolled_back(self):
        self.create(SCHEMA)
        code, out, err = self.run_failing("class Stop(BaseException):\n    pass\n\nadd_entity('Person', name='ann')\n"
                                          "raise Stop('halt here')\n", "--json")
        self.assertEqual(code, 1)
        kinds = [e["event"] for e in events(out)]
        self.assertIn("error", kinds)
        self.assertEqual(kinds[-1], "done")
        error = next(e for e in events(out) if e["event"] == "error")
        self.assertTrue(error["file"].endswith("9.9.9_scratch_Any.py"))
        self.assertEqual(error["line"], 5)
        self.assertIn("Stop: halt here", error["message"])
        self.assertEqual(events(out)[-1]["status"], "rolled-back")
        self.assertEqual(self.rows("SELECT COUNT(*) FROM cw_Person")[0][0], 0)
        self.assertNotIn("Traceback", err)

    def test_an_integer_too_large_names_the_attribute(self):
        self.create(SCHEMA)
        code, out, err = self.run_failing("add_entity('Person', name='ann', age=10**30)\n")
        self.assertIn("attribute 'age'", out + err)
        self.assertIn("too large", out + err)
        self.assertIn("9.9.9_scratch_Any.py:1", out + err)

    def test_a_string_that_cannot_be_encoded_names_the_attribute(self):
        self.create(SCHEMA)
        code, out, err = self.run_failing("add_entity('Person', name='caf\\udce9', age=1)\n")
        self.assertIn("attribute 'name'", out + err)
        self.assertIn("U+DCE9", out + err)

    def test_sys_exit_in_schema_py_is_named_as_such(self):
        self.application(SCHEMA + "import sys\nsys.exit(3)\n")
        code, out, err = self.migrate("create")
        self.assertEqual(code, 1)
        self.assertIn("schema.py", out + err)
        self.assertIn("sys.exit(3)", out + err)


@on_both_databases
class DryRunCreate(RuntimeCase):
    def test_create_dry_run_leaves_nothing(self):
        self.application(SCHEMA)
        if self.backend == "postgresql":
            self.ok("create", "--dry-run")
            tables = self.rows("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'")
            self.assertEqual(tables[0][0], 0)
        else:
            target = os.path.join(self.tmp, "new", "deeper", "fresh.db")
            code, out, err = self.migrate("create", "--db", "sqlite:///" + target, "--dry-run")
            self.assertEqual(code, 0, out + err)
            self.assertFalse(os.path.exists(os.path.join(self.tmp, "new")), os.listdir(self.tmp))


class SqliteFilesLeftBehind(RuntimeCase, unittest.TestCase):
    """Files only SQLite instances have: the database file itself and its backups."""
    backend = "sqlite"

    def test_a_failed_create_on_a_new_path_leaves_no_file(self):
        self.application(SCHEMA, scripts={"postcreate.py": "raise ValueError('no')\n"})
        target = os.path.join(self.tmp, "fresh.db")
        code, out, err = self.migrate("create", "--db", "sqlite:///" + target)
        self.assertEqual(code, 1)
        self.assertFalse([n for n in os.listdir(self.tmp) if n.startswith("fresh.db")])

    def test_a_backup_that_fails_is_named_and_leaves_no_bak(self):
        self.create(SCHEMA)
        self.script("add_attribute('Person', 'age')\n", name="0.2.0_age_Any.py")
        self.write("__pkginfo__.py", "numversion = (0, 2, 0)\n")
        real_connect = sqlite3.connect

        def full_disk(path, *args, **kwargs):
            if str(path).endswith(".bak"):
                open(path, "wb").close()  # what SQLite leaves: an empty file
                raise sqlite3.OperationalError("database or disk is full")
            return real_connect(path, *args, **kwargs)

        with mock.patch("erudi_migrate.backups.sqlite3.connect", full_disk):
            code, out, err = self.migrate("upgrade")
        self.assertEqual(code, 1)
        self.assertIn("the backup", out + err)
        self.assertIn("disk is full", out + err)
        self.assertIn("--no-backup", out + err)
        self.assertNotIn("database error", out + err)
        self.assertEqual([n for n in os.listdir(self.tmp) if n.endswith(".bak")], [])


class LockFile(RuntimeCase, unittest.TestCase):
    """The SQLite lock is taken on the database file: one that cannot be opened says whose it is."""
    backend = "sqlite"

    def test_a_lock_that_cannot_be_taken_explains_whose_the_file_is(self):
        self.create(SCHEMA)
        real_open = open

        def refused(path, mode="r", *args, **kwargs):
            if os.path.realpath(str(path)) == os.path.realpath(self.db_path) and mode == "rb":
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, mode, *args, **kwargs)

        with mock.patch("erudi_migrate.dialects.sqlite.open", refused, create=True):
            code, out, err = self.migrate("upgrade")
        self.assertEqual(code, 1)
        self.assertIn("to take the migration lock", err)
        self.assertIn("Permission denied", err)
        self.assertIn("it belongs to", err)
        self.assertIn("run as the user who owns the instance", err)


if __name__ == "__main__":
    unittest.main()
