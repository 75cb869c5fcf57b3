"""How the rehearsal names the table and verb of a statement (whatever its spelling: CTEs, quotes, comments,
sub-selects, OR REPLACE) and counts a SQLite table rebuild as its net change only."""
from __future__ import annotations

import unittest

import runtime_case  # noqa: F401 (puts the runtime on sys.path)
from erudi_migrate.statement_meter import StatementMeter, classify


class FakeDialect:
    name = "postgresql"


class FakeDb:
    """Only what the meter asks: the dialect's name and the rows of a table about to be dropped."""
    dialect = FakeDialect()

    def __init__(self, rows):
        self.rows = rows

    def query(self, sql, params=()):
        if sql.startswith("SELECT to_regclass"):
            return [(params[0] if params[0] in self.rows else None,)]
        return [(self.rows[sql.rsplit(" ", 1)[1]],)]


class Classify(unittest.TestCase):
    def test_the_verb_and_table_of_each_spelling(self):
        cases = {
            "INSERT INTO cw_Ticket (cw_eid, cw_title) VALUES (?, ?)": ("inserted", ["cw_ticket"]),
            "  -- a comment\n insert or replace into \"cw_Note\" values (1)": ("inserted", ["cw_note"]),
            "REPLACE INTO t SELECT * FROM u": ("inserted", ["t"]),
            "INSERT INTO public.cw_Ticket SELECT * FROM x WHERE y IN (SELECT 1)": ("inserted", ["cw_ticket"]),
            "UPDATE cw_Ticket SET cw_title = 'DELETE FROM x' WHERE cw_eid = 1": ("updated", ["cw_ticket"]),
            "update only cw_Ticket set a = (select max(b) from c)": ("updated", ["cw_ticket"]),
            "DELETE FROM is_relation WHERE eid_from IN (SELECT eid FROM entities)": ("deleted", ["is_relation"]),
            "/* why */ DELETE FROM [odd name]": ("deleted", ["odd name"]),
            "WITH old AS (SELECT eid FROM entities WHERE type = 'X') DELETE FROM entities WHERE eid IN "
            "(SELECT eid FROM old)": ("deleted", ["entities"]),
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5) INSERT INTO t SELECT i FROM n":
                ("inserted", ["t"]),
            "CREATE TABLE IF NOT EXISTS cw_New (cw_eid INTEGER)": ("created", ["cw_new"]),
            "DROP TABLE cw_Old": ("dropped", ["cw_old"]),
            "DROP TABLE IF EXISTS a, b CASCADE": ("dropped", ["a", "b"]),
            "TRUNCATE TABLE cw_Log RESTART IDENTITY": ("truncated", ["cw_log"]),
            "SELECT * FROM cw_Ticket FOR UPDATE": (None, []),
            "WITH x AS (SELECT 1) SELECT * FROM x": (None, []),
            "ALTER TABLE cw_Ticket ADD COLUMN cw_x INTEGER": (None, []),
        }
        for sql, expected in cases.items():
            with self.subTest(sql=sql):
                verb, tables, _ = classify(sql)
                self.assertEqual((verb, tables), expected)

    def test_a_rename(self):
        self.assertEqual(classify("ALTER TABLE cw_Ticket_erudi_rebuild RENAME TO cw_Ticket")[2],
                         ("cw_ticket_erudi_rebuild", "cw_ticket"))


class Meter(unittest.TestCase):
    def test_a_rebuild_is_its_net_change_and_a_rename_carries_the_counts(self):
        meter = StatementMeter()
        meter.begin("model", "0.2.0", "/app/migration/0.2.0_Any.py")
        db = FakeDb({"cw_ticket": 3})
        for sql, rowcount in (("UPDATE cw_Ticket SET cw_p = 1", 3),
                              ("CREATE TABLE cw_Ticket_erudi_rebuild (cw_eid INTEGER)", -1),
                              ("INSERT INTO cw_Ticket_erudi_rebuild (cw_eid) SELECT cw_eid FROM cw_Ticket", 3),
                              ("DROP TABLE cw_Ticket", -1),
                              ("ALTER TABLE cw_Ticket_erudi_rebuild RENAME TO cw_Ticket", -1),
                              ("CREATE TABLE cw_Fresh (cw_eid INTEGER)", -1),
                              ("INSERT INTO cw_Fresh VALUES (1)", 1),
                              ("ALTER TABLE cw_Fresh RENAME TO cw_Newer", -1)):
            meter.before(db, sql)
            meter.after(db, sql, rowcount)
        meter.finish()
        step = meter.entries[0].to_json()
        self.assertEqual(step["statements"], 8)
        self.assertEqual(step["tables"], {"cw_ticket": {"inserted": 0, "updated": 3, "deleted": 0},
                                          "cw_newer": {"inserted": 1, "updated": 0, "deleted": 0}})

    def test_each_script_of_a_step_has_its_entry_and_the_error_goes_to_the_failing_one(self):
        meter = StatementMeter()
        meter.begin("model", "0.2.0", None)
        meter.script("/app/migration/0.2.0_a_Any.py", "migration/0.2.0_a_Any.py")
        meter.after(FakeDb({}), "DELETE FROM t", 2)
        meter.script("/app/migration/0.2.0_b_Any.py", "migration/0.2.0_b_Any.py")
        meter.fail("boom", "/app/migration/0.2.0_b_Any.py", 4)
        meter.finish()
        first, second = (e.to_json() for e in meter.entries)
        self.assertEqual((first["script"], first["tables"], first["error"]),
                         ("/app/migration/0.2.0_a_Any.py", {"t": {"inserted": 0, "updated": 0, "deleted": 2}}, None))
        self.assertEqual(second["error"], {"message": "boom", "file": "/app/migration/0.2.0_b_Any.py", "line": 4})


if __name__ == "__main__":
    unittest.main()
