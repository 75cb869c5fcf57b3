"""The per-row data migration loop (`SET X a %(v)s WHERE X eid %(x)s`), batched by rql() (issue 11 point 5): what a
script sees is what one UPDATE per call would give, on SQLite and PostgreSQL; a refused row names its line."""
import json
import unittest

from runtime_case import RuntimeCase, on_both_databases
from erudi_migrate.rql import RqlError
from test_rql import ScriptSession

SCHEMA = """
class Person(EntityType):
    name = String(maxsize=64, required=True, unique=True)
    age = Int()
    score = Int()
    note = String(maxsize=8)
"""

SEED = """
for name, age in (("ann", 41), ("bob", 30), ("cid", 12), ("dan", 65)):
    rql("INSERT Person P: P name %(n)s, P age %(a)s", {"n": name, "a": age})
commit()
"""


@on_both_databases
class BatchedSets(RuntimeCase):
    def setUp(self):
        super().setUp()
        self.create(SCHEMA)
        self.run_script(SEED, name="9.9.0_seed_Any.py")

    def outputs(self, body, *extra):
        out = self.run_script(body, "--json", *extra)
        return [e["text"] for e in map(json.loads, out.splitlines()) if e["event"] == "output"]

    def test_what_the_loop_wrote_is_read_by_every_later_statement(self):
        texts = self.outputs("""
            for eid, age in rql("Any X, A WHERE X is Person, X age A"):
                rql("SET X score %(s)s WHERE X eid %(x)s", {"s": age * 2, "x": eid})
            print(sorted(rql("Any N, S WHERE X name N, X score S").rows))
            for eid, in rql("Any X WHERE X is Person"):
                rql("SET X score %(s)s, X note 'x' WHERE X eid %(x)s", {"s": 1, "x": eid})
            print(sql("SELECT SUM(cw_score) FROM cw_Person")[0][0])
            ann = rql("Any X WHERE X name 'ann'")[0][0]
            rql("SET X score %(s)s WHERE X eid %(x)s", {"s": 7, "x": ann})
            rql("SET X score %(s)s WHERE X eid %(x)s", {"s": 8, "x": ann})
            print(rql("Any S WHERE X name 'ann', X score S")[0][0])
        """)
        self.assertEqual(texts, ["[('ann', 82), ('bob', 60), ('cid', 24), ('dan', 130)]", "4", "8"])
        self.assertEqual(self.rows("SELECT cw_name, cw_score, cw_note FROM cw_Person ORDER BY cw_name"),
                         [("ann", 8, "x"), ("bob", 1, "x"), ("cid", 1, "x"), ("dan", 1, "x")])

    def test_a_result_still_has_its_length_and_rows(self):
        texts = self.outputs("""
            ann = rql("Any X WHERE X name 'ann'")[0][0]
            done = rql("SET X score %(s)s WHERE X eid %(x)s", {"s": 3, "x": ann})
            print(len(done), list(done) == [(ann,)])
            print(len(rql("SET X score %(s)s WHERE X eid %(x)s", {"s": 3, "x": 999999})))
            later = rql("SET X score %(s)s WHERE X eid %(x)s", {"s": 4, "x": ann})
            rql("Any X WHERE X is Person")
            print(len(later))
        """)
        self.assertEqual(texts, ["1 True", "0", "1"])

    def test_a_refused_row_fails_the_script_at_the_line_of_its_call_and_changes_nothing(self):
        before = self.dump()
        code, out, err = self.run_failing("""
            rows = rql("Any X, N WHERE X is Person, X name N")
            for eid, name in rows:
                rql("SET X note %(n)s WHERE X eid %(x)s", {"n": name, "x": eid})
            for eid, name in rows:
                rql("SET X name %(n)s WHERE X eid %(x)s", {"n": "same", "x": eid})
        """, "--json")
        failure = [e for e in map(json.loads, out.splitlines()) if e["event"] == "error"][-1]
        self.assertEqual(failure["line"], 5, failure)
        self.assertRegex(failure["message"], r"the database refused it for entity \d+: .*(unique|UNIQUE|duplicate)")
        self.assertEqual(self.dump(), before)

    def test_a_dry_run_reports_a_refused_row_too(self):
        code, out, err = self.run_failing("""
            for eid, in rql("Any X WHERE X is Person"):
                rql("SET X name 'same' WHERE X eid %(x)s", {"x": eid})
        """, "--json", "--dry-run")
        failure = [e for e in map(json.loads, out.splitlines()) if e["event"] == "error"][-1]
        self.assertEqual(failure["line"], 2, failure)
        self.assertIn("the database refused it for entity", failure["message"])

    def test_each_call_is_an_sql_event(self):
        out = self.run_script("""
            for eid, in rql("Any X WHERE X is Person"):
                rql("SET X score 1 WHERE X eid %(x)s", {"x": eid})
        """, "--json")
        updates = [e for e in map(json.loads, out.splitlines())
                   if e["event"] == "sql" and e["sql"].startswith("UPDATE cw_Person AS _X SET cw_score")]
        self.assertEqual(len(updates), 4)

    def test_a_rehearsal_counts_the_rows_the_loop_updated(self):
        self.application(SCHEMA, "0.2.0", scripts={"0.2.0_Any.py": """
            for eid, age in rql("Any X, A WHERE X is Person, X age A"):
                rql("SET X score %(s)s WHERE X eid %(x)s", {"s": age, "x": eid})
        """})
        code, out, err = self.migrate("rehearse", "--json")
        self.assertEqual(code, 0, out + err)
        result = json.loads(out.strip().splitlines()[-1])
        [step] = [s for s in result["steps"] if (s["script"] or "").endswith("0.2.0_Any.py")]
        self.assertEqual(step["tables"]["cw_person"], {"inserted": 0, "updated": 4, "deleted": 0})


@on_both_databases
class TheLoopsHotPath(RuntimeCase):
    """From its third call, the loop's SET skips rql()'s lookups (primitives/data.py Again): each call is still
    checked and answered as the first one was, and a schema change or another NULL-ness takes the whole path."""

    SET = "SET X score %(s)s WHERE X eid %(x)s"

    def setUp(self):
        super().setUp()
        self.create(SCHEMA)
        self.application(SCHEMA + "    bio = String()\n")
        self.s = ScriptSession(self)
        self.eids = [self.s.rql("INSERT Person P: P name %(n)s, P age %(a)s", {"n": n, "a": a})[0][0]
                     for n, a in (("ann", 41), ("bob", 30), ("cid", 12))]

    def warm(self):
        for eid in self.eids:
            self.s.rql(self.SET, {"s": 1, "x": eid})
        self.assertIsNotNone(self.s.ctx.state.get("rql_again"), "the hot path is taken from the third call")

    def scores(self):
        return sorted(self.s.rql("Any N, S WHERE X name N, X score S").rows)

    def test_each_call_is_checked_as_the_first_one(self):
        self.warm()
        with self.assertRaisesRegex(RqlError, r"argument %\(s\)s is not given in kwargs \(given: x\)"):
            self.s.rql(self.SET, {"x": self.eids[0]})
        with self.assertRaisesRegex(RqlError, "score is a Int, not a string"):
            self.s.rql(self.SET, {"s": "high", "x": self.eids[0]})
        with self.assertRaisesRegex(RqlError, "argument %\\(x\\)s is not given"):
            self.s.rql(self.SET, {"s": 2})
        self.assertEqual(self.scores(), [("ann", 1), ("bob", 1), ("cid", 1)])

    def test_another_null_ness_is_answered_as_on_a_first_call(self):
        self.warm()
        cleared = self.s.rql(self.SET, {"s": None, "x": self.eids[1]})
        self.assertEqual((len(cleared), list(cleared)), (1, [(self.eids[1],)]))
        nobody = self.s.rql(self.SET, {"s": 3, "x": None})
        self.assertEqual(len(nobody), 0)
        again = self.s.rql(self.SET, {"s": 4, "x": self.eids[2]})
        self.assertEqual(list(again), [(self.eids[2],)])
        self.assertEqual(self.scores(), [("ann", 1), ("bob", None), ("cid", 4)])

    def test_a_schema_change_between_two_calls_is_seen(self):
        self.warm()
        self.s.drop_attribute("Person", "score")
        with self.assertRaisesRegex(RqlError, "score"):
            self.s.rql(self.SET, {"s": 2, "x": self.eids[0]})
        self.s.add_attribute("Person", "bio")
        for eid in self.eids:
            self.s.rql("SET X bio %(s)s WHERE X eid %(x)s", {"s": "b%d" % eid, "x": eid})
        self.assertEqual(sorted(self.s.rql("Any B WHERE X bio B").rows), sorted(("b%d" % e,) for e in self.eids))


if __name__ == "__main__":
    unittest.main()
