"""Database URLs: sqlite:///relative.db, sqlite:////absolute.db, postgresql://user@host:port/db; a password anywhere
in one (user info, or a query parameter libpq reads as one) is refused, and every URL shown is redacted by parsing."""
from __future__ import annotations

import os
import re
from typing import List, NamedTuple, Optional, Tuple
from urllib.parse import unquote

from .errors import MigrationError

# Query parameters libpq takes a secret from (keys are compared percent-decoded and case-folded: ?PASSWORD=,
# ?pass%77ord= are refused too).
SECRET_PARAMETERS = ("password", "sslpassword")
HOW_TO_PASS_A_PASSWORD = ("remove it and set PGPASSWORD in the environment instead (in the editor, run Erudi Migrations: "
                          "Set Database Password, which keeps it in VS Code's password store)")
_SCHEMES = ("postgresql://", "postgres://")


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
        if url.startswith(_SCHEMES):
            where = password_in(url)
            if where:
                # Never accept a secret in argv: it would show in process lists and logs.
                raise MigrationError(f"the database URL holds a password ({where}): {HOW_TO_PASS_A_PASSWORD}")
            return cls("postgresql", url, None)
        raise MigrationError(f"unsupported database URL {redact_url(url)!r}: use sqlite:///path.db or "
                             f"postgresql://user@host:port/db")

    @property
    def shown(self) -> str:
        return redact_url(self.text)

    def __str__(self) -> str:
        return self.shown


class _Parts(NamedTuple):
    scheme: str                 # "postgresql://"
    userinfo: Optional[str]     # before the last "@" of the authority, or None
    rest: str                   # host, port and path
    query: List[Tuple[str, str]]  # (raw key, raw value); the value is None-less ("" when absent)
    fragment: Optional[str]


def _split(url: str) -> Optional[_Parts]:
    scheme = next((s for s in _SCHEMES if url.startswith(s)), None)
    if scheme is None:
        return None
    rest = url[len(scheme):]
    # The user info ends at the last "@": a password may hold "/", "?", ":" or "@" unencoded (libpq would stop at the
    # first "/", but a redaction must hide the secret whatever the user typed).
    at = rest.rfind("@")
    userinfo = None
    if at >= 0:
        userinfo, rest = rest[:at], rest[at + 1:]
    fragment = None
    if "#" in rest:
        rest, fragment = rest.split("#", 1)
    query: List[Tuple[str, str]] = []
    if "?" in rest:
        rest, text = rest.split("?", 1)
        for item in text.split("&"):
            key, _, value = item.partition("=")
            query.append((key, value))
    return _Parts(scheme, userinfo, rest, query, fragment)


def _is_secret_key(raw_key: str) -> bool:
    return unquote(raw_key).strip().lower() in SECRET_PARAMETERS


def password_in(url: str) -> Optional[str]:
    """Where a PostgreSQL URL holds a password ("in the user info", "in the query parameter 'PASSWORD'"), or None.

    Every reading counts: the user info up to the last "@" (a password holding "/" or "?") and up to the first "/"
    (libpq's), and every "?"/"&"-separated parameter anywhere (one whose value holds "@")."""
    parts = _split(url)
    if parts is None:
        return None
    authority = url[len(parts.scheme):].split("/", 1)[0]
    userinfos = [parts.userinfo, authority.rsplit("@", 1)[0] if "@" in authority else None]
    if any(info is not None and ":" in unquote(info) for info in userinfos):
        return "in the user info, user:password@"
    for item in re.split(r"[?&]", url[len(parts.scheme):])[1:]:
        key = item.partition("=")[0]
        if _is_secret_key(key):
            return f"in the query parameter {unquote(key)!r}"
    return None


def redact_url(url: str) -> str:
    """The URL as it may be shown: a password in the user info or in a secret query parameter is `***`, whatever
    characters it holds; a user info that does not look like a user name is hidden whole."""
    if not isinstance(url, str):
        return "<not a URL>"
    parts = _split(url)
    if parts is None:
        # Not a PostgreSQL URL: still never show what could be credentials before an "@".
        return ("***@" + url.rsplit("@", 1)[1]) if "@" in url else url
    shown = parts.scheme
    if parts.userinfo is not None:
        if any(c in parts.userinfo for c in "/?#"):
            # An "@" after a "/" or "?": a password holding those, or an "@" in the path or query. Either way
            # what follows the "@" may be the secret's end: nothing but the scheme is shown.
            return shown + "***"
        user, colon, _ = parts.userinfo.partition(":")
        if any(c in user for c in "=&") or "%3a" in user.lower():
            shown += "***@"
        else:
            shown += f"{user}:***@" if colon else f"{user}@"
    shown += parts.rest
    if parts.query:
        shown += "?" + "&".join(f"{key}=***" if _is_secret_key(key) else (f"{key}={value}" if value else key)
                                for key, value in parts.query)
    if parts.fragment is not None:
        shown += "#" + parts.fragment
    return shown
