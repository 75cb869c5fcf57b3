"""Locks on SQLite and PostgreSQL: the same database through a symlink, a hard link, `..` or another URL
spelling is locked once; a dry run leaves no file; a lock left by a killed process is taken over."""
import glob
import os
import signal
import socket
import subprocess
import sys
import time
import unittest

from runtime_case import PERSON, RuntimeCase, on_both_databases

from erudi_migrate.database import Database  # noqa: E402
from erudi_migrate.dialects.postgresql import LOCK_KEY  # noqa: E402
from erudi_migrate.events import EventSink  # noqa: E402
from erudi_migrate.urls import DatabaseUrl  # noqa: E402


@on_both_databases
class Locks(RuntimeCase):
    def setUp(self):
        super().setUp()
        self.create(PERSON, "0.1.0")
        self.application(PERSON, "0.2.0", {"0.2.0_Any.py": "sqlexec(\"INSERT INTO entities (type) VALUES ('Person')\")\n"})

    def other_spellings(self):
        if self.backend == "sqlite":
            link = os.path.join(self.tmp, "link.db")
            os.symlink(self.db_path, link)
            hard = os.path.join(self.tmp, "sub", "hard.db")
            os.makedirs(os.path.dirname(hard))
            os.link(self.db_path, hard)
            dotdot = os.path.join(self.tmp, "sub", "..", "instance.db")
            return ["sqlite:///" + link, "sqlite:///" + hard, "sqlite:///" + dotdot]
        scheme, rest = self.url.split("://", 1)
        return ["postgres://" + rest, self.url + ("&" if "?" in self.url else "?") + "connect_timeout=10"]

    def hold_lock(self):
        db = Database(DatabaseUrl.parse(self.url), EventSink())
        token = db.dialect.lock(db, db.url)
        return db, token

    def test_the_same_database_by_another_path_or_url_is_locked_once(self):
        for url in self.other_spellings():
            with self.subTest(url=url):
                db, token = self.hold_lock()
                try:
                    process = subprocess.run([sys.executable, "-m", "erudi_migrate", "upgrade", "--app", self.app,
                                              "--db", url, "--no-backup", "--non-interactive"],
                                             env=dict(os.environ, PYTHONPATH=os.path.join(os.path.dirname(__file__), "..", "..", "runtime")),
                                             capture_output=True, text=True, timeout=60)
                    self.assertEqual(process.returncode, 1, process.stdout + process.stderr)
                    self.assertIn("another migration is running", process.stderr)
                finally:
                    db.dialect.unlock(db, token)
                    db.close()
        self.assertEqual(self.rows("SELECT version FROM erudi_versions WHERE component = 'model'"), [("0.1.0",)])

    def test_a_dry_run_and_an_upgrade_leave_no_lock_file(self):
        self.ok("upgrade", "--dry-run")
        self.ok("upgrade", "--no-backup")
        if self.db_path:
            self.assertEqual(sorted(os.listdir(self.tmp)), ["app", "instance.db"])

    def test_a_killed_upgrade_leaves_no_lock_behind(self):
        self.write("migration/0.2.0_Any.py", "import time\nprint('started', flush=True)\ntime.sleep(30)\n")
        first = self.subprocess("upgrade", "--no-backup")
        while "started" not in first.stdout.readline():
            pass
        first.send_signal(signal.SIGKILL)
        first.communicate(timeout=30)
        self.write("migration/0.2.0_Any.py", "print('again')\n")
        self.assertIn("again", self.ok("upgrade", "--no-backup"))

    def test_a_stale_lock_is_taken_over_with_a_notice(self):
        if self.backend == "sqlite":
            # what earlier runtimes left beside the database
            with open(self.db_path + ".erudi-lock", "w"):
                pass
        else:
            # a killed process whose server session lingers: named as the runtime names its sessions
            dead = subprocess.Popen(["true"])
            dead.wait()
            import psycopg
            lingering = psycopg.connect(self.url, autocommit=True)
            self.addCleanup(lingering.close)
            lingering.execute("SELECT set_config('application_name', %s, false)",
                              (f"erudi-migrate {socket.gethostname()} {dead.pid}",))
            self.assertTrue(lingering.execute("SELECT pg_try_advisory_lock(%s)", (LOCK_KEY,)).fetchone()[0])
        out = self.ok("upgrade", "--no-backup")
        self.assertIn("notice: ", out)
        self.assertIn("stale", out)
        self.assertEqual(self.rows("SELECT version FROM erudi_versions WHERE component = 'model'"), [("0.2.0",)])
        if self.db_path:
            self.assertEqual(glob.glob(self.db_path + ".erudi-lock"), [])

    def test_a_live_holder_is_named(self):
        if self.backend == "sqlite":
            db, token = self.hold_lock()
            self.addCleanup(db.close)
            code, _, err = self.migrate("upgrade", "--no-backup")
            db.dialect.unlock(db, token)
        else:
            db, token = self.hold_lock()
            self.addCleanup(db.close)
            code, _, err = self.migrate("upgrade", "--no-backup")
            self.assertIn(f"erudi-migrate {socket.gethostname()} {os.getpid()}", err)
        self.assertEqual(code, 1)
        self.assertIn("another migration is running", err)


if __name__ == "__main__":
    unittest.main()
