"""Script names (DESIGN 1.1), depends.map (1.3), the step plan and .sql splitting, as tables of cases."""
import unittest

import runtime_case  # noqa: F401 (puts the runtime on sys.path)
from erudi_migrate.depends_map import DependsMap, Step, plan_steps
from erudi_migrate.errors import MigrationError
from erudi_migrate.scripts import is_exempt, parse_script_name
from erudi_migrate.sql_script import split_statements
from erudi_migrate.versions import Version

V = Version.of


class ScriptNames(unittest.TestCase):
    def test_names_as_a_table(self):
        cases = [
            ("0.13.0_Any.py", ("0.13.0", None, "Any", "py")),
            ("0.13.0_add_age_Any.py", ("0.13.0", "add_age", "Any", "py")),   # the mode is after the LAST "_"
            ("1.2.3_fix-names_2_repository.py", ("1.2.3", "fix-names_2", "repository", "py")),
            ("0.1.0_web.py", ("0.1.0", None, "web", "py")),
            ("0.1.0_common.py", ("0.1.0", None, "common", "py")),
            ("0.1.0_Any.sql", ("0.1.0", None, "Any", "sql")),
            ("0.1.0_web.sql", None),        # .sql only in mode Any
            ("0.1.0_any.py", None),         # modes are case-sensitive
            ("0.1_Any.py", None),
            ("00.1.0_Any.py", None),
            ("0.1.0.py", None),
            ("0.1.0_Any.txt", None),
            ("0.1.0_bad desc_Any.py", None),
        ]
        for name, expected in cases:
            with self.subTest(name=name):
                script = parse_script_name("/app/migration/" + name)
                got = None if script is None else (str(script.version), script.description, script.mode, script.ext)
                self.assertEqual(got, expected)

    def test_exempt_files(self):
        for name, exempt in [("depends.map", True), ("__init__.py", True), ("postcreate.py", True), ("_draft.py", True),
                             ("0.1.0_Any.py~", True), ("x.pyc", True), ("0.1.0_Any.py.orig", True), ("a.swp", True),
                             ("0.1.0_Any.py", False), ("notes.py", False)]:
            with self.subTest(name=name):
                self.assertEqual(is_exempt(name), exempt)

    def test_order_within_a_version_is_byte_order(self):
        names = ["0.2.0_web.py", "0.10.0_Any.py", "0.2.0_common.py", "0.2.0_Any.py", "0.2.0_repository.py", "0.2.0_a_Any.py"]
        scripts = sorted((parse_script_name("/m/" + n) for n in names), key=lambda s: s.order_key)
        self.assertEqual([s.name for s in scripts], ["0.2.0_Any.py", "0.2.0_a_Any.py", "0.2.0_common.py",
                                                     "0.2.0_repository.py", "0.2.0_web.py", "0.10.0_Any.py"])


class DependsMaps(unittest.TestCase):
    def test_parse(self):
        depends = DependsMap.parse("# comment\n\n0.12.0: 2.26.0\n0.13.0 : 2.27.0\n  # indented comment\n0.15.0:2.28.0\n")
        self.assertEqual([(str(e.model), str(e.erudi), e.line) for e in depends.entries],
                         [("0.12.0", "2.26.0", 3), ("0.13.0", "2.27.0", 4), ("0.15.0", "2.28.0", 6)])
        cases = [("0.1: 2.0.0\n", "line 1"), ("0.1.0 2.0.0\n", "line 1"), ("0.1.0: 2.0.0\n0.1.0: 2.1.0\n", "listed twice")]
        for text, message in cases:
            with self.subTest(text=text):
                with self.assertRaises(MigrationError) as caught:
                    DependsMap.parse(text, "depends.map")
                self.assertIn(message, str(caught.exception))

    def test_plans_as_a_table(self):
        guide = DependsMap.parse("0.12.0: 2.26.0\n0.13.0: 2.27.0\n0.15.0: 2.28.0\n")
        f, m = "framework", "model"
        cases = [
            # the guide's example: from 0.12 / erudi 2.26
            (guide, ["0.13.0", "0.14.0", "0.15.0"], ["2.27.0", "2.28.0"],
             [(f, "2.27.0"), (m, "0.13.0"), (m, "0.14.0"), (f, "2.28.0"), (m, "0.15.0")]),
            (guide, ["0.15.0"], ["2.27.0", "2.28.0"], [(f, "2.27.0"), (f, "2.28.0"), (m, "0.15.0")]),
            (guide, ["0.14.0"], [], [(m, "0.14.0")]),
            (DependsMap(None, ()), ["0.2.0"], ["2.27.0"], [(m, "0.2.0"), (f, "2.27.0")]),
        ]
        for depends, models, frameworks, expected in cases:
            with self.subTest(models=models, frameworks=frameworks):
                plan = plan_steps(depends, [V(v) for v in models], [V(v) for v in frameworks], V("2.28.0"))
                self.assertEqual(plan, [Step(kind, V(version)) for kind, version in expected])

    def test_a_framework_newer_than_installed_is_refused(self):
        with self.assertRaises(MigrationError) as caught:
            plan_steps(DependsMap.parse("0.2.0: 3.0.0\n", "depends.map"), [V("0.2.0")], [], V("2.28.0"))
        self.assertIn("needs erudi 3.0.0 (depends.map line 1) but the installed runtime is erudi 2.28.0", str(caught.exception))


class SqlStatements(unittest.TestCase):
    def test_splitting_as_a_table(self):
        cases = [
            ("SELECT 1; SELECT 2", [("SELECT 1", 1), ("SELECT 2", 1)]),
            ("SELECT 'a;b';\n\nSELECT 2;", [("SELECT 'a;b'", 1), ("SELECT 2", 3)]),
            ("-- c;\nSELECT 1;", [("-- c;\nSELECT 1", 1)]),
            ("/* a;\nb */ SELECT 1;\nSELECT 'it''s;'", [("/* a;\nb */ SELECT 1", 1), ("SELECT 'it''s;'", 3)]),
            ("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\nSELECT 2",
             [("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql", 1), ("SELECT 2", 2)]),
            ('SELECT "a;b" FROM t;;', [('SELECT "a;b" FROM t', 1)]),
            ("-- only a comment\n", []),
        ]
        for text, expected in cases:
            with self.subTest(text=text):
                self.assertEqual(split_statements(text), expected)


if __name__ == "__main__":
    unittest.main()
