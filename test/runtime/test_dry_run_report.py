"""`upgrade --dry-run --json` ends with the report a rehearsal gives, measured inside the rolled-back transaction: the
same steps, statements and rows per table as `rehearse` on a copy, the failing line, and nothing written. SQLite and
PostgreSQL."""
from __future__ import annotations

import json
import os
import re
import unittest

from runtime_case import on_both_databases
from test_rehearse import SCHEMA, RehearsalCase


def report_of(out: str) -> dict:
    """The report, just before `done` (which stays the last event)."""
    lines = [json.loads(line) for line in out.strip().splitlines() if line.startswith("{")]
    assert lines[-1]["event"] == "done", lines[-1]
    return lines[-2]


@on_both_databases
class DryRunReport(RehearsalCase):
    def unchanged(self):
        """The instance as a snapshot, PostgreSQL sequence positions aside: a sequence is not transactional, so the
        eids a rolled-back run drew stay drawn (as in any dry run); no row, table or file may differ."""
        snapshot = self.snapshot()
        if self.backend != "postgresql":
            return snapshot
        return (re.sub(r"SELECT pg_catalog\.setval\([^;]*\);", "", snapshot[0]),) + tuple(snapshot[1:])

    def scripts(self):
        self.create(SCHEMA)
        for title in ("a", "b", "c", "d"):
            self.insert("Ticket", title=title, priority=1)
        self.application(SCHEMA, "0.3.0", scripts={
            "0.2.0_Any.py": "sql(\"UPDATE cw_Ticket SET cw_priority = 2 WHERE cw_title IN ('a', 'b', 'c')\")\n"
                            "sql(\"DELETE FROM cw_Ticket WHERE cw_title = 'd'\")\n",
            "0.3.0_Any.py": "rql('INSERT Ticket T: T title \"e\", T priority 3')\n"})

    def test_a_dry_run_reports_what_a_rehearsal_reports_and_writes_nothing(self):
        self.scripts()
        before = self.unchanged()
        code, out, err = self.migrate("upgrade", "--dry-run", "--json", "--no-backup")
        self.assertEqual(code, 0, out + err)
        self.assertEqual(self.unchanged(), before)
        report = report_of(out)
        self.assertEqual((report["event"], report["dryRun"], report["ok"], report["toVersion"]), ("rehearsal", True, True, "0.3.0"))
        code, rehearsed, _, _ = self.rehearse()
        self.assertEqual(code, 0)
        shape = lambda steps: [(s["kind"], s["version"], s["script"], s["tables"]) for s in steps]
        self.assertEqual(shape(report["steps"]), shape(rehearsed["steps"]))
        by_script = {os.path.basename(s["script"] or ""): s for s in report["steps"]}
        self.assertEqual(by_script["0.2.0_Any.py"]["tables"]["cw_ticket"], {"inserted": 0, "updated": 3, "deleted": 1})
        self.assertEqual(by_script["0.3.0_Any.py"]["tables"]["cw_ticket"], {"inserted": 1, "updated": 0, "deleted": 0})

    def test_a_failing_dry_run_reports_the_step_and_line_then_fails(self):
        self.scripts()
        self.application(SCHEMA, "0.3.0", scripts={"0.3.0_Any.py": "x = 1\nsql(\"UPDATE no_such_table SET x = 1\")\n"})
        before = self.unchanged()
        code, out, err = self.migrate("upgrade", "--dry-run", "--json", "--no-backup")
        self.assertEqual(code, 1, out + err)
        self.assertEqual(self.unchanged(), before)
        report = report_of(out)
        self.assertEqual((report["event"], report["ok"]), ("rehearsal", False))
        failed = [s for s in report["steps"] if s["error"]]
        self.assertEqual(len(failed), 1)
        self.assertEqual((os.path.basename(failed[0]["script"]), failed[0]["error"]["line"]), ("0.3.0_Any.py", 2))
        self.assertIn("no_such_table", failed[0]["error"]["message"])
        self.assertTrue(any(json.loads(line)["event"] == "error" for line in out.splitlines() if line.startswith("{")))


if __name__ == "__main__":
    unittest.main()
