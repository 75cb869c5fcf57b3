"""Reads catalog.json, the one list of names a migration script sees (the server reads the same file)."""
from __future__ import annotations

import json
import os
from typing import Any, Dict, List, Tuple

PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "catalog.json")
_cache: Dict[str, Any] = {}


def load() -> Dict[str, Any]:
    if "catalog" not in _cache:
        with open(PATH, encoding="utf-8") as handle:
            _cache["catalog"] = json.load(handle)
    return _cache["catalog"]


def entries() -> List[Dict[str, Any]]:
    return load()["entries"]


def modes_of(entry: Dict[str, Any]) -> Tuple[str, ...]:
    modes = entry["modes"]
    return tuple(load()["modes"][modes]) if isinstance(modes, str) else tuple(modes)
