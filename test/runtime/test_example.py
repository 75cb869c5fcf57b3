"""The example application: its first release upgraded to the last equals a fresh instance of the last
(same tables, columns and persisted schema), on SQLite and PostgreSQL."""
import json
import os
import shutil

from runtime_case import RuntimeCase, on_both_databases

EXAMPLES = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "examples"))


@on_both_databases
class TicketingExample(RuntimeCase):
    def setUp(self):
        super().setUp()
        shutil.rmtree(self.app)
        self.first = os.path.join(self.tmp, "ticketing-0.1.0")
        shutil.copytree(os.path.join(EXAMPLES, "ticketing-0.1.0"), self.first)
        shutil.copytree(os.path.join(EXAMPLES, "ticketing"), self.app)
        self.config = os.path.join(self.tmp, "ticketing.ini")

    def structure(self):
        schema = self.persisted().to_plain()
        db = self.database()  # one connection for the ~100 tables of the core schema (columns() opens one each)
        tables = {name: sorted((c.name.lower(), c.sql_type.lower(), c.not_null, c.default_sql)
                               for c in db.dialect.columns(db, name)) for name in db.dialect.table_names(db)
                  if name.startswith("cw_") or name.endswith("_relation")}
        return schema, tables

    def test_upgrading_the_first_release_gives_the_last_one(self):
        self.ok("create", "--app", self.first, "--framework-version", "2.26.0", "--config", self.config)
        out = self.ok("upgrade", "--no-backup", "--json", "--config", self.config)
        found = [json.loads(line) for line in out.splitlines()]
        self.assertEqual([(e["kind"], e["version"]) for e in found if e["event"] == "step"],
                         [("framework", "2.27.0"), ("model", "0.2.0"), ("framework", "2.28.0"), ("model", "0.3.0"),
                          ("model", "0.4.0"), ("framework", "2.29.0"), ("framework", "2.30.0"),
                          ("framework", "2.31.0")])
        self.assertEqual(self.rows("SELECT cw_name, cw_remember_last_man_enable FROM cw_FlowState ORDER BY cw_order_id"),
                         [("draft", False), ("manager review", True), ("notify hr", False), ("done", False)])
        script = self.rows("SELECT cw_eid FROM cw_WorkflowScript WHERE cw_name = 'notify_hr.py'")[0][0]
        self.assertEqual(self.rows("SELECT cw_participant FROM cw_FlowState WHERE cw_participant_type_id = 6"), [(str(script),)])
        self.assertEqual(self.rows("SELECT cw_title_template FROM cw_Flow"), [("{title}: {state}",)])
        with open(self.config) as handle:
            self.assertIn("username_header = HTTP_X_USERNAME", handle.read())
        upgraded = self.structure()

        self.setUp()
        self.ok("create", "--config", self.config)
        fresh = self.structure()
        self.assertEqual(upgraded[1], fresh[1])
        self.assertEqual(upgraded[0], fresh[0])
