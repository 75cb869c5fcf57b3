"""The rehearsal report for people: one table of the steps (time, statements, rows), then per step the rows
changed per table, the failure with its file and line, and where the copy is when kept."""
from __future__ import annotations

from typing import Any, Dict, List, Optional


def _table(header: List[str], rows: List[List[str]], right: List[int], indent: str = "  ") -> List[str]:
    widths = [max(len(str(row[i])) for row in [header] + rows) for i in range(len(header))]

    def line(cells: List[str]) -> str:
        return indent + "  ".join(str(c).rjust(w) if i in right else str(c).ljust(w)
                                  for i, (c, w) in enumerate(zip(cells, widths))).rstrip()
    return [line(header), indent + "  ".join("-" * w for w in widths)] + [line(row) for row in rows]


def step_label(step: Dict[str, Any]) -> str:
    if step["kind"] == "cube":
        return f"cube {step.get('cube')} {step['version']}"
    return f"{'erudi' if step['kind'] == 'framework' else 'model'} {step['version']}"


def report_text(result: Dict[str, Any], real: str, kept: Optional[str], drop_hint: Optional[str]) -> str:
    steps = result["steps"]
    lines = [f"rehearsal of the upgrade of {real} on a copy ({result['copyMethod']}, {result['copyMs']} ms): "
             f"model {result['fromVersion']} -> {result['toVersion']}", ""]
    if steps:
        rows = []
        for step in steps:
            changed = [sum(c.values()) for c in step["tables"].values()]
            rows.append([step_label(step), step.get("display") or step["script"] or "-", f"{step['durationMs']} ms", str(step["statements"]),
                         str(sum(changed)), "FAILED" if step["error"] else "ok"])
        lines += _table(["step", "script", "time", "statements", "rows", ""], rows, [2, 3, 4])
        for step in steps:
            if not step["tables"] and not step["error"]:
                continue
            lines += ["", f"{step_label(step)}  {step.get('display') or step['script'] or ''}".rstrip()]
            if step["tables"]:
                lines += _table(["table", "inserted", "updated", "deleted"],
                                [[name, str(c["inserted"]), str(c["updated"]), str(c["deleted"])]
                                 for name, c in step["tables"].items()], [1, 2, 3], indent="    ")
            if step["error"]:
                error = step["error"]
                where = (f"{error['file']}:{error['line']}: " if error.get("line") else f"{error['file']}: ") \
                    if error.get("file") else ""
                lines.append(f"    failed: {where}{error['message']}")
    else:
        lines.append("  nothing to do: no pending step")
    if result.get("error"):
        error = result["error"]
        where = f"{error['file']}:{error['line']}: " if error.get("file") and error.get("line") else \
            (f"{error['file']}: " if error.get("file") else "")
        lines += ["", f"failed before any step: {where}{error['message']}"]
    lines.append("")
    total = f"{result['durationMs']} ms in all"
    if result["ok"]:
        lines.append(f"ok: the whole upgrade ran on the copy ({total}); the real database was not touched")
    else:
        lines.append(f"FAILED: the upgrade would stop there ({total}); the real database was not touched")
    if kept:
        lines.append(f"the copy is kept: {kept}; remove it with: {drop_hint}")
    else:
        lines.append("the copy was dropped (--keep keeps it)")
    return "\n".join(lines) + "\n"
