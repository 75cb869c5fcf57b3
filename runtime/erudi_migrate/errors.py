"""The errors a user reads: what is wrong and how to fix it, with the script's file and line when known."""
from __future__ import annotations

from typing import Any, Dict, Optional


class MigrationError(Exception):
    """An error the runtime reports to the user as one line (plus file and line when known), and, for a script,
    the source line with a caret under what failed."""

    def __init__(self, message: str, file: Optional[str] = None, line: Optional[int] = None,
                 source: Optional[str] = None, column: Optional[int] = None, end_column: Optional[int] = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        # The text of `line` in `file`, and the 1-based columns [column, end_column) of what failed in it.
        self.source = source
        self.column = column
        self.end_column = end_column

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        return where + self.message

    def excerpt(self) -> str:
        """The source line and a caret line under the failing part (the whole line's text without columns), or ""."""
        if self.source is None or not self.source.strip():
            return ""
        text = self.source.rstrip().replace("\t", " ")  # one column per character, so the caret stays under it
        indent = len(text) - len(text.lstrip())
        start = self.column - 1 if self.column else indent
        end = self.end_column - 1 if self.end_column and self.end_column > (self.column or 0) else len(text)
        start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
        if end <= start:
            start, end = indent, len(text)
        return f"    {text}\n    {' ' * start}{'^' * max(1, end - start)}"


def error_event(error: MigrationError) -> Dict[str, Any]:
    """The `error` event of a MigrationError; the source line and columns when the failure is in a script."""
    event: Dict[str, Any] = {"event": "error", "file": error.file, "line": error.line, "message": error.message}
    if error.source is not None:
        event.update(source=error.source, column=error.column, endColumn=error.end_column)
    return event


class Interrupted(Exception):
    """Raised in the main thread when SIGINT/SIGTERM arrives, so the transaction is rolled back."""
