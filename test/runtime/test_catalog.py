"""catalog.json and the runtime agree: every entry has an implementation with the catalog's parameters
and defaults, every public primitive is in the catalog, and each mode sees exactly its names."""
import inspect
import os
import unittest

import runtime_case  # noqa: F401 (puts the runtime on sys.path)
from erudi_migrate import catalog
from erudi_migrate.primitives import FUNCTIONS, VALUES, load_all

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


if __name__ == "__main__":
    unittest.main()
