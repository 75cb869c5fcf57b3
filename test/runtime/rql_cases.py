"""The Python twin's side of the RQL case table and of the differential test (test/core/rql-twins.test.ts).

--fill: computes tree/error of rows of test/fixtures/rql-cases.json that have neither (check what it wrote).
--verdicts: reads a JSON array of queries on stdin, writes a JSON array of verdicts (the same shape as a row).
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "runtime"))

from erudi_migrate.rql.parser import parse, sexpr  # noqa: E402

FIXTURE = os.path.join(HERE, "..", "fixtures", "rql-cases.json")


def verdict(query):
    result = parse(query)
    if result.tree is not None:
        return {"tree": sexpr(result.tree)}
    p = result.problem
    return {"error": {"offset": p.offset, "expected": p.expected, "message": p.message, "code": p.code}}


def fill():
    with open(FIXTURE, encoding="utf-8") as f:
        fixture = json.load(f)
    filled = 0
    for case in fixture["cases"]:
        if "tree" not in case and "error" not in case:
            case.update(verdict(case["query"]))
            filled += 1
    lines = ["{", '  "$comment": ' + json.dumps(fixture["$comment"]) + ",", '  "cases": [',
             ",\n".join("    " + json.dumps(c, ensure_ascii=False) for c in fixture["cases"]), "  ]", "}"]
    with open(FIXTURE, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print("filled %d row(s) of %s" % (filled, FIXTURE))


def verdicts():
    queries = json.load(sys.stdin)
    json.dump([verdict(q) for q in queries], sys.stdout)


if __name__ == "__main__":
    {"--fill": fill, "--verdicts": verdicts}[sys.argv[1]]()
