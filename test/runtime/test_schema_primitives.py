"""Every schema primitive on SQLite and PostgreSQL: the tables it leaves and the schema it persists."""
import unittest

from runtime_case import METADATA_COLUMNS, RuntimeCase, on_both_databases

BEFORE = """
class Person(EntityType):
    name = String(maxsize=64, required=True)
    age = Int()
    works_for = SubjectRelation('Company', cardinality='?*', inlined=True)
    knows = SubjectRelation('Person')

class Company(EntityType):
    name = String()
"""


def after(extra_person: str = "", extra: str = "", company: str = "    name = String()\n") -> str:
    return f"""
class Person(EntityType):
    name = String(maxsize=64, required=True)
    age = Int()
    works_for = SubjectRelation('Company', cardinality='?*', inlined=True)
    knows = SubjectRelation('Person')
{extra_person}
class Company(EntityType):
{company}
{extra}
"""


@on_both_databases
class AttributePrimitives(RuntimeCase):
    def setUp(self):
        super().setUp()
        self.create(BEFORE)
        self.ann = self.insert("Person", name="ann", age=41)
        self.bob = self.insert("Person", name="bob")

    def test_add_attribute_takes_type_and_default_from_schema_py(self):
        self.application(after("    email = String(maxsize=100, default='none@example.org', indexed=True)\n"))
        self.run_script("add_attribute('Person', 'email')")
        self.assertEqual(self.columns("cw_Person")["cw_email"], ("varchar(100)", False, "'none@example.org'"))
        self.assertEqual(self.rows("SELECT cw_email FROM cw_Person ORDER BY cw_eid"),
                         [("none@example.org",), ("none@example.org",)])
        self.assertIn("cw_person_cw_email_idx", self.indexes("cw_Person"))
        definition = self.persisted().definitions[("Person", "email", "String")]
        self.assertEqual(definition.props, {"cardinality": "?1", "default": "none@example.org", "indexed": True,
                                            "maxsize": 100})
        self.assertTrue(self.persisted().relations["email"].final)

    def test_add_attribute_each_final_type_with_its_default(self):
        cases = [
            ("Int", "7", ("integer", "7")),
            ("BigInt", "9000000000", ("bigint", "9000000000")),
            ("Float", "1.5", ("float8", "1.5")),
            ("Boolean", "True", ("boolean", None)),
            ("String", "\"it's\"", ("text", "'it''s'")),
            ("Date", "'2020-01-02'", ("date", "'2020-01-02'")),
        ]
        extra = "".join(f"    a_{t.lower()} = {t}(default={d})\n" for t, d, _ in cases)
        self.application(after(extra))
        self.run_script("\n".join(f"add_attribute('Person', 'a_{t.lower()}')" for t, _, _ in cases))
        columns = self.columns("cw_Person")
        for final, _, (sql_type, default) in cases:
            with self.subTest(final=final):
                self.assertEqual(columns[f"cw_a_{final.lower()}"][0], sql_type)
                if default is not None:
                    self.assertEqual(columns[f"cw_a_{final.lower()}"][2], default)
        self.assertEqual(self.rows("SELECT cw_a_int, cw_a_string FROM cw_Person WHERE cw_eid = %s" % self.ann),
                         [(7, "it's")])

    def test_add_attribute_with_an_explicit_type(self):
        self.run_script("add_attribute('Person', 'nickname', 'String')")
        self.assertEqual(self.columns("cw_Person")["cw_nickname"], ("text", False, None))
        self.assertIn(("Person", "nickname", "String"), self.persisted().definitions)

    def test_add_attribute_errors_leave_the_database_unchanged(self):
        self.application(after("    code = Int(required=True)\n"))
        before = self.dump()
        cases = [
            ("add_attribute('Person', 'code')", "is required and has no default, but Person has rows"),
            ("add_attribute('Person', 'nothere')", "schema.py defines no attribute Person.nothere"),
            ("add_attribute('Nobody', 'x', 'Int')", "entity type 'Nobody' is not in the database"),
            ("add_attribute('Person', 'x', 'Person')", "is not an attribute type"),
        ]
        for script, message in cases:
            with self.subTest(script=script):
                _, _, err = self.run_failing(script)
                self.assertIn(message, err)
                self.assertIn("9.9.9_scratch_Any.py:1:", err)
                self.assertEqual(self.dump(), before)

    def test_drop_attribute(self):
        self.application(after(extra_person="").replace("    age = Int()\n", ""))
        self.run_script("drop_attribute('Person', 'age')")
        self.assertNotIn("cw_age", self.columns("cw_Person"))
        self.assertNotIn(("Person", "age", "Int"), self.persisted().definitions)
        self.assertNotIn("age", self.persisted().relations)
        self.assertEqual(self.rows("SELECT cw_name FROM cw_Person ORDER BY cw_eid"), [("ann",), ("bob",)])

    def test_drop_an_indexed_attribute_drops_its_index(self):
        self.application(after("    email = String(unique=True)\n"))
        self.run_script("add_attribute('Person', 'email')")
        self.assertIn("cw_person_cw_email_key", self.indexes("cw_Person"))
        self.run_script("drop_attribute('Person', 'email')")
        self.assertNotIn("cw_person_cw_email_key", self.indexes("cw_Person"))
        self.assertNotIn("cw_email", self.columns("cw_Person"))

    def test_rename_attribute_keeps_values(self):
        self.application(after().replace("age = Int()", "years = Int()"))
        self.run_script("rename_attribute('Person', 'age', 'years')")
        columns = self.columns("cw_Person")
        self.assertIn("cw_years", columns)
        self.assertNotIn("cw_age", columns)
        self.assertEqual(self.rows(f"SELECT cw_years FROM cw_Person WHERE cw_eid = {self.ann}"), [(41,)])
        schema = self.persisted()
        self.assertIn(("Person", "years", "Int"), schema.definitions)
        self.assertNotIn("age", schema.relations)

    def test_set_size_constraint(self):
        self.run_script("set_size_constraint('Person', 'name', 10)")
        self.assertEqual(self.columns("cw_Person")["cw_name"], ("varchar(10)", True, None))
        self.assertEqual(self.persisted().definitions[("Person", "name", "String")].props["maxsize"], 10)
        self.run_script("set_size_constraint('Person', 'name', None)")
        self.assertEqual(self.columns("cw_Person")["cw_name"], ("text", True, None))
        self.assertEqual(self.rows("SELECT cw_name FROM cw_Person ORDER BY cw_eid"), [("ann",), ("bob",)])
        _, _, err = self.run_failing("set_size_constraint('Person', 'name', 2)")
        self.assertIn("cannot be limited to 2 characters: 2 rows are longer", err)

    def test_change_relation_props(self):
        cases = [
            ("change_relation_props('Person', 'age', 'Int', default=3, cardinality='11')",
             ("integer", True, "3"), {"cardinality": "11", "default": 3}),
            ("change_relation_props('Person', 'age', 'Int', required=False, default=None)",
             ("integer", False, None), {"cardinality": "?1"}),
            ("change_relation_props('Person', 'age', 'Int', indexed=True)",
             ("integer", False, None), {"cardinality": "?1", "indexed": True}),
        ]
        for script, column, props in cases:
            with self.subTest(script=script):
                self.run_script(script)
                self.assertEqual(self.columns("cw_Person")["cw_age"], column)
                self.assertEqual(self.persisted().definitions[("Person", "age", "Int")].props, props)
        self.assertEqual(self.rows("SELECT cw_age FROM cw_Person ORDER BY cw_eid"), [(41,), (3,)])
        self.assertIn("cw_person_cw_age_idx", self.indexes("cw_Person"))

    def test_change_relation_props_refuses_what_the_data_forbids(self):
        cases = [
            ("change_relation_props('Person', 'age', 'Int', required=True)", "1 rows have no value"),
            ("change_relation_props('Person', 'age', 'Int', colour='red')", "unknown relation properties colour"),
            ("change_relation_props('Person', 'age', 'Int', cardinality='x')", "is not two of ?, 1, *, +"),
            ("change_relation_props('Person', 'works_for', 'Company', cardinality='**')", "uninline_relation"),
        ]
        for script, message in cases:
            with self.subTest(script=script):
                self.assertIn(message, self.run_failing(script)[2])

    def test_set_widget(self):
        self.run_script("set_widget('Person', 'name', 'TextInput')")
        self.assertEqual(self.persisted().definitions[("Person", "name", "String")].props["widget"], "TextInput")
        self.assertIn("has no attribute or relation 'nope'", self.run_failing("set_widget('Person', 'nope', 'X')")[2])


class PeopleAtAcme(RuntimeCase):
    """An instance of BEFORE with a company, two people, one working there, and a `knows` link."""

    def setUp(self):
        super().setUp()
        self.create(BEFORE)
        self.acme = self.insert("Company", name="acme")
        self.ann = self.insert("Person", name="ann", works_for=self.acme)
        self.bob = self.insert("Person", name="bob")
        self.link("knows", self.ann, self.bob)


@on_both_databases
class EntityTypePrimitives(PeopleAtAcme):
    PROJECT = """
class Project(EntityType):
    title = String(required=True, unique=True)
    lead = SubjectRelation('Person', cardinality='?*', inlined=True)
    members = SubjectRelation('Person')
    sponsor = ObjectRelation('Company')
"""

    def test_add_entity_type_with_its_relations(self):
        self.application(after(extra=self.PROJECT))
        self.run_script("add_entity_type('Project')")
        self.assertEqual(self.columns("cw_Project"), {"cw_eid": ("integer", True, None), "cw_title": ("text", True, None),
                                                      "cw_lead": ("integer", False, None), **METADATA_COLUMNS})
        self.assertIn("cw_project_cw_title_key", self.indexes("cw_Project"))
        self.assertIn("members_relation", self.tables())
        self.assertIn("sponsor_relation", self.tables())
        schema = self.persisted()
        for key in [("Project", "title", "String"), ("Project", "lead", "Person"), ("Project", "members", "Person"),
                    ("Company", "sponsor", "Project")]:
            self.assertIn(key, schema.definitions)
        self.assertTrue(schema.relations["lead"].inlined)

    def test_add_entity_type_without_auto_adds_only_attributes(self):
        self.application(after(extra=self.PROJECT))
        self.run_script("add_entity_type('Project', auto=False)")
        self.assertEqual(set(self.columns("cw_Project")), {"cw_eid", "cw_title", *METADATA_COLUMNS})
        self.assertNotIn("members_relation", self.tables())
        self.assertNotIn("members", self.persisted().relations)

    def test_drop_entity_type_removes_its_entities_and_relations(self):
        self.application(after(extra_person="", company="    pass\n").replace(
            "    works_for = SubjectRelation('Company', cardinality='?*', inlined=True)\n", ""))
        self.run_script("drop_entity_type('Company')")
        self.assertNotIn("cw_company", self.tables())
        self.assertNotIn("cw_works_for", self.columns("cw_Person"))
        self.assertEqual(self.rows("SELECT COUNT(*) FROM entities WHERE type = 'Company'"), [(0,)])
        schema = self.persisted()
        self.assertNotIn("Company", schema.entities)
        self.assertNotIn("works_for", schema.relations)
        self.assertEqual(schema.find_definitions(subject="Company"), [])
        self.assertEqual(self.rows("SELECT COUNT(*) FROM knows_relation"), [(1,)])

    def test_drop_entity_type_with_a_relation_table(self):
        self.run_script("drop_entity_type('Person')")
        self.assertNotIn("cw_person", self.tables())
        self.assertNotIn("knows_relation", self.tables())
        self.assertNotIn("knows", self.persisted().relations)
        self.assertEqual(self.rows("SELECT type FROM entities WHERE type IN ('Person', 'Company')"), [("Company",)])

    def test_rename_entity_type(self):
        self.run_script("add_state('open', 'Company', initial=True)")
        self.application(BEFORE.replace("Company", "Organisation"))
        self.run_script("rename_entity_type('Company', 'Organisation')")
        self.assertEqual(self.rows("SELECT t.cw_name FROM cw_Workflow w JOIN workflow_of_relation r ON r.eid_from = w.cw_eid "
                                   "JOIN cw_CWEType t ON t.cw_eid = r.eid_to WHERE w.cw_name = 'Company workflow'"),
                         [("Organisation",)])
        self.assertIn("cw_organisation", self.tables())
        self.assertNotIn("cw_company", self.tables())
        self.assertEqual(self.rows(f"SELECT type FROM entities WHERE eid = {self.acme}"), [("Organisation",)])
        self.assertEqual(self.rows(f"SELECT cw_name FROM cw_Organisation"), [("acme",)])
        schema = self.persisted()
        self.assertIn(("Person", "works_for", "Organisation"), schema.definitions)
        self.assertIn(("Organisation", "name", "String"), schema.definitions)
        self.assertNotIn("Company", schema.entities)

    def test_add_and_repair_tables(self):
        self.run_script("sqlexec('DROP TABLE cw_Company', ask_confirm=False)\nadd_entity_type_table('Company')")
        self.assertEqual(set(self.columns("cw_Company")), {"cw_eid", "cw_name", *METADATA_COLUMNS})
        self.run_script("sqlexec('DROP TABLE knows_relation', ask_confirm=False)\nadd_relation_type_table('knows')")
        self.assertEqual(set(self.columns("knows_relation")), {"eid_from", "eid_to"})
        self.assertIn("already exists", self.run_failing("add_entity_type_table('Company')")[2])


@on_both_databases
class RelationPrimitives(PeopleAtAcme):
    def test_add_relation_type_with_its_definitions(self):
        self.application(after(extra="""
class likes(RelationDefinition):
    subject = 'Person'
    object = ('Company', 'Person')

class boss(RelationDefinition):
    subject = 'Person'
    object = 'Person'
    cardinality = '?*'
    inlined = True
"""))
        self.run_script("add_relation_type('likes')\nadd_relation_type('boss')")
        self.assertEqual(set(self.columns("likes_relation")), {"eid_from", "eid_to"})
        self.assertIn("cw_boss", self.columns("cw_Person"))
        schema = self.persisted()
        self.assertIn(("Person", "likes", "Company"), schema.definitions)
        self.assertIn(("Person", "likes", "Person"), schema.definitions)
        self.assertTrue(schema.relations["boss"].inlined)

    def test_add_relation_type_without_definitions(self):
        self.application(after(extra="class likes(RelationDefinition):\n    subject = 'Person'\n    object = 'Company'\n"))
        self.run_script("add_relation_type('likes', addrdef=False)")
        self.assertIn("likes", self.persisted().relations)
        self.assertEqual(self.persisted().definitions_of("likes"), [])

    def test_drop_relation_type(self):
        cases = [("knows", "knows_relation", None), ("works_for", None, "cw_works_for")]
        for rtype, table, column in cases:
            with self.subTest(rtype=rtype):
                self.run_script(f"drop_relation_type({rtype!r})")
                self.assertNotIn(rtype, self.persisted().relations)
                if table:
                    self.assertNotIn(table, self.tables())
                if column:
                    self.assertNotIn(column, self.columns("cw_Person"))

    def test_rename_relation(self):
        self.run_script("rename_relation('knows', 'befriends')\nrename_relation('works_for', 'employer')")
        self.assertIn("befriends_relation", self.tables())
        self.assertNotIn("knows_relation", self.tables())
        self.assertEqual(self.rows("SELECT eid_from, eid_to FROM befriends_relation"), [(self.ann, self.bob)])
        self.assertEqual(self.rows(f"SELECT cw_employer FROM cw_Person WHERE cw_eid = {self.ann}"), [(self.acme,)])
        self.assertIn("cw_person_cw_employer_idx", self.indexes("cw_Person"))
        schema = self.persisted()
        self.assertIn(("Person", "befriends", "Person"), schema.definitions)
        self.assertIn(("Person", "employer", "Company"), schema.definitions)
        self.assertTrue(schema.relations["employer"].inlined)
        self.assertNotIn("knows", schema.relations)

    def test_add_and_drop_relation_definition(self):
        self.run_script("add_relation_definition('Person', 'knows', 'Company')")
        self.link("knows", self.ann, self.acme)
        self.assertIn(("Person", "knows", "Company"), self.persisted().definitions)
        self.run_script("drop_relation_definition('Person', 'knows', 'Company')")
        # Only the links of that definition go; the relation type stays with its other definition.
        self.assertEqual(self.rows("SELECT eid_from, eid_to FROM knows_relation"), [(self.ann, self.bob)])
        self.assertNotIn(("Person", "knows", "Company"), self.persisted().definitions)
        self.run_script("drop_relation_definition('Person', 'knows', 'Person')")
        self.assertNotIn("knows_relation", self.tables())
        self.assertNotIn("knows", self.persisted().relations)

    def test_relation_definition_of_an_attribute(self):
        self.run_script("add_relation_definition('Company', 'age', 'Int')")
        self.assertIn("cw_age", self.columns("cw_Company"))
        self.run_script("drop_relation_definition('Company', 'age', 'Int')")
        self.assertNotIn("cw_age", self.columns("cw_Company"))
        self.assertIn("age", self.persisted().relations)  # Person still has it

    def test_relation_type_primitives_on_an_attribute_type(self):
        self.application(after("    rank = Int(default=1)\n", company="    name = String()\n    rank = Int(default=2)\n"))
        self.run_script("add_relation_type('rank')")
        self.assertEqual(self.rows("SELECT cw_rank FROM cw_Company"), [(2,)])
        self.assertEqual(self.columns("cw_Person")["cw_rank"], ("integer", False, "1"))
        self.run_script("rename_relation('rank', 'position')")
        self.assertEqual(self.rows("SELECT cw_position FROM cw_Company"), [(2,)])
        self.assertEqual(sorted(d.subject for d in self.persisted().definitions_of("position")), ["Company", "Person"])
        self.run_script("drop_relation_type('position')")
        self.assertNotIn("cw_position", self.columns("cw_Company"))
        self.assertNotIn("cw_position", self.columns("cw_Person"))
        self.assertNotIn("position", self.persisted().relations)

    def test_uninline_relation_keeps_links(self):
        self.run_script("uninline_relation('works_for')")
        self.assertNotIn("cw_works_for", self.columns("cw_Person"))
        self.assertEqual(self.rows("SELECT eid_from, eid_to FROM works_for_relation"), [(self.ann, self.acme)])
        self.assertFalse(self.persisted().relations["works_for"].inlined)
        self.assertIn("is not an inlined relation", self.run_failing("uninline_relation('works_for')")[2])


@on_both_databases
class SynchronizePrimitives(RuntimeCase):
    PERMISSIONS = "    __permissions__ = {'read': ('managers',), 'update': ('managers',)}\n"

    def setUp(self):
        super().setUp()
        self.create(BEFORE)

    def test_synchronize_permissions(self):
        self.application(after(extra_person=self.PERMISSIONS))
        self.run_script("synchronize_permissions('Person')")
        self.assertEqual(self.persisted().entities["Person"].props["permissions"],
                         {"read": ["managers"], "update": ["managers"]})

    def test_synchronize_eschema(self):
        source = after(extra_person=self.PERMISSIONS).replace(
            "name = String(maxsize=64, required=True)", "name = String(maxsize=80, required=True, indexed=True)")
        self.application(source)
        self.run_script("synchronize_eschema('Person')")
        self.assertEqual(self.columns("cw_Person")["cw_name"], ("varchar(80)", True, None))
        self.assertIn("cw_person_cw_name_idx", self.indexes("cw_Person"))
        schema = self.persisted()
        self.assertEqual(schema.definitions[("Person", "name", "String")].props,
                         {"cardinality": "11", "maxsize": 80, "indexed": True})
        self.assertIn("permissions", schema.entities["Person"].props)

    def test_unique_together_follows_the_schema(self):
        self.application(after(extra_person="    __unique_together__ = [('name', 'age')]\n"))
        self.run_script("synchronize_eschema('Person')")
        self.assertEqual(self.indexes("cw_Person")["cw_person_cw_name_cw_age_key"], (("cw_name", "cw_age"), True))
        self.assertEqual(self.persisted().entities["Person"].unique_together, [["name", "age"]])
        self.run_script("drop_attribute('Person', 'age')")
        self.assertNotIn("cw_person_cw_name_cw_age_key", self.indexes("cw_Person"))
        self.assertEqual(self.persisted().entities["Person"].unique_together, [])

    def test_synchronize_rschema(self):
        self.application(after().replace("knows = SubjectRelation('Person')",
                                         "knows = SubjectRelation('Person', cardinality='?*', description='friends')"))
        self.run_script("synchronize_rschema('knows')")
        self.assertEqual(self.persisted().definitions[("Person", "knows", "Person")].props,
                         {"cardinality": "?*", "description": "friends"})
        self.application(after().replace("works_for = SubjectRelation('Company', cardinality='?*', inlined=True)",
                                         "works_for = SubjectRelation('Company', cardinality='?*')"))
        self.assertIn("use uninline_relation('works_for')", self.run_failing("synchronize_rschema('works_for')")[2])

    def test_synchronize_schema_changes_properties_not_types(self):
        self.application(after(extra="class Extra(EntityType):\n    x = Int()\n").replace(
            "    name = String()\n", "    name = String(maxsize=20, default='?')\n"))
        self.run_script("synchronize_schema()")
        self.assertEqual(self.columns("cw_Company")["cw_name"], ("varchar(20)", False, "'?'"))
        self.assertNotIn("Extra", self.persisted().entities)
        self.assertNotIn("cw_extra", self.tables())


@on_both_databases
class LowLevelAndInjection(RuntimeCase):
    def setUp(self):
        super().setUp()
        self.create(BEFORE)
        self.ann = self.insert("Person", name="ann", age=41)

    def test_sqlexec_binds_and_returns_rows(self):
        p = "?" if self.backend == "sqlite" else "%s"
        out = self.run_script(f"print(sqlexec('SELECT cw_name FROM cw_Person WHERE cw_age > {p}', (40,)))")
        self.assertIn("[('ann',)]", out)
        self.run_script(f"sqlexec('UPDATE cw_Person SET cw_name = {p}', (\"x'); DROP TABLE entities; --\",))")
        self.assertEqual(self.rows("SELECT cw_name FROM cw_Person"), [("x'); DROP TABLE entities; --",)])
        self.assertIn("entities", self.tables())

    def test_names_are_validated_not_injected(self):
        evil = 'x"; DROP TABLE entities; --'
        cases = [
            f"add_attribute('Person', {evil!r}, 'String')",
            f"add_attribute({evil!r}, 'a', 'String')",
            f"rename_attribute('Person', 'age', {evil!r})",
            f"rename_entity_type('Company', {evil!r})",
            f"rename_relation('knows', {evil!r})",
            f"drop_entity_type({evil!r})",
            f"add_relation_definition('Person', {evil!r}, 'Company')",
            f"set_size_constraint('Person', {evil!r}, 3)",
        ]
        before = self.dump()
        for script in cases:
            with self.subTest(script=script):
                _, _, err = self.run_failing(script)
                self.assertIn("use letters, digits and '_' only", err)
                self.assertEqual(self.dump(), before)

    def test_default_values_are_quoted_not_injected(self):
        evil = "'); DROP TABLE entities; --"
        self.application(after(f"    motto = String(default={evil!r})\n"))
        self.run_script("add_attribute('Person', 'motto')")
        self.assertEqual(self.rows("SELECT cw_motto FROM cw_Person"), [(evil,)])
        self.assertIn("entities", self.tables())
        self.application(after("    level = Int(default='1; DROP TABLE entities')\n"))
        self.assertIn("is not an integer", self.run_failing("add_attribute('Person', 'level')")[2])




class SqliteTableRebuild(RuntimeCase, unittest.TestCase):
    """SQLite before 3.35 cannot DROP COLUMN: the table is rebuilt (create, copy, drop, rename, reindex)."""
    backend = "sqlite"

    def test_drop_attribute_by_rebuilding_keeps_rows_and_indexes(self):
        from erudi_migrate.dialects import sqlite as sqlite_dialect
        self.create(BEFORE.replace("    age = Int()\n", "    age = Int()\n    email = String(unique=True)\n"))
        acme = self.insert("Company", name="acme")
        ann = self.insert("Person", name="ann", age=41, email="a@x", works_for=acme)
        self.insert("Person", name="bob", age=7, email="b@x")
        saved = sqlite_dialect._HAS_DROP_COLUMN
        sqlite_dialect._HAS_DROP_COLUMN = False
        self.addCleanup(setattr, sqlite_dialect, "_HAS_DROP_COLUMN", saved)
        self.application(BEFORE.replace("    age = Int()\n", "    email = String(unique=True)\n"))
        out = self.run_script("drop_attribute('Person', 'age')", "--verbose")
        self.assertIn("CREATE TABLE cw_Person_erudi_rebuild", out)
        self.assertEqual(self.columns("cw_Person"), {
            "cw_eid": ("integer", True, None), "cw_name": ("varchar(64)", True, None), "cw_email": ("text", False, None),
            "cw_works_for": ("integer", False, None), **METADATA_COLUMNS})
        self.assertEqual(self.rows("SELECT cw_eid, cw_name, cw_email, cw_works_for FROM cw_Person ORDER BY cw_eid"),
                         [(ann, "ann", "a@x", acme), (ann + 1, "bob", "b@x", None)])
        self.assertEqual(set(self.indexes("cw_Person")), {"cw_person_cw_email_key", "cw_person_cw_works_for_idx"})
        self.assertIn("UNIQUE constraint failed", self.run_failing(
            "sqlexec(\"UPDATE cw_Person SET cw_email = 'a@x'\", ask_confirm=False)")[2])


if __name__ == "__main__":
    unittest.main()
