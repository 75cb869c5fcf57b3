"""schema.py files written for yams load as they are: types, options, relations, inheritance."""
import os
import tempfile
import textwrap
import unittest

import runtime_case  # noqa: F401 (puts the runtime on sys.path)
from erudi_migrate.errors import MigrationError
from erudi_migrate.schema.loader import load_schema


def load(source: str):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "schema.py")
        with open(path, "w") as handle:
            handle.write(textwrap.dedent(source))
        return load_schema(path)


SCHEMA = """
from yams.buildobjs import (EntityType, RelationType, RelationDefinition, SubjectRelation, ObjectRelation,
    String, Int, BigInt, Float, Decimal, Boolean, Date, Datetime, TZDatetime, Time, TZTime, Interval, Bytes,
    Password, RichString)

class Person(EntityType):
    '''Someone.'''
    __unique_together__ = [('name', 'birth')]
    __permissions__ = {'read': ('managers', 'users'), 'add': ('managers',)}
    name = String(maxsize=64, required=True, unique=True)
    birth = Date()
    height = Float(default=1.7)
    score = Decimal(); big = BigInt(indexed=True); ok = Boolean(default=True); at = Datetime(); tz = TZDatetime()
    off = Boolean(default=False); zero = Int(default=0, unique=False)
    t = Time(); tzt = TZTime(); span = Interval(); photo = Bytes(); secret = Password(); bio = RichString()
    knows = SubjectRelation('Person', cardinality='**')
    employer = SubjectRelation('Company', cardinality='?*', inlined=True)

class Employee(Person):
    badge = Int(required=True, default=0)

class Company(EntityType):
    name = String()
    member = ObjectRelation('Person')

class located_in(RelationDefinition):
    subject = 'Company'
    object = 'Company'
    cardinality = '?*'

class tags(RelationType):
    symmetric = True
    subject = ('Person', 'Company')
    object = 'Company'
"""


class SchemaLoaderTests(unittest.TestCase):
    schema = load(SCHEMA)

    def test_definitions_as_a_table(self):
        cases = [
            (("Person", "name", "String"), {"cardinality": "11", "maxsize": 64, "unique": True}),
            (("Person", "birth", "Date"), {"cardinality": "?1"}),
            (("Person", "height", "Float"), {"cardinality": "?1", "default": 1.7}),
            (("Person", "big", "BigInt"), {"cardinality": "?1", "indexed": True}),
            (("Person", "ok", "Boolean"), {"cardinality": "?1", "default": True}),
            (("Person", "off", "Boolean"), {"cardinality": "?1", "default": False}),
            (("Person", "zero", "Int"), {"cardinality": "?1", "default": 0}),
            (("Person", "knows", "Person"), {"cardinality": "**"}),
            (("Person", "employer", "Company"), {"cardinality": "?*"}),
            (("Employee", "name", "String"), {"cardinality": "11", "maxsize": 64, "unique": True}),
            (("Employee", "badge", "Int"), {"cardinality": "11", "default": 0}),
            (("Person", "member", "Company"), {"cardinality": "**"}),
            (("Company", "located_in", "Company"), {"cardinality": "?*"}),
            (("Person", "tags", "Company"), {"cardinality": "**"}),
            (("Company", "tags", "Company"), {"cardinality": "**"}),
        ]
        for key, props in cases:
            with self.subTest(key=key):
                self.assertEqual(self.schema.definitions[key].props, props)

    def test_every_final_type_is_an_attribute(self):
        types = {d.object for d in self.schema.attributes("Person")}
        self.assertEqual(types, {"String", "Date", "Float", "Decimal", "BigInt", "Boolean", "Datetime", "TZDatetime", "Int",
                                 "Time", "TZTime", "Interval", "Bytes", "Password"})
        # as yams builds it, a RichString is a String plus its format, a String of its own
        self.assertEqual(self.schema.attribute("Person", "bio").object, "String")
        self.assertEqual(self.schema.attribute("Person", "bio_format").props,
                         {"cardinality": "?1", "default": "text/plain", "maxsize": 50, "internationalizable": True,
                          "constraints": [{"type": "FormatConstraint", "value": None}]})

    def test_relation_types(self):
        self.assertTrue(self.schema.relations["employer"].inlined)
        self.assertTrue(self.schema.relations["tags"].props["symmetric"])
        self.assertTrue(self.schema.relations["name"].final)
        self.assertFalse(self.schema.relations["knows"].final)

    def test_entity_options(self):
        person = self.schema.entities["Person"]
        self.assertEqual(person.unique_together, [["name", "birth"]])
        self.assertEqual(person.props["permissions"], {"read": ["managers", "users"], "add": ["managers"]})
        self.assertEqual(person.props["description"], "Someone.")

    def test_errors_name_the_file_and_what_is_wrong(self):
        cases = [
            ("from yams.buildobjs import EntityType, SubjectRelation\nclass A(EntityType):\n    r = SubjectRelation('Nope')\n",
             "'Nope', which is no entity type"),
            ("from yams.buildobjs import EntityType, SubjectRelation\nclass A(EntityType):\n"
             "    r = SubjectRelation('A', cardinality='**', inlined=True)\n", "is inlined but A may have several"),
            ("from yams.buildobjs import EntityType\nclass A(EntityType)\n", "syntax error"),
            ("from yams.buildobjs import EntityType\nraise ValueError('boom')\n", "ValueError: boom"),
        ]
        for source, message in cases:
            with self.subTest(message=message):
                with self.assertRaises(MigrationError) as caught:
                    load(source)
                self.assertIn(message, str(caught.exception))
                self.assertTrue(caught.exception.file.endswith("schema.py"))

    def test_yams_style_lookups(self):
        self.assertTrue("Person" in self.schema and "knows" in self.schema and "Nobody" not in self.schema)
        self.assertEqual(self.schema.eschema("Person").name, "Person")
        self.assertTrue(self.schema.rschema("employer").inlined)
        self.assertTrue(self.schema.has_rdef("Person", "knows", "Person"))
        with self.assertRaises(KeyError):
            self.schema.rschema("nope")

    def test_yams_is_not_left_installed(self):
        import sys
        self.assertNotIn("yams.buildobjs", sys.modules)


if __name__ == "__main__":
    unittest.main()
