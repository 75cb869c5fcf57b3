"""How `status` prints its result (text or one JSON object) and its exit code: 1 when blocked."""
from __future__ import annotations

import json
from typing import Any, Dict


def print_status(result: Dict[str, Any], as_json: bool) -> int:
    blocked = result.get("blocked")
    if as_json:
        print(json.dumps(result))
        return 1 if blocked else 0
    stored = result["stored"]
    print(f"stored:    {'model ' + stored['model'] + ', erudi ' + stored['erudi'] if stored else 'no instance'}")
    print(f"installed: model {result['installed']['model']}, erudi {result['installed']['erudi']}")
    if blocked:
        # Never "pending: none" when an upgrade cannot even be planned: say why.
        print(f"blocked:   {blocked}")
    print("pending:   " + ("\n           ".join(result["pending"]) or ("unknown (blocked)" if blocked else "none")))
    if result.get("unapplied"):
        print("unapplied: " + "\n           ".join(result["unapplied"]) +
              "\n           (at or below the stored version, never applied: upgrade --include-unapplied runs them)")
    for changed in result.get("changed", []):
        print(f"changed:   {changed['file']} after it was applied on {changed['applied_at']} "
              f"(sha256 {changed['recorded']} then, {changed['current']} now)")
    for missing in result.get("missing", []):
        component = missing.get("component", "model")
        folder = component[len("cube:"):] + ":migration" if component.startswith("cube:") else "migration"
        print(f"missing:   {folder}/{missing['script']} was applied on {missing['applied_at']}; the file is gone")
    for cube in result.get("cubes", []):
        print(f"cube:      {cube['name']}: stored {cube['stored'] or 'not in the instance'}, "
              f"installed {cube['installed'] or 'not found'}")
    if result["steps"]:
        print("steps:     " + ", ".join(f"{ {'framework': 'erudi', 'model': 'model'}.get(s['kind']) or s.get('cube')} "
                                        f"{s['version']}" for s in result["steps"]))
    return 1 if blocked else 0
