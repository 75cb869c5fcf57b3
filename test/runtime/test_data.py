"""add_entity() on SQLite and PostgreSQL: attributes and relations by keyword, the eid returned, clear errors."""
import unittest

from runtime_case import RuntimeCase, on_both_databases
from erudi_migrate.errors import MigrationError
from test_rql import SCHEMA, ScriptSession

# keywords given to add_entity("Person", ...), the error's words
ERRORS = [
    ("Persn", {"name": "x"}, "unknown entity type 'Persn' (did you mean 'Person'?)"),
    ("Person", {"name": "x", "agee": 3}, "Person has no attribute or relation 'agee' (did you mean 'age'?)"),
    ("Person", {"age": 3}, "Person requires name: add_entity('Person', name=...)"),
    ("Person", {"name": "x", "age": "old"}, "Person.age is a Int, not a string ('old')"),
    ("Person", {"name": "x", "active": 1}, "Person.active is a Boolean, not an integer (1)"),
    ("Person", {"name": "x", "works_for": "acme"}, "works_for='acme': a relation takes the eid of an entity"),
    ("Person", {"name": "x", "works_for": "#ann"}, "Person works_for: entity %(ann)d is a Person, the relation takes Company"),
    ("Person", {"name": "x", "knows": [999999]}, "no entity has eid 999999"),
]


@on_both_databases
class AddEntity(RuntimeCase):
    def setUp(self):
        super().setUp()
        self.create(SCHEMA)
        self.s = ScriptSession(self)

    def test_attributes_and_the_eid(self):
        eid = self.s.add_entity("Person", name="ann", age=41, score=1.5, active=True)
        self.assertIsInstance(eid, int)
        self.assertEqual(list(self.s.rql("Any N, A, S, B WHERE X eid %(x)s, X name N, X age A, X score S, X active B",
                                         {"x": eid})), [("ann", 41, 1.5, True)])
        self.assertEqual(self.s.db.query("SELECT type FROM entities WHERE eid = %s" % self.s.ctx.dialect.param, [eid]),
                         [("Person",)])

    def test_relations_inlined_plain_and_reverse(self):
        acme = self.s.add_entity("Company", label="acme")
        ann = self.s.add_entity("Person", name="ann", works_for=acme)
        bob = self.s.add_entity("Person", {"name": "bob"}, knows=[ann], reverse_knows=ann)
        self.assertEqual(list(self.s.rql("Any C WHERE X works_for C, X eid %(x)s", {"x": ann})), [(acme,)])
        self.assertEqual(sorted(self.s.rql("Any X, Y WHERE X knows Y")), sorted([(bob, ann), (ann, bob)]))

    def test_errors(self):
        ann = self.s.add_entity("Person", name="ann")
        for etype, values, words in ERRORS:
            with self.subTest(values=values):
                values = {k: ann if v == "#ann" else v for k, v in values.items()}
                with self.assertRaises(MigrationError) as caught:
                    self.s.add_entity(etype, **values)
                self.assertIn(words % {"ann": ann}, str(caught.exception))

    def test_positional_arguments_must_be_dicts(self):
        with self.assertRaises(MigrationError) as caught:
            self.s.add_entity("Person", "ann")
        self.assertIn("give attributes and relations as keywords", str(caught.exception))


if __name__ == "__main__":
    unittest.main()
