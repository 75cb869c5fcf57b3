"""The schema as entities, as CubicWeb serializes it: CWEType (final types too, `specializes`), CWRType,
CWComputedRType, CWAttribute / CWRelation (relation_type, from_entity, to_entity, cardinality, formula...),
CWConstraint (cstrtype, constrained_by), CWUniqueTogetherConstraint; made by `create` from real-looking cubes,
queried by scripts with rql(), kept equal to the persisted schema (erudi_schema_*) by the schema primitives
within the same script, and rolled back with a failing step. SQLite and PostgreSQL."""
from __future__ import annotations

import os
import shutil

from runtime_case import RuntimeCase, on_both_databases

WORKSPACE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "fixtures", "cubes"))
VIRTUAL = ("eid", "identity", "has_text")

SCHEMA = """
class Person(EntityType):
    name = String(maxsize=64, required=True)
    age = Int()
    knows = SubjectRelation('Person')

class Company(EntityType):
    name = String()
"""


@on_both_databases
class SchemaEntities(RuntimeCase):
    def use(self, relative):
        shutil.rmtree(self.app)
        workspace = os.path.join(self.tmp, "workspace")
        shutil.copytree(WORKSPACE, workspace)
        self.app = os.path.join(workspace, relative)

    def stored(self):
        """(entity types, relation types, attributes, relations) as the CW* entities say."""
        etypes = {n for (n,) in self.rows("SELECT cw_name FROM cw_CWEType WHERE cw_final = %s" % self.false())}
        rtypes = {n for (n,) in self.rows("SELECT cw_name FROM cw_CWRType")}
        rdefs = {}
        for kind in ("CWAttribute", "CWRelation"):
            rdefs[kind] = {(s, r, o, c) for s, r, o, c in self.rows(
                f"SELECT s.cw_name, r.cw_name, o.cw_name, a.cw_cardinality FROM cw_{kind} a "
                "JOIN cw_CWEType s ON s.cw_eid = a.cw_from_entity JOIN cw_CWRType r ON r.cw_eid = a.cw_relation_type "
                "JOIN cw_CWEType o ON o.cw_eid = a.cw_to_entity")}
        return etypes, rtypes, rdefs["CWAttribute"], rdefs["CWRelation"]

    def false(self):
        return "0" if self.backend == "sqlite" else "FALSE"

    def assert_in_step(self):
        """The CW* entities say what the persisted schema (erudi_schema_*) says."""
        schema = self.persisted()
        etypes, rtypes, attributes, relations = self.stored()
        self.assertEqual(etypes, set(schema.entities))
        self.assertEqual(rtypes, {r for r, rel in schema.relations.items()
                                  if r not in VIRTUAL and not rel.props.get("rule")})
        wanted = {(d.subject, d.rtype, d.object, d.cardinality) for d in schema.definitions.values()
                  if d.rtype not in VIRTUAL and not d.props.get("infered")}
        self.assertEqual(attributes, {w for w in wanted if schema.definitions[w[:3]].final})
        self.assertEqual(relations, {w for w in wanted if not schema.definitions[w[:3]].final})
        # every schema entity is an entity: `is` and `entities` agree
        self.assertEqual(self.rows("SELECT COUNT(*) FROM entities e WHERE e.type LIKE 'CW%' AND NOT EXISTS "
                                   "(SELECT 1 FROM is_relation r WHERE r.eid_from = e.eid)"), [(0,)])
        self.assertEqual(self.rows("SELECT COUNT(*) FROM cw_CWConstraint c WHERE NOT EXISTS "
                                   "(SELECT 1 FROM constrained_by_relation r WHERE r.eid_to = c.cw_eid)"), [(0,)])

    def test_create_from_the_forge_stores_the_schema_as_entities(self) -> None:
        self.use("forge")
        self.ok("create")
        self.assert_in_step()
        out = self.run_script(
            "print(len(rql('Any X WHERE X is CWEType, X name \"Ticket\"')))\n"
            "print(sorted(n for (n,) in rql('Any EN WHERE R is CWAttribute, R relation_type RT, RT name \"title\", '"
            "'R from_entity E, E name EN')))\n"
            "print(rql('Any C WHERE R is CWRelation, R relation_type RT, RT name \"concerns\", R from_entity E, "
            "E name \"Ticket\", R to_entity T, T name \"Project\", R cardinality C')[0][0])\n"
            "print(rql('Any F WHERE R is CWAttribute, R relation_type RT, RT name \"nb_tickets\", R formula F')[0][0])\n"
            "print(rql('Any P WHERE X is CWEType, X name \"Image\", X specializes Y, Y name P')[0][0])\n"
            "print(sorted(t for (t,) in rql('Any TN WHERE R is CWAttribute, R relation_type RT, RT name \"priority\", '"
            "'R constrained_by C, C cstrtype T, T name TN')))\n"
            "print(sorted(n for (n,) in rql('Any RN WHERE U is CWUniqueTogetherConstraint, U constraint_of E, '"
            "'E name \"Version\", U relations R, R name RN')))\n"
            "print(bool(rql('Any F WHERE X is CWEType, X name \"String\", X final F')[0][0]))\n")
        lines = out.splitlines()
        self.assertIn("1", lines)
        self.assertTrue(any("'Ticket'" in line and "'Bookmark'" in line for line in lines), out)
        self.assertIn("1*", lines)
        self.assertIn("Any COUNT(T) WHERE T concerns X", lines)
        self.assertIn("File", lines)
        self.assertIn("['SizeConstraint', 'StaticVocabularyConstraint']", lines)
        self.assertIn("['num', 'version_of']", lines)
        self.assertIn("True", lines)
        computed = self.rows("SELECT cw_name, cw_rule FROM cw_CWComputedRType")
        self.assertTrue(computed, "the tracker's ComputedRelation is a CWComputedRType")

    def test_the_primitives_keep_them_in_step_within_the_script(self) -> None:
        self.create(SCHEMA)
        self.application(SCHEMA + """
class Project(EntityType):
    title = String(unique=True)
    members = SubjectRelation('Person', cardinality='**')
""", version="0.2.0")
        out = self.run_script(
            "add_entity_type('Project')\n"
            "print('project', len(rql('Any X WHERE X is CWEType, X name \"Project\"')))\n"
            "print('members', len(rql('Any R WHERE R is CWRelation, R relation_type RT, RT name \"members\"')))\n"
            "print('unique', rql('Any TN WHERE R is CWAttribute, R relation_type RT, RT name \"title\", "
            "R from_entity E, E name \"Project\", R constrained_by C, C cstrtype T, T name TN')[0][0])\n"
            "add_attribute('Company', 'age', 'Int')\n"
            "print('ages', len(rql('Any R WHERE R is CWAttribute, R relation_type RT, RT name \"age\"')))\n"
            "drop_attribute('Person', 'age')\n"
            "print('ages', len(rql('Any R WHERE R is CWAttribute, R relation_type RT, RT name \"age\"')))\n"
            "change_relation_props('Person', 'knows', 'Person', cardinality='?*')\n"
            "print('knows', rql('Any C WHERE R is CWRelation, R relation_type RT, RT name \"knows\", R cardinality C')[0][0])\n"
            "set_size_constraint('Person', 'name', 32)\n")
        for expected in ("project 1", "members 1", "unique UniqueConstraint", "ages 2", "ages 1", "knows ?*"):
            self.assertIn(expected, out.splitlines())
        self.assert_in_step()
        self.assertEqual(self.rows("SELECT c.cw_value FROM cw_CWAttribute a JOIN cw_CWRType r ON r.cw_eid = "
                                   "a.cw_relation_type JOIN cw_CWEType e ON e.cw_eid = a.cw_from_entity "
                                   "JOIN constrained_by_relation cb ON cb.eid_from = a.cw_eid JOIN cw_CWConstraint c "
                                   "ON c.cw_eid = cb.eid_to WHERE r.cw_name = 'name' AND e.cw_name = 'Person'"),
                         [('{"max": 32, "min": null}',)])

    def test_renames_and_drops(self) -> None:
        self.create(SCHEMA)
        before = self.rows("SELECT cw_eid FROM cw_CWEType WHERE cw_name = 'Person'")[0][0]
        self.run_script("rename_entity_type('Person', 'Human')\nrename_attribute('Human', 'age', 'years')\n"
                        "rename_relation('knows', 'met')\n"
                        "assert rql('Any X WHERE X is CWEType, X name \"Human\"')[0][0] == %d\n" % before)
        self.assert_in_step()
        self.assertEqual(self.rows("SELECT cw_name FROM cw_CWRType WHERE cw_name IN ('knows', 'met', 'age', 'years')"
                                   " ORDER BY cw_name"), [("met",), ("years",)])
        self.run_script("drop_entity_type('Company')\ndrop_relation_type('met')\n")
        self.assert_in_step()
        self.assertEqual(self.rows("SELECT COUNT(*) FROM cw_CWEType WHERE cw_name = 'Company'"), [(0,)])

    def test_a_failing_step_leaves_them_as_they_were(self) -> None:
        self.create(SCHEMA)
        self.application(SCHEMA + "\nclass Project(EntityType):\n    title = String()\n", version="0.2.0",
                         scripts={"0.2.0_Any.py": "add_entity_type('Project')\ndrop_attribute('Person', 'age')\n"
                                                  "raise ValueError('no')\n"})
        before = self.stored()
        code, out, err = self.migrate("upgrade")
        self.assertEqual(code, 1)
        self.assertEqual(self.stored(), before)
        self.assert_in_step()


PERMISSIONS = """
from cubicweb.schema import ERQLExpression

class Note(EntityType):
    __permissions__ = {'read': ('managers', 'users'), 'add': ('managers',), 'update': ('managers',),
                       'delete': ('managers', ERQLExpression('X owned_by U'))}
    text = String()
"""


@on_both_databases
class SchemaPermissionEntities(RuntimeCase):
    def grants(self, action):
        groups = self.rows(f"SELECT g.cw_name FROM cw_CWEType e JOIN {action}_permission_relation r ON r.eid_from = "
                           "e.cw_eid JOIN cw_CWGroup g ON g.cw_eid = r.eid_to WHERE e.cw_name = 'Note'")
        exprs = self.rows(f"SELECT x.cw_exprtype, x.cw_mainvars, x.cw_expression FROM cw_CWEType e JOIN "
                          f"{action}_permission_relation r ON r.eid_from = e.cw_eid JOIN cw_RQLExpression x "
                          "ON x.cw_eid = r.eid_to WHERE e.cw_name = 'Note'")
        return sorted(g for (g,) in groups) + sorted(exprs)

    def test_permissions_are_relations_to_groups_and_expressions(self) -> None:
        self.create(PERMISSIONS)
        self.assertEqual(self.grants("read"), ["managers", "users"])
        self.assertEqual(self.grants("delete"), ["managers", ("ERQLExpression", "X", "X owned_by U")])
        # an attribute without __permissions__ has CubicWeb's default ones
        attribute = self.rows("SELECT g.cw_name FROM cw_CWAttribute a JOIN cw_CWRType t ON t.cw_eid = a.cw_relation_type "
                              "JOIN cw_CWEType e ON e.cw_eid = a.cw_from_entity JOIN read_permission_relation r "
                              "ON r.eid_from = a.cw_eid JOIN cw_CWGroup g ON g.cw_eid = r.eid_to "
                              "WHERE t.cw_name = 'text' AND e.cw_name = 'Note'")
        self.assertEqual(sorted(g for (g,) in attribute), ["guests", "managers", "users"])
        out = self.run_script("print(sorted(n for (n,) in rql('Any GN WHERE E is CWEType, E name \"Note\", "
                              "E read_permission G, G name GN')))\n")
        self.assertIn("['managers', 'users']", out)

        # the same schema again: nothing changes (no new expression entities)
        count = self.rows("SELECT COUNT(*) FROM entities")
        self.run_script("synchronize_permissions('Note')\nrql('Any X WHERE X is CWEType')\n")
        self.assertEqual(self.rows("SELECT COUNT(*) FROM entities"), count)

        # changed permissions follow synchronize_permissions, the old expression entity goes
        self.application(PERMISSIONS.replace("'read': ('managers', 'users')", "'read': ('managers', 'guests')")
                         .replace("ERQLExpression('X owned_by U')", "ERQLExpression('X created_by U')"), version="0.2.0")
        self.run_script("synchronize_permissions('Note')\n")
        self.assertEqual(self.grants("read"), ["guests", "managers"])
        self.assertEqual(self.grants("delete"), ["managers", ("ERQLExpression", "X", "X created_by U")])
        self.assertEqual(self.rows("SELECT COUNT(*) FROM cw_RQLExpression WHERE cw_expression = 'X owned_by U'"), [(0,)])
        self.assertEqual(self.rows("SELECT COUNT(*) FROM entities"), count)

    def test_a_dropped_type_takes_its_permission_expressions_along(self) -> None:
        self.create(PERMISSIONS)
        self.application("class Other(EntityType):\n    name = String()\n", version="0.2.0")
        self.run_script("drop_entity_type('Note')\n")
        self.assertEqual(self.rows("SELECT COUNT(*) FROM cw_RQLExpression WHERE cw_expression = 'X owned_by U'"), [(0,)])
        self.assertEqual(self.rows("SELECT COUNT(*) FROM entities e WHERE e.type = 'RQLExpression' AND NOT EXISTS "
                                   "(SELECT 1 FROM cw_RQLExpression x WHERE x.cw_eid = e.eid)"), [(0,)])
