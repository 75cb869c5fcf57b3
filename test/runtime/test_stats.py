"""`erudi-migrate stats`: the figures the checker's data-aware rules read (issue 13 point 3): rows per entity type,
NULLs and duplicates per attribute, the longest string and how many exceed schema.py's maxsize; read-only."""
from __future__ import annotations

import json
import unittest

from runtime_case import RuntimeCase, on_both_databases

SCHEMA = """
class Person(EntityType):
    name = String(maxsize=64)
    nickname = String()
    age = Int()
"""


@on_both_databases
class Stats(RuntimeCase):
    def figures(self):
        out = self.ok("stats", "--json")
        event = json.loads(out.strip().splitlines()[-1])
        self.assertEqual(event["event"], "stats")
        return event["entityTypes"]

    def test_rows_nulls_duplicates_and_lengths_per_attribute(self):
        self.create(SCHEMA)
        for name, nickname, age in (("ann", "a" * 30, 30), ("bob", None, 30), ("cyd", None, None), ("dee", "d", 41)):
            self.insert("Person", name=name, nickname=nickname, age=age)
        # schema.py now asks for a smaller size than two stored names... and the stats say how many are longer.
        self.write("schema.py", "from yams.buildobjs import *\n" + SCHEMA.replace("maxsize=64", "maxsize=2").replace("String()", "String(maxsize=10)"))
        person = self.figures()["Person"]
        self.assertEqual(person["rows"], 4)
        self.assertEqual(person["attributes"]["name"], {"nulls": 0, "duplicates": 0, "maxLength": 3, "longerThan": {"2": 4}})
        self.assertEqual(person["attributes"]["nickname"], {"nulls": 2, "duplicates": 0, "maxLength": 30, "longerThan": {"10": 1}})
        self.assertEqual(person["attributes"]["age"], {"nulls": 1, "duplicates": 1})

    def test_an_empty_type_and_the_text_output(self):
        self.create(SCHEMA)
        person = self.figures()["Person"]
        self.assertEqual(person["rows"], 0)
        self.assertEqual(person["attributes"]["name"], {"nulls": 0, "duplicates": 0, "maxLength": None, "longerThan": {"64": 0}})
        self.assertEqual(person["attributes"]["nickname"], {"nulls": 0, "duplicates": 0, "maxLength": None})
        self.assertEqual(person["attributes"]["age"], {"nulls": 0, "duplicates": 0})
        self.insert("Person", name="ann", nickname=None, age=3)
        self.assertIn("\nPerson: 1 row\n  name: longest 3\n  nickname: 1 null\n", self.ok("stats"))

    def test_it_writes_nothing(self):
        self.create(SCHEMA)
        self.insert("Person", name="ann")
        before = self.dump()
        self.ok("stats", "--json")
        self.assertEqual(self.dump(), before)

    def test_no_instance_is_refused_with_the_way_out(self):
        self.application(SCHEMA)
        code, out, err = self.migrate("stats", "--json")
        self.assertEqual(code, 1)
        self.assertIn("create one first", out + err)


if __name__ == "__main__":
    unittest.main()
