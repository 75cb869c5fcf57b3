"""A table of schema changes real applications make (RichString, ComputedRelation, symmetric, specialization,
__unique_together__, constraints, vocabulary, permissions of types, relations and attributes, a workflowable
type, a core type given an attribute, a name turning from attribute to relation and back, renames with
relations): for each, the script `generate` writes leaves no difference, before (`diff --after-pending`) and
after the upgrade, and the upgraded instance has the tables, columns and indexes an instance created at the
new schema has. SQLite and PostgreSQL."""
from __future__ import annotations

import json
import os
import shutil

from runtime_case import RuntimeCase, on_both_databases, reset_postgresql

HEAD = ("from yams.buildobjs import *\nfrom yams.constraints import *\n"
        "from cubicweb.schema import ERQLExpression, RRQLExpression\n")

# name: (schema.py before, schema.py after), each after HEAD
CASES = {
    "richstring": (
        """\
class A(EntityType):
    name = String()
""",
        """\
class A(EntityType):
    name = String()
    body = RichString(default_format='text/html')
""",
    ),
    "computed": (
        """\
class A(EntityType):
    name = String()
    knows = SubjectRelation('A')
""",
        """\
class A(EntityType):
    name = String()
    knows = SubjectRelation('A')
class friend_of_friend(ComputedRelation):
    rule = 'S knows X, X knows O'
""",
    ),
    "symmetric-add": (
        """\
class A(EntityType):
    name = String()
""",
        """\
class A(EntityType):
    name = String()
class sibling(RelationDefinition):
    subject = 'A'
    object = 'A'
    symmetric = True
""",
    ),
    "symmetric-toggle": (
        """\
class A(EntityType):
    name = String()
class sibling(RelationDefinition):
    subject = 'A'
    object = 'A'
""",
        """\
class A(EntityType):
    name = String()
class sibling(RelationDefinition):
    subject = 'A'
    object = 'A'
    symmetric = True
""",
    ),
    "unique-together": (
        """\
class A(EntityType):
    name = String()
    code = Int()
""",
        """\
class A(EntityType):
    __unique_together__ = [('name', 'code')]
    name = String()
    code = Int()
""",
    ),
    "specializes": (
        """\
class A(EntityType):
    name = String()
    owner = SubjectRelation('A')
""",
        """\
class A(EntityType):
    name = String()
    owner = SubjectRelation('A')
class B(A):
    __specializes_schema__ = True
    extra = Int()
""",
    ),
    "constraints": (
        """\
class A(EntityType):
    n = Int()
""",
        """\
class A(EntityType):
    n = Int(constraints=[BoundaryConstraint('>=', 0)])
""",
    ),
    "vocabulary": (
        """\
class A(EntityType):
    s = String(vocabulary=('a', 'b'))
""",
        """\
class A(EntityType):
    s = String(vocabulary=('a', 'b', 'c'))
""",
    ),
    "fti": (
        """\
class A(EntityType):
    s = String()
""",
        """\
class A(EntityType):
    s = String(fulltextindexed=True)
""",
    ),
    "string-to-int": (
        """\
class A(EntityType):
    s = String()
""",
        """\
class A(EntityType):
    s = Int()
""",
    ),
    "attr-to-rel": (
        """\
class A(EntityType):
    parent = String()
""",
        """\
class A(EntityType):
    parent = SubjectRelation('A')
""",
    ),
    "rel-to-attr": (
        """\
class A(EntityType):
    parent = SubjectRelation('A')
""",
        """\
class A(EntityType):
    parent = String()
""",
    ),
    "rdef-perms": (
        """\
class A(EntityType):
    s = String()
""",
        """\
class A(EntityType):
    s = String(__permissions__={'read': ('managers', 'users'), 'add': ('managers',), 'update': ('managers',)})
""",
    ),
    "rtype-perms": (
        """\
class A(EntityType):
    name = String()
    knows = SubjectRelation('A')
""",
        """\
class A(EntityType):
    name = String()
    knows = SubjectRelation('A')
class knows(RelationType):
    __permissions__ = {'read': ('managers',), 'add': ('managers', RRQLExpression('U has_update_permission S')), 'delete': ('managers',)}
""",
    ),
    "description": (
        """\
class A(EntityType):
    name = String()
""",
        """\
class A(EntityType):
    '''an A'''
    name = String(description='its name')
""",
    ),
    "workflowable": (
        """\
class A(EntityType):
    name = String()
""",
        """\
from cubicweb.schema import WorkflowableEntityType
class A(WorkflowableEntityType):
    name = String()
""",
    ),
    "core-attr": (
        """\
class A(EntityType):
    name = String()
""",
        """\
from cubicweb.schemas.base import CWUser
class A(EntityType):
    name = String()
CWUser.add_relation(String(maxsize=20), name='nickname')
""",
    ),
    "inline-relation-required": (
        """\
class A(EntityType):
    name = String()
class B(EntityType):
    x = Int()
""",
        """\
class A(EntityType):
    name = String()
    b = SubjectRelation('B', cardinality='1*', inlined=True)
class B(EntityType):
    x = Int()
""",
    ),
    "etype-rename-with-rel": (
        """\
class A(EntityType):
    name = String()
    to_b = SubjectRelation('B')
class B(EntityType):
    x = Int()
""",
        """\
class A(EntityType):
    name = String()
    to_b = SubjectRelation('C')
class C(EntityType):
    x = Int()
""",
    ),
    "two-defs": (
        """\
class A(EntityType):
    name = String()
class B(EntityType):
    x = Int()
class C(EntityType):
    y = Int()
class r(RelationDefinition):
    subject='A'
    object=('B','C')
""",
        """\
class A(EntityType):
    name = String()
class B(EntityType):
    x = Int()
class C(EntityType):
    y = Int()
class r(RelationDefinition):
    subject='A'
    object='B'
""",
    ),
}


def _last(out: str):
    return json.loads(out.strip().splitlines()[-1])


@on_both_databases
class GeneratedScriptsForConstructs(RuntimeCase):
    def layout(self):
        db = self.database()
        return {t.lower(): (sorted((c.name.lower(), c.sql_type.lower(), c.not_null, c.default_sql)
                                   for c in db.dialect.columns(db, t)),
                            sorted((tuple(i.columns), i.unique) for i in db.dialect.indexes(db, t)))
                for t in db.dialect.table_names(db)}

    def start_over(self, schema: str) -> None:
        """An empty database and an application at 0.1.0 with this schema and no script."""
        if self.backend == "sqlite":
            if os.path.exists(self.db_path):
                os.remove(self.db_path)
        else:
            reset_postgresql(self.url)
        shutil.rmtree(os.path.join(self.app, "migration"))
        os.makedirs(os.path.join(self.app, "migration"))
        self.write("__pkginfo__.py", "numversion = (0, 1, 0)\n")
        self.write("schema.py", HEAD + schema)

    def test_each_construct(self):
        for name, (before, after) in CASES.items():
            with self.subTest(name):
                self.start_over(before)
                self.ok("create")
                self.write("schema.py", HEAD + after)
                generated = _last(self.ok("generate", "--json", "--raise-numversion"))
                self.assertGreater(generated["changes"], 0, name)
                left = _last(self.ok("diff", "--json", "--after-pending"))["changes"]
                self.assertEqual([c["summary"] for c in left], [], f"{name}:\n{generated['text']}")
                self.ok("upgrade", "--no-backup")
                code, out, _ = self.migrate("diff", "--exit-code")
                self.assertEqual(code, 0, f"{name}:\n{out}\n{generated['text']}")
                upgraded = self.layout()
                self.start_over(after)
                self.ok("create")
                self.assertEqual(upgraded, self.layout(), f"{name}: the upgraded tables differ from a new instance's")
