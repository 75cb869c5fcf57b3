"""`entities` and `query` (Show Entities, Run RQL Query in the editor): pages of rows, and nothing can write."""
import json
import os
import unittest

from runtime_case import RuntimeCase, on_both_databases

SCHEMA = """
class Person(EntityType):
    name = String(required=True, maxsize=64)
    age = Int()
    born = Date()
"""


def rows_event(out):
    events = [json.loads(line) for line in out.splitlines() if line.strip()]
    return [e for e in events if e["event"] == "rows"][-1]


@on_both_databases
class Browse(RuntimeCase):
    def setUp(self):
        super().setUp()
        self.create(SCHEMA)
        self.eids = [self.insert("Person", name=f"p{i:02}", age=i) for i in range(25)]

    def test_entities_pages_the_rows_in_eid_order_with_attribute_names(self):
        page = rows_event(self.ok("entities", "Person", "--json", "--limit", "10", "--offset", "20"))
        self.assertEqual(page["total"], 25)
        self.assertEqual((page["offset"], page["limit"]), (20, 10))
        self.assertEqual(page["columns"][0], "eid")
        self.assertIn("name", page["columns"])
        name = page["columns"].index("name")
        self.assertEqual([row[name] for row in page["rows"]], [f"p{i:02}" for i in range(20, 25)])
        self.assertEqual([row[0] for row in page["rows"]], self.eids[20:])

    def test_entities_without_a_type_lists_every_type_with_its_rows(self):
        page = rows_event(self.ok("entities", "--json"))
        self.assertEqual(page["columns"], ["type", "rows"])
        self.assertIn(["Person", 25], page["rows"])

    def test_entities_as_a_text_table(self):
        out = self.ok("entities", "Person", "--limit", "2")
        lines = out.splitlines()
        self.assertTrue(lines[0].startswith("eid"), out)
        self.assertIn("p00", lines[2])
        self.assertIn("NULL", lines[2])  # born is not set
        self.assertEqual(lines[-1], "rows 1-2 of 25")

    def test_query_runs_a_selection_a_page_at_a_time(self):
        page = rows_event(self.ok("query", "Any N, A ORDERBY A DESC WHERE X is Person, X name N, X age A", "--json",
                                  "--limit", "3"))
        self.assertEqual(page["columns"], ["N", "A"])
        self.assertEqual(page["rows"], [["p24", 24], ["p23", 23], ["p22", 22]])
        self.assertEqual(page["total"], 25)

    def test_writes_are_refused_before_anything_runs(self):
        before = self.dump()
        for text in ('SET X age 0 WHERE X is Person', 'DELETE Person X', 'INSERT Person X: X name "z"'):
            code, out, err = self.migrate("query", text)
            self.assertEqual(code, 1, text)
            self.assertIn("only selections", err)
        self.assertEqual(self.dump(), before)

    def test_the_connection_itself_cannot_write(self):
        from erudi_migrate import browse
        from erudi_migrate.events import EventSink
        import io

        class Options:
            db = self.url

        db = browse._open_read_only(Options(), EventSink(out=io.StringIO(), err=io.StringIO()))
        self.addCleanup(db.close)
        with self.assertRaises(Exception):
            db.raw_execute("DELETE FROM entities")
        self.assertEqual(len(self.rows("SELECT eid FROM entities WHERE type = 'Person'")), 25)

    def test_unknown_type_and_bad_query_say_what_is_wrong(self):
        code, _, err = self.migrate("entities", "Persn")
        self.assertEqual(code, 1)
        self.assertIn("no entity type 'Persn'", err)
        self.assertIn("Person", err)
        code, _, err = self.migrate("query", "Any X WHERE X is")
        self.assertEqual(code, 1)
        self.assertIn("RQL", err)
        code, _, err = self.migrate("entities", "Person", "--limit", "0")
        self.assertEqual(code, 1)
        self.assertIn("--limit", err)


class NoInstance(RuntimeCase):
    def test_a_missing_database_file_is_not_created(self):
        self.application(SCHEMA)
        code, _, err = self.migrate("entities", "Person")
        self.assertEqual(code, 1)
        self.assertIn("no instance", err)
        self.assertFalse(os.path.exists(self.db_path))


if __name__ == "__main__":
    unittest.main()
