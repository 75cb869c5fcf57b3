"""Database URLs: sqlite:///relative.db, sqlite:////absolute.db, postgresql://user@host:port/db."""
from __future__ import annotations

import os
from typing import NamedTuple, Optional
from urllib.parse import urlsplit

from .errors import MigrationError


class DatabaseUrl(NamedTuple):
    kind: str            # "sqlite" or "postgresql"
    text: str            # the URL as given (never holds a password: those are refused)
    path: Optional[str]  # SQLite: the database file

    @classmethod
    def parse(cls, url: str, base_dir: str = ".") -> "DatabaseUrl":
        if url.startswith("sqlite:///"):
            rest = url[len("sqlite:///"):]
            if not rest:
                raise MigrationError(f"no file in {url!r}: write sqlite:///relative/path.db or sqlite:////absolute/path.db")
            # sqlite:////abs gives "/abs"; sqlite:///rel gives "rel", relative to the current folder.
            path = rest if rest.startswith("/") else os.path.join(base_dir, rest)
            return cls("sqlite", url, os.path.abspath(path))
        if url.startswith(("postgresql://", "postgres://")):
            parts = urlsplit(url)
            if parts.password is not None:
                # Never accept a secret in argv: it would show in process lists and logs.
                raise MigrationError("the database URL holds a password: remove it and set PGPASSWORD in the environment instead")
            return cls("postgresql", url, None)
        shown = url.split("@")[-1] if "@" in url else url
        raise MigrationError(f"unsupported database URL {shown!r}: use sqlite:///path.db or postgresql://user@host:port/db")

    def __str__(self) -> str:
        return self.text
