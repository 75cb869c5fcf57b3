"""CubicWeb's core schema (bootstrap, base, workflow, Bookmark), written in plain yams syntax: the runtime
loads these files before the cubes and the application; the language server reads them statically.
They are loaded as the modules `cubicweb.schemas.<name>`, so `from cubicweb.schemas.base import CWUser`
in a cube's schema gets the same class (and `CWUser.add_relation(...)` adds to the core type)."""

# The order CubicWeb loads them in.
MODULES = ("bootstrap", "base", "workflow", "Bookmark")
