"""Reads the application's text files (scripts, schema.py, __pkginfo__.py, depends.map) one way: UTF-8 with an
optional byte-order mark, lines ending at \\n, \\r\\n or a lone \\r only (as LSP and the editor count them), and a
failure that names the file, the byte offset and the fix."""
from __future__ import annotations

import os
import re
from typing import List

from .errors import MigrationError

# A script of 18 MB took 4.6 GB in compile(): refuse what no migration script needs, before reading it whole.
MAX_SOURCE_BYTES = 5 * 1024 * 1024

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> List[str]:
    """The lines of a text as the editor counts them; unlike str.splitlines, U+0085, U+2028, U+2029, \\x0b,
    \\x0c and \\x1c-\\x1e are ordinary characters (an entry after a NEL in a comment stays in the comment)."""
    return _LINE_BREAK.split(text)


def normalize_newlines(text: str) -> str:
    """\\r\\n and lone \\r as \\n (what Python's universal newlines do), nothing else touched."""
    return _LINE_BREAK.sub("\n", text)


def decode_source(data: bytes, path: str) -> str:
    """The text of a file's bytes: UTF-8, a leading byte-order mark dropped, newlines normalized; refuses a file
    that is not UTF-8 or holds a NUL byte, naming the byte offset (and line) where it is."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        skipped = 3
    else:
        skipped = 0
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start + skipped
        line = data.count(b"\n", 0, error.start) + 1
        raise MigrationError(
            f"not UTF-8: byte 0x{data[error.start]:02x} at byte offset {offset} (line {line}) cannot be decoded; "
            f"save the file as UTF-8", file=path, line=line)
    nul = text.find("\0")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        offset = len(text[:nul].encode("utf-8")) + skipped
        raise MigrationError(f"a NUL byte at byte offset {offset} (line {line}): this is no text file; remove the byte "
                             f"or restore the file", file=path, line=line)
    return normalize_newlines(text)


def read_source(path: str, limit: int = MAX_SOURCE_BYTES) -> str:
    """The text of an application file (decode_source), refused with its size when larger than `limit` bytes."""
    try:
        size = os.path.getsize(path)
        if size > limit:
            raise MigrationError(f"the file is {size:,} bytes, over the limit of {limit:,} bytes for a migration "
                                 f"file: split it into smaller scripts", file=path)
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise MigrationError(f"cannot read the file: {error.strerror or error}", file=path)
    if len(data) > limit:  # it grew between the size check and the read
        raise MigrationError(f"the file is over the limit of {limit:,} bytes for a migration file: split it into "
                             f"smaller scripts", file=path)
    return decode_source(data, path)
