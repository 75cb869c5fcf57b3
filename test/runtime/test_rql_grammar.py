"""The Python RQL parser against the shared case table (test/fixtures/rql-cases.json), which the TS parser also runs."""

import json
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "runtime"))

from erudi_migrate.rql.parser import parse, sexpr  # noqa: E402

with open(os.path.join(HERE, "..", "fixtures", "rql-cases.json"), encoding="utf-8") as f:
    FIXTURE = json.load(f)
CASES = FIXTURE["cases"] + FIXTURE["generated"]


class SharedGrammarCases(unittest.TestCase):
    def test_every_case_of_the_shared_table(self):
        for case in CASES:
            with self.subTest(query=case["query"]):
                result = parse(case["query"])
                if "tree" in case:
                    self.assertIsNone(result.problem, result.problem and result.problem.message)
                    self.assertEqual(sexpr(result.tree), case["tree"])
                else:
                    self.assertIsNone(result.tree)
                    got = {"offset": result.problem.offset, "expected": result.problem.expected,
                           "message": result.problem.message}
                    self.assertEqual(got, case["error"])

    def test_the_table_has_both_valid_and_invalid_queries(self):
        self.assertGreater(sum("tree" in c for c in FIXTURE["cases"]), 15)
        self.assertGreater(sum("error" in c for c in CASES), 10)


if __name__ == "__main__":
    unittest.main()
