"""Real-world schema constructs as the runtime loads them (core + cubes + application through the
compatibility modules), as the normalized JSON the language server's reader is compared with; the shared
cube workspace (schema/ packages, cubes depending on cubes); and schemas that cannot be read."""
from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import textwrap
import unittest

import runtime_case  # noqa: F401 (puts runtime/ on sys.path)
from erudi_migrate.errors import MigrationError
from erudi_migrate.schema.dump import main as dump_main, normalize
from erudi_migrate.schema.loader import load_core_schema, load_schema

FIXTURES = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "fixtures"))
WORKSPACE = os.path.join(FIXTURES, "cubes")
CONSTRUCTS = os.path.join(FIXTURES, "schema-constructs")
CORE = load_core_schema()

HEADER = """\
from yams.buildobjs import *
from yams.constraints import *
from cubicweb.schema import *
from cubicweb import _
"""


def attribute(type_, **values):
    base = {"type": type_, "required": False, "unique": False, "default": None, "maxsize": None, "vocabulary": None,
            "indexed": False, "fulltextindexed": False, "internationalizable": False, "formula": None}
    base.update(values)
    return base


class Application:
    """A throwaway application folder (schema.py or a schema/ package)."""

    def __init__(self, files):
        self.folder = tempfile.mkdtemp(prefix="erudi-schema-")
        self.write("__pkginfo__.py", "numversion = (0, 1, 0)\n")
        for name, text in files.items():
            self.write(name, text)

    def write(self, name, text):
        path = os.path.join(self.folder, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(textwrap.dedent(text).lstrip("\n"))
        return path

    def load(self):
        return load_schema(self.folder, environ={})

    def normalized(self):
        return normalize(self.load(), CORE)

    def close(self):
        shutil.rmtree(self.folder, True)


def schema_of(body):
    app = Application({"schema.py": HEADER + textwrap.dedent(body)})
    try:
        return app.normalized()
    finally:
        app.close()


# one row per construct of issue 10, point 2: (name, schema.py body, check(normalized JSON))
CASES = [
    ("every final type", """
        class T(EntityType):
            s = String(); i = Int(); b = BigInt(); f = Float(); d = Decimal(); o = Boolean(); da = Date()
            dt = Datetime(); tzdt = TZDatetime(); t = Time(); tzt = TZTime(); iv = Interval(); p = Password()
            by = Bytes()
     """, lambda s: {a: v["type"] for a, v in s["entityTypes"]["T"]["attributes"].items()} == {
        "s": "String", "i": "Int", "b": "BigInt", "f": "Float", "d": "Decimal", "o": "Boolean", "da": "Date",
        "dt": "Datetime", "tzdt": "TZDatetime", "t": "Time", "tzt": "TZTime", "iv": "Interval", "p": "Password",
        "by": "Bytes"}),
    ("RichString and its format attribute", """
        class T(EntityType):
            body = RichString(fulltextindexed=True, default_format='text/rest')
     """, lambda s: s["entityTypes"]["T"]["attributes"] == {
        "body": attribute("String", fulltextindexed=True),
        "body_format": attribute("String", default="text/rest", maxsize=50, internationalizable=True)}),
    ("make_type of a final type", """
        Load = make_type('Float')
        class T(EntityType):
            load = Load(required=True)
     """, lambda s: s["entityTypes"]["T"]["attributes"]["load"] == attribute("Float", required=True)),
    ("attribute options", """
        class T(EntityType):
            name = String(required=True, unique=True, maxsize=64, indexed=True, fulltextindexed=True,
                          internationalizable=True, default=u'x')
            kind = String(vocabulary=(u'bug', u'story'))
     """, lambda s: (s["entityTypes"]["T"]["attributes"]["name"] == attribute(
        "String", required=True, unique=True, maxsize=64, indexed=True, fulltextindexed=True,
        internationalizable=True, default="x")
        and s["entityTypes"]["T"]["attributes"]["kind"] == attribute("String", vocabulary=["bug", "story"], maxsize=5))),
    ("constraints", """
        class T(EntityType):
            a = String(constraints=[SizeConstraint(12), UniqueConstraint()])
            b = Int(constraints=[IntervalBoundConstraint(0, 100)])
            start = Date(); end = Date(constraints=[BoundaryConstraint('>=', Attribute('start'))])
            c = String(constraints=[StaticVocabularyConstraint((u'x', u'yy'))])
            d = String(constraints=[FormatConstraint()])
            e = Datetime(constraints=[BoundaryConstraint('<=', NOW())])
            r = SubjectRelation('T', constraints=[RQLConstraint('S identity O'), RQLVocabularyConstraint('O a "x"'),
                                                  RQLUniqueConstraint('S r O', mainvars='O')])
     """, lambda s: (s["entityTypes"]["T"]["attributes"]["a"] == attribute("String", maxsize=12, unique=True)
                     and s["entityTypes"]["T"]["attributes"]["c"]["vocabulary"] == ["x", "yy"]
                     and s["entityTypes"]["T"]["attributes"]["c"]["maxsize"] is None)),
    ("SubjectRelation and ObjectRelation with cardinality, composite, inlined", """
        class Project(EntityType):
            name = String()
        class Ticket(EntityType):
            concerns = SubjectRelation('Project', cardinality='1*', composite='object', inlined=True)
            reported_by = ObjectRelation('CWUser', cardinality='*?')
     """, lambda s: (s["relationTypes"]["concerns"] == {
        "symmetric": False, "inlined": True, "computed": False, "rule": None,
        "definitions": [{"subject": "Ticket", "object": "Project", "cardinality": "1*", "composite": "object"}]}
        and s["relationTypes"]["reported_by"]["definitions"] == [
            {"subject": "CWUser", "object": "Ticket", "cardinality": "*?", "composite": None}])),
    ("RelationDefinition and RelationType classes, symmetric, several subjects", """
        class A(EntityType):
            pass
        class B(EntityType):
            pass
        class linked(RelationType):
            symmetric = True
        class linked_a(RelationDefinition):
            name = 'linked'
            subject = ('A', 'B')
            object = 'A'
     """, lambda s: (s["relationTypes"]["linked"]["symmetric"] and [
        (d["subject"], d["object"]) for d in s["relationTypes"]["linked"]["definitions"]] == [("A", "A"), ("B", "A")])),
    ("add_relation on a type defined elsewhere (the core's CWUser)", """
        from cubicweb.schemas.base import CWUser
        class Project(EntityType):
            pass
        CWUser.add_relation(SubjectRelation('Project'), name='works_on')
     """, lambda s: s["relationTypes"]["works_on"]["definitions"] == [
        {"subject": "CWUser", "object": "Project", "cardinality": "**", "composite": None}]),
    ("inheritance, specialization, _-prefixed and abstract classes", """
        class _Base(EntityType):
            title = String(required=True)
        class Doc(_Base):
            pass
        class Report(Doc):
            __specializes_schema__ = True
            pages = Int()
        class Marker(WorkflowableEntityType):
            __abstract__ = True
     """, lambda s: ("_Base" not in s["entityTypes"]
                     and s["entityTypes"]["Doc"]["attributes"]["title"]["required"]
                     and s["entityTypes"]["Report"]["specializes"] == "Doc"
                     and set(s["entityTypes"]["Report"]["attributes"]) == {"title", "pages"}
                     and s["entityTypes"]["Marker"]["abstract"]
                     and "Marker" not in [d["subject"] for d in s["relationTypes"].get("in_state", {}).get("definitions", [])])),
    ("WorkflowableEntityType and make_workflowable", """
        class Ticket(WorkflowableEntityType):
            pass
        class Plain(EntityType):
            pass
        make_workflowable(Plain)
     """, lambda s: ([(d["subject"], d["cardinality"]) for d in s["relationTypes"]["in_state"]["definitions"]] ==
                     [("Plain", "1*"), ("Ticket", "1*")]
                     and [d["object"] for d in s["relationTypes"]["wf_info_for"]["definitions"]] == ["Plain", "Ticket"]
                     and [d["subject"] for d in s["relationTypes"]["custom_workflow"]["definitions"]] == ["Plain", "Ticket"])),
    ("ComputedRelation and a computed attribute", """
        class Project(EntityType):
            nb = Int(formula='Any COUNT(T) WHERE T concerns X')
        class Ticket(EntityType):
            concerns = SubjectRelation('Project')
        class project_user(ComputedRelation):
            rule = 'O concerns S'
     """, lambda s: (s["entityTypes"]["Project"]["attributes"]["nb"]["formula"] == "Any COUNT(T) WHERE T concerns X"
                     and s["relationTypes"]["project_user"] == {"symmetric": False, "inlined": False, "computed": True,
                                                               "rule": "O concerns S", "definitions": []})),
    ("__unique_together__ and __permissions__ with RQL expressions", """
        class Version(EntityType):
            __unique_together__ = [('num', 'version_of')]
            __permissions__ = {'read': ('managers', 'users'), 'add': ('managers',),
                               'update': ('managers', ERQLExpression('X owned_by U')), 'delete': ()}
            num = String(required=True, __permissions__={'read': ('managers',), 'add': (), 'update': ()})
            version_of = SubjectRelation('Version', cardinality='?*', inlined=True)
        class follows(RelationDefinition):
            __permissions__ = {'read': ('users',), 'add': (RRQLExpression('S owned_by U'),), 'delete': ()}
            subject = 'CWUser'
            object = 'Version'
     """, lambda s: "Version" in s["entityTypes"]),
    ("a relation to the core's '*' metadata: every type gets creation_date, is, owned_by", """
        class T(EntityType):
            pass
     """, lambda s: s["entityTypes"]["T"]["attributes"] == {}),
]


class ConstructsTest(unittest.TestCase):
    def test_each_construct(self):
        for name, body, check in CASES:
            with self.subTest(construct=name):
                self.assertTrue(check(schema_of(body)), json.dumps(schema_of(body), indent=1, sort_keys=True)[:3000])

    def test_metadata_every_entity_type_has(self):
        app = Application({"schema.py": "from yams.buildobjs import EntityType, String\n"
                                        "class T(EntityType):\n    name = String()\n"})
        self.addCleanup(app.close)
        full = normalize(app.load())
        attributes = full["entityTypes"]["T"]["attributes"]
        self.assertEqual({a: attributes[a]["type"] for a in ("eid", "creation_date", "modification_date", "cwuri")},
                         {"eid": "Int", "creation_date": "TZDatetime", "modification_date": "TZDatetime",
                          "cwuri": "String"})
        for rtype, obj in (("is", "CWEType"), ("is_instance_of", "CWEType"), ("owned_by", "CWUser"),
                           ("created_by", "CWUser"), ("cw_source", "CWSource"), ("identity", "T")):
            with self.subTest(rtype=rtype):
                self.assertIn({"subject": "T", "object": obj}, [{"subject": d["subject"], "object": d["object"]}
                                                               for d in full["relationTypes"][rtype]["definitions"]])

    def test_the_core_schema(self):
        expected = {"CWUser", "CWGroup", "CWEType", "CWRType", "CWAttribute", "CWRelation", "CWConstraint",
                    "CWConstraintType", "CWProperty", "CWSource", "ExternalUri", "EmailAddress", "Bookmark",
                    "Workflow", "State", "BaseTransition", "Transition", "WorkflowTransition",
                    "SubWorkflowExitPoint", "TrInfo", "CWCache", "CWComputedRType", "RQLExpression",
                    "CWUniqueTogetherConstraint", "CWDataImport", "CWSourceHostConfig", "CWSourceSchemaConfig"}
        self.assertEqual(set(CORE.entities), expected)
        self.assertEqual(CORE.entities["Transition"].props["specializes"], "BaseTransition")
        self.assertTrue(CORE.has_rdef("CWUser", "in_state", "State"))
        self.assertFalse(CORE.relations["in_state"].inlined)  # CubicWeb keeps in_state in in_state_relation
        self.assertTrue(CORE.relations["state_of"].inlined)
        self.assertEqual(CORE.attribute("CWUser", "login").props["maxsize"], 64)


class PersistedPropertiesTest(unittest.TestCase):
    def test_permissions_and_constraints_are_kept_as_json(self):
        app = Application({"schema.py": HEADER + textwrap.dedent("""
            class Version(EntityType):
                __unique_together__ = [('num', 'version_of')]
                __permissions__ = {'read': ('managers', 'users'), 'add': ('managers',),
                                   'update': ('managers', ERQLExpression('X  owned_by   U')), 'delete': ()}
                num = String(required=True, __permissions__={'read': ('managers',), 'add': (), 'update': ()})
                version_of = SubjectRelation('Version', cardinality='?*', inlined=True,
                                             constraints=[RQLConstraint('NOT S identity O', msg='not itself')])
            """)})
        self.addCleanup(app.close)
        schema = app.load()
        version = schema.entities["Version"]
        self.assertEqual(version.unique_together, [["num", "version_of"]])
        self.assertEqual(version.props["permissions"]["update"],
                         ["managers", {"type": "ERQLExpression", "expression": "X owned_by U", "mainvars": ["X"]}])
        self.assertEqual(schema.attribute("Version", "num").props["permissions"],
                         {"read": ["managers"], "add": [], "update": []})
        self.assertEqual(schema.definitions[("Version", "version_of", "Version")].props["constraints"],
                         [{"type": "RQLConstraint", "value": {"expression": "NOT S identity O", "mainvars": ["O", "S"]},
                           "msg": "not itself"}])


class SharedTableTest(unittest.TestCase):
    """The language server's table of cases (test/fixtures/schema-constructs/, s10's): each case folder is an
    application, with the normalized JSON both readers must print in `expected.json`."""

    def test_every_case_of_the_shared_table(self):
        if not os.path.isdir(CONSTRUCTS):
            self.assertFalse(os.path.exists(CONSTRUCTS))
            return
        cases = sorted(entry for entry in os.listdir(CONSTRUCTS)
                       if os.path.isfile(os.path.join(CONSTRUCTS, entry, "expected.json")))
        for case in cases:
            with self.subTest(case=case):
                folder = os.path.join(CONSTRUCTS, case)
                with open(os.path.join(folder, "expected.json"), encoding="utf-8") as handle:
                    expected = json.load(handle)
                schema = load_schema(folder, environ={})
                exclude = expected.pop("$excludeCore", True) if isinstance(expected, dict) else True
                self.assertEqual(normalize(schema, CORE if exclude else None), expected)


class WorkspaceTest(unittest.TestCase):
    def test_a_schema_package_loads_every_module(self):
        schema = load_schema(os.path.join(WORKSPACE, "cubicweb-tracker", "cubicweb_tracker"), environ={})
        for etype in ("Project", "Version", "Ticket", "File", "Image", "CWUser"):
            self.assertIn(etype, schema.entities)
        self.assertNotIn("_TrackerItem", schema.entities)
        self.assertTrue(schema.has_rdef("Ticket", "attachment", "File"))       # to the file cube
        self.assertTrue(schema.has_rdef("CWUser", "follows", "Project"))       # CWUser.add_relation
        self.assertTrue(schema.has_rdef("Ticket", "in_state", "State"))        # workflowable through _TrackerItem
        self.assertTrue(schema.has_rdef("TrInfo", "wf_info_for", "Ticket"))
        self.assertEqual(schema.relations["project_member"].props["rule"], "V version_of S, V todo_by O")
        self.assertEqual(schema.attribute("Ticket", "load").object, "Float")
        self.assertEqual(schema.entities["Version"].unique_together, [["num", "version_of"]])

    def test_an_application_gets_its_cubes_recursively(self):
        schema = load_schema(os.path.join(WORKSPACE, "forge"), environ={})
        for etype in ("License", "Project", "File", "BlogEntry", "Comment"):
            self.assertIn(etype, schema.entities)
        self.assertTrue(schema.has_rdef("Comment", "comments", "BlogEntry"))    # blog adds to comment's relation
        self.assertTrue(schema.has_rdef("BlogEntry", "entry_about", "Version"))

    def test_loading_leaves_no_module_and_no_bytecode(self):
        before = set(sys.modules)
        load_schema(os.path.join(WORKSPACE, "forge"), environ={})
        added = {m for m in set(sys.modules) - before if m.split(".")[0] in ("yams", "cubicweb", "cubicweb_file",
                                                                              "cubicweb_tracker", "cubes", "schema")}
        self.assertEqual(added, set())
        for root, dirs, _ in os.walk(WORKSPACE):
            self.assertNotIn("__pycache__", dirs, root)

    def test_dump_command(self):
        import contextlib
        import io
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = dump_main([os.path.join(WORKSPACE, "forge"), "--exclude-core"])
        self.assertEqual(code, 0)
        value = json.loads(out.getvalue())
        self.assertEqual(sorted(value["entityTypes"]), ["BlogEntry", "Comment", "File", "Image", "License",
                                                        "Project", "Ticket", "Version"])
        self.assertEqual(list(value["relationTypes"]), sorted(value["relationTypes"]))


class BadInputTest(unittest.TestCase):
    """A schema that cannot be read names the file, the line and what to do."""

    def fails(self, files, message, file, line):
        app = Application(files)
        self.addCleanup(app.close)
        with self.assertRaises(MigrationError) as caught:
            app.load()
        error = caught.exception
        self.assertIn(message, error.message)
        self.assertEqual((os.path.relpath(error.file, app.folder), error.line), (file, line))
        return error

    def test_cases(self):
        cases = [
            ({"schema.py": "from yams.buildobjs import EntityType\n\nclass A(EntityType)\n    pass\n"},
             "syntax error", "schema.py", 3),
            ({"schema.py": "from yams.buildobjs import EntityType\n\nclass A(Base):\n    pass\n"},
             "NameError", "schema.py", 3),
            ({"schema.py": "from yams.buildobjs import EntityType\nfrom cubicweb.schema import NoSuchThing\n"},
             "compatibility modules", "schema.py", 2),
            ({"schema.py": "import sys\nfrom yams.buildobjs import EntityType\nsys.exit(1)\n"},
             "sys.exit", "schema.py", 3),
            ({"schema/__init__.py": "", "schema/a.py": "from yams.buildobjs import *\n\n\nclass A(EntityType):\n"
                                                      "    r = SubjectRelation('Nope')\n"},
             "'Nope', which is no entity type", os.path.join("schema", "a.py"), 4),
            ({"schema.py": "from yams.buildobjs import *\nclass A(EntityType):\n    n = String(colour='red')\n"},
             "no such property 'colour'", "schema.py", 3),
            ({"schema.py": "from yams.buildobjs import *\nclass A(EntityType):\n    pass\nclass A2(EntityType):\n"
                           "    name = 'A'\n"}, "defined twice", "schema.py", None),
            ({"schema.py": "from yams.buildobjs import *\nGeo = make_type('Geometry')\n"},
             "register_base_type", "schema.py", 2),
        ]
        for files, message, file, line in cases:
            with self.subTest(message=message):
                if line is None:
                    app = Application(files)
                    self.addCleanup(app.close)
                    with self.assertRaises(MigrationError) as caught:
                        app.load()
                    self.assertIn(message, caught.exception.message)
                else:
                    self.fails(files, message, file, line)

    def test_a_missing_cube_is_named_on_the_pkginfo(self):
        app = Application({"schema.py": "from yams.buildobjs import *\n"})
        self.addCleanup(app.close)
        app.write("__pkginfo__.py", "numversion = (0, 1, 0)\n__depends__ = {'cubicweb-nowhere': None}\n")
        with self.assertRaises(MigrationError) as caught:
            app.load()
        self.assertEqual((os.path.basename(caught.exception.file), caught.exception.line), ("__pkginfo__.py", 2))


if __name__ == "__main__":
    unittest.main()
