"""`rehearse` runs the whole upgrade on a copy and reports each step (statements, rows per table and verb, the
failing line); the real database (checksum of the SQLite file and its -wal, a pg_dump of PostgreSQL), its
configuration file and its backups are untouched; bad input is refused before anything is copied. SQLite and
PostgreSQL, on the example application and on the shared cube workspace."""
from __future__ import annotations

import glob
import hashlib
import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import unittest

from runtime_case import RUNTIME, RuntimeCase, on_both_databases
from erudi_migrate.database import Database
from erudi_migrate.events import EventSink
from erudi_migrate.urls import DatabaseUrl

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.abspath(os.path.join(HERE, "..", "..", "examples"))
WORKSPACE = os.path.abspath(os.path.join(HERE, "..", "fixtures", "cubes"))

SCHEMA = """
class Ticket(EntityType):
    title = String(maxsize=64)
    priority = Int()
"""


def rehearsal(out: str) -> dict:
    """The last JSON event, which the contract says is the rehearsal."""
    last = json.loads(out.strip().splitlines()[-1])
    assert last["event"] == "rehearsal", last
    return last


class RehearsalCase(RuntimeCase):
    """What the rehearsal tests look at: the instance's bytes and files, the copies left over."""

    def setUp(self):
        super().setUp()
        # Copies go to a folder of the test's own: what is left there is what the rehearsal left.
        self.scratch = os.path.join(self.tmp, "scratch-tmp")
        os.makedirs(self.scratch)
        saved, tempfile.tempdir = tempfile.tempdir, self.scratch
        self.addCleanup(setattr, tempfile, "tempdir", saved)

    def database(self):
        """The test's connections are closed before each rehearsal (an open one makes the instance a busy template)."""
        if self.__dict__.get("_read_only") and self.backend == "sqlite":
            # what snapshot() reads with: a read-write connection's close would checkpoint a -wal into the file
            from erudi_migrate.rehearsal_copy import open_sqlite_source
            db = Database(DatabaseUrl.parse(self.url), EventSink(out=io.StringIO(), err=io.StringIO()),
                          connection=open_sqlite_source(self.db_path))
        else:
            db = super().database()
        self.__dict__.setdefault("_connections", []).append(db)
        return db

    def close_connections(self):
        for db in self.__dict__.pop("_connections", []):
            db.close()

    def migrate(self, *args, **kwargs):
        if args and args[0] == "rehearse":
            self.close_connections()
        return super().migrate(*args, **kwargs)

    # what "untouched" means ---------------------------------------------------------------------
    def snapshot(self):
        """Everything a rehearsal must not change: the database's bytes (SQLite: the file, its -wal; PostgreSQL:
        pg_dump's text and every row), the files beside it (config, backups), the server's databases."""
        if self.backend == "sqlite":
            files = {}
            for name in self.beside():
                path = os.path.join(self.tmp, name)
                # -shm is SQLite's shared-memory index of the -wal, which every reader updates (its read marks):
                # no data, only whether it is there counts; the file and its -wal are the database
                if name.endswith("-shm"):
                    files[name] = "present"
                elif os.path.isfile(path):
                    with open(path, "rb") as handle:
                        files[name] = hashlib.sha256(handle.read()).hexdigest()
            self._read_only = True
            try:
                return files, self.dump()
            finally:
                self._read_only = False
                self.close_connections()
        dump = subprocess.run(["pg_dump", "--dbname", self.url], check=True, capture_output=True, text=True).stdout
        # pg_dump's \restrict lines hold a key drawn at random for each dump
        dump = "\n".join(line for line in dump.splitlines() if not line.startswith(("\\restrict", "\\unrestrict")))
        config = {}
        for name in self.beside():
            if os.path.isfile(os.path.join(self.tmp, name)):
                with open(os.path.join(self.tmp, name), "rb") as handle:
                    config[name] = hashlib.sha256(handle.read()).hexdigest()
        return dump, config, self.databases()  # the dump holds every table's definition, rows and sequences

    def beside(self):
        """Every file around the instance (its configuration, backups and their folders), relative paths; not
        the application's folders nor the scratch folder the copies go to."""
        found = []
        for folder, folders, files in os.walk(self.tmp):
            if folder == self.tmp:
                folders[:] = [f for f in folders if f not in ("app", "scratch-tmp", "workspace", "ticketing-0.1.0")]
            found += [os.path.relpath(os.path.join(folder, f), self.tmp) for f in files]
            found += [os.path.relpath(os.path.join(folder, f), self.tmp) + os.sep for f in folders]
        return sorted(found)

    def databases(self):
        return sorted(r[0] for r in self.rows("SELECT datname FROM pg_database"))

    def left_over(self):
        """Copies the rehearsal did not drop: temporary folders, PostgreSQL databases."""
        left = os.listdir(self.scratch)
        if self.backend == "postgresql":
            left += [name for name in self.databases() if "_rehearsal_" in name]
        return left

    def rehearse(self, *args):
        code, out, err = self.migrate("rehearse", "--json", *args)
        return code, rehearsal(out), out, err

    def drop_database(self, name):
        import psycopg
        from psycopg import sql
        with psycopg.connect(self.url, dbname="template1", autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@on_both_databases
class Rehearse(RehearsalCase):
    # the example application -----------------------------------------------------------------------
    def test_the_example_upgrade_rehearsed_on_a_copy_leaves_the_instance_as_it_was(self):
        shutil.rmtree(self.app)
        first = os.path.join(self.tmp, "ticketing-0.1.0")
        shutil.copytree(os.path.join(EXAMPLES, "ticketing-0.1.0"), first)
        shutil.copytree(os.path.join(EXAMPLES, "ticketing"), self.app)
        config = os.path.join(self.tmp, "ticketing.ini")
        self.ok("create", "--app", first, "--framework-version", "2.26.0", "--config", config)
        with open(config, "w") as handle:
            handle.write("[main]\nbase-url = http://example.org\n")
        before = self.snapshot()

        code, result, out, err = self.rehearse("--config", config)
        self.assertEqual(code, 0, out + err)
        self.assertEqual(self.snapshot(), before)
        self.assertEqual(self.left_over(), [])
        self.assertNotIn('"event": "backup"', out)
        self.assertTrue(result["ok"])
        self.assertIsNone(result["copy"])
        self.assertEqual(result["copyMethod"], "sqlite backup API" if self.backend == "sqlite" else "CREATE DATABASE ... TEMPLATE")
        self.assertEqual((result["fromVersion"], result["toVersion"]), ("0.1.0", "0.4.0"))
        steps = result["steps"]
        kinds = list(dict.fromkeys((s["kind"], s["version"]) for s in steps))
        self.assertEqual(kinds, [("framework", "2.27.0"), ("model", "0.2.0"), ("framework", "2.28.0"), ("model", "0.3.0"),
                                 ("model", "0.4.0"), ("framework", "2.29.0"), ("framework", "2.30.0"),
                                 ("framework", "2.31.0")])
        by_script = {os.path.basename(s["script"]): s for s in steps}
        self.assertEqual(set(by_script), {os.path.basename(p) for p in glob.glob(os.path.join(self.app, "migration", "0.*"))}
                         | {"2.27.0_Any.py", "2.28.0_Any.py", "2.28.0_workflow_Any.py", "2.29.0_Any.py", "2.30.0_ledger_Any.py",
                            "2.31.0_Any.py"})
        for step in steps:
            self.assertIsNone(step["error"])
            self.assertGreater(step["statements"], 0, step)
            self.assertGreaterEqual(step["durationMs"], 0)
        # 0.4.0_templates_Any.sql updates the two flows' templates; the dropped entity type's rows are deleted
        self.assertEqual(by_script["0.4.0_templates_Any.sql"]["tables"]["cw_flow"], {"inserted": 0, "updated": 2, "deleted": 0})
        self.assertEqual(by_script["0.4.0_default_hook_Any.py"]["tables"]["cw_customnotice"],
                         {"inserted": 1, "updated": 0, "deleted": 0})

        # the real upgrade afterwards goes through the same steps and ends where the copy ended
        upgraded = json.loads(self.ok("upgrade", "--no-backup", "--json", "--config", config).splitlines()[-1])
        self.assertEqual(upgraded, {"event": "done", "status": "committed"})
        self.assertEqual(self.rows("SELECT cw_title_template FROM cw_Flow"), [("{title}: {state}",)])

    # the counts ------------------------------------------------------------------------------------
    def test_rows_are_counted_per_table_and_verb_and_a_rebuild_changes_none(self):
        self.create(SCHEMA)
        for title in ("a", "b", "c", "d"):
            self.insert("Ticket", title=title, priority=1)
        self.application(SCHEMA, "0.2.0", scripts={"0.2.0_Any.py": """
            sql("UPDATE cw_Ticket SET cw_priority = 2 WHERE cw_title IN ('a', 'b', 'c')")
            sql("DELETE FROM cw_Ticket WHERE cw_title = 'd'")
            sql("CREATE TABLE erudi_test_notes (note VARCHAR(10))")
            cursor = sqlcursor
            mark = "%s" if type(cursor.connection).__module__.startswith("psycopg") else "?"
            cursor.executemany(f"INSERT INTO erudi_test_notes (note) VALUES ({mark})", [("x",), ("y",)])
        """, "0.2.5_notes_Any.sql": """
            INSERT INTO erudi_test_notes (note) SELECT cw_title FROM cw_Ticket;
            UPDATE erudi_test_notes SET note = 'z' WHERE note IN ('x', 'y');
            WITH old AS (SELECT note FROM erudi_test_notes WHERE note = 'a') DELETE FROM erudi_test_notes WHERE note IN (SELECT note FROM old);
        """})
        # a type change the database cannot ALTER in place (SQLite rebuilds the table): no row is inserted or deleted
        changed = SCHEMA.replace("priority = Int()", "priority = Int(required=True, default=0)")
        self.application(changed, "0.3.0", scripts={"0.3.0_Any.py": "sync_schema_props_perms('Ticket')\n"
                                                                    "drop_entity_type('Ticket')\n"})
        # (keep the earlier scripts: application() only adds files)
        before = self.snapshot()
        code, result, out, err = self.rehearse()
        self.assertEqual(code, 0, out + err)
        self.assertEqual(self.snapshot(), before)
        steps = {os.path.basename(s["script"]): s for s in result["steps"]}
        first = steps["0.2.0_Any.py"]
        self.assertEqual(first["tables"]["cw_ticket"], {"inserted": 0, "updated": 3, "deleted": 1})
        self.assertEqual(first["tables"]["erudi_test_notes"], {"inserted": 2, "updated": 0, "deleted": 0})
        sql_script = steps["0.2.5_notes_Any.sql"]
        self.assertEqual(sql_script["statements"], 3 + 2)  # its three statements, then the step's ledger row and version
        self.assertEqual(sql_script["tables"]["erudi_test_notes"], {"inserted": 3, "updated": 2, "deleted": 1})
        dropped = steps["0.3.0_Any.py"]["tables"]
        self.assertEqual(dropped["cw_ticket"], {"inserted": 0, "updated": 0, "deleted": 3})

    # failures ----------------------------------------------------------------------------------------
    def test_a_failing_step_is_reported_with_its_file_and_line_and_exit_1(self):
        self.create(SCHEMA)
        self.insert("Ticket", title="a", priority=1)
        self.application(SCHEMA, "0.3.0", scripts={
            "0.2.0_Any.py": "sql(\"UPDATE cw_Ticket SET cw_priority = 5\")\n",
            "0.3.0_Any.py": "sql(\"UPDATE cw_Ticket SET cw_priority = 6\")\n\nsql(\"UPDATE no_such_table SET x = 1\")\n"})
        before = self.snapshot()
        code, result, out, err = self.rehearse()
        self.assertEqual(code, 1, out + err)
        self.assertEqual(self.snapshot(), before)
        self.assertEqual(self.left_over(), [])
        self.assertFalse(result["ok"])
        good, bad = result["steps"]
        self.assertEqual((good["version"], good["error"]), ("0.2.0", None))
        self.assertEqual(good["tables"]["cw_ticket"]["updated"], 1)
        self.assertEqual(bad["version"], "0.3.0")
        self.assertEqual(bad["error"]["file"], os.path.join(self.app, "migration", "0.3.0_Any.py"))
        self.assertEqual(bad["error"]["line"], 3)
        self.assertIn("no_such_table", bad["error"]["message"])

        code, text, err = self.migrate("rehearse")
        self.assertEqual(code, 1)
        self.assertIn("FAILED", text)
        self.assertIn("0.3.0_Any.py:3: ", text)
        self.assertEqual(self.snapshot(), before)

    # --keep ----------------------------------------------------------------------------------------
    def test_keep_leaves_the_upgraded_copy_and_says_where_and_how_to_drop_it(self):
        self.create(SCHEMA)
        self.application(SCHEMA, "0.2.0", scripts={"0.2.0_Any.py": "sql(\"UPDATE cw_Ticket SET cw_priority = 5\")\n"})
        before = self.snapshot()
        code, result, out, err = self.rehearse("--keep")
        self.assertEqual(code, 0, out + err)
        self.assertEqual(self.snapshot()[0], before[0])
        copy = result["copy"]
        if self.backend == "sqlite":
            self.assertTrue(os.path.isfile(copy))
            self.assertTrue(copy.startswith(self.scratch + os.sep))
            self.assertEqual(result["dropWith"], f"rm -r {os.path.dirname(copy)}")
            url = "sqlite:///" + copy
        else:
            url = copy
            name = url.rsplit("/", 1)[1]
            self.assertIn(name, self.databases())
            self.addCleanup(self.drop_database, name)
            self.assertIn(f"dropdb {name}", result["dropWith"])
        from erudi_migrate.instance import read_versions
        copy_db = Database(DatabaseUrl.parse(url), EventSink(out=io.StringIO()))
        try:
            self.assertEqual(str(read_versions(copy_db)["model"]), "0.2.0")
        finally:
            copy_db.close()
        self.assertEqual(self.rows("SELECT version FROM erudi_versions WHERE component = 'model'"), [("0.1.0",)])

        code, text, err = self.migrate("rehearse", "--keep")
        self.assertEqual(code, 0, text + err)
        self.assertIn("the copy is kept: ", text)
        self.assertIn("remove it with: ", text)
        if self.backend == "postgresql":
            for name in self.databases():
                if "_rehearsal_" in name:
                    self.addCleanup(self.drop_database, name)

    # bad input: refused with the reason, nothing copied -------------------------------------------------
    def test_a_database_without_an_instance_is_refused(self):
        self.application(SCHEMA, "0.1.0")
        if self.backend == "sqlite":
            code, out, err = self.migrate("rehearse")
            self.assertEqual(code, 1)
            self.assertIn("does not exist", err)
            self.assertFalse(os.path.exists(self.db_path))  # not created by looking
            open(self.db_path, "wb").close()
        code, out, err = self.migrate("rehearse", "--json")
        self.assertEqual(code, 1)
        self.assertIn("holds no instance", err)
        self.assertEqual(json.loads(out.splitlines()[-1])["event"], "error")
        if self.backend == "sqlite":
            with open(self.db_path, "wb") as handle:
                handle.write(b"not a database, a text file\n" * 100)
            code, out, err = self.migrate("rehearse")
            self.assertEqual(code, 1)
            self.assertIn(f"{self.db_path} is not a SQLite database", err)
        self.assertEqual(self.left_over(), [])

    def test_a_database_newer_than_the_code_is_refused(self):
        self.create(SCHEMA, "0.2.0")
        self.application(SCHEMA, "0.1.0")
        before = self.snapshot()
        code, out, err = self.migrate("rehearse")
        self.assertEqual(code, 1)
        self.assertIn("newer than the code", err)
        self.assertEqual(self.snapshot(), before)
        self.assertEqual(self.left_over(), [])

    def test_a_schema_that_cannot_be_read_is_reported_with_file_and_line_before_any_copy(self):
        self.create(SCHEMA)
        self.write("schema.py", "from yams.buildobjs import *\n\nclass Ticket(EntityType):\n    title = String(\n")
        code, out, err = self.migrate("rehearse", "--json")
        self.assertEqual(code, 1)
        error = json.loads(out.splitlines()[-1])
        self.assertEqual(error["event"], "error")
        self.assertEqual(error["file"], os.path.join(self.app, "schema.py"))
        self.assertIsNotNone(error["line"])
        self.assertEqual(self.left_over(), [])

    def test_a_script_that_does_not_compile_is_refused_before_any_copy(self):
        self.create(SCHEMA)
        self.application(SCHEMA, "0.2.0", scripts={"0.2.0_Any.py": "x = (\n"})
        code, out, err = self.migrate("rehearse")
        self.assertEqual(code, 1)
        self.assertIn("0.2.0_Any.py", err)
        self.assertEqual(self.left_over(), [])

    # the lock --------------------------------------------------------------------------------------------
    def test_a_rehearsal_while_an_upgrade_holds_the_lock_is_refused(self):
        self.create(SCHEMA)
        self.application(SCHEMA, "0.2.0", scripts={"0.2.0_Any.py": "pass\n"})
        db = RuntimeCase.database(self)  # kept open: it is the running upgrade
        token = db.dialect.lock(db, db.url)
        self.addCleanup(db.dialect.unlock, db, token)
        code, out, err = self.migrate("rehearse")
        self.assertEqual(code, 1)
        self.assertIn("another migration is running", err)
        self.assertEqual(self.left_over(), [])

    def test_a_busy_postgresql_instance_is_copied_by_dump_and_a_wal_sqlite_file_is_left_as_it_was(self):
        self.create(SCHEMA)
        self.insert("Ticket", title="a", priority=1)
        self.application(SCHEMA, "0.2.0", scripts={"0.2.0_Any.py": "sql(\"UPDATE cw_Ticket SET cw_priority = 5\")\n"})
        if self.backend == "postgresql":
            before = self.snapshot()
            import psycopg
            application = psycopg.connect(self.url)  # the application running on its instance
            self.addCleanup(application.close)
            code, out, err = super().migrate("rehearse", "--json")
            self.assertEqual(code, 0, out + err)
            result = rehearsal(out)
            self.assertEqual(result["copyMethod"], "pg_dump | psql")
            self.assertIn("the template copy was refused", out)
        else:
            # rows committed into the -wal by a process that died before any checkpoint
            subprocess.run([sys.executable, "-c", WAL_WRITER, self.db_path], check=True)
            self.assertTrue(os.path.getsize(self.db_path + "-wal") > 0)
            before = self.snapshot()
            code, result, out, err = self.rehearse()
            self.assertEqual(code, 0, out + err)
            self.assertEqual(self.snapshot(), before)
            # a WAL database nobody has open (no -wal beside it): the rehearsal leaves no -wal or -shm either
            checkpoint = sqlite3.connect(self.db_path)
            checkpoint.execute("SELECT COUNT(*) FROM entities").fetchall()  # a read opens the WAL; the close checkpoints it
            checkpoint.close()
            self.assertEqual(sorted(n for n in os.listdir(self.tmp) if n.startswith("instance.db")), ["instance.db"])
            before = self.snapshot()
            code, result, out, err = self.rehearse()
            self.assertEqual(code, 0, out + err)
            self.assertEqual(sorted(n for n in os.listdir(self.tmp) if n.startswith("instance.db")), ["instance.db"])
        self.assertEqual(result["steps"][0]["tables"]["cw_ticket"]["updated"], 2 if self.backend == "sqlite" else 1)
        self.assertEqual(self.snapshot(), before)
        self.assertEqual(self.left_over(), [])


    # a cube laid out as public cubes are ------------------------------------------------------------------
    def test_a_forge_built_from_cubes_rehearses_its_cube_step_then_its_own(self):
        shutil.rmtree(self.app)
        workspace = os.path.join(self.tmp, "workspace")
        shutil.copytree(WORKSPACE, workspace)
        self.app = os.path.join(workspace, "forge")
        tracker = os.path.join(workspace, "cubicweb-tracker", "cubicweb_tracker", "__pkginfo__.py")
        with open(tracker) as handle:
            released = handle.read()
        with open(tracker, "w") as handle:  # the instance was built with tracker 1.17.0
            handle.write(released.replace("numversion = (1, 19, 0)", "numversion = (1, 17, 0)"))
        self.ok("create")
        with open(tracker, "w") as handle:
            handle.write(released)
        pkginfo = os.path.join(self.app, "__pkginfo__.py")
        with open(pkginfo) as handle:
            text = handle.read()
        with open(pkginfo, "w") as handle:
            handle.write(text.replace("numversion = (0, 3, 0)", "numversion = (0, 4, 0)"))
        self.write("migration/0.4.0_Any.py", """
            # -*- coding: utf-8 -*-
            rql('INSERT License L: L name %(name)s', {'name': u'GPL'})
            rql('SET L url %(url)s WHERE L name %(name)s', {'url': u'https://opensource.org/license/mit', 'name': u'MIT'})
        """)
        before = self.snapshot()
        code, result, out, err = self.rehearse()
        self.assertEqual(code, 0, out + err)
        self.assertEqual(self.snapshot(), before)
        self.assertEqual(self.left_over(), [])
        cube, model = result["steps"]
        self.assertEqual((cube["kind"], cube.get("cube"), cube["version"]), ("cube", "tracker", "1.19.0"))
        self.assertEqual(cube["script"], os.path.join(workspace, "cubicweb-tracker", "cubicweb_tracker", "migration",
                                                      "1.19.0_Any.py"))
        self.assertEqual(cube["tables"]["erudi_versions"], {"inserted": 0, "updated": 1, "deleted": 0})
        self.assertEqual((model["kind"], model["version"]), ("model", "0.4.0"))
        self.assertEqual(model["tables"]["cw_license"], {"inserted": 1, "updated": 1, "deleted": 0})
        self.assertEqual(model["tables"]["entities"]["inserted"], 1)
        self.assertEqual(self.rows("SELECT version FROM erudi_versions WHERE component = 'cube:tracker'"), [("1.17.0",)])


    def test_what_a_script_rolls_back_to_its_commit_point_is_not_counted(self):
        self.create(SCHEMA)
        self.insert("Ticket", title="a", priority=1)
        self.insert("Ticket", title="b", priority=1)
        self.application(SCHEMA, "0.2.0", scripts={"0.2.0_Any.py": """
            sql("UPDATE cw_Ticket SET cw_priority = 7 WHERE cw_title = 'a'")
            commit()
            sql("DELETE FROM cw_Ticket")
            rollback()
        """})
        code, result, out, err = self.rehearse()
        self.assertEqual(code, 0, out + err)
        self.assertEqual(result["steps"][0]["tables"]["cw_ticket"], {"inserted": 0, "updated": 1, "deleted": 0})

    def test_a_cancelled_rehearsal_drops_its_copy(self):
        """The editor cancels by SIGTERM: the copy goes, the real database stays as it was."""
        self.create(SCHEMA)
        self.application(SCHEMA, "0.2.0", scripts={"0.2.0_Any.py": "import time\nprint('started', flush=True)\ntime.sleep(60)\n"})
        before = self.snapshot()
        self.close_connections()
        process = subprocess.Popen([sys.executable, "-m", "erudi_migrate", "rehearse", "--app", self.app, "--db", self.url,
                                    "--json"], env=dict(os.environ, PYTHONPATH=RUNTIME, TMPDIR=self.scratch),
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.addCleanup(process.kill)
        for line in process.stdout:
            if '"started"' in line:
                break
        self.assertTrue(self.left_over())  # the copy exists while the script runs
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=60)
        self.assertEqual(process.returncode, 130, out + err)
        self.assertEqual(self.left_over(), [])
        self.assertEqual(self.snapshot(), before)



class RehearsePostgresql(RehearsalCase, unittest.TestCase):
    backend = "postgresql"

    def test_a_postgresql_role_that_may_not_create_databases_is_told_what_to_do(self):
        self.create(SCHEMA)
        self.application(SCHEMA, "0.2.0", scripts={"0.2.0_Any.py": "pass\n"})
        import psycopg
        with psycopg.connect(self.url, autocommit=True) as admin:
            admin.execute("DROP ROLE IF EXISTS erudi_reader")
            admin.execute("CREATE ROLE erudi_reader LOGIN")
            admin.execute("GRANT USAGE ON SCHEMA public TO erudi_reader")
            admin.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO erudi_reader")
        self.addCleanup(self.drop_role, "erudi_reader")
        before = self.snapshot()
        self.url = self.url.replace("://erudi@", "://erudi_reader@")
        code, out, err = self.migrate("rehearse")
        self.url = self.url.replace("://erudi_reader@", "://erudi@")
        self.assertEqual(code, 1, out + err)
        self.assertIn("CREATEDB", err)
        self.assertEqual(self.snapshot(), before)
        self.assertEqual(self.left_over(), [])

    def drop_role(self, name):
        import psycopg
        with psycopg.connect(self.url, autocommit=True) as admin:
            admin.execute(f"DROP OWNED BY {name}")
            admin.execute(f"DROP ROLE {name}")


# Switches the database to WAL, commits a row there and dies without the checkpoint a close would make.
WAL_WRITER = """
import os, sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA journal_mode = WAL")
connection.execute("INSERT INTO entities (type) VALUES ('Ticket')")
eid = connection.execute("SELECT max(eid) FROM entities").fetchone()[0]
connection.execute("INSERT INTO cw_Ticket (cw_eid, cw_title, cw_priority, cw_cwuri) VALUES (?, 'wal', 1, '')", (eid,))
os._exit(0)
"""
