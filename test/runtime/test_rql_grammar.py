"""The Python RQL parser against the shared case table (test/fixtures/rql-cases.json), which the TS parser also runs."""

import gc
import json
import os
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "runtime"))

from erudi_migrate.rql.parser import grammar, parse, sexpr  # noqa: E402

with open(os.path.join(HERE, "..", "fixtures", "rql-cases.json"), encoding="utf-8") as f:
    FIXTURE = json.load(f)
CASES = FIXTURE["cases"]


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
                           "message": result.problem.message, "code": result.problem.code}
                    self.assertEqual(got, case["error"])

    def test_the_table_has_two_hundred_queries_valid_and_invalid(self):
        self.assertGreaterEqual(len(CASES), 200)
        self.assertGreater(sum("tree" in c for c in CASES), 150)
        self.assertGreater(sum("error" in c for c in CASES), 80)
        self.assertEqual(len({c["query"] for c in CASES}), len(CASES), "a query is listed twice")

    def test_every_query_of_cubicwebs_parser_tests_parses(self):
        spec = [c for c in CASES if c["source"] == "cubicweb-spec"]
        self.assertGreater(len(spec), 60)
        for case in spec:
            self.assertIn("tree", case, case["query"])
        for case in (c for c in CASES if c["source"] == "cubicweb-bad-syntax"):
            self.assertIn("error", case, case["query"])


def _seconds(text):
    # CPU time of this process: other processes on a loaded machine do not count.
    # The collector's passes grow with the heap, not with the parser's work: off while measuring.
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        parse(text)
        return time.process_time() - start
    finally:
        gc.enable()


class LinearAndBounded(unittest.TestCase):
    """Issue 16: no RQL string freezes the reader, whatever it holds."""

    def assertLinear(self, make, n=50000):
        # The best of three runs at N and 4N: linear time gives 4 (more with allocation), quadratic 16.
        small = min(_seconds(make(n)) for _ in range(3))
        large = min(_seconds(make(4 * n)) for _ in range(3))
        self.assertLess(large / max(small, 1e-6), 10, (small, large))

    def test_a_string_of_quote_backslash_pairs_lexes_in_linear_time(self):
        self.assertLinear(lambda n: 'Any X WHERE X name ' + '"\\' * n)

    def test_unterminated_comments_and_quotes_lex_in_linear_time(self):
        self.assertLinear(lambda n: 'Any X WHERE X name ' + '/*/' * n)
        self.assertLinear(lambda n: "Any X WHERE X name " + "'\\'" * n)

    def test_parsing_is_linear_rule_evaluations_per_token_stay_bounded(self):
        shapes = [
            lambda n: 'Any X WHERE ' + ', '.join(['(X age 1 OR (X name "a" AND X age > (2 + 3)))'] * n),
            lambda n: 'Any X GROUPBY X WHERE X age 1 HAVING ' + ' OR '.join(['((COUNT(X) + (1)) > (2))'] * n),
            lambda n: 'Any X GROUPBY X WHERE X age 1 HAVING ' + ', '.join(['((1 + 2) < COUNT(X))'] * n),
        ]
        for make in shapes:
            small, large = parse(make(100)), parse(make(400))
            ratio = (large.steps / len(large.tokens)) / (small.steps / len(small.tokens))
            self.assertLess(ratio, 1.1)
            self.assertLessEqual(large.steps, len(large.tokens) * len(grammar().rules))

    def test_nesting_past_the_bound_is_one_too_deeply_nested_problem(self):
        for depth in (41, 306, 100000):
            result = parse('Any X WHERE ' + '(' * depth + 'X name 1' + ')' * depth)
            self.assertIsNone(result.tree)
            self.assertEqual(result.problem.code, "too-deeply-nested")
            self.assertEqual(result.problem.offset, len('Any X WHERE ') + 40)
        self.assertIsNotNone(parse('Any X WHERE ' + '(' * 40 + 'X name 1' + ')' * 40).tree)


if __name__ == "__main__":
    unittest.main()
