"""Upgrade, run, create and status on SQLite and PostgreSQL: order and selection of scripts, depends.map
interleaving with the framework's own steps, and safety (atomic steps, dry run, backup, lock, refusals)."""
import contextlib
import glob
import io
import json
import os
import subprocess
import sys
import time
import unittest

from runtime_case import PERSON, RuntimeCase, on_both_databases
from erudi_migrate import __version__ as ERUDI
from erudi_migrate.framework import framework_scripts
from erudi_migrate.versions import Version

# the framework steps after 2.28.0 that an upgrade from there runs last (2.29.0: the core schema, ...)
AFTER_2_28 = [("framework", str(v)) for v in sorted({s.version for s in framework_scripts()}) if v > Version(2, 28, 0)]

PROJECT = PERSON + """
class Project(EntityType):
    title = String()
    members = SubjectRelation('Person')
"""


def events(out):
    return [json.loads(line) for line in out.splitlines() if line.strip()]


@on_both_databases
class UpgradeSteps(RuntimeCase):
    def test_scripts_run_in_version_then_byte_order_filtered_by_instance_kind(self):
        scripts = {name: f"print({name!r})\n" for name in (
            "0.2.0_web.py", "0.2.0_repository.py", "0.2.0_common.py", "0.2.0_Any.py", "0.2.0_add_age_Any.py",
            "0.3.0_Any.py", "0.4.0_Any.py")}
        cases = [
            ("all-in-one", ["0.2.0_Any.py", "0.2.0_add_age_Any.py", "0.2.0_common.py", "0.2.0_repository.py",
                            "0.2.0_web.py", "0.3.0_Any.py"]),
            ("repository", ["0.2.0_Any.py", "0.2.0_add_age_Any.py", "0.2.0_common.py", "0.2.0_repository.py",
                            "0.3.0_Any.py"]),
            ("web", ["0.2.0_common.py", "0.2.0_web.py"]),
        ]
        for kind, expected in cases:
            with self.subTest(kind=kind):
                self.setUp()
                self.application(PERSON, "0.1.0", {"0.1.0_Any.py": "print('0.1.0_Any.py')\n"})
                self.ok("create")  # 0.1.0_Any.py is part of the created instance: never run
                self.application(PERSON, "0.3.0", scripts)
                out = self.ok("upgrade", "--no-backup", "--json", "--instance-kind", kind)
                ran = [e["text"] for e in events(out) if e["event"] == "output"]
                self.assertEqual(ran, expected)
                self.assertEqual(self.rows("SELECT version FROM erudi_versions WHERE component = 'model'"), [("0.3.0",)])

    def test_status_json(self):
        self.create(PERSON, "0.1.0")
        self.application(PERSON, "0.3.0", {"0.2.0_Any.py": "", "0.3.0_web.py": "", "0.1.0_Any.py": "",
                                           "0.4.0_Any.py": "", "notes.py": ""})
        status = json.loads(self.ok("status", "--json"))
        self.assertEqual(status["stored"], {"model": "0.1.0", "erudi": ERUDI})
        self.assertEqual(status["installed"], {"model": "0.3.0", "erudi": ERUDI})
        self.assertEqual(status["pending"], ["migration/0.2.0_Any.py", "migration/0.3.0_web.py"])
        # written after `create`, at the stored version: the ledger lacks it (test_ledger.py says more)
        self.assertEqual(status["unapplied"], ["migration/0.1.0_Any.py"])

    def test_status_of_a_database_without_instance(self):
        self.application(PERSON, "0.1.0")
        status = json.loads(self.ok("status", "--json"))
        self.assertIsNone(status["stored"])
        if self.db_path:
            self.assertFalse(os.path.exists(self.db_path), "status must not create the database file")

    def test_sql_scripts_run_statement_by_statement(self):
        self.create(PERSON, "0.1.0")
        self.application(PERSON, "0.2.0", {"0.2.0_Any.sql": """
            -- a comment; with a semicolon
            INSERT INTO entities (type) VALUES ('Company');
            /* block; comment */ UPDATE entities SET type = 'Company' WHERE type = 'it''s; quoted';
            INSERT INTO cw_Company (cw_eid, cw_name) SELECT MAX(eid), 'a;b' FROM entities
        """})
        out = self.ok("upgrade", "--no-backup", "--json")
        self.assertEqual(len([e for e in events(out) if e["event"] == "sql" and "entities" in e["sql"]
                              and "erudi" not in e["sql"]]), 3)
        self.assertEqual(self.rows("SELECT cw_name FROM cw_Company"), [("a;b",)])

    def test_create_then_upgrade_adds_what_scripts_say(self):
        self.create(PERSON, "0.1.0")
        self.application(PROJECT, "0.2.0", {"0.2.0_Any.py": "add_entity_type('Project')\n"})
        self.ok("upgrade", "--no-backup")
        self.assertIn("cw_project", self.tables())
        log = self.rows("SELECT component, version, script FROM erudi_migration_log WHERE component = 'model'")
        self.assertEqual(log, [("model", "0.2.0", "0.2.0_Any.py")])


@on_both_databases
class DependsMapInterleaving(RuntimeCase):
    def test_framework_and_model_steps_interleave_as_the_map_says(self):
        self.create(PERSON, "0.12.0", "--framework-version", "2.26.0")
        self.assertNotIn("erudi_migration_log", self.tables())
        probe = ("cols = [c.name.lower() for c in repo.dialect.columns(repo.db, 'erudi_migration_log')]\n"
                 "print(applerudiversion, 'duration_ms' in cols)\n")
        self.application(PERSON, "0.15.0", {"0.13.0_Any.py": probe, "0.14.0_Any.py": probe, "0.15.0_Any.py": probe},
                         depends="# model : erudi\n0.12.0: 2.26.0\n0.13.0 : 2.27.0\n0.15.0:2.28.0\n")
        out = self.ok("upgrade", "--no-backup", "--json")
        steps = [(e["kind"], e["version"]) for e in events(out) if e["event"] == "step"]
        self.assertEqual(steps, [("framework", "2.27.0"), ("model", "0.13.0"), ("model", "0.14.0"),
                                 ("framework", "2.28.0"), ("model", "0.15.0")] + AFTER_2_28)
        # 0.13 and 0.14 ran on the 2.27 log table (no duration yet), 0.15 on the 2.28 one.
        self.assertEqual([e["text"] for e in events(out) if e["event"] == "output"],
                         ["2.26.0 False", "2.26.0 False", "2.26.0 True"])
        self.assertEqual(dict(self.rows("SELECT component, version FROM erudi_versions")),
                         {"model": "0.15.0", "erudi": ERUDI})

    def test_an_old_framework_upgraded_has_the_layout_of_a_new_one(self):
        def system_tables():
            return {name: sorted(self.columns(name).items()) for name in self.tables() if not name.startswith("cw_")}
        self.create(PERSON, "0.1.0")
        fresh = system_tables()
        self.setUp()
        self.create(PERSON, "0.1.0", "--framework-version", "2.26.0")
        self.ok("upgrade", "--no-backup")
        self.assertEqual(system_tables(), fresh)

    def test_without_a_map_the_framework_goes_last(self):
        self.create(PERSON, "0.1.0", "--framework-version", "2.26.0")
        self.application(PERSON, "0.2.0", {"0.2.0_Any.py": ""})
        out = self.ok("upgrade", "--no-backup", "--json")
        self.assertEqual([(e["kind"], e["version"]) for e in events(out) if e["event"] == "step"],
                         [("model", "0.2.0"), ("framework", "2.27.0"), ("framework", "2.28.0")] + AFTER_2_28)

    def test_a_map_needing_a_newer_framework_is_refused_before_anything_runs(self):
        self.create(PERSON, "0.1.0", "--framework-version", "2.27.0")
        before = self.dump()
        self.application(PERSON, "0.3.0", {"0.2.0_Any.py": "add_attribute('Person', 'x', 'Int')\n", "0.3.0_Any.py": ""},
                         depends="0.3.0: 3.1.0\n")
        code, _, err = self.migrate("upgrade")
        self.assertEqual(code, 1)
        self.assertIn("model version 0.3.0 needs erudi 3.1.0 (depends.map line 1)", err)
        self.assertEqual(self.dump(), before)
        if self.db_path:
            self.assertEqual(glob.glob(self.db_path + ".*.bak"), [])

    def test_a_bad_depends_map_line_is_reported(self):
        self.create(PERSON, "0.1.0")
        self.application(PERSON, "0.2.0", depends="0.2: 2.27.0\n")
        self.assertIn("depends.map:1: line 1: '0.2: 2.27.0'", self.migrate("upgrade")[2])


@on_both_databases
class Safety(RuntimeCase):
    STATEMENTS = [
        "add_attribute('Person', 'email', 'String')",
        "sqlexec(\"UPDATE cw_Person SET cw_email = 'x@y'\", ask_confirm=False)",
        "add_entity_type('Project')",
        "drop_attribute('Person', 'age')",
        "rename_attribute('Person', 'name', 'label')",
        "sqlexec('DELETE FROM entities', ask_confirm=False)",
        "drop_entity_type('Company')",
    ]

    def setUp(self):
        super().setUp()
        self.create(PERSON, "0.1.0")
        self.insert("Person", name="ann", age=3)
        self.insert("Company", name="acme")

    def test_failing_at_every_statement_leaves_the_database_as_before(self):
        before = self.dump()
        for stop in range(len(self.STATEMENTS) + 1):
            body = "\n".join(self.STATEMENTS[:stop] + ["raise RuntimeError('stop here')"]) + "\n"
            for command in ("upgrade", "run"):
                with self.subTest(stop=stop, command=command):
                    self.application(PROJECT, "0.2.0", {"0.2.0_Any.py": body})
                    if command == "upgrade":
                        code, out, err = self.migrate("upgrade", "--no-backup", "--json")
                    else:
                        code, out, err = self.migrate("run", os.path.join(self.app, "migration", "0.2.0_Any.py"), "--json")
                    self.assertEqual(code, 1)
                    error = [e for e in events(out) if e["event"] == "error"][0]
                    self.assertEqual((error["line"], error["message"]), (stop + 1, "RuntimeError: stop here"))
                    self.assertTrue(error["file"].endswith("0.2.0_Any.py"))
                    self.assertEqual(events(out)[-1], {"event": "done", "status": "rolled-back"})
                    self.assertEqual(self.dump(), before)

    def test_exit_in_a_script_is_a_failure(self):
        before = self.dump()
        _, _, err = self.run_failing("add_attribute('Person', 'x', 'Int')\nimport sys\nsys.exit(0)\n")
        self.assertIn("9.9.9_scratch_Any.py:3: the script called exit(0)", err)
        self.assertEqual(self.dump(), before)

    def test_a_failing_statement_itself_rolls_back(self):
        before = self.dump()
        self.application(PROJECT, "0.2.0", {"0.2.0_Any.sql": "INSERT INTO entities (type) VALUES ('Person');\n"
                                                             "INSERT INTO no_such_table VALUES (1);\n"})
        code, _, err = self.migrate("upgrade", "--no-backup")
        self.assertEqual(code, 1)
        self.assertIn("0.2.0_Any.sql:2: database error:", err)
        self.assertEqual(self.dump(), before)

    def test_each_step_commits_with_its_version(self):
        self.application(PROJECT, "0.3.0", {"0.2.0_Any.py": "add_entity_type('Project')\n",
                                            "0.3.0_Any.py": "add_attribute('Person', 'x', 'Int')\n1/0\n"})
        self.assertEqual(self.migrate("upgrade", "--no-backup")[0], 1)
        self.assertEqual(self.rows("SELECT version FROM erudi_versions WHERE component = 'model'"), [("0.2.0",)])
        self.assertIn("cw_project", self.tables())
        self.assertNotIn("cw_x", self.columns("cw_Person"))

    def test_dry_run_changes_nothing(self):
        before = self.dump()
        self.application(PROJECT, "0.3.0", {"0.2.0_Any.py": "\n".join(self.STATEMENTS[:4]) + "\ncheckpoint()\n",
                                            "0.3.0_Any.py": "add_attribute('Person', 'y', 'Int')\n"})
        out = self.ok("upgrade", "--dry-run", "--json")
        self.assertEqual(events(out)[-1], {"event": "done", "status": "dry-run"})
        self.assertEqual(self.dump(), before)
        out = self.ok("run", os.path.join(self.app, "migration", "0.2.0_Any.py"), "--dry-run", "--json")
        self.assertEqual(self.dump(), before)
        if self.db_path:
            self.assertEqual(glob.glob(self.db_path + ".*.bak"), [])

    def test_run_finds_the_application_from_the_script_path(self):
        from erudi_migrate.cli import main
        self.write("migration/9.9.9_probe_Any.py", "add_attribute('Person', 'probe', 'Int')\n")
        script = os.path.join(self.app, "migration", "9.9.9_probe_Any.py")
        cwd = os.getcwd()
        os.chdir(os.path.dirname(self.app))  # anywhere but the application: no --app given
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()) as err:
                code = main(["run", script, "--db", self.url, "--non-interactive"])
        finally:
            os.chdir(cwd)
        self.assertEqual(code, 0, err.getvalue())
        self.assertIn("cw_probe", self.columns("cw_Person"))

    def test_run_is_one_transaction_and_checkpoint_commits(self):
        _, _, err = self.run_failing("add_attribute('Person', 'a', 'Int')\ncheckpoint()\n"
                                     "add_attribute('Person', 'b', 'Int')\nx = 1\nadd_attribute('Nope', 'c', 'Int')\n")
        self.assertIn("9.9.9_scratch_Any.py:5: entity type 'Nope' is not in the database", err)
        columns = self.columns("cw_Person")
        self.assertIn("cw_a", columns)
        self.assertNotIn("cw_b", columns)

    def test_a_database_newer_than_the_code_is_refused(self):
        cases = [("UPDATE erudi_versions SET version = '0.9.0' WHERE component = 'model'", "newer than the code"),
                 ("UPDATE erudi_versions SET version = '9.0.0' WHERE component = 'erudi'", "newer than this runtime")]
        for sql, message in cases:
            with self.subTest(message=message):
                db = self.database()
                db.begin()
                db.execute(sql)
                db.commit()
                code, _, err = self.migrate("upgrade")
                self.assertEqual(code, 1)
                self.assertIn(message, err)
                db.begin()
                db.execute("UPDATE erudi_versions SET version = CASE component WHEN 'model' THEN '0.1.0' ELSE '%s' END" % ERUDI)
                db.commit()

    def test_the_context_names_of_a_repository_script(self):
        self.application(PROJECT, "0.2.0")
        p = "?" if self.backend == "sqlite" else "%s"
        out = self.run_script(
            "print(appltemplversion, applerudiversion, templversion, erudiversion, interactive_mode, _('text'))\n"
            "print('Person' in repo_schema.entities, 'Project' in repo_schema.entities, 'Project' in newschema.entities)\n"
            f"sqlcursor.execute('SELECT COUNT(*) FROM cw_Person WHERE cw_age > {p}', (1,))\n"
            "print(sqlcursor.fetchone()[0], repo.schema is repo_schema, repo.dialect.name)\n"
            "print(confirm('ok?'))\n", "--json")
        texts = [e["text"] for e in events(out) if e["event"] == "output"]
        self.assertEqual(texts, [f"0.1.0 {ERUDI} 0.2.0 {ERUDI} False text", "True False True",
                                 f"1 True {self.backend}", "True"])
        self.assertIn({"event": "sql", "sql": f"SELECT COUNT(*) FROM cw_Person WHERE cw_age > {p}", "params": [1]},
                      events(out))

    def test_status_explains_why_an_upgrade_would_refuse(self):
        self.application(PERSON, "0.0.9")
        code, out, _ = self.migrate("status", "--json")
        self.assertEqual(code, 1)  # blocked: not "up to date"
        status = json.loads(out)
        self.assertEqual(status["stored"]["model"], "0.1.0")
        self.assertIn("newer than the code", status["blocked"])

    def test_web_and_common_scripts_do_not_see_repository_names(self):
        for mode in ("web", "common"):
            with self.subTest(mode=mode):
                path = self.write(f"scratch/0.1.0_{mode}.py", "print(templversion, interactive_mode)\nadd_attribute('Person', 'x', 'Int')\n")
                code, out, err = self.migrate("run", path)
                self.assertEqual(code, 1)
                self.assertIn("0.1.0 False", out)
                self.assertIn(f"0.1.0_{mode}.py:2: add_attribute is only available in 'Any' or 'repository' scripts "
                              f"(repository side), and this is a '{mode}' script; move this code to a script whose file "
                              f"name ends in _Any.py, or remove it\n    add_attribute('Person', 'x', 'Int')\n    ^", err)

    def test_sigterm_rolls_back(self):
        import signal
        self.application(PERSON, "0.2.0", {"0.2.0_Any.py": "add_attribute('Person', 'x', 'Int')\nprint('ready', flush=True)\n"
                                                            "import time\ntime.sleep(30)\n"})
        before = self.dump()
        process = self.subprocess("upgrade", "--no-backup", "--json")
        for line in process.stdout:
            if '"ready"' in line:
                break
        process.send_signal(signal.SIGTERM)
        out, _ = process.communicate(timeout=30)
        self.assertEqual(process.returncode, 130)
        self.assertEqual(json.loads(out.splitlines()[-1]), {"event": "done", "status": "rolled-back"})
        self.assertEqual(self.dump(), before)

    def test_create_refuses_an_existing_instance(self):
        code, out, err = self.migrate("create", "--json")
        self.assertEqual(code, 1)
        self.assertIn("already holds an instance (model 0.1.0)", err)
        self.assertIn("already holds an instance", [e for e in events(out) if e["event"] == "error"][0]["message"])

    def test_a_second_concurrent_upgrade_fails_at_once(self):
        # The first upgrade's script holds the lock until the test lets it go: the second must fail while it still runs
        # (it did not wait for the lock), whatever the machine's load.
        release = os.path.join(self.tmp, "release-the-first-upgrade")
        self.application(PERSON, "0.2.0", {"0.2.0_Any.py": f"import os, time\nwhile not os.path.exists({release!r}):\n"
                                                          "    time.sleep(0.05)\n"})
        first = self.subprocess("upgrade", "--no-backup")
        self.addCleanup(first.wait)
        self.addCleanup(lambda: open(release, "w").close())
        self.assertTrue(first.stdout.readline().startswith("upgrade"))  # it holds the lock now
        second = self.subprocess("upgrade", "--no-backup")
        _, err = second.communicate(timeout=60)
        self.assertEqual(second.returncode, 1)
        self.assertIsNone(first.poll(), "the second upgrade returned while the first still held the lock")
        self.assertIn("another migration is running", err)
        open(release, "w").close()
        first.communicate(timeout=60)
        self.assertEqual(first.returncode, 0)

    def test_confirm_in_json_mode_reads_the_answer_on_stdin(self):
        path = self.write("scratch/0.1.0_ask_Any.py", "print(confirm('Drop it?'))\nprint(confirm('Sure?'))\n")
        out = self.ok("run", path, "--json", "--interactive",
                      stdin='{"id": 1, "answer": false}\n{"id": 2, "answer": true}\n')
        seen = [(e["event"], e.get("question") or e.get("text")) for e in events(out) if e["event"] in ("confirm", "output")]
        self.assertEqual(seen, [("confirm", "Drop it?"), ("output", "False"), ("confirm", "Sure?"), ("output", "True")])
        out = self.ok("run", path, "--json")  # --non-interactive: always True, no question
        self.assertEqual([e["text"] for e in events(out) if e["event"] == "output"], ["True", "True"])

    def test_confirm_asks_on_a_terminal(self):
        import pty
        path = self.write("scratch/0.1.0_ask_Any.py", "print(interactive_mode, confirm('Drop it?'), confirm('Sure?'))\n")
        for answers, expected in [("n\ny\n", "True False True"), ("yes\nno\n", "True True False")]:
            with self.subTest(answers=answers):
                master, slave = pty.openpty()
                env = dict(os.environ, PYTHONPATH=os.path.dirname(os.path.dirname(os.path.abspath(
                    __import__("erudi_migrate").__file__))))
                process = subprocess.Popen([sys.executable, "-m", "erudi_migrate", "run", path, "--app", self.app,
                                            "--db", self.url], stdin=slave, stdout=subprocess.PIPE,
                                           stderr=subprocess.PIPE, text=True, env=env)
                os.close(slave)
                os.write(master, answers.encode())
                out, err = process.communicate(timeout=30)
                os.close(master)
                self.assertEqual(process.returncode, 0, err)
                self.assertIn(expected, out)
                self.assertIn("Drop it? [Y/n/abort]", err)  # CubicWeb's confirm: default 'y', abort offered

    def test_json_events(self):
        self.application(PERSON, "0.2.0", {"0.2.0_Any.py": "print('hello')\nadd_attribute('Person', 'x', 'Int')\n"})
        found = events(self.ok("upgrade", "--no-backup", "--json"))
        kinds = [e["event"] for e in found]
        self.assertEqual(kinds[0], "start")
        self.assertEqual(found[0]["command"], "upgrade")
        self.assertEqual(found[0]["db"], self.url)
        self.assertIn({"event": "step", "kind": "model", "version": "0.2.0"}, found)
        script = [e for e in found if e["event"] == "script"][0]
        self.assertEqual((script["version"], script["mode"]), ("0.2.0", "Any"))
        self.assertTrue(os.path.isabs(script["file"]))
        self.assertIn({"event": "output", "text": "hello"}, found)
        self.assertTrue(any(e["event"] == "sql" and "ADD COLUMN cw_x" in e["sql"] for e in found))
        self.assertEqual(found[-1], {"event": "done", "status": "committed"})


class SqliteOnly(RuntimeCase, unittest.TestCase):
    backend = "sqlite"

    def test_upgrade_backs_up_the_file_first(self):
        self.create(PERSON, "0.1.0")
        self.application(PERSON, "0.2.0", {"0.2.0_Any.py": "add_attribute('Person', 'x', 'Int')\n"})
        out = self.ok("upgrade")
        backups = glob.glob(self.db_path + ".*.bak")
        self.assertEqual(len(backups), 1)
        self.assertIn(f"backup: {backups[0]}", out)
        import sqlite3
        with sqlite3.connect(backups[0]) as backup:
            self.assertEqual(backup.execute("SELECT version FROM erudi_versions WHERE component = 'model'").fetchall(),
                             [("0.1.0",)])
        self.application(PERSON, "0.3.0", {"0.3.0_Any.py": ""})
        self.ok("upgrade", "--no-backup")
        self.assertEqual(len(glob.glob(self.db_path + ".*.bak")), 1)

    def test_refusals_are_one_line(self):
        self.application(PERSON, "0.1.0")
        with open(self.db_path, "w") as handle:
            handle.write("not a database")
        cases = [(("status",), "database error: file is not a database"),
                 (("upgrade",), "database error: file is not a database"),
                 (("upgrade", "--app", os.path.join(self.tmp, "nowhere")), "no __pkginfo__.py in"),
                 (("run", os.path.join(self.tmp, "missing_Any.py")), "no such script"),
                 (("upgrade", "--db", "mysql://x"), "unsupported database URL")]
        for args, message in cases:
            with self.subTest(args=args):
                code, out, err = self.migrate(*args)
                self.assertEqual(code, 1)
                self.assertEqual(len(err.strip().splitlines()), 1, err)
                self.assertIn(message, err)

    def test_urls(self):
        from erudi_migrate.errors import MigrationError
        from erudi_migrate.urls import DatabaseUrl
        cases = [("sqlite:///rel/x.db", ("sqlite", os.path.abspath("/base/rel/x.db"))),
                 ("sqlite:////abs/x.db", ("sqlite", "/abs/x.db")),
                 ("postgresql://me@host:5433/db", ("postgresql", None))]
        for url, (kind, path) in cases:
            with self.subTest(url=url):
                parsed = DatabaseUrl.parse(url, "/base")
                self.assertEqual((parsed.kind, parsed.path), (kind, path))
        for url, message in [("postgresql://me:secret@host/db", "set PGPASSWORD"), ("mysql://x", "unsupported"),
                             ("sqlite:///", "no file")]:
            with self.subTest(url=url):
                with self.assertRaises(MigrationError) as caught:
                    DatabaseUrl.parse(url)
                self.assertIn(message, str(caught.exception))
                self.assertNotIn("secret", str(caught.exception))


if __name__ == "__main__":
    unittest.main()
