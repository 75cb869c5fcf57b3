"""catalog.json and the runtime agree: every entry has an implementation with the catalog's parameters
and defaults, every public primitive is in the catalog, and each mode sees exactly its names."""
import ast
import inspect
import os
import unittest

import runtime_case  # noqa: F401 (puts the runtime on sys.path)
from erudi_migrate import catalog
from erudi_migrate.primitives import FUNCTIONS, VALUES, load_all
from cubicweb_script_names import COMMANDS, CUBICWEB_3_28, ERUDI_SPELLINGS

load_all()

KINDS = {"var-positional": inspect.Parameter.VAR_POSITIONAL, "var-keyword": inspect.Parameter.VAR_KEYWORD}


class CatalogAgreesWithRuntime(unittest.TestCase):
    def test_every_entry_is_implemented_with_its_signature(self):
        for entry in catalog.entries():
            name = entry["name"]
            with self.subTest(name=name):
                if entry["kind"] == "value":
                    self.assertIn(name, VALUES, f"catalog value {name!r} has no @context_value implementation")
                    continue
                self.assertIn(name, FUNCTIONS, f"catalog function {name!r} has no @primitive implementation")
                parameters = list(inspect.signature(FUNCTIONS[name]).parameters.values())[1:]  # without ctx
                expected = [(p["name"], KINDS.get(p.get("kind"), inspect.Parameter.POSITIONAL_OR_KEYWORD),
                             p.get("default", "<none>")) for p in entry.get("parameters", [])]
                actual = [(p.name, p.kind, "<none>" if p.default is inspect.Parameter.empty else repr(p.default))
                          for p in parameters]
                self.assertEqual(actual, expected)

    def test_every_public_primitive_is_in_the_catalog(self):
        names = {entry["name"] for entry in catalog.entries()}
        for name in sorted(set(FUNCTIONS) | set(VALUES)):
            with self.subTest(name=name):
                self.assertIn(name, names, f"{name!r} is implemented but not in catalog.json")

    def test_each_mode_sees_its_names(self):
        cases = [("Any", {"add_attribute", "sqlexec", "checkpoint", "repo_schema", "confirm", "config"}, set()),
                 ("repository", {"add_attribute", "sqlcursor"}, set()),
                 ("web", {"confirm", "_", "templversion", "option_added"}, {"add_attribute", "checkpoint", "sqlcursor"}),
                 ("common", {"interactive_mode", "erudiversion"}, {"rql", "repo", "newschema"})]
        for mode, present, absent in cases:
            with self.subTest(mode=mode):
                visible = {e["name"] for e in catalog.entries() if mode in catalog.modes_of(e)}
                self.assertTrue(present <= visible, present - visible)
                self.assertFalse(absent & visible, absent & visible)

    def test_the_version_is_defined_once(self):
        root = os.path.dirname(os.path.abspath(catalog.PATH))
        with open(os.path.join(root, "__init__.py")) as handle:
            self.assertEqual(handle.read().count("__version__ ="), 1)


def _cubicweb_parameters(signature):
    """[(name, kind, has default)] of a signature written as CubicWeb writes it: "(etype, commit=True)"."""
    arguments = ast.parse(f"def f{signature}: pass").body[0].args
    defaults = [None] * (len(arguments.args) - len(arguments.defaults)) + list(arguments.defaults)
    result = [(a.arg, "positional-or-keyword", d is not None) for a, d in zip(arguments.args, defaults)]
    if arguments.vararg:
        result.append((arguments.vararg.arg, "var-positional", True))
    if arguments.kwarg:
        result.append((arguments.kwarg.arg, "var-keyword", True))
    return result


class CatalogHasEveryCubicWebName(unittest.TestCase):
    """Every name CubicWeb 3.28 gives migration scripts (cubicweb_script_names.py, read from its source) is
    in the catalog, implemented, accepting CubicWeb's arguments, and its hover says what it follows."""

    def test_every_cubicweb_name_is_in_the_catalog(self):
        by_name = {entry["name"]: entry for entry in catalog.entries()}
        for name, signature in CUBICWEB_3_28.items():
            with self.subTest(name=name):
                self.assertIn(name, by_name, f"CubicWeb 3.28 gives scripts {name!r}: add it to catalog.json")
                entry = by_name[name]
                self.assertEqual(entry["kind"], "function" if signature else "value")
                self.assertIn("CubicWeb 3.28", entry.get("reference", ""), "its hover must say what it follows")

    def test_each_cubicweb_argument_is_accepted(self):
        by_name = {entry["name"]: entry for entry in catalog.entries()}
        for name, signature in CUBICWEB_3_28.items():
            if not signature or name not in by_name:
                continue
            with self.subTest(name=name):
                ours = {p["name"]: p for p in by_name[name]["parameters"]}
                var_keyword = any(p.get("kind") == "var-keyword" for p in ours.values())
                for parameter, kind, has_default in _cubicweb_parameters(signature):
                    if kind != "positional-or-keyword":
                        self.assertTrue(any(p.get("kind") == kind for p in ours.values()), f"{name}() lacks {kind} {parameter}")
                    elif parameter not in ours:
                        self.assertTrue(var_keyword and has_default, f"{name}() lacks CubicWeb's {parameter!r}")
                    else:
                        self.assertEqual("default" in ours[parameter], has_default,
                                         f"{name}({parameter}) is required in one API and optional in the other")
                required = [p for p, kind, d in _cubicweb_parameters(signature) if not d and kind == "positional-or-keyword"]
                ours_required = [p["name"] for p in by_name[name]["parameters"]
                                 if "default" not in p and p.get("kind") is None]
                self.assertEqual(ours_required, required)

    def test_every_command_takes_ask_confirm(self):
        by_name = {entry["name"]: entry for entry in catalog.entries()}
        for name in sorted(COMMANDS):
            with self.subTest(name=name):
                entry = by_name[name]
                explicit = any(p["name"] == "ask_confirm" for p in entry["parameters"])
                self.assertTrue(entry.get("interact") or explicit, f"{name} must accept ask_confirm (interact: true)")

    def test_the_guide_spellings_stay_beside_cubicweb_ones(self):
        by_name = {entry["name"]: entry for entry in catalog.entries()}
        for guide, cubicweb in ERUDI_SPELLINGS.items():
            with self.subTest(name=guide):
                self.assertIn(guide, by_name)
                self.assertIn(cubicweb, by_name)
                self.assertIn(f"`{cubicweb}", by_name[guide]["reference"], "the hover names the other spelling")

    def test_members_of_cnx_and_session_are_the_connections_methods(self):
        from erudi_migrate.primitives.connection import Connection
        for entry in catalog.entries():
            for member in entry.get("members", []):
                with self.subTest(name=f"{entry['name']}.{member['name']}"):
                    method = getattr(Connection, member["name"])
                    parameters = list(inspect.signature(method).parameters.values())[1:]  # without self
                    expected = [(p["name"], KINDS.get(p.get("kind"), inspect.Parameter.POSITIONAL_OR_KEYWORD),
                                 p.get("default", "<none>")) for p in member["parameters"]]
                    actual = [(p.name, p.kind, "<none>" if p.default is inspect.Parameter.empty else repr(p.default))
                              for p in parameters]
                    self.assertEqual(actual, expected)

    def test_the_catalog_says_which_cubicweb_it_follows(self):
        self.assertEqual(catalog.load()["follows"], "CubicWeb 3.28")


if __name__ == "__main__":
    unittest.main()
