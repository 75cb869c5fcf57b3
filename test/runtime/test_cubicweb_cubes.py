"""add_cube / add_cubes / drop_cube on SQLite and PostgreSQL, with cubes laid out as public cubes are
(`cubicweb-<name>/cubicweb_<name>/` holding `__pkginfo__.py` with `__depends__`, `schema.py`, `migration/`),
found through --cubes-path or ERUDI_CUBES_PATH."""
import json
import os
import shutil
import textwrap
import unittest
from unittest import mock

from runtime_case import RuntimeCase, on_both_databases, reset_postgresql
from test_cubicweb_api import printed, warnings

CUBES = {
    "color": {
        "__pkginfo__.py": """
            modname = 'color'
            distname = 'cubicweb-color'
            numversion = (1, 2, 0)
            version = '.'.join(str(num) for num in numversion)
            __depends__ = {'cubicweb': '>= 3.24.0'}
        """,
        "schema.py": """
            from yams.buildobjs import EntityType, String

            class Color(EntityType):
                name = String(required=True, unique=True, maxsize=32)
        """,
        "migration/postcreate.py": """
            for name in (u'red', u'green'):
                create_entity('Color', name=name)
        """,
    },
    "tag": {
        "__pkginfo__.py": """
            modname = 'tag'
            distname = 'cubicweb-tag'
            numversion = (0, 5, 1)
            version = '.'.join(str(num) for num in numversion)
            __depends__ = {'cubicweb': '>= 3.24.0', 'cubicweb-color': '>= 1.0.0', 'six': None}
        """,
        "schema.py": """
            from yams.buildobjs import EntityType, RelationDefinition, String

            class Tag(EntityType):
                name = String(required=True, maxsize=64)

            class tags(RelationDefinition):
                subject = 'Tag'
                object = 'Tag'
        """,
        "migration/precreate.py": "print('precreate of tag, Color known:', 'Color' in schema)\n",
        "migration/postcreate.py": """
            red = find('Color', name=u'red').one()
            create_entity('Tag', name=u'urgent ' + red.name)
        """,
    },
}

APP = """
class Person(EntityType):
    name = String(required=True)
"""


@on_both_databases
class Cubes(RuntimeCase):
    def setUp(self):
        super().setUp()
        self.cubes = os.path.join(self.tmp, "cubes")
        for cube, files in CUBES.items():
            for relative, text in files.items():
                path = os.path.join(self.cubes, f"cubicweb-{cube}", f"cubicweb_{cube}", relative)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w") as handle:
                    handle.write(textwrap.dedent(text).lstrip("\n"))
            with open(os.path.join(self.cubes, f"cubicweb-{cube}", f"cubicweb_{cube}", "__init__.py"), "w"):
                pass
        self.create(APP)

    def cube_versions(self):
        return dict(self.rows("SELECT component, version FROM erudi_versions WHERE component LIKE 'cube:%' "
                              "ORDER BY component"))

    def test_add_cube_with_a_dependency(self):
        out = self.run_script("add_cube('tag')", "--cubes-path", self.cubes, "--json")
        self.assertEqual(self.cube_versions(), {"cube:color": "1.2.0", "cube:tag": "0.5.1"})
        self.assertEqual(sorted(self.rows("SELECT cw_name FROM cw_Color")), [("green",), ("red",)])
        self.assertEqual(self.rows("SELECT cw_name FROM cw_Tag"), [("urgent red",)])
        self.assertIn("tags_relation", [t.lower() for t in self.tables()])
        self.assertIn("precreate of tag, Color known: False", printed(out))  # precreates run before any schema change, as in CubicWeb
        self.assertIn(("Tag", "tags", "Tag"), self.persisted().definitions)

    def test_add_cubes_found_through_the_environment_and_again_is_a_warning(self):
        with mock.patch.dict(os.environ, {"ERUDI_CUBES_PATH": self.cubes}):
            self.run_script("add_cubes(['color'])")
            out = self.run_script("add_cube('color', ask_confirm=False)", "--json")
        self.assertEqual(self.cube_versions(), {"cube:color": "1.2.0"})
        self.assertEqual(warnings(out), ["add_cubes: color already in the instance, skipped"])

    def test_drop_cube_refused_while_another_cube_depends_on_it(self):
        self.run_script("add_cube('tag')", "--cubes-path", self.cubes)
        before = self.dump()
        code, out, err = self.run_failing("drop_cube('color')", "--cubes-path", self.cubes)
        self.assertIn("drop_cube('color'): tag depends on it; drop it first, or remove the dependency", err)
        self.assertEqual(self.dump(), before)

    def test_drop_cube(self):
        self.run_script("add_cube('tag')", "--cubes-path", self.cubes)
        self.run_script("drop_cube('tag')", "--cubes-path", self.cubes)
        self.assertEqual(self.cube_versions(), {"cube:color": "1.2.0"})
        self.assertNotIn("Tag", self.persisted().entities)
        self.assertNotIn("tags", self.persisted().relations)
        self.assertNotIn("cw_tag", [t.lower() for t in self.tables()])
        self.assertEqual(len(self.rows("SELECT * FROM cw_Color")), 2)
        self.run_script("drop_cube('color', removedeps=True)", "--cubes-path", self.cubes)
        self.assertEqual(self.cube_versions(), {})

    def test_drop_cube_refused_while_the_application_depends_on_it(self):
        self.run_script("add_cube('color')", "--cubes-path", self.cubes)
        self.write("__pkginfo__.py", "numversion = (0, 1, 0)\n__depends__ = {'cubicweb-color': None}\n")
        code, out, err = self.run_failing("drop_cube('color')", "--cubes-path", self.cubes)
        self.assertIn("drop_cube('color'): the application (app/__pkginfo__.py) depends on it", err)

    def test_an_unknown_cube_names_where_it_was_looked_for(self):
        code, out, err = self.run_failing("add_cube('nothere')", "--cubes-path", self.cubes)
        self.assertIn("cube 'nothere' is not found", err)
        self.assertIn("--cubes-path", err)

    def test_a_cube_script_imports_its_sibling_and_its_package(self):
        migration = os.path.join(self.cubes, "cubicweb-tag", "cubicweb_tag", "migration")
        with open(os.path.join(migration, "utils.py"), "w") as handle:
            handle.write("def label(name):\n    return u'tag: ' + name\n")
        script = os.path.join(migration, "0.6.0_Any.py")
        with open(script, "w") as handle:
            handle.write("from .utils import label\nfrom cubicweb_tag.migration.utils import label as same\n"
                         "from yams.constraints import UniqueConstraint\n"
                         "print(label(u'a'), same is label, UniqueConstraint.__name__)\n")
        code, out, err = self.migrate("run", script, "--cubes-path", self.cubes, "--json")
        self.assertEqual(code, 0, err)
        self.assertEqual(printed(out), ["tag: a True UniqueConstraint"])

    def cube_file(self, cube, relative, text):
        path = os.path.join(self.cubes, f"cubicweb-{cube}", f"cubicweb_{cube}", relative)
        with open(path, "w") as handle:
            handle.write(textwrap.dedent(text).lstrip("\n"))

    def test_upgrade_runs_each_cubes_pending_scripts_first_and_stores_its_version(self):
        self.run_script("add_cube('tag')", "--cubes-path", self.cubes)
        self.write("__pkginfo__.py", "numversion = (0, 2, 0)\n__depends__ = {'cubicweb-tag': '>= 0.5.0'}\n")
        self.write("migration/0.2.0_Any.py", "print('application 0.2.0, blue:', len(find('Color', name=u'blue')))\n")
        self.cube_file("color", "__pkginfo__.py", "numversion = (1, 3, 0)\n__depends__ = {'cubicweb': '>= 3.24.0'}\n")
        self.cube_file("color", "migration/1.3.0_Any.py", "create_entity('Color', name=u'blue')\nprint('color 1.3.0')\n")
        status = json.loads(self.ok("status", "--json", "--cubes-path", self.cubes))
        self.assertEqual(status["cubes"], [{"name": "color", "stored": "1.2.0", "installed": "1.3.0"},
                                           {"name": "tag", "stored": "0.5.1", "installed": "0.5.1"}])
        self.assertEqual(status["pending"], ["color:migration/1.3.0_Any.py", "migration/0.2.0_Any.py"])
        out = self.ok("upgrade", "--no-backup", "--json", "--cubes-path", self.cubes)
        self.assertEqual(printed(out), ["color 1.3.0", "application 0.2.0, blue: 1"])
        steps = [(e["kind"], e.get("cube"), e["version"]) for e in map(json.loads, out.splitlines()) if e["event"] == "step"]
        self.assertEqual(steps, [("cube", "color", "1.3.0"), ("model", None, "0.2.0")])
        self.assertEqual(self.cube_versions(), {"cube:color": "1.3.0", "cube:tag": "0.5.1"})
        self.assertIn("cube:      color: stored 1.3.0, installed 1.3.0", self.ok("status", "--cubes-path", self.cubes))

    def test_a_failing_cube_script_leaves_the_cube_at_its_version(self):
        self.run_script("add_cube('color')", "--cubes-path", self.cubes)
        self.write("__pkginfo__.py", "numversion = (0, 1, 0)\n__depends__ = {'cubicweb-color': None}\n")
        self.cube_file("color", "__pkginfo__.py", "numversion = (1, 3, 0)\n")
        self.cube_file("color", "migration/1.3.0_Any.py", "create_entity('Color', name=u'blue')\nboom()\n")
        before = self.dump()
        code, out, err = self.migrate("upgrade", "--no-backup", "--cubes-path", self.cubes)
        self.assertEqual(code, 1)
        self.assertIn("1.3.0_Any.py:2: 'boom' is not defined", err)
        self.assertEqual(self.dump(), before)

    def test_create_stores_every_cube_and_runs_their_postcreate(self):
        if self.backend == "sqlite":
            os.remove(self.db_path)
        else:
            reset_postgresql(self.url)
        self.write("__pkginfo__.py", "numversion = (0, 1, 0)\n__depends__ = {'cubicweb-tag': None}\n")
        self.ok("create", "--cubes-path", self.cubes)
        self.assertEqual(self.cube_versions(), {"cube:color": "1.2.0", "cube:tag": "0.5.1"})
        self.assertEqual(self.rows("SELECT cw_name FROM cw_Tag"), [("urgent red",)])

    def test_create_runs_precreate_before_the_tables_exist(self):
        if self.backend == "sqlite":
            os.remove(self.db_path)
        else:
            reset_postgresql(self.url)
        self.write("__pkginfo__.py", "numversion = (0, 1, 0)\n__depends__ = {'cubicweb-color': None}\n")
        self.write("migration/precreate.py", "sql('CREATE TABLE legacy_colors (name VARCHAR(32))')\n"
                                             "print('Color' in schema)\n")
        self.cube_file("color", "migration/precreate.py", "print('color precreate')\n")
        out = self.ok("create", "--cubes-path", self.cubes, "--json")
        self.assertEqual(printed(out)[:2], ["color precreate", "False"])
        self.assertIn("legacy_colors", [t.lower() for t in self.tables()])


FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "cubes")


@on_both_databases
class PublicCubeFixtures(RuntimeCase):
    """add_cube on the shared fixtures laid out as public cubes (test/fixtures/cubes)."""

    def setUp(self):
        super().setUp()
        self.create(APP)

    def test_add_cube_comment_in_the_old_layout(self):
        self.run_script("add_cube('comment')", "--cubes-path", FIXTURES)
        self.assertIn("Comment", self.persisted().entities)
        self.assertIn(("Comment", "comments", "Comment"), self.persisted().definitions)
        self.assertEqual(self.rows("SELECT version FROM erudi_versions WHERE component = 'cube:comment'"), [("1.6.3",)])

    def test_a_failing_postcreate_adds_nothing(self):
        # a copy of cubicweb-file whose postcreate.py inserts an entity of a type no schema has
        cubes = os.path.join(self.tmp, "failing-cubes")
        shutil.copytree(FIXTURES, cubes)
        with open(os.path.join(cubes, "cubicweb-file", "cubicweb_file", "migration", "postcreate.py"), "w") as handle:
            handle.write("# -*- coding: utf-8 -*-\n\nrql('INSERT Nowhere N: N name %(n)s', {'n': u'x'})\n")
        before = self.dump()
        code, out, err = self.run_failing("add_cube('comment')\nadd_cube('file')", "--cubes-path", cubes)
        self.assertIn("cubicweb_file/migration/postcreate.py:3: invalid RQL", err)
        self.assertEqual(self.dump(), before)
