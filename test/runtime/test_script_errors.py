"""A script's mistakes are reported as the checker reports them (issue 13 point 5): the script's arguments counted
without the context, a repository-side name in a web script named with its modes, the closest name for a typo, the
source line with a caret under what failed, the runtime's frames only with --traceback.
(test/core/runtime-messages.test.ts compares the same messages with the checker's, word for word.)"""
from __future__ import annotations

import json
import unittest

from runtime_case import RuntimeCase, on_both_databases

from erudi_migrate.script_errors import binding_problems, closest_name, edit_distance, entry_named, render_signature

SCHEMA = "class Person(EntityType):\n    name = String()\n    age = Int()\n"


def error_event(out: str):
    return next(json.loads(line) for line in out.splitlines() if line.startswith("{") and json.loads(line)["event"] == "error")


@on_both_databases
class ScriptErrors(RuntimeCase):
    def test_a_wrong_call_counts_the_scripts_arguments_and_shows_the_signature(self):
        self.create(SCHEMA)
        _, out, err = self.run_failing("add_attribute('Person', 'age', 'Int', True, 'x')\n", "--json")
        error = error_event(out)
        self.assertEqual(error["message"], "add_attribute() takes at most 4 positional arguments (etype, attrname, attrtype, "
                         "commit) but 5 were given; the signature is add_attribute(etype: str, attrname: str, attrtype: "
                         "str | None = None, commit: bool = True, *, ask_confirm: bool = True) -> None")
        self.assertEqual((error["line"], error["column"]), (1, 1))
        self.assertNotIn("7 were given", out + err)

    def test_a_repository_side_name_in_a_web_script_names_the_modes_and_the_fix(self):
        self.create(SCHEMA)
        _, _, err = self.run_failing("x = 1\nif x:\n    sql('DELETE FROM cw_Person')\n", name="9.9.9_scratch_web.py")
        self.assertIn("9.9.9_scratch_web.py:3: sql is only available in 'Any' or 'repository' scripts (repository side), "
                      "and this is a 'web' script; move this code to a script whose file name ends in _Any.py, or remove it\n"
                      "        sql('DELETE FROM cw_Person')\n        ^^^\n", err)
        self.assertNotIn("NameError", err)

    def test_a_typo_gets_the_closest_name(self):
        self.create(SCHEMA)
        _, _, err = self.run_failing("add_entity('Person', name='ann')\nchekpoint()\n")
        self.assertIn(":2: 'chekpoint' is not defined", err)
        self.assertIn("did you mean 'checkpoint'?", err)

    def test_a_failure_inside_a_primitive_shows_the_script_line_that_called_it(self):
        self.create(SCHEMA)
        _, out, err = self.run_failing("x = 1\n\nadd_entity('Person', name='ann', age=10**30)  # too large\n", "--json")
        error = error_event(out)
        self.assertEqual(error["line"], 3)
        self.assertEqual(error["source"], "add_entity('Person', name='ann', age=10**30)  # too large")
        self.assertEqual((error["column"], error["endColumn"]), (1, 45))
        _, _, err = self.run_failing("x = 1\n\nadd_entity('Person', name='ann', age=10**30)  # too large\n")
        self.assertIn("\n    add_entity('Person', name='ann', age=10**30)  # too large\n    " + "^" * 44 + "\n", err)
        self.assertNotIn("Traceback", err)
        self.assertNotIn("erudi_migrate/", err)
        _, _, err = self.run_failing("x = 1\n\nadd_entity('Person', name='ann', age=10**30)  # too large\n", "--traceback")
        self.assertIn("Traceback", err)
        self.assertIn("erudi_migrate", err)

    def test_the_caret_counts_characters_not_bytes(self):
        self.create(SCHEMA)
        _, out, _ = self.run_failing("nom = 'é'; add_entity('Person', name=nom, age=10**30)\n", "--json")
        error = error_event(out)
        self.assertEqual(error["column"], error["source"].index("add_entity") + 1)

    def test_a_syntax_error_shows_the_line_and_where(self):
        self.create(SCHEMA)
        _, out, err = self.run_failing("x = 1\ny = (1 +\n")
        self.assertRegex(err, r"9\.9\.9_scratch_Any\.py:2: syntax error: '\(' was never closed")
        self.assertIn("was never closed: fix the script\n      y = (1 +\n          ^", err)


class SignaturesAsTheCheckerSaysThem(unittest.TestCase):
    def test_the_signature_and_each_binding_problem(self):
        entry = entry_named("add_attribute")
        self.assertEqual(render_signature(entry), "add_attribute(etype: str, attrname: str, attrtype: str | None = None, "
                         "commit: bool = True, *, ask_confirm: bool = True) -> None")
        self.assertEqual([p.split(";")[0] for p in binding_problems(entry, ("P",), {"etype": "Q", "nope": 1})], [
            "add_attribute() got multiple values for argument 'etype'", "add_attribute() has no parameter 'nope'",
            "add_attribute() is missing required argument 'attrname'"])
        self.assertEqual(binding_problems(entry, ("P", "a"), {"ask_confirm": False}), [])

    def test_closest_name_follows_the_servers_rule(self):
        names = ["checkpoint", "commit", "add_attribute", "add_entity", "rql", "Person"]
        self.assertEqual(closest_name("person", names), "Person")
        self.assertEqual(closest_name("comit", names), "commit")
        self.assertEqual(closest_name("add_atribute", names), "add_attribute")
        self.assertEqual(closest_name("xyz", names), None)
        self.assertEqual(closest_name("qrl", names), "rql")  # a swap is one edit
        self.assertEqual(edit_distance("nmae", "name"), 1)


if __name__ == "__main__":
    unittest.main()
