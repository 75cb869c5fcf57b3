"""Shared base for runtime tests: each test class runs once on SQLite and once on PostgreSQL
(ERUDI_TEST_PG_URL, set by run.sh), with a throwaway application folder and database."""
from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import unittest
from typing import Any, Dict, List, Optional, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
RUNTIME = os.path.abspath(os.path.join(HERE, "..", "..", "runtime"))
if RUNTIME not in sys.path:
    sys.path.insert(0, RUNTIME)

from erudi_migrate.cli import main  # noqa: E402
from erudi_migrate.database import Database  # noqa: E402
from erudi_migrate.events import EventSink  # noqa: E402
from erudi_migrate.schema.persisted import SchemaStore  # noqa: E402
from erudi_migrate.urls import DatabaseUrl  # noqa: E402

BACKENDS = ("sqlite", "postgresql")


def on_both_databases(mixin: type) -> type:
    """Registers `<Mixin>_sqlite` and `<Mixin>_postgresql` test classes in the mixin's module."""
    module = sys.modules[mixin.__module__]
    for backend in BACKENDS:
        name = f"{mixin.__name__}_{backend}"
        setattr(module, name, type(name, (mixin, unittest.TestCase), {"backend": backend, "__module__": mixin.__module__}))
    return mixin


def reset_postgresql(url: str) -> None:
    """Empties the test database: everything lives in the public schema."""
    import psycopg
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("DROP SCHEMA public CASCADE")
        connection.execute("CREATE SCHEMA public")


class RuntimeCase:
    """Helpers; `backend` is set by on_both_databases."""
    backend = "sqlite"

    def setUp(self) -> None:  # noqa: N802 (unittest's name)
        self.tmp = tempfile.mkdtemp(prefix="erudi-test-")
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.app = os.path.join(self.tmp, "app")
        os.makedirs(os.path.join(self.app, "migration"))
        if self.backend == "sqlite":
            self.db_path = os.path.join(self.tmp, "instance.db")
            self.url = "sqlite:///" + self.db_path
        else:
            url = os.environ.get("ERUDI_TEST_PG_URL")
            if not url:
                self.fail("ERUDI_TEST_PG_URL is not set: run the runtime tests with `npm run test:runtime`, "
                          "which starts a PostgreSQL server")
            self.url = url
            self.db_path = None
            reset_postgresql(url)

    # the application --------------------------------------------------------------------
    def write(self, relative: str, text: str) -> str:
        path = os.path.join(self.app, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(textwrap.dedent(text).lstrip("\n"))
        return path

    def application(self, schema: str, version: str = "0.1.0", scripts: Optional[Dict[str, str]] = None,
                    depends: Optional[str] = None) -> None:
        self.write("__pkginfo__.py", f"numversion = ({', '.join(version.split('.'))})\n")
        self.write("schema.py", "from yams.buildobjs import *\n" + textwrap.dedent(schema))
        for name, text in (scripts or {}).items():
            self.write(f"migration/{name}", text)
        if depends is not None:
            self.write("migration/depends.map", depends)

    # the runtime ------------------------------------------------------------------------
    def migrate(self, *args: str, stdin: str = "") -> Tuple[int, str, str]:
        """Runs the CLI in this process: (exit code, stdout, stderr)."""
        out, err = io.StringIO(), io.StringIO()
        saved_stdin = sys.stdin
        sys.stdin = io.StringIO(stdin)
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    code = main([args[0], "--app", self.app, "--db", self.url, "--non-interactive", *args[1:]]
                                if "--interactive" not in args else
                                [args[0], "--app", self.app, "--db", self.url, *[a for a in args[1:] if a != "--interactive"]])
                except SystemExit as exit_:
                    code = exit_.code if isinstance(exit_.code, int) else 2
        finally:
            sys.stdin = saved_stdin
        return code, out.getvalue(), err.getvalue()

    def ok(self, *args: str, stdin: str = "") -> str:
        code, out, err = self.migrate(*args, stdin=stdin)
        self.assertEqual(code, 0, f"erudi-migrate {' '.join(args)} failed:\n{out}\n{err}")
        return out

    def subprocess(self, *args: str, **kwargs) -> subprocess.Popen:
        env = dict(os.environ, PYTHONPATH=RUNTIME)
        return subprocess.Popen([sys.executable, "-m", "erudi_migrate", args[0], "--app", self.app, "--db", self.url,
                                 "--non-interactive", *args[1:]], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, **kwargs)

    def create(self, schema: str, version: str = "0.1.0", *extra: str) -> None:
        self.application(schema, version)
        self.ok("create", *extra)

    def script(self, body: str, name: str = "0.1.0_test_Any.py") -> str:
        return self.write(f"migration/{name}", body)

    def run_script(self, body: str, *extra: str, name: str = "9.9.9_scratch_Any.py") -> str:
        path = self.write(f"scratch/{name}", body)
        return self.ok("run", path, *extra)

    def run_failing(self, body: str, *extra: str, name: str = "9.9.9_scratch_Any.py") -> Tuple[int, str, str]:
        path = self.write(f"scratch/{name}", body)
        code, out, err = self.migrate("run", path, *extra)
        self.assertNotEqual(code, 0, f"expected a failure:\n{out}\n{err}")
        return code, out, err

    # the database -----------------------------------------------------------------------
    def database(self) -> Database:
        db = Database(DatabaseUrl.parse(self.url), EventSink(out=io.StringIO(), err=io.StringIO()))
        self.addCleanup(db.close)
        return db

    def columns(self, table: str) -> Dict[str, Tuple[str, bool, Optional[str]]]:
        """{column: (type, not null, default)} with lower-case names and types."""
        db = self.database()
        return {c.name.lower(): (_type(c.sql_type), c.not_null, _default(c.default_sql))
                for c in db.dialect.columns(db, table)}

    def insert(self, etype: str, **values: Any) -> int:
        """An entity written with plain SQL (the runtime's data primitives are tested elsewhere)."""
        db = self.database()
        db.begin()
        eid = db.dialect.insert_entity(db, etype)
        names = ["cw_eid"] + [f"cw_{k}" for k in values]
        marks = ", ".join([db.dialect.param] * len(names))
        db.execute(f"INSERT INTO cw_{etype} ({', '.join(names)}) VALUES ({marks})", [eid, *values.values()])
        db.commit()
        return eid

    def link(self, rtype: str, subject: int, obj: int) -> None:
        db = self.database()
        db.begin()
        p = db.dialect.param
        db.execute(f"INSERT INTO {rtype}_relation (eid_from, eid_to) VALUES ({p}, {p})", (subject, obj))
        db.commit()

    def tables(self) -> List[str]:
        db = self.database()
        return db.dialect.table_names(db)

    def indexes(self, table: str) -> Dict[str, Tuple[Tuple[str, ...], bool]]:
        db = self.database()
        return {i.name: (tuple(i.columns), i.unique) for i in db.dialect.indexes(db, table)}

    def rows(self, sql: str, params: Any = None) -> List[tuple]:
        return self.database().query(sql, params)

    def persisted(self):
        return SchemaStore.load(self.database()).schema

    def dump(self) -> Dict[str, Any]:
        """Every table: columns, indexes and sorted rows (what 'the database is unchanged' means)."""
        db = self.database()
        result: Dict[str, Any] = {}
        names = db.dialect.table_names(db)
        if self.backend == "sqlite" and db.query("SELECT name FROM sqlite_master WHERE name = 'sqlite_sequence'"):
            names = names + ["sqlite_sequence"]
        for name in names:
            columns = [tuple(c) for c in db.dialect.columns(db, name)]
            indexes = [tuple((i.name, tuple(i.columns), i.unique)) for i in db.dialect.indexes(db, name)]
            rows = sorted((tuple(r) for r in db.query(f"SELECT * FROM {name}")), key=repr)
            result[name] = (columns, indexes, rows)
        return result


# The columns every entity table has from erudi 2.29.0 on (CubicWeb's metadata), as columns() shows them.
METADATA_COLUMNS = {"cw_creation_date": ("timestamptz", True, "CURRENT_TIMESTAMP"),
                    "cw_modification_date": ("timestamptz", True, "CURRENT_TIMESTAMP"),
                    "cw_cwuri": ("text", True, "''")}


def _type(sql_type: str) -> str:
    """One spelling for both databases: varchar(64), integer, text, ..."""
    text = sql_type.lower().replace("character varying", "varchar")
    return {"double precision": "float8", "float": "float8", "boolean": "boolean",
            "timestamp with time zone": "timestamptz"}.get(text, text)


def _default(default_sql: Optional[str]) -> Optional[str]:
    """'x'::character varying -> 'x' (PostgreSQL adds the cast)."""
    if default_sql is None:
        return None
    value = default_sql.split("::")[0]
    if "::" in default_sql and value.strip("'").replace(".", "", 1).lstrip("-").isdigit():
        value = value.strip("'")  # '9000000000'::bigint
    return value


PERSON = """
class Person(EntityType):
    name = String(maxsize=64, required=True)
    age = Int()

class Company(EntityType):
    name = String()
"""
