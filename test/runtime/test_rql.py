"""rql() on SQLite and PostgreSQL: every form of the subset with its result, and errors for bad queries."""
import argparse
import json
import unittest

from runtime_case import RuntimeCase, on_both_databases
from erudi_migrate.application import Application
from erudi_migrate.context import MigrationContext, build_namespace
from erudi_migrate.rql import RqlError
from erudi_migrate.schema.loader import load_schema

SCHEMA = """
class Company(EntityType):
    label = String(maxsize=64)

class Person(EntityType):
    name = String(maxsize=64, required=True)
    age = Int()
    score = Float()
    active = Boolean()
    knows = SubjectRelation('Person')
    works_for = SubjectRelation('Company', cardinality='?*', inlined=True)
"""


class ScriptSession:
    """The names a repository-side script sees, over one open transaction of the test's instance."""

    def __init__(self, case):
        db = case.database()
        db.begin()
        options = argparse.Namespace(non_interactive=True, json=False, dry_run=False, config=None,
                                     app=case.app, db=case.url, instance_kind="all-in-one")
        self.ctx = MigrationContext(db, Application(case.app), options, db.events,
                                    load_schema(case.app + "/schema.py"), versions=dict.fromkeys(
            ("appltemplversion", "applerudiversion", "templversion", "erudiversion"), "0.1.0"))
        self.names = build_namespace(self.ctx, "Any", case.app + "/migration/0.1.0_test_Any.py")
        self.db = db
        case.addCleanup(db.rollback)

    def __getattr__(self, name):
        return self.names[name]


def seed(s):
    """acme employs ann and bob, globex employs dan; ann knows bob knows cid knows ann."""
    acme = s.add_entity("Company", label="acme")
    globex = s.add_entity("Company", label="globex")
    ann = s.add_entity("Person", name="ann", age=41, score=5.5, active=True, works_for=acme)
    bob = s.add_entity("Person", name="bob", age=30, active=False, works_for=acme)
    cid = s.add_entity("Person", name="cid", age=12, knows=[ann])
    dan = s.add_entity("Person", name="dan", age=65, works_for=globex)
    s.rql("SET X knows Y WHERE X name 'ann', Y name 'bob'")
    s.rql("SET X knows Y WHERE X name 'bob', Y name 'cid'")
    return {"acme": acme, "globex": globex, "ann": ann, "bob": bob, "cid": cid, "dan": dan}


# query, kwargs, rows ("#ann" stands for ann's eid)
SELECTS = [
    ("Any N ORDERBY N WHERE X is Person, X name N", {}, [("ann",), ("bob",), ("cid",), ("dan",)]),
    ("Any N ORDERBY N DESC WHERE X is Person, X name N", {}, [("dan",), ("cid",), ("bob",), ("ann",)]),
    ("Any N ORDERBY N LIMIT 2 WHERE X is Person, X name N", {}, [("ann",), ("bob",)]),
    ("Any N ORDERBY N LIMIT 2 OFFSET 1 WHERE X is Person, X name N", {}, [("bob",), ("cid",)]),
    ("Any N ORDERBY N OFFSET 3 WHERE X is Person, X name N", {}, [("dan",)]),
    ("Any X, N ORDERBY N WHERE X is Person, X name N, X age > 35", {}, [("#ann", "ann"), ("#dan", "dan")]),
    ("Any N ORDERBY N WHERE X name N, X age >= 41", {}, [("ann",), ("dan",)]),
    ("Any N ORDERBY N WHERE X name N, X age < 30", {}, [("cid",)]),
    ("Any N ORDERBY N WHERE X name N, X age <= 30", {}, [("bob",), ("cid",)]),
    ("Any N ORDERBY N WHERE X name N, X age != 30", {}, [("ann",), ("cid",), ("dan",)]),
    ("Any N ORDERBY N WHERE X name N, X age = 30", {}, [("bob",)]),
    ("Any N ORDERBY N WHERE X name N, X age 30", {}, [("bob",)]),
    ("Any N ORDERBY N WHERE X name N, X name LIKE '%a%'", {}, [("ann",), ("dan",)]),
    ("Any N ORDERBY N WHERE X name N, X age IN (12, 30, 99)", {}, [("bob",), ("cid",)]),
    ("Any N ORDERBY N WHERE X name N, X age > A + 20, Y name 'bob', Y age A", {}, [("dan",)]),
    ("Any N ORDERBY N WHERE X name N, X age > -1 * A, Y name 'dan', Y age A", {}, [("ann",), ("bob",), ("cid",), ("dan",)]),
    ("Any N ORDERBY N WHERE X name N, X score NULL", {}, [("bob",), ("cid",), ("dan",)]),
    ("Any N ORDERBY N WHERE X name N, NOT X score NULL", {}, [("ann",)]),
    ("Any N ORDERBY N WHERE X name N, X score > 5.25", {}, [("ann",)]),
    ("Any N ORDERBY N WHERE X name N, X active TRUE", {}, [("ann",)]),
    ("Any N ORDERBY N WHERE X name N, X active FALSE", {}, [("bob",)]),
    ("Any A WHERE X name %(name)s, X age A", {"name": "cid"}, [(12,)]),
    ("Any N ORDERBY N WHERE X name N, X age > %(min)s AND X age < %(max)s", {"min": 20, "max": 50}, [("ann",), ("bob",)]),
    ("Any N ORDERBY N WHERE X name N, X age < 20 OR X age > 60", {}, [("cid",), ("dan",)]),
    ("Any N ORDERBY N WHERE X name N, NOT (X age < 20 OR X age > 60)", {}, [("ann",), ("bob",)]),
    ("Any N ORDERBY N WHERE X name N, NOT X age < 20, NOT X age > 60", {}, [("ann",), ("bob",)]),
    ("Any N WHERE X knows Y, Y name 'bob', X name N", {}, [("ann",)]),
    ("Any N, M ORDERBY N WHERE X knows Y, X name N, Y name M", {}, [("ann", "bob"), ("bob", "cid"), ("cid", "ann")]),
    ("Any N ORDERBY N WHERE X name N, NOT X knows Y", {}, [("dan",)]),
    ("Any N ORDERBY N WHERE X name N, X knows Y, NOT Y knows Z", {}, []),
    ("Any N ORDERBY N WHERE X name N, X works_for C, C label 'acme'", {}, [("ann",), ("bob",)]),
    ("Any N ORDERBY N WHERE X is Person, X name N, NOT X works_for C", {}, [("cid",)]),
    ("Any N ORDERBY N WHERE X is Person, X name N, X works_for NULL", {}, [("cid",)]),
    ("Any C WHERE X works_for C, X name 'dan'", {}, [("#globex",)]),
    ("Any L, COUNT(X) GROUPBY L ORDERBY L WHERE X works_for C, C label L", {}, [("acme", 2), ("globex", 1)]),
    ("Any COUNT(X) WHERE X is Person", {}, [(4,)]),
    ("Any MAX(A) WHERE X is Person, X age A", {}, [(65,)]),
    ("Any X ORDERBY X WHERE X is Company", {}, [("#acme",), ("#globex",)]),
    ("Any C ORDERBY C WHERE X works_for C", {}, [("#acme",), ("#acme",), ("#globex",)]),
    ("DISTINCT Any C ORDERBY C WHERE X works_for C", {}, [("#acme",), ("#globex",)]),
    ("Any N WHERE X eid %(x)s, X name N", {"x": "#bob"}, [("bob",)]),
    ("Any N ORDERBY N WHERE X name N, X name IN ('ann', %(other)s)", {"other": "dan"}, [("ann",), ("dan",)]),
    ("Any N ORDERBY N WHERE X is Person, X name N, X is Company OR X age 12", {}, [("cid",)]),
]

# query, kwargs, offset of the error, words the message must contain
ERRORS = [
    ("Any X WHER X is Person", {}, 6, "expected"),
    ("Any X WHERE X is", {}, 16, "Person"),
    ("Any X WHERE x name n", {}, 12, "a variable"),
    ("any n where x name n", {}, 0, "an entity type (Person) or Any"),
    ("SELECT X", {}, 0, "'(', 'DELETE', 'DISTINCT', an entity type (Person) or Any, 'INSERT' or 'SET'"),
    ("Any X WHERE X is Persn", {}, 17, "unknown entity type 'Persn'; did you mean Person?"),
    ("Any X WHERE X nme 'a'", {}, 14, "unknown attribute or relation 'nme'"),
    ("Any X WHERE X is Company, X age 3", {}, 26, "no entity type fits X"),
    ("Any X WHERE X name %(n)s", {}, 19, "argument %(n)s is not given in kwargs"),
    ("Any X WHERE X age 'old'", {}, 18, "age is a Int, not a string ('old')"),
    ("Any X WHERE X age %(a)s", {"a": "old"}, 18, "age is a Int, not a string ('old')"),
    ("Any X WHERE X knows > Y", {}, 14, "compares attributes only"),
    ("Any N WHERE X is Company, X name N", {}, 26, "no entity type fits X: is Company, has attribute 'name'"),
    ("Any X WHERE X age > NULL", {}, 20, "NULL cannot be compared"),
    ("Any N WHERE X is Person, N name 'a', X age N", {}, 43, "N is used both as an entity and as an attribute value"),
    ("INSERT Person X: X age 3", {}, 14, "Person requires name"),
    ("INSERT Person X: X name 'a', Y knows X", {}, 29, "neither declared nor found"),
    ("INSERT Any X: X name 'a'", {}, 7, "INSERT needs an entity type"),
    ("SET X eid 3 WHERE X is Person", {}, 6, "eid cannot be changed"),
    ("DELETE X name 'a' WHERE X is Person", {}, 9, "to clear the attribute 'name' use `SET X name NULL`"),
    ("SET X name N + 1 WHERE X is Person, X name N", {}, 13, "arithmetic computes numbers; name is a String"),
    ("SET X knows Y + 1 WHERE X is Person", {}, 14, "'knows' is a relation: it takes a variable or an eid"),
    ("Any N, COUNT(X) WHERE X name N", {}, 4, "N is selected beside an aggregate: add `GROUPBY N`"),
    ("DISTINCT Any N ORDERBY A WHERE X name N, X age A", {}, 23, "DISTINCT rows can only be ordered by what they hold"),
]


@on_both_databases
class RqlQueries(RuntimeCase):
    def setUp(self):
        super().setUp()
        self.create(SCHEMA)
        self.s = ScriptSession(self)
        self.eids = seed(self.s)
        self.names = {eid: name for name, eid in self.eids.items()}

    def eid(self, value):
        return self.eids[value[1:]] if isinstance(value, str) and value.startswith("#") else value

    def named(self, rows):
        """Rows of eids written as "#name", for the tables whose columns are all entities."""
        return [tuple("#" + self.names[v] for v in row) for row in rows]

    def test_select_forms(self):
        for query, kwargs, expected in SELECTS:
            with self.subTest(query=query):
                result = self.s.rql(query, {k: self.eid(v) for k, v in kwargs.items()})
                self.assertEqual(list(result), [tuple(self.eid(v) for v in row) for row in expected])
                self.assertEqual(len(result), len(expected))

    def test_errors_say_where_and_what(self):
        for query, kwargs, offset, words in ERRORS:
            with self.subTest(query=query):
                with self.assertRaises(RqlError) as caught:
                    self.s.rql(query, kwargs)
                self.assertEqual(caught.exception.offset, offset, str(caught.exception))
                self.assertIn(words, str(caught.exception))
                self.assertIn(query, str(caught.exception))

    def test_a_database_refusal_is_reported_with_the_query(self):
        self.s.sqlexec("CREATE UNIQUE INDEX company_label_unique ON cw_Company (cw_label)", ask_confirm=False)
        with self.assertRaises(RqlError) as caught:
            self.s.rql("INSERT Company C: C label 'acme'")
        self.assertIn("the database refused it", str(caught.exception))
        self.assertIn("INSERT Company C: C label 'acme'", str(caught.exception))

    def test_insert_creates_the_entity_and_its_eid(self):
        result = self.s.rql("INSERT Person X: X name 'eve', X age 23")
        self.assertEqual(len(result), 1)
        eid = result[0][0]
        self.assertEqual(self.s.db.query("SELECT type FROM entities WHERE eid = %s" % self.s.ctx.dialect.param, [eid]),
                         [("Person",)])
        self.assertEqual(list(self.s.rql("Any N, A WHERE X eid %(x)s, X name N, X age A", {"x": eid})), [("eve", 23)])

    def test_insert_with_relations_found_by_where(self):
        result = self.s.rql("INSERT Person X: X name 'eve', X works_for C, X knows Y "
                            "WHERE C label 'globex', Y name IN ('ann', 'bob')")
        self.assertEqual(len(result), 2, "one new entity per solution of the WHERE clause")
        rows = self.named(self.s.rql("Any C, Y ORDERBY Y WHERE X name 'eve', X works_for C, X knows Y"))
        self.assertEqual(rows, [("#globex", "#ann"), ("#globex", "#bob")])

    def test_insert_two_related_entities(self):
        result = self.s.rql("INSERT Person X, Company C: X name 'eve', C label 'initech', X works_for C")
        x, c = result[0]
        self.assertEqual(list(self.s.rql("Any C WHERE X works_for C, X eid %(x)s", {"x": x})), [(c,)])

    def test_set_attributes_in_place(self):
        result = self.s.rql("SET X score 1.5, X active TRUE WHERE X is Person, X age < 35")
        self.assertEqual(sorted(self.named(result)), [("#bob",), ("#cid",)])
        self.assertEqual(list(self.s.rql("Any N, S ORDERBY N WHERE X name N, X score S, X active TRUE")),
                         [("ann", 5.5), ("bob", 1.5), ("cid", 1.5)])

    def test_rows_of_a_big_set_are_read_before_the_next_query_changes_them(self):
        result = self.s.rql("SET X score 2 WHERE X is Person, X age > 35")
        self.assertEqual(len(result), 2)
        kept = self.s.rql("SET X score 3 WHERE X is Person, X age < 35")
        self.assertEqual(sorted(self.named(kept)), [("#bob",), ("#cid",)])
        self.s.rql("SET X age 1 WHERE X is Person")
        self.assertEqual(len(result), 2, "the length stays known")
        with self.assertRaises(ValueError) as caught:
            list(result)
        self.assertIn("were not read before the next rql() call", str(caught.exception))

    def test_set_from_the_entity_own_attribute(self):
        self.s.rql("SET X score A WHERE X is Person, X age A")
        self.assertEqual(list(self.s.rql("Any S ORDERBY S WHERE X score S")), [(12,), (30,), (41,), (65,)])

    def test_set_with_arithmetic(self):
        self.s.rql("SET X age A * 2 - 1 WHERE X is Person, X age A")
        self.s.rql("SET X score S / 2 WHERE X score S")
        self.assertEqual(list(self.s.rql("Any N, A ORDERBY N WHERE X name N, X age A")),
                         [("ann", 81), ("bob", 59), ("cid", 23), ("dan", 129)])
        self.assertEqual(list(self.s.rql("Any S WHERE X score S, X name 'ann'")), [(2.75,)])
        self.s.rql("SET X age A + 7 / 2 WHERE X name 'cid', Y name 'bob', Y age A")  # integer division, as SQL
        self.assertEqual(list(self.s.rql("Any A WHERE X name 'cid', X age A")), [(62,)])

    def test_set_attribute_with_other_variables(self):
        result = self.s.rql("SET X age 1 WHERE X knows Y, Y name 'bob'")
        self.assertEqual(self.named(result), [("#ann",)])
        self.assertEqual(list(self.s.rql("Any A WHERE X name 'ann', X age A")), [(1,)])

    def test_set_copies_a_value_from_another_entity(self):
        self.s.rql("SET X age A WHERE X name 'dan', Y name 'cid', Y age A")
        self.assertEqual(list(self.s.rql("Any A WHERE X name 'dan', X age A")), [(12,)])

    def test_set_relations_inlined_and_not(self):
        self.s.rql("SET X works_for C, X knows Y WHERE X name 'cid', C label 'globex', Y name 'dan'")
        self.assertEqual(self.named(self.s.rql("Any C WHERE X name 'cid', X works_for C")), [("#globex",)])
        self.assertEqual(self.named(self.s.rql("Any Y ORDERBY Y WHERE X name 'cid', X knows Y")), [("#ann",), ("#dan",)])
        self.s.rql("SET X knows Y WHERE X name 'cid', Y name 'dan'")  # already there: not added twice
        self.assertEqual(len(self.s.rql("Any Y WHERE X name 'cid', X knows Y")), 2)

    def test_a_relation_to_an_eid_checks_the_entity(self):
        self.s.rql("SET X works_for %(c)s WHERE X name 'cid'", {"c": self.eids["globex"]})
        self.assertEqual(self.named(self.s.rql("Any C WHERE X name 'cid', X works_for C")), [("#globex",)])
        for value, words in [(self.eids["ann"], "entity %d is a Person" % self.eids["ann"]),
                             (999999, "entity 999999 is not in the database"), ("acme", "not a string ('acme')")]:
            with self.subTest(value=value):
                with self.assertRaises(RqlError) as caught:
                    self.s.rql("SET X works_for %(c)s WHERE X name 'cid'", {"c": value})
                self.assertIn(words, str(caught.exception))

    def test_delete_entities_and_their_relations(self):
        result = self.s.rql("DELETE Person X WHERE X name 'bob'")
        self.assertEqual(self.named(result), [("#bob",)])
        self.assertEqual(len(self.s.rql("Any X WHERE X name 'bob'")), 0)
        self.assertEqual(self.s.db.query("SELECT COUNT(*) FROM entities WHERE eid = %s" % self.s.ctx.dialect.param,
                                         [self.eids["bob"]]), [(0,)])
        self.assertEqual(self.named(self.s.rql("Any X, Y ORDERBY X WHERE X knows Y")), [("#cid", "#ann")])

    def test_delete_a_company_clears_inlined_references(self):
        self.s.rql("DELETE Company C WHERE C label 'globex'")
        self.assertEqual(list(self.s.rql("Any N WHERE X name N, X works_for NULL, X age > 60")), [("dan",)])

    def test_delete_relations(self):
        result = self.s.rql("DELETE X knows Y WHERE X name 'ann'")
        self.assertEqual(self.named(result), [("#ann", "#bob")])
        self.assertEqual(self.named(self.s.rql("Any X, Y ORDERBY X WHERE X knows Y")), [("#bob", "#cid"), ("#cid", "#ann")])
        self.s.rql("DELETE X works_for C WHERE C label 'acme'")
        self.assertEqual(self.named(self.s.rql("Any X ORDERBY X WHERE X works_for C")), [("#dan",)])

    def test_result_set_iterates_as_rows_and_knows_its_length(self):
        result = self.s.rql("Any N, A ORDERBY N WHERE X name N, X age A")
        self.assertEqual(len(result), 4)
        self.assertEqual(result[0], ("ann", 41))
        self.assertEqual([n for n, _ in result], ["ann", "bob", "cid", "dan"])
        self.assertEqual(result.columns, ["N", "A"])
        self.assertEqual(self.s.rql("Any COUNT(X) WHERE X is Company").one(), 2)

    def test_values_are_bound_never_spliced(self):
        hostile = "x'); DROP TABLE entities; --"
        self.s.rql("INSERT Person X: X name %(n)s", {"n": hostile})
        self.assertEqual(list(self.s.rql("Any N WHERE X name %(n)s, X name N", {"n": hostile})), [(hostile,)])
        self.s.rql('SET X name "a\\"b" WHERE X name %(n)s', {"n": hostile})
        self.assertEqual(list(self.s.rql("Any N WHERE X name LIKE 'a\"%', X name N")), [('a"b',)])


NAMED = """
class Person(EntityType):
    name = String(maxsize=64, required=True)
    age = Int()

class Company(EntityType):
    name = String(maxsize=64)
"""

# a variable of several types (X has a name: Person or Company) runs as a UNION ALL of one query per type
UNIONS = [
    ("Any N ORDERBY N WHERE X name N", [("ann",), ("bob",), ("initech",)]),
    ("Any N ORDERBY N DESC LIMIT 2 OFFSET 1 WHERE X name N", [("bob",), ("ann",)]),
    ("Any COUNT(X) WHERE X name N", [(3,)]),
    ("DISTINCT Any COUNT(X) WHERE X name N", [(3,)]),
    ("Any N, COUNT(X) GROUPBY N ORDERBY N WHERE X name N, X name != 'bob'", [("ann", 1), ("initech", 1)]),
    ("Any N ORDERBY N WHERE X name N, X is Company", [("initech",)]),
    ("Any N ORDERBY N WHERE X name N, X is Company OR X age > 35", [("ann",), ("initech",)]),
]


@on_both_databases
class RqlUnions(RuntimeCase):
    def setUp(self):
        super().setUp()
        self.create(NAMED)
        self.s = ScriptSession(self)
        self.s.rql("INSERT Person X: X name 'ann', X age 41")
        self.s.rql("INSERT Person X: X name 'bob', X age 30")
        self.s.rql("INSERT Company C: C name 'initech'")

    def test_select_over_several_types(self):
        for query, expected in UNIONS:
            with self.subTest(query=query):
                self.assertEqual(list(self.s.rql(query)), expected)

    def test_changes_over_several_types(self):
        self.assertEqual(len(self.s.rql("SET X name 'renamed' WHERE X name IN ('bob', 'initech')")), 2)
        self.assertEqual(list(self.s.rql("Any N ORDERBY N WHERE X name N")), [("ann",), ("renamed",), ("renamed",)])
        self.assertEqual(len(self.s.rql("DELETE Any X WHERE X name 'renamed'")), 2)
        self.assertEqual(self.s.db.query("SELECT type FROM entities WHERE type IN ('Person', 'Company')"), [("Person",)])

    def test_a_type_the_query_asks_for_is_one_query(self):
        self.s.db.events.verbose = False
        self.assertEqual(list(self.s.rql("Any N WHERE X is Person, X name N, X age 41")), [("ann",)])


@on_both_databases
class RqlInScripts(RuntimeCase):
    def test_a_bad_query_fails_the_script_with_its_line_and_rolls_back(self):
        self.create(SCHEMA)
        before = self.dump()
        code, out, err = self.run_failing("""
            rql("INSERT Company C: C label 'acme'")
            rql("Any X WHERE X is Compnay")
        """, "--json")
        self.assertIn('"line": 2', out)
        self.assertIn("unknown entity type 'Compnay'", out)
        self.assertEqual(self.dump(), before)

    def test_a_delete_asks_first_when_someone_can_answer(self):
        self.create(SCHEMA)
        path = self.write("scratch/9.9.9_ask_Any.py", """
            for label in ("a", "b", "c", "d"):
                rql("INSERT Company C: C label %(label)s", {"label": label})
            print(len(rql("DELETE Company C WHERE C label 'a'")))
            print(len(rql("DELETE Company C WHERE C label 'b'", ask_confirm=False)))
            for label in ("c", "d"):
                print(len(rql("DELETE Company C WHERE C label %(label)s", {"label": label})))
            print(len(rql("Any C WHERE C is Company")))
        """)
        answers = '{"id": 1, "answer": false}\n{"id": 2, "answer": true}\n'
        code, out, err = self.migrate("run", path, "--json", "--interactive", stdin=answers)
        self.assertEqual(code, 0, err)
        lines = [json.loads(line) for line in out.splitlines()]
        self.assertEqual([e["question"] for e in lines if e["event"] == "confirm"],
                         ["Execute RQL: DELETE Company C WHERE C label 'a' ?",
                          "Execute RQL: DELETE Company C WHERE C label %(label)s ?"],
                         "INSERT does not ask; a loop asks once")
        self.assertEqual([e["text"] for e in lines if e["event"] == "output"], ["0", "1", "1", "1", "1"])

    def test_every_statement_is_an_sql_event(self):
        self.create(SCHEMA)
        out = self.run_script("rql(\"SET X label 'b' WHERE X label 'a'\")\n", "--json")
        self.assertIn('"event": "sql", "sql": "UPDATE cw_Company AS _X SET cw_label = ', out)


if __name__ == "__main__":
    unittest.main()
