"""The checker's words for a script's mistakes, at run time: a wrong call with the primitive's real signature, a
repository-side name in a web/common script, an unknown name with the closest catalog name (the same rules and
sentences as the language server's wrong-arguments, not-available-in-mode and unknown-name)."""
from __future__ import annotations

import builtins
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence

from . import catalog

# The language server's message for a Python 2 builtin (server/src/features/script/unknown-names.ts).
PYTHON2_BUILTINS = {
    "unicode": "str", "basestring": "str", "xrange": "range", "raw_input": "input", "long": "int", "unichr": "chr",
    "file": "open", "reduce": "functools.reduce (import it from functools)", "execfile": "exec(open(path).read())",
    "cmp": "a comparison with < and >", "buffer": "memoryview", "apply": "f(*args, **kwargs)", "intern": "sys.intern",
    "reload": "importlib.reload", "unicode_literals": "nothing (every string is unicode)",
}

# As the server's closest-name.ts: a farther match compares at most this many candidates, nearest lengths first.
MAX_EXAMINED = 150

ASK_CONFIRM = {"name": "ask_confirm", "kind": "keyword-only", "type": "bool", "default": "True"}


def entry_named(name: str) -> Optional[Dict[str, Any]]:
    for entry in catalog.entries():
        if entry["name"] == name:
            return entry
    return None


def parameters_of(entry: Mapping[str, Any]) -> List[Dict[str, Any]]:
    """The entry's parameters as a script sees them: CubicWeb's commands also take ask_confirm (keyword-only)."""
    parameters = [dict(p, kind=p.get("kind", "positional-or-keyword")) for p in entry.get("parameters", [])]
    if entry.get("interact") and not any(p["name"] == "ask_confirm" for p in parameters):
        at = next((i for i, p in enumerate(parameters) if p["kind"] == "var-keyword"), len(parameters))
        parameters.insert(at, dict(ASK_CONFIRM))
    return parameters


def render_signature(entry: Mapping[str, Any]) -> str:
    """`add_attribute(etype: str, attrname: str, ...) -> None`, as the editor's signature help shows it."""
    parameters = parameters_of(entry)
    parts = []
    for i, parameter in enumerate(parameters):
        if parameter["kind"] == "keyword-only" and not any(p["kind"] in ("var-positional", "keyword-only") for p in parameters[:i]):
            parts.append("*")
        star = {"var-positional": "*", "var-keyword": "**"}.get(parameter["kind"], "")
        default = f" = {parameter['default']}" if "default" in parameter else ""
        parts.append(f"{star}{parameter['name']}: {parameter['type']}{default}")
    return f"{entry['name']}({', '.join(parts)}) -> {entry.get('returns', 'None')}"


def binding_problems(entry: Mapping[str, Any], args: Sequence[Any], kwargs: Mapping[str, Any]) -> List[str]:
    """What Python would raise a TypeError for, in the checker's sentences (argument-binding.ts), in its order."""
    name = entry["name"]
    parameters = parameters_of(entry)
    named = [p for p in parameters if p["kind"] == "positional-or-keyword"]
    var_positional = any(p["kind"] == "var-positional" for p in parameters)
    var_keyword = any(p["kind"] == "var-keyword" for p in parameters)
    keyword_only = [p for p in parameters if p["kind"] == "keyword-only"]
    problems = []
    bound = {p["name"] for p in named[:len(args)]}
    if not var_positional and len(args) > len(named):
        plural = "" if len(named) == 1 else "s"
        problems.append(f"{name}() takes at most {len(named)} positional argument{plural} "
                        f"({', '.join(p['name'] for p in named)}) but {len(args)} were given")
    accepted = {p["name"] for p in named + keyword_only}
    for keyword in kwargs:
        if keyword in accepted:
            if keyword in bound:
                problems.append(f"{name}() got multiple values for argument '{keyword}'")
            bound.add(keyword)
        elif not var_keyword:
            listed = ", ".join(p["name"] for p in named + keyword_only)
            problems.append(f"{name}() has no parameter '{keyword}'; its parameters are {listed or 'none'}")
    missing = [f"'{p['name']}'" for p in named if "default" not in p and p["name"] not in bound]
    if missing:
        problems.append(f"{name}() is missing required argument{'' if len(missing) == 1 else 's'} {', '.join(missing)}")
    return [f"{problem}; the signature is {render_signature(entry)}" for problem in problems]


def unavailable_message(entry: Mapping[str, Any], mode: str) -> str:
    """A repository-side name in a web/common script (the checker's not-available-in-mode)."""
    modes = catalog.modes_of(entry)
    where = " or ".join(f"'{m}'" for m in modes)
    return (f"{entry['name']} is only available in {where} scripts (repository side), and this is a '{mode}' script; "
            f"move this code to a script whose file name ends in _{modes[0]}.py, or remove it")


def catalog_names() -> List[str]:
    """Every catalog name in the order the server's catalog lists them (an object's members before the object)."""
    names = []
    for entry in catalog.entries():
        names.extend(f"{entry['name']}.{member['name']}" for member in entry.get("members", []))
        names.append(entry["name"])
    return names


def unknown_name_message(name: str, mode: str, script_names: Iterable[str]) -> str:
    """NameError in a script: the mode's fix for a repository-side primitive, else the closest known name."""
    entry = entry_named(name)
    if entry is not None and mode not in catalog.modes_of(entry):
        return unavailable_message(entry, mode)
    python3 = PYTHON2_BUILTINS.get(name)
    if python3:
        return f"'{name}' is a Python 2 builtin that Python 3 (the runtime's Python) does not have: use {python3}"
    known = catalog_names()
    seen = set(known)
    known += [n for n in script_names if n not in seen and not n.startswith("__")]
    known += sorted(n for n in dir(builtins) if not n.startswith("_"))
    suggestion = closest_name(name, known)
    return (f"'{name}' is not defined: it is no primitive of the catalog, no Python builtin and no name this script "
            f"binds, so the script stops here with NameError" + (f"; did you mean '{suggestion}'?" if suggestion else ""))


def edit_distance(a: str, b: str) -> int:
    """Edits between two names, a swap of neighbouring letters counting as one ("nmae" -> "name")."""
    before: List[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            value = min(previous[j - 1] + (a[i - 1] != b[j - 1]), previous[j] + 1, row[j - 1] + 1)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, before[j - 2] + 1)
            row[j] = value
        before, previous = previous, row
    return previous[len(b)]


def closest_name(name: str, candidates: Sequence[str]) -> Optional[str]:
    """The closest candidate when it is close enough to be a typo: the server's rule (core/closest-name.ts): a case
    difference first, then the fewest edits, at most a third of the letters; one edit away, the earliest candidate;
    farther, the nearest lengths first (shorter before longer), then the earliest, MAX_EXAMINED of them at most."""
    lower = name.lower()
    lowered = [(c.lower(), c) for c in candidates]
    for candidate, original in lowered:
        if candidate == lower:
            return original
    threshold = max(1, len(name) // 3)
    best, best_distance = None, threshold + 1
    for candidate, original in lowered:
        if abs(len(candidate) - len(lower)) <= 1:
            d = edit_distance(lower, candidate)
            if d <= 1 and d < best_distance:
                best, best_distance = original, d
    if best_distance <= 1 or threshold < 2:
        return best
    examined = 0
    for delta in range(0, threshold + 1):
        if delta >= best_distance:
            break
        for length in ([len(lower)] if delta == 0 else [len(lower) - delta, len(lower) + delta]):
            for candidate, original in lowered:
                if len(candidate) != length:
                    continue
                if examined >= MAX_EXAMINED:
                    return best
                examined += 1
                d = edit_distance(lower, candidate)
                if d < best_distance:
                    best, best_distance = original, d
                    if d <= 1:
                        return best
    return best
