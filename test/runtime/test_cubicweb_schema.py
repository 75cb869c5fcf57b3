"""CubicWeb 3.28's schema commands and the yams schema API (`schema`, `fsschema`) on SQLite and PostgreSQL,
in the manner of CubicWeb's unittest_migractions.py; idempotent commands warn and go on."""
import unittest

from runtime_case import RuntimeCase, on_both_databases
from test_cubicweb_api import SCHEMA, printed, warnings


@on_both_databases
class YamsSchemaApi(RuntimeCase):
    def setUp(self):
        super().setUp()
        self.create(SCHEMA)

    def test_schema_and_fsschema(self):
        self.application(SCHEMA.replace("    age = Int()\n", "    age = Int()\n    email = String(unique=True, maxsize=99)\n"))
        out = self.run_script("""
            person = schema['Person']
            print(person, person.final, 'Person' in schema, 'knows' in schema, 'Nothing' in schema)
            meta = {'eid', 'identity', 'is', 'is_instance_of', 'owned_by', 'created_by', 'cw_source', 'creation_date',
                    'modification_date', 'cwuri'}  # what CubicWeb's core gives every type
            print(sorted(set(person.subjrels) - meta), sorted(set(schema['Company'].objrels) - meta))
            print(meta <= set(person.subjrels))
            print(person.has_relation('knows'), person.has_relation('works_for', 'object'))
            print(schema.rschema('works_for').inlined, schema.rschema('age').final, schema['knows'].symmetric)
            print(person.rdef('name').cardinality, schema['works_for'].rdefs[('Person', 'Company')].cardinality)
            print([str(e) for e in schema['works_for'].objects('Person')], person.destination('age'))
            print('email' in schema, 'email' in fsschema, fsschema['Person'].rdef('email').constraints)
            print({'CWUser', 'CWGroup', 'CWProperty', 'Workflow', 'State', 'Transition', 'Company', 'Person'}
                  <= {str(e) for e in schema.entities() if not e.final})
            print(schema['String'].final, 'Person' in list(schema))
        """, "--json")
        self.assertEqual(printed(out), [
            "Person False True True False",
            "['age', 'knows', 'name', 'works_for'] ['works_for']",
            "True",
            "True False",
            "True True False",
            "11 ?*",
            "['Company'] Int",
            "False True [<UniqueConstraint>, <SizeConstraint>]",
            "True",
            "True True",
        ])

    def test_schema_follows_the_scripts_own_changes(self):
        self.application(SCHEMA.replace("    age = Int()\n", "    age = Int()\n    email = String()\n"))
        out = self.run_script("print('email' in schema)\nadd_attribute('Person', 'email')\nprint('email' in schema)",
                              "--json")
        self.assertEqual(printed(out), ["False", "True"])


@on_both_databases
class SchemaCommands(RuntimeCase):
    def setUp(self):
        super().setUp()
        self.create(SCHEMA)
        self.ann = self.insert("Person", name="ann", age=41)

    def test_sync_schema_props_perms(self):
        changed = (SCHEMA.replace("name = String(maxsize=64, required=True)", "name = String(maxsize=128, required=True, indexed=True)")
                   .replace("class Company(EntityType):", "class Company(EntityType):\n    __permissions__ = {'read': ('managers',), "
                            "'add': ('managers',), 'update': ('managers',), 'delete': ('managers',)}"))
        self.application(changed)
        self.run_script("sync_schema_props_perms('Company', syncprops=False)")
        self.assertEqual(self.persisted().entities["Company"].props["permissions"]["read"], ["managers"])
        self.assertEqual(self.columns("cw_Person")["cw_name"][0], "varchar(64)")  # not synchronized yet
        self.run_script("sync_schema_props_perms(('Person', 'name', 'String'), syncperms=False)")
        self.assertEqual(self.columns("cw_Person")["cw_name"][0], "varchar(128)")
        self.assertIn("cw_person_cw_name_idx", self.indexes("cw_Person"))
        self.run_script("sync_schema_props_perms()")  # everything, again: nothing left to change
        self.run_failing("sync_schema_props_perms('Nobody')")

    def test_rename_relation_type(self):
        other = self.insert("Person", name="bob")
        self.link("knows", self.ann, other)
        self.application(SCHEMA.replace("knows = SubjectRelation('Person')", "acquainted = SubjectRelation('Person')"))
        self.run_script("rename_relation_type('knows', 'acquainted')")
        self.assertEqual(self.rows("SELECT eid_from, eid_to FROM acquainted_relation"), [(self.ann, other)])
        self.assertNotIn("knows", self.persisted().relations)

    def test_rename_relation_type_still_in_the_files(self):
        self.application(SCHEMA + "\nclass acquainted(RelationDefinition):\n    subject = 'Person'\n    object = 'Person'\n")
        self.run_script("rename_relation_type('knows', 'acquainted', force=True)")
        self.assertIn("acquainted", self.persisted().relations)

    def test_change_attribute_type_int_to_float_converts_data(self):
        self.insert("Person", name="bob", age=7)
        self.application(SCHEMA.replace("age = Int()", "age = Float()"))
        self.run_script("change_attribute_type('Person', 'age', 'Float')")
        self.assertEqual(self.columns("cw_Person")["cw_age"][0], "float8")
        rows = self.rows("SELECT cw_age FROM cw_Person ORDER BY cw_eid")
        self.assertEqual(rows, [(41.0,), (7.0,)])
        self.assertTrue(all(isinstance(value, float) for value, in rows))
        self.assertIn(("Person", "age", "Float"), self.persisted().definitions)
        self.assertNotIn(("Person", "age", "Int"), self.persisted().definitions)
        out = self.run_script("print(rql('Any A WHERE X name \"ann\", X age A')[0][0] + 0.5)", "--json")
        self.assertEqual(printed(out), ["41.5"])

    def test_change_attribute_type_refuses_values_it_cannot_convert(self):
        self.application(SCHEMA)
        self.run_script("sql(\"UPDATE cw_Person SET cw_name = 'not a number'\")")
        before = self.dump()
        code, out, err = self.run_failing("change_attribute_type('Person', 'name', 'Int')")
        self.assertIn("change_attribute_type('Person', 'name', 'Int')", err)
        self.assertEqual(self.dump(), before)

    def test_dropped_constraints(self):
        self.application(SCHEMA.replace("    age = Int()\n", "    age = Int()\n    code = String(unique=True, required=True, maxsize=8)\n"))
        self.run_script("""
            from yams.constraints import UniqueConstraint
            with dropped_constraints('Person', 'code', UniqueConstraint, droprequired=True):
                add_attribute('Person', 'code')
                print(fsschema['Person'].rdef('code').cardinality, fsschema['Person'].rdef('code').constraints)
                sql("UPDATE cw_Person SET cw_code = 'A1'")
            print(fsschema['Person'].rdef('code').cardinality)
        """)
        definition = self.persisted().definitions[("Person", "code", "String")]
        self.assertEqual(definition.props["cardinality"], "11")
        self.assertTrue(definition.props["unique"])
        self.assertEqual(self.columns("cw_Person")["cw_code"][:2], ("varchar(8)", True))
        self.assertIn("cw_person_cw_code_key", self.indexes("cw_Person"))

    def test_dropped_constraints_gives_back_what_it_cannot_restore(self):
        self.insert("Person", name="bob")
        self.application(SCHEMA.replace("    age = Int()\n", "    age = Int()\n    code = String(required=True)\n"))
        before = self.dump()
        code, out, err = self.run_failing("with dropped_constraints('Person', 'code', droprequired=True):\n"
                                          "    add_attribute('Person', 'code')\n")
        self.assertIn("Person.code cannot become required: 2 rows have no value", err)
        self.assertEqual(self.dump(), before)

    def test_rename_entity_type_cubicweb_signature(self):
        self.application(SCHEMA.replace("class Company(", "class Firm(").replace("'Company'", "'Firm'"))
        self.run_script("rename_entity_type('Company', 'Firm', None, True)")
        self.assertIn("Firm", self.persisted().entities)
        code, out, err = self.run_failing("rename_entity_type('Person', 'Firm')")
        self.assertIn("Firm is already in the database, and merging two entity types is not supported here", err)


@on_both_databases
class IdempotentCommands(RuntimeCase):
    """Adding what exists or dropping what is gone warns and goes on (CubicWeb ticket #1777411)."""

    def setUp(self):
        super().setUp()
        self.create(SCHEMA)

    def test_each_command_again_warns_and_goes_on(self):
        self.application(SCHEMA.replace("    knows = SubjectRelation('Person')\n", "")
                         .replace("    age = Int()\n", "    age = Int()\n    email = String()\n"))
        first = "add_attribute('Person', 'email')\ndrop_relation_type('knows')\n"
        self.run_script(first)
        before = self.dump()
        out = self.run_script(first + """
            add_entity_type('Company')
            add_relation_type('works_for')
            add_relation_definition('Person', 'works_for', 'Company')
            drop_attribute('Person', 'nickname')
            drop_relation_definition('Person', 'knows', 'Person')
            drop_entity_type('Gone')
            rename_entity_type('Gone', 'Company')
            print('went on')
        """.replace("\n            ", "\n"), "--json")
        self.assertEqual(printed(out), ["went on"])
        self.assertEqual(warnings(out), [
            "add_attribute: Person already has an attribute 'email' in the database, skipped",
            "drop_relation_type: relation type 'knows' is not in the database, skipped",
            "add_entity_type: entity type 'Company' is already in the database, skipped",
            "add_relation_type: relation type 'works_for' is already in the database, skipped",
            "add_relation_definition: Person works_for Company is already defined in the database, skipped",
            "drop_attribute: Person has no attribute 'nickname' in the database, skipped",
            "drop_relation_definition: Person knows Person is not defined in the database, skipped",
            "drop_entity_type: entity type 'Gone' is not in the database, skipped",
            "rename_entity_type: entity type 'Gone' is not in the database, skipped",
        ])
        self.assertEqual(self.dump(), before)

    def test_a_half_migrated_instance_upgrades_again(self):
        target = SCHEMA.replace("    age = Int()\n", "    age = Int()\n    email = String()\n")
        self.application(target, "0.2.0", {"0.2.0_Any.py": "add_attribute('Person', 'email')\n"
                                                             "add_relation_type('works_for')\n"})
        self.run_script("add_attribute('Person', 'email')")  # done by hand before the upgrade
        out = self.ok("upgrade", "--no-backup", "--json")
        self.assertIn("add_attribute: Person already has an attribute 'email' in the database, skipped", warnings(out))
        self.assertEqual(self.rows("SELECT version FROM erudi_versions WHERE component = 'model'"), [("0.2.0",)])
