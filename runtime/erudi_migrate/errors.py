"""The errors a user reads: what is wrong and how to fix it, with the script's file and line when known."""
from __future__ import annotations

from typing import Optional


class MigrationError(Exception):
    """An error the runtime reports to the user as one line (plus file and line when known)."""

    def __init__(self, message: str, file: Optional[str] = None, line: Optional[int] = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        return where + self.message


class Interrupted(Exception):
    """Raised in the main thread when SIGINT/SIGTERM arrives, so the transaction is rolled back."""
