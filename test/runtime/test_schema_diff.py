"""`erudi-migrate diff`: the instance's persisted schema against schema.py, grouped for people or as the
`diff` JSON event, with `--after-pending` and `--exit-code`; refusals; never a write to the database."""
from __future__ import annotations

import hashlib
import json
import os
import unittest

from runtime_case import RuntimeCase, on_both_databases

SCHEMA_A = """
class Project(EntityType):
    name = String(maxsize=64, required=True, unique=True)

class Ticket(EntityType):
    title = String(maxsize=200, required=True)
    done = Boolean(default=False)
    concerns = SubjectRelation('Project', cardinality='?*')
"""

SCHEMA_B = """
class Project(EntityType):
    __permissions__ = {'read': ('managers', 'users'), 'add': ('managers',), 'update': ('managers',),
                       'delete': ('managers',)}
    name = String(maxsize=128, required=True, unique=True)
    budget = Int(default=0)

class Ticket(EntityType):
    title = String(maxsize=200, required=True)
    concerns = SubjectRelation('Project', cardinality='1*')
    blocks = SubjectRelation('Ticket')

class Milestone(EntityType):
    due = Date()
"""


def event(out: str, name: str):
    last = json.loads(out.strip().splitlines()[-1])
    assert last["event"] == name, last
    return last


@on_both_databases
class DiffTest(RuntimeCase):
    def test_fresh_instance_has_no_difference(self):
        self.create(SCHEMA_A)
        self.assertIn("no differences", self.ok("diff"))
        result = event(self.ok("diff", "--json", "--exit-code"), "diff")
        self.assertEqual(result["changes"], [])
        self.assertEqual(result["storedVersion"], "0.1.0")
        self.assertFalse(result["afterPending"])
        self.assertEqual(result["persistedText"], result["applicationText"])
        self.assertIn("class Ticket(EntityType):", result["persistedText"])
        self.assertIn("title = String(required=True, maxsize=200)", result["persistedText"])

    def test_every_kind_of_change_is_reported_with_its_line(self):
        self.create(SCHEMA_A)
        self.application(SCHEMA_B)
        code, out, _ = self.migrate("diff", "--json", "--exit-code")
        self.assertEqual(code, 1)
        result = event(out, "diff")
        found = {(c["kind"], c["subject"], c["property"]): c for c in result["changes"]}
        self.assertEqual(set(found), {
            ("entity-type-added", "Milestone", None),
            ("attribute-added", "Project.budget", None),
            ("attribute-removed", "Ticket.done", None),
            ("attribute-changed", "Project.name", "maxsize"),
            ("relation-type-added", "blocks", None),
            ("relation-definition-changed", "Ticket concerns Project", "cardinality"),
            ("permissions-changed", "Project", "permissions"),
        })
        maxsize = found[("attribute-changed", "Project.name", "maxsize")]
        self.assertEqual((maxsize["before"], maxsize["after"]), (64, 128))
        self.assertEqual(maxsize["file"], os.path.join(self.app, "schema.py"))
        self.assertEqual(maxsize["line"], 6)  # the line of `name = String(...)` in Project
        self.assertEqual(found[("entity-type-added", "Milestone", None)]["line"], 14)
        self.assertEqual(found[("relation-definition-changed", "Ticket concerns Project", "cardinality")]["after"], "1*")
        for change in result["changes"]:
            self.assertEqual(set(change), {"kind", "subject", "property", "before", "after", "file", "line", "summary"})
            self.assertTrue(change["summary"])
        self.assertNotEqual(result["persistedText"], result["applicationText"])
        self.assertIn("class Milestone(EntityType):", result["applicationText"])
        self.assertNotIn("class Milestone(EntityType):", result["persistedText"])

    def test_human_output_is_grouped(self):
        self.create(SCHEMA_A)
        self.application(SCHEMA_B)
        out = self.ok("diff")
        self.assertIn("7 differences", out)
        for title in ("Entity types:", "Attributes:", "Relation types:", "Relation definitions:", "Permissions:"):
            self.assertIn(title, out)
        self.assertIn("+ entity type Milestone is added  (schema.py:14)", out)
        self.assertIn("- attribute Ticket.done (Boolean) is removed", out)

    def test_a_removed_type_with_a_twin_is_a_rename(self):
        self.create(SCHEMA_A)
        self.application(SCHEMA_A.replace("class Project(", "class Product(").replace("'Project'", "'Product'"))
        result = event(self.ok("diff", "--json"), "diff")
        self.assertEqual([(c["kind"], c["before"], c["after"]) for c in result["changes"]],
                         [("entity-type-renamed", "Project", "Product")])

    def test_after_pending_diffs_what_the_pending_scripts_leave(self):
        self.create(SCHEMA_A)
        self.application(SCHEMA_A.replace("done = Boolean(default=False)", "done = Boolean(default=False)\n"
                                          "    points = Int()"), version="0.2.0",
                         scripts={"0.2.0_points_Any.py": "add_attribute('Ticket', 'points')\n"})
        before = self.dump()
        result = event(self.ok("diff", "--json"), "diff")
        self.assertEqual([c["kind"] for c in result["changes"]], ["attribute-added"])
        out = self.ok("diff", "--json", "--after-pending", "--exit-code")
        result = event(out, "diff")
        self.assertTrue(result["afterPending"])
        self.assertEqual(result["changes"], [])
        self.assertEqual(self.dump(), before)  # the pending step was rolled back
        self.assertEqual(self.persisted().attribute("Ticket", "points"), None)

    def test_a_failing_pending_script_is_reported_with_its_line(self):
        self.create(SCHEMA_A)
        self.application(SCHEMA_A, "0.2.0", scripts={"0.2.0_broken_Any.py": "add_attribute('Ticket', 'done2')\n"})
        before = self.dump()
        code, out, _ = self.migrate("diff", "--json", "--after-pending")
        self.assertEqual(code, 1)
        events = [json.loads(line) for line in out.strip().splitlines()]
        error = next(e for e in events if e["event"] == "error")  # then the pending steps' `done rolled-back`
        self.assertEqual((os.path.basename(error["file"]), error["line"]), ("0.2.0_broken_Any.py", 1))
        self.assertIn("done2", error["message"])
        self.assertNotIn('"event": "diff"', out)
        self.assertEqual(self.dump(), before)

    def test_no_instance_is_refused(self):
        self.application(SCHEMA_A)
        if self.backend == "sqlite":
            code, _, err = self.migrate("diff")
            self.assertEqual(code, 1)
            self.assertIn("does not exist: run `create` first", err)
            self.assertFalse(os.path.exists(self.db_path))
        else:
            code, out, err = self.migrate("diff", "--json")
            self.assertEqual(code, 1)
            self.assertIn("holds no instance", err)
            self.assertEqual(event(out, "error")["file"], None)

    def test_an_instance_newer_than_the_code_is_refused(self):
        self.create(SCHEMA_A, "0.3.0")
        self.application(SCHEMA_A, "0.2.0")
        code, _, err = self.migrate("diff")
        self.assertEqual(code, 1)
        self.assertIn("newer than the code", err)

    def test_an_unreadable_schema_is_reported_first_with_file_and_line(self):
        self.application(SCHEMA_A)  # and no instance: the schema is still what is reported
        self.write("schema.py", "from yams.buildobjs import *\nclass Ticket(EntityType):\n    title = String(\n")
        code, out, err = self.migrate("diff", "--json")
        self.assertEqual(code, 1)
        error = event(out, "error")
        self.assertEqual((error["file"], error["line"]), (os.path.join(self.app, "schema.py"), 3))
        self.assertIn("schema.py", err)


class DiffWritesNothingTest(RuntimeCase, unittest.TestCase):
    """SQLite: the file's bytes are the same after diff, with and without --after-pending."""

    def checksum(self) -> str:
        with open(self.db_path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()

    def test_the_database_file_is_unchanged(self):
        self.create(SCHEMA_A)
        self.application(SCHEMA_B, "0.2.0", scripts={"0.2.0_budget_Any.py": "add_attribute('Project', 'budget')\n"
                                                                            "drop_attribute('Ticket', 'done')\n"})
        before = self.checksum()
        self.migrate("diff")
        self.migrate("diff", "--json", "--after-pending")
        self.assertEqual(self.checksum(), before)
        self.assertEqual(sorted(os.listdir(self.tmp)), ["app", "instance.db"])  # no backup, no journal left


if __name__ == "__main__":
    unittest.main()
