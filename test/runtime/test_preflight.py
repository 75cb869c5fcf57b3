"""Pre-flight of an upgrade on SQLite and PostgreSQL: a misnamed, dangling, unreadable, directory or
non-compiling script, or transaction control in SQL, stops the upgrade before anything is locked, backed up
or written; a COMMIT that gets through anyway is reported as what it committed, never as a rollback."""
import glob
import json
import os
import unittest
from unittest import mock

from runtime_case import PERSON, RuntimeCase, on_both_databases

from erudi_migrate.preflight import suggest_name  # noqa: E402 (runtime_case puts the runtime on the path)
from erudi_migrate.transaction_control import keyword_of  # noqa: E402


def events(out):
    return [json.loads(line) for line in out.splitlines() if line.strip()]


class Names(unittest.TestCase):
    def test_the_rename_to_make(self):
        cases = {
            "0.5_foo_any.py": "0.5.0_foo_Any.py",
            "0.5.0_foo_any.py": "0.5.0_foo_Any.py",
            "0.2_repo.py": "0.2.0_repository.py",
            "01.2.0_Any.py": "1.2.0_Any.py",
            "0.3.0_add_stuff.py": "0.3.0_add_stuff_Any.py",
            "0.3.0_web.sql": "0.3.0_Any.sql",
        }
        for name, expected in cases.items():
            with self.subTest(name=name):
                self.assertEqual(suggest_name(name), expected)

    def test_transaction_control_keywords(self):
        for statement in ("COMMIT", "commit;", "  END", "BEGIN TRANSACTION", "ROLLBACK TO SAVEPOINT a",
                          "SAVEPOINT a", "RELEASE a", "VACUUM", "ABORT", "START TRANSACTION",
                          "/* x */ COMMIT", "PRAGMA journal_mode = WAL", "pragma main.wal_checkpoint"):
            with self.subTest(statement=statement):
                self.assertIsNotNone(keyword_of(statement))
        for statement in ("UPDATE t SET commit = 1", "SELECT 'COMMIT'", "CREATE TABLE savepoints (x INT)",
                          "PRAGMA table_info(cw_Person)", "-- COMMIT\nSELECT 1"):
            with self.subTest(statement=statement):
                self.assertIsNone(keyword_of(statement))


@on_both_databases
class Preflight(RuntimeCase):
    def setUp(self):
        super().setUp()
        self.create(PERSON, "0.1.0")
        self.before = self.dump()
        self.application(PERSON, "0.2.0", {"0.2.0_ok_Any.py": "sqlexec(\"INSERT INTO entities (type) VALUES ('Person')\")\n"})

    def refused(self, *fragments, by_preflight=True):
        code, out, err = self.migrate("upgrade")
        self.assertEqual(code, 1, out + err)
        for fragment in fragments:
            self.assertIn(fragment, err)
        if by_preflight:
            self.assertIn("nothing was locked, backed up or written", err)
        self.assertEqual(self.dump(), self.before)
        self.assertNotIn('"event": "start"', out)
        if self.db_path:
            self.assertEqual(glob.glob(self.db_path + ".*.bak"), [], "no backup before pre-flight passed")
            self.assertFalse(os.path.exists(self.db_path + ".erudi-lock"), "no lock file before pre-flight passed")
        return err

    def test_a_version_prefixed_name_that_is_no_script_stops_with_the_rename(self):
        self.write("migration/0.5_foo_any.py", "print('never')\n")
        self.refused("migration/0.5_foo_any.py", "rename it to 0.5.0_foo_Any.py")

    def test_every_problem_is_named_at_once_in_json_too(self):
        self.write("migration/0.2.0_any.py", "")
        self.write("migration/0.2.0_broken_Any.py", "def f(:\n")
        code, out, _ = self.migrate("upgrade", "--json")
        self.assertEqual(code, 1)
        [error] = [e for e in events(out) if e["event"] == "error"]
        self.assertIn("2 problems", error["message"])
        self.assertIn("rename it to 0.2.0_Any.py", error["message"])
        self.assertIn("migration/0.2.0_broken_Any.py:1: syntax error", error["message"])
        self.assertNotIn("done", [e["event"] for e in events(out)])

    def test_a_dangling_symlink_is_an_error(self):
        os.symlink(os.path.join(self.tmp, "gone.py"), os.path.join(self.app, "migration", "0.2.0_data_Any.py"))
        self.refused("migration/0.2.0_data_Any.py", "symbolic link", "does not exist")

    def test_a_directory_named_like_a_script_is_an_error(self):
        os.makedirs(os.path.join(self.app, "migration", "0.2.0_more_Any.py"))
        self.refused("migration/0.2.0_more_Any.py", "a directory named like a migration script")

    def test_an_unreadable_script_is_an_error(self):
        path = self.write("migration/0.2.0_secret_Any.py", "print(1)\n")
        real_access = os.access
        # The tests run as root, who reads any file: deny as the kernel would for another user.
        with mock.patch("os.access", lambda p, m: False if p == path else real_access(p, m)):
            self.refused("migration/0.2.0_secret_Any.py", "cannot be read")

    def test_a_fifo_is_an_error(self):
        os.mkfifo(os.path.join(self.app, "migration", "0.2.0_pipe_Any.sql"))
        self.refused("migration/0.2.0_pipe_Any.sql", "not a regular file")

    def test_a_pending_script_that_does_not_compile(self):
        self.write("migration/0.2.0_z_Any.py", "x = 1\nif x\n    pass\n")
        self.refused("migration/0.2.0_z_Any.py:2: syntax error")

    def test_a_broken_depends_map(self):
        self.write("migration/depends.map", "0.2.0 : 2.28.0\nnonsense\n")
        code, _, err = self.migrate("upgrade")
        self.assertEqual(code, 1)
        self.assertIn("depends.map:2", err)
        self.assertEqual(self.dump(), self.before)

    def test_a_cube_that_is_not_found(self):
        self.write("__pkginfo__.py", "numversion = (0, 2, 0)\n__depends__ = {\n    'cubicweb': '>= 3.28',\n"
                                     "    'cubicweb-nowhere': '>= 0.1',\n}\n")
        # the schema loader, which merges the cubes' schemas, meets it first: refused as early
        self.refused("__pkginfo__.py:4:", "cube 'nowhere'", "--cubes-path", by_preflight=False)

    def test_a_cube_s_own_migration_folder_is_accounted_for(self):
        cube = os.path.join(self.tmp, "cubicweb_extra")
        os.makedirs(os.path.join(cube, "migration"))
        with open(os.path.join(cube, "__pkginfo__.py"), "w") as handle:
            handle.write("numversion = (0, 1, 0)\n")
        os.symlink("missing.py", os.path.join(cube, "migration", "0.1.0_Any.py"))
        self.write("__pkginfo__.py", "numversion = (0, 2, 0)\n__depends__ = {'cubicweb-extra': None}\n")
        self.refused("cube extra: migration/0.1.0_Any.py", "symbolic link")

    def test_commit_in_a_sql_script_is_refused_with_its_line(self):
        self.write("migration/0.2.0_x_Any.sql", "INSERT INTO entities (type) VALUES ('Person');\n\nCOMMIT;\n")
        self.refused("migration/0.2.0_x_Any.sql:3:", "COMMIT", "checkpoint()")

    def test_transaction_control_in_a_literal_sqlexec_argument_is_refused(self):
        self.write("migration/0.2.0_x_Any.py", "x = 1\nsqlexec('VACUUM')\nsql(\"\"\"\nSELECT 1;\nROLLBACK\"\"\")\n")
        err = self.refused("migration/0.2.0_x_Any.py:2:", "VACUUM", "migration/0.2.0_x_Any.py:5:", "ROLLBACK")
        self.assertIn("sqlexec() argument", err)

    def test_a_computed_commit_in_sqlexec_is_refused_when_called(self):
        self.write("migration/0.2.0_x_Any.py", "sqlexec('COM' + 'MIT')\n")
        code, out, err = self.migrate("upgrade", "--no-backup")
        self.assertEqual(code, 1)
        self.assertIn("would end the runtime's transaction", err)
        self.assertIn("done: rolled back", out)
        self.assertEqual(self.dump(), self.before)

    def test_a_commit_that_gets_through_is_reported_as_committed_never_rolled_back(self):
        self.write("migration/0.2.0_x_Any.py", "sqlcursor.execute('COM' + 'MIT')\nprint('never reached')\n")
        code, out, err = self.migrate("upgrade", "--no-backup", "--json")
        self.assertEqual(code, 1)
        found = events(out)
        self.assertEqual(found[-1], {"event": "done", "status": "partly-committed"})
        [error] = [e for e in found if e["event"] == "error"]
        self.assertIn("ended the runtime's transaction", error["message"])
        self.assertIn("migration/0.2.0_ok_Any.py", error["message"])  # what was committed, named
        self.assertIn("without the step's version row", error["message"])
        self.assertEqual(error["line"], 1)
        self.assertNotIn("never reached", out)
        self.assertNotIn("rolled", out.replace("rolled-back", ""))
        # the insert of 0.2.0_ok_Any.py was committed by the COMMIT; the version was not
        self.assertEqual(self.rows("SELECT version FROM erudi_versions WHERE component = 'model'"), [("0.1.0",)])
        self.assertEqual(len(self.rows("SELECT eid FROM entities WHERE type = 'Person'")), 1)

    def test_run_refuses_transaction_control_too(self):
        code, _, err = self.run_failing("sqlexec('BEGIN')\n")
        self.assertIn("BEGIN", err)
        self.assertEqual(self.dump(), self.before)

    def test_a_clean_upgrade_still_runs(self):
        self.ok("upgrade", "--no-backup")
        self.assertEqual(self.rows("SELECT version FROM erudi_versions WHERE component = 'model'"), [("0.2.0",)])


if __name__ == "__main__":
    unittest.main()
