"""The runtime's verdict on each input of a batch (JSON lines on stdin: {"format", "text"}), one JSON line each on
stdout, for the differential test that the editor's parsers agree (test/core/parsers-agree.test.ts)."""
import json
import sys

from erudi_migrate.application import numversion_of
from erudi_migrate.depends_map import DependsMap, classify_lines
from erudi_migrate.errors import MigrationError
from erudi_migrate.scripts import is_exempt, parse_script_name


def depends_map(text):
    lines = [[line.kind] + ([str(line.model), str(line.erudi)] if line.kind == "entry" else [])
             for line in classify_lines(text)]
    try:
        DependsMap.parse(text, "depends.map")
        refused = None
    except MigrationError as error:
        refused = error.line
    return {"lines": lines, "refusedAt": refused}


def pkginfo(text):
    try:
        return {"numversion": str(numversion_of(text))}
    except MigrationError:
        return {"numversion": None}


def file_name(name):
    if is_exempt(name):
        return {"kind": "exempt"}
    script = parse_script_name(name)
    if script is not None:
        return {"kind": "script", "version": str(script.version), "description": script.description,
                "mode": script.mode, "extension": script.ext}
    return {"kind": "not-run" if name.endswith((".py", ".sql")) else "other"}


FORMATS = {"depends-map": depends_map, "pkginfo": pkginfo, "file-name": file_name}

if __name__ == "__main__":
    out = sys.stdout
    for raw in sys.stdin:
        request = json.loads(raw)
        out.write(json.dumps(FORMATS[request["format"]](request["text"])) + "\n")
    out.flush()
