"""rql() with a query text seen before costs no analysis (issue 18 point 2): no parse, no translation, the same
schema view, until the schema changes; each call still checks its own arguments."""
import unittest
from unittest import mock

from runtime_case import RuntimeCase, on_both_databases
from erudi_migrate.rql import RqlError, execute, schema_view, translate
from test_rql import ScriptSession

SCHEMA = """
class Person(EntityType):
    name = String(maxsize=64, required=True)
    age = Int()
    score = Int()
"""


class Counted:
    """Counts the calls of a function or method it wraps (as mock.patch's replacement)."""

    def __init__(self, target):
        self.target, self.calls = target, 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.target(*args, **kwargs)


@on_both_databases
class CachedQueries(RuntimeCase):
    def setUp(self):
        super().setUp()
        self.create(SCHEMA)
        # schema.py gains an attribute the instance does not have yet: add_attribute is a real schema change
        self.application(SCHEMA + "    bio = String()\n")
        self.s = ScriptSession(self)
        self.eids = [self.s.rql("INSERT Person P: P name %(n)s, P age %(a)s", {"n": "p%d" % i, "a": i})[0][0]
                     for i in range(5)]
        self.translations = Counted(translate.Translation.__init__)
        self.parses = Counted(execute.read_query)
        self.views = Counted(schema_view.SchemaView.from_schema.__func__)
        translations, views = self.translations, self.views
        for patch in (mock.patch.object(translate.Translation, "__init__",
                                        lambda translation, *a, **k: translations(translation, *a, **k)),
                      mock.patch.object(execute, "read_query", self.parses),
                      mock.patch.object(schema_view.SchemaView, "from_schema",
                                        classmethod(lambda cls, schema: views(cls, schema)))):
            patch.start()
            self.addCleanup(patch.stop)

    def counts(self):
        return self.translations.calls, self.parses.calls, self.views.calls

    def test_a_select_seen_before_is_neither_parsed_nor_translated_again(self):
        query = "Any N WHERE X name N, X age %(a)s"
        self.assertEqual(list(self.s.rql(query, {"a": 3})), [("p3",)])
        first = self.counts()
        for age in (1, 2, 4):
            self.assertEqual(list(self.s.rql(query, {"a": age})), [("p%d" % age,)])
        self.assertEqual(self.counts(), first)
        with self.assertRaisesRegex(RqlError, "age is a Int, not a string"):
            self.s.rql(query, {"a": "old"})  # still checked per call

    def test_the_loop_of_sets_translates_its_query_once(self):
        query = "SET X score %(s)s WHERE X eid %(x)s"
        self.s.rql(query, {"s": 0, "x": self.eids[0]})
        first = self.counts()
        for eid in self.eids * 20:
            self.s.rql(query, {"s": eid, "x": eid})
        self.assertEqual(self.counts(), first)
        self.assertEqual(sorted(self.s.rql("Any S WHERE X score S").rows), [(e,) for e in sorted(self.eids)])

    def test_a_null_argument_is_its_own_translation_once(self):
        query = "Any N WHERE X name N, X score %(s)s"
        self.s.rql(query, {"s": 1})
        self.s.rql(query, {"s": None})
        both = self.counts()
        self.s.rql(query, {"s": 2})
        self.s.rql(query, {"s": None})
        self.assertEqual(self.counts(), both)

    def test_a_schema_change_builds_the_view_again_once_and_translates_again(self):
        query = "Any N WHERE X name N, X age 1"
        self.s.rql(query)
        translations, parses, views = self.counts()
        self.s.add_attribute("Person", "bio")
        self.s.rql(query)
        self.s.rql(query)
        after = self.counts()
        self.assertEqual(after[2], views + 1, "the view is built once for the changed schema")
        self.assertGreater(after[0], translations, "a translation is made for the new schema version")
        self.assertEqual(after[1], parses, "the text itself is not parsed again")


if __name__ == "__main__":
    unittest.main()
