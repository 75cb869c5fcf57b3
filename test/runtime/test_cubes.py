"""Cube discovery (runtime/erudi_migrate/cubes.py) on the shared workspace test/fixtures/cubes/: the
contract's layouts, search order, recursive dependencies in CubicWeb's order, and missing cubes."""
from __future__ import annotations

import os
import shutil
import tempfile
import textwrap
import unittest

import runtime_case  # noqa: F401 (puts runtime/ on sys.path)
from erudi_migrate import cubes
from erudi_migrate.errors import MigrationError

WORKSPACE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "fixtures", "cubes"))
TRACKER = os.path.join(WORKSPACE, "cubicweb-tracker", "cubicweb_tracker")
FORGE = os.path.join(WORKSPACE, "forge")


class DependenciesTest(unittest.TestCase):
    def test_cubes_of_depends_are_the_cubicweb_prefixed_keys(self):
        deps = cubes.read_dependencies(os.path.join(TRACKER, "__pkginfo__.py"))
        self.assertEqual([d.name for d in deps], ["file"])
        self.assertEqual(deps[0].constraint, ">= 1.2")
        self.assertEqual(deps[0].line, 16)

    def test_old_depends_cubes_bare_names_count_once(self):
        deps = cubes.read_dependencies(os.path.join(WORKSPACE, "cubes", "blog", "__pkginfo__.py"))
        self.assertEqual([d.name for d in deps], ["comment"])

    def test_cube_name(self):
        self.assertEqual(cubes.cube_name("cubicweb-file"), "file")
        self.assertEqual(cubes.cube_name("cubicweb-seo-tools"), "seo_tools")
        self.assertIsNone(cubes.cube_name("cubicweb"))
        self.assertIsNone(cubes.cube_name("six"))


class FindTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="erudi-cubes-")
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def cube(self, relative, depends="{}"):
        folder = os.path.join(self.tmp, relative)
        os.makedirs(folder)
        with open(os.path.join(folder, "__pkginfo__.py"), "w") as handle:
            handle.write(f"numversion = (1, 0, 0)\n__depends__ = {depends}\n")
        return folder

    def test_the_three_layouts(self):
        a = self.cube("w/cubicweb_a")
        b = self.cube("w/cubicweb-b/cubicweb_b")
        c = self.cube("w/cubes/c")
        folders = [os.path.join(self.tmp, "w")]
        self.assertEqual(cubes.find_cube("a", folders).directory, a)
        self.assertEqual(cubes.find_cube("b", folders).directory, b)
        self.assertEqual(cubes.find_cube("c", folders).directory, c)
        self.assertEqual(cubes.find_cube("c", folders).package, "cubes.c")
        self.assertEqual(cubes.find_cube("a", folders).package, "cubicweb_a")
        self.assertIsNone(cubes.find_cube("d", folders))

    def test_a_folder_without_pkginfo_is_no_cube(self):
        os.makedirs(os.path.join(self.tmp, "w", "cubicweb_a"))
        self.assertIsNone(cubes.find_cube("a", [os.path.join(self.tmp, "w")]))

    def test_workspace_then_cubes_path_then_environment(self):
        app = self.cube("ws/app", "{'cubicweb-a': None}")
        in_ws = self.cube("ws/cubicweb_a")
        in_option = self.cube("opt/cubicweb_a")
        in_env = self.cube("env/cubicweb_a")
        env = {"ERUDI_CUBES_PATH": os.path.join(self.tmp, "env")}
        opt = os.path.join(self.tmp, "opt")
        self.assertEqual(cubes.application_cubes(app, opt, env)[0].directory, in_ws)
        shutil.rmtree(in_ws)
        self.assertEqual(cubes.application_cubes(app, opt, env)[0].directory, in_option)
        shutil.rmtree(in_option)
        self.assertEqual(cubes.application_cubes(app, opt, env)[0].directory, in_env)
        folders = cubes.search_path(app, opt + os.pathsep + opt, env)
        self.assertEqual(folders.count(opt), 1)
        self.assertLess(folders.index(opt), folders.index(os.path.join(self.tmp, "env")))

    def test_a_cycle_is_reported_on_the_pkginfo_that_closes_it(self):
        app = self.cube("w/app", "{'cubicweb-a': None}")
        self.cube("w/cubicweb_a", "{'cubicweb-b': None}")
        b = self.cube("w/cubicweb_b", "{'cubicweb-a': None}")
        with self.assertRaises(MigrationError) as caught:
            cubes.application_cubes(app, None, {})
        self.assertIn("a -> b -> a", caught.exception.message)
        self.assertEqual(caught.exception.file, os.path.join(b, "__pkginfo__.py"))

    def test_a_missing_cube_names_the_pkginfo_line_and_the_settings(self):
        app = self.cube("w/app", textwrap.dedent("""{
            'cubicweb': '>= 3.24',
            'cubicweb-missing': '>= 1.0',
        }"""))
        with self.assertRaises(MigrationError) as caught:
            cubes.application_cubes(app, None, {})
        error = caught.exception
        self.assertEqual((error.file, error.line), (os.path.join(app, "__pkginfo__.py"), 4))
        self.assertIn("'missing'", error.message)
        self.assertIn("--cubes-path", error.message)
        self.assertIn("ERUDI_CUBES_PATH", error.message)


class WorkspaceTest(unittest.TestCase):
    def test_tracker_needs_file_found_beside_it(self):
        found = cubes.application_cubes(TRACKER, None, {})
        self.assertEqual([c.name for c in found], ["file"])
        self.assertEqual(found[0].directory, os.path.join(WORKSPACE, "cubicweb-file", "cubicweb_file"))
        self.assertEqual(str(found[0].numversion), "2.3.0")

    def test_forge_gets_every_cube_dependencies_first(self):
        found = [c.name for c in cubes.application_cubes(FORGE, None, {})]
        self.assertEqual(found, ["file", "tracker", "comment", "blog"])


if __name__ == "__main__":
    unittest.main()
