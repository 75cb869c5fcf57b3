"""The cubes' scripts in the ledger (erudi 2.31.0), on the forge application of the shared cube workspace
(tracker -> file, blog -> comment): `create` records them, a script added to a cube below its stored
version is unapplied (status, verify, upgrade's refusal, --include-unapplied), an edited one is changed,
a gone one is missing; mark-applied / mark-unapplied take cube scripts; an instance created before 2.31.0
upgrades into a ledger that has its cubes' scripts as baseline. SQLite and PostgreSQL."""
from __future__ import annotations

import json
import os
import shutil

from runtime_case import RuntimeCase, on_both_databases

WORKSPACE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "fixtures", "cubes"))


@on_both_databases
class CubeScriptsInTheLedger(RuntimeCase):
    def setUp(self):
        super().setUp()
        shutil.rmtree(self.app)
        self.workspace = os.path.join(self.tmp, "workspace")
        shutil.copytree(WORKSPACE, self.workspace)
        self.app = os.path.join(self.workspace, "forge")
        self.file_migration = os.path.join(self.workspace, "cubicweb-file", "cubicweb_file", "migration")
        self.tracker_migration = os.path.join(self.workspace, "cubicweb-tracker", "cubicweb_tracker", "migration")

    def records(self, component):
        return sorted((script, outcome) for script, outcome in self.rows(
            f"SELECT script, outcome FROM erudi_migration_log WHERE component = '{component}'"))

    def status(self):
        code, out, err = self.migrate("status", "--json")
        return code, json.loads(out)

    def test_create_records_the_cubes_scripts_and_status_reports_theirs(self):
        self.ok("create")
        self.assertEqual(self.records("cube:file"), [("1.9.0_Any.py", "created"), ("2.2.0_Any.py", "created")])
        self.assertEqual(self.records("cube:tracker"), [("1.14.0_Any.py", "created"), ("1.17.0_Any.py", "created"),
                                                        ("1.19.0_Any.py", "created")])
        self.assertEqual(self.migrate("verify")[0], 0)
        # A script added to the file cube below its stored version (2.3.0): unapplied, like the model's.
        with open(os.path.join(self.file_migration, "2.1.5_Any.py"), "w") as handle:
            handle.write("sql(\"UPDATE cw_File SET cw_data_name = 'x' WHERE 1 = 0\")\n")
        code, status = self.status()
        self.assertEqual(status["unapplied"], ["file:migration/2.1.5_Any.py"])
        code, out, err = self.migrate("verify")
        self.assertEqual(code, 1)
        self.assertIn("file:migration/2.1.5_Any.py: unapplied", out)
        self.assertIn("cube file's stored version", out)
        code, out, err = self.migrate("upgrade")
        self.assertEqual(code, 1)
        self.assertIn("file:migration/2.1.5_Any.py", err)
        out = self.ok("upgrade", "--include-unapplied", "--json")
        self.assertIn(("2.1.5_Any.py", "applied"), self.records("cube:file"))
        self.assertEqual(self.status()[1]["unapplied"], [])
        # An applied cube script edited afterwards: changed, with its component; mark-applied accepts it.
        edited = os.path.join(self.tracker_migration, "1.19.0_Any.py")
        with open(edited, "a") as handle:
            handle.write("# edited after it was applied\n")
        [changed] = self.status()[1]["changed"]
        self.assertEqual((changed["file"], changed["component"]), ("tracker:migration/1.19.0_Any.py", "cube:tracker"))
        code, out, err = self.migrate("verify")
        self.assertIn(f"erudi-migrate mark-applied {edited}", out)
        self.ok("mark-applied", edited)
        self.assertEqual(self.status()[1]["changed"], [])
        # A cube script that is gone: missing; mark-unapplied <cube>:<file> forgets it.
        os.unlink(os.path.join(self.file_migration, "1.9.0_Any.py"))
        [missing] = self.status()[1]["missing"]
        self.assertEqual((missing["script"], missing["component"]), ("1.9.0_Any.py", "cube:file"))
        self.assertIn("file:migration/1.9.0_Any.py was applied", self.ok("status"))
        self.ok("mark-unapplied", "file:1.9.0_Any.py")
        self.assertEqual(self.migrate("verify")[0], 0)
        self.assertEqual(self.migrate("mark-applied", "nocube:1.0.0_Any.py")[0], 1)

    def test_an_instance_from_before_2_31_gets_its_cubes_scripts_as_baseline(self):
        self.ok("create", "--framework-version", "2.30.0")
        self.assertEqual(self.records("cube:file"), [])
        code, status = self.status()
        self.assertEqual(status["unapplied"], [], "2.30.0's ledger keeps no cube scripts: none reported")
        self.ok("upgrade")
        self.assertEqual(self.records("cube:file"), [("1.9.0_Any.py", "baseline"), ("2.2.0_Any.py", "baseline")])
        self.assertEqual(self.migrate("verify")[0], 0)
