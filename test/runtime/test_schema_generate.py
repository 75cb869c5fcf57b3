"""`erudi-migrate generate`: the script's name and version, its primitives in a working order (drops last and
guarded, renames with their alternative), numversion raised keeping the file's layout, --dry-run, the
shared cube workspace; the script applied leaves no difference; the database is never written."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import unittest

from runtime_case import RuntimeCase, on_both_databases
from test_schema_diff import SCHEMA_A, SCHEMA_B, event

WORKSPACE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "fixtures", "cubes"))


@on_both_databases
class GenerateTest(RuntimeCase):
    def generated(self, *extra: str):
        return event(self.ok("generate", "--json", *extra), "generated")

    def test_the_script_applied_leaves_no_difference(self):
        self.create(SCHEMA_A)
        self.application(SCHEMA_B)
        result = self.generated("--description", "Plan milestones")
        self.assertEqual(result["version"], "0.1.1")
        self.assertEqual(result["path"], os.path.join(self.app, "migration", "0.1.1_plan_milestones_Any.py"))
        self.assertEqual((result["numversion"], result["needsNumversion"], result["numversionRaised"]),
                         ("0.1.0", True, False))
        self.assertEqual(result["changes"], 7)
        with open(result["path"], encoding="utf-8") as handle:
            self.assertEqual(handle.read(), result["text"])
        self.write("__pkginfo__.py", "numversion = (0, 1, 1)\n")
        self.assertEqual(event(self.ok("diff", "--json", "--after-pending", "--exit-code"), "diff")["changes"], [])
        self.ok("upgrade", "--no-backup")
        self.assertEqual(event(self.ok("diff", "--json", "--exit-code"), "diff")["changes"], [])
        self.assertEqual(self.persisted().attribute("Project", "name").props["maxsize"], 128)

    def test_primitives_come_in_a_working_order(self):
        self.create(SCHEMA_A)
        self.application(SCHEMA_B)
        lines = self.generated("--dry-run")["text"].splitlines()
        calls = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith(("#", '"'))
                 and not line.startswith(("Written", "scripts)"))]
        self.assertEqual(calls, [
            "add_entity_type('Milestone')",
            "add_attribute('Project', 'budget')",
            "add_relation_type('blocks')",
            "sync_schema_props_perms(('Project', 'name', 'String'))",
            "sync_schema_props_perms(('Ticket', 'concerns', 'Project'))",
            "sync_schema_props_perms('Project', syncrdefs=False)",
            "if confirm('Drop attribute Ticket.done and its values?'):",
            "drop_attribute('Ticket', 'done')",
        ])

    def test_a_rename_keeps_the_drop_and_add_in_a_comment(self):
        self.create(SCHEMA_A)
        self.application(SCHEMA_A.replace("class Project(", "class Product(").replace("'Project'", "'Product'")
                         .replace("done = Boolean", "finished = Boolean"))
        text = self.generated("--raise-numversion")["text"]
        self.assertIn("\nrename_entity_type('Project', 'Product')\n", text)
        self.assertIn("#     add_entity_type('Product')\n#     if confirm('Drop entity type Project and all its "
                      "entities?'):\n#         drop_entity_type('Project')\n", text)
        self.assertIn("\nrename_attribute('Ticket', 'done', 'finished')\n", text)
        self.assertNotIn("\ndrop_", text)
        self.insert("Project", name="kept")  # the rename keeps the rows
        self.ok("upgrade", "--no-backup")
        self.assertEqual(self.rows("SELECT cw_name FROM cw_Product"), [("kept",)])
        self.assertEqual(event(self.ok("diff", "--json"), "diff")["changes"], [])

    def test_numversion_is_raised_keeping_the_layout(self):
        self.create(SCHEMA_A)
        self.application(SCHEMA_B)
        pkginfo = ("# -*- coding: utf-8 -*-\r\n\"\"\"the app\"\"\"\r\nnumversion = (\r\n    0,  1 ,\r\n    0x0,  # patch\r\n)"
                   "\r\nversion = '.'.join(str(num) for num in numversion)\r\n")
        with open(os.path.join(self.app, "__pkginfo__.py"), "w", encoding="utf-8", newline="") as handle:
            handle.write(pkginfo)
        result = self.generated("--raise-numversion")
        self.assertEqual((result["numversion"], result["numversionRaised"], result["needsNumversion"]),
                         ("0.1.1", True, True))
        with open(os.path.join(self.app, "__pkginfo__.py"), encoding="utf-8", newline="") as handle:
            self.assertEqual(handle.read(), pkginfo.replace("0x0,", "1,"))
        self.ok("upgrade", "--no-backup")
        self.assertEqual(event(self.ok("diff", "--json"), "diff")["changes"], [])

    def test_dry_run_writes_nothing(self):
        self.create(SCHEMA_A)
        self.application(SCHEMA_B)
        result = self.generated("--dry-run", "--raise-numversion")
        self.assertIsNone(result["path"])
        self.assertFalse(result["numversionRaised"])
        self.assertIn("add_entity_type('Milestone')", result["text"])
        self.assertEqual(os.listdir(os.path.join(self.app, "migration")), [])
        with open(os.path.join(self.app, "__pkginfo__.py"), encoding="utf-8") as handle:
            self.assertEqual(handle.read(), "numversion = (0, 1, 0)\n")
        self.assertIn("(dry run, not written)", self.ok("generate", "--dry-run"))

    def test_no_difference_writes_no_script(self):
        self.create(SCHEMA_A)
        result = self.generated()
        self.assertEqual((result["path"], result["changes"], result["text"]), (None, 0, ""))
        self.assertIn("no differences", self.ok("generate"))
        self.assertEqual(os.listdir(os.path.join(self.app, "migration")), [])

    def test_the_version_is_above_every_script_and_covers_what_they_do_not(self):
        self.create(SCHEMA_A)
        self.application(SCHEMA_B, "0.3.0", scripts={
            "0.2.0_budget_Any.py": "add_attribute('Project', 'budget')\n",
            "0.3.0_milestones_Any.py": "add_entity_type('Milestone')\n"})
        result = self.generated()
        self.assertEqual(result["version"], "0.3.1")
        self.assertEqual(result["changes"], 5)
        self.assertNotIn("add_attribute('Project', 'budget')", result["text"])
        self.assertNotIn("add_entity_type('Milestone')", result["text"])
        self.assertTrue(result["needsNumversion"])

    def test_a_script_above_numversion_is_counted_as_coming_first(self):
        # Written by hand without raising numversion: upgrade skips it today, but it runs before the new script.
        self.create(SCHEMA_A)
        self.application(SCHEMA_B, "0.1.0", scripts={"0.2.0_budget_Any.py": "add_attribute('Project', 'budget')\n"})
        before = self.dump()
        result = self.generated("--raise-numversion")
        self.assertEqual(result["version"], "0.2.1")
        self.assertNotIn("budget", result["text"])
        self.assertEqual(self.dump(), before)  # generate never writes to the database
        self.ok("upgrade", "--no-backup")
        self.assertEqual(event(self.ok("diff", "--json"), "diff")["changes"], [])

    def test_refusals_come_before_anything_is_written(self):
        self.application(SCHEMA_A)
        code, out, err = self.migrate("generate", "--json")
        self.assertEqual(code, 1)
        self.assertIn("run `create` first" if self.backend == "sqlite" else "holds no instance", err)
        self.assertEqual(event(out, "error")["event"], "error")
        self.create(SCHEMA_A, "0.3.0")
        self.application(SCHEMA_B, "0.2.0")
        code, _, err = self.migrate("generate")
        self.assertEqual(code, 1)
        self.assertIn("newer than the code", err)
        self.write("schema.py", "from yams.buildobjs import *\n\nclass Ticket(EntityType)\n    pass\n")
        code, out, err = self.migrate("generate", "--json")
        self.assertEqual((event(out, "error")["file"], event(out, "error")["line"]),
                         (os.path.join(self.app, "schema.py"), 3))
        self.assertEqual(os.listdir(os.path.join(self.app, "migration")), [])


@on_both_databases
class GenerateOnCubesTest(RuntimeCase):
    """The forge application of the shared workspace: its schema.py and a cube it depends on both change."""

    def setUp(self):
        super().setUp()
        shutil.rmtree(self.app)
        workspace = os.path.join(self.tmp, "workspace")
        shutil.copytree(WORKSPACE, workspace)
        self.app = os.path.join(workspace, "forge")
        self.ticket_py = os.path.join(workspace, "cubicweb-tracker", "cubicweb_tracker", "schema", "ticket.py")

    def edit(self, path, old, new):
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        self.assertIn(old, text)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text.replace(old, new, 1))

    def test_changes_in_the_application_and_in_a_cube(self):
        self.ok("create")
        self.assertEqual(event(self.ok("diff", "--json", "--exit-code"), "diff")["changes"], [])
        schema_py = os.path.join(self.app, "schema.py")
        self.edit(schema_py, "    url = String(maxsize=256)\n",
                  "    url = String(maxsize=512)\n    spdx_id = String(maxsize=32, indexed=True)\n")
        self.edit(self.ticket_py, "    private = Boolean(default=False)\n",
                  "    private = Boolean(default=False)\n    severity = Int(default=3)\n")
        self.edit(self.ticket_py, "from yams.buildobjs import (EntityType, String,",
                  "from yams.buildobjs import (EntityType, String, Int,")
        code, out, _ = self.migrate("diff", "--json", "--exit-code")
        self.assertEqual(code, 1)
        changes = {(c["kind"], c["subject"], c["property"]): c for c in event(out, "diff")["changes"]}
        self.assertEqual(set(changes), {("attribute-added", "License.spdx_id", None),
                                        ("attribute-changed", "License.url", "maxsize"),
                                        ("attribute-added", "Ticket.severity", None)})
        self.assertEqual(changes[("attribute-added", "Ticket.severity", None)]["file"], self.ticket_py)
        self.assertEqual(changes[("attribute-added", "License.spdx_id", None)]["file"], schema_py)
        result = event(self.ok("generate", "--json", "--raise-numversion", "--description", "licenses"), "generated")
        self.assertEqual(os.path.basename(result["path"]), "0.3.1_licenses_Any.py")
        self.assertIn("add_attribute('Ticket', 'severity')", result["text"])
        self.ok("upgrade", "--no-backup")
        self.assertEqual(event(self.ok("diff", "--json", "--exit-code"), "diff")["changes"], [])
        self.assertIn("cw_spdx_id", self.columns("cw_License"))


class NumversionEditTest(unittest.TestCase):
    """Only the three numbers change: byte-order mark, comments, spacing, non-ASCII text before them kept."""

    def test_layouts(self):
        from erudi_migrate.schema_diff.numversion_edit import with_numversion
        from erudi_migrate.versions import Version
        for before, after in (
                ("numversion = (0, 1, 0)\n", "numversion = (0, 2, 10)\n"),
                ("\ufeff# é\nnumversion=[0,1,0]  # keep\n", "\ufeff# é\nnumversion=[0,2,10]  # keep\n"),
                ("x = 'é'; numversion = ( 0x0 ,1_0,0 )\nnumversion = (9, 9, 9)\n",
                 "x = 'é'; numversion = ( 0 ,2,10 )\nnumversion = (9, 9, 9)\n")):
            self.assertEqual(with_numversion(before, Version(0, 2, 10)), after)


class GenerateWritesNoDatabaseTest(RuntimeCase, unittest.TestCase):
    def test_the_database_file_is_unchanged(self):
        self.create(SCHEMA_A)
        self.application(SCHEMA_B, "0.2.0", scripts={"0.2.0_budget_Any.py": "add_attribute('Project', 'budget')\n"})

        def checksum():
            with open(self.db_path, "rb") as handle:
                return hashlib.sha256(handle.read()).hexdigest()
        before = checksum()
        result = event(self.ok("generate", "--json", "--raise-numversion"), "generated")
        self.assertTrue(os.path.isfile(result["path"]))
        self.assertEqual(checksum(), before)
        self.assertEqual(sorted(os.listdir(self.tmp)), ["app", "instance.db"])


if __name__ == "__main__":
    unittest.main()
