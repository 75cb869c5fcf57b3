"""Finds SQL that would end the runtime's transaction behind its back (COMMIT, ROLLBACK, BEGIN, END,
SAVEPOINT, RELEASE, VACUUM, committing PRAGMAs) in .sql scripts and in literal sqlexec()/sql() arguments."""
from __future__ import annotations

import ast
import re
from typing import List, NamedTuple, Optional

from .sql_script import split_statements

# The first word(s) of a statement that control the transaction. `ABORT`, `START TRANSACTION`,
# `PREPARE TRANSACTION` and `COMMIT PREPARED` are PostgreSQL's other spellings.
_CONTROL = re.compile(r"^\s*(COMMIT|ROLLBACK|BEGIN|END|ABORT|START\s+TRANSACTION|SAVEPOINT|RELEASE|VACUUM|"
                      r"PREPARE\s+TRANSACTION)\b", re.I)
# SQLite PRAGMAs that commit, or cannot run inside a transaction and so are refused mid-step.
_PRAGMA = re.compile(r"^\s*PRAGMA\s+(?:\w+\.)?(journal_mode|wal_checkpoint|foreign_keys|locking_mode|"
                     r"synchronous|auto_vacuum|incremental_vacuum|page_size)\b", re.I)
_COMMENTS = re.compile(r"--[^\n]*|/\*.*?\*/", re.S)
PRIMITIVE_NAMES = ("sqlexec", "sql")

ADVICE = ("the runtime commits each version step together with its version: remove it, and call "
          "checkpoint() (in `run`) or commit() where a commit is wanted")


class TransactionControl(NamedTuple):
    line: int
    keyword: str       # as written, e.g. "COMMIT" or "PRAGMA journal_mode"
    where: str         # "statement" or "sqlexec()" / "sql()"

    def message(self) -> str:
        source = "this statement" if self.where == "statement" else f"this {self.where} argument"
        return f"line {self.line}: {source} runs {self.keyword.upper()}, which would end the runtime's transaction; {ADVICE}"


def keyword_of(statement: str) -> Optional[str]:
    """The transaction-control keyword a statement starts with (comments skipped), or None."""
    text = _COMMENTS.sub(" ", statement)
    match = _CONTROL.match(text)
    if match:
        return " ".join(match.group(1).split())
    match = _PRAGMA.match(text)
    if match:
        return "PRAGMA " + match.group(1)
    return None


def in_sql(text: str, first_line: int = 1, where: str = "statement") -> List[TransactionControl]:
    found = []
    for statement, line in split_statements(text):
        keyword = keyword_of(statement)
        if keyword:
            found.append(TransactionControl(first_line + line - 1, keyword, where))
    return found


def in_python(tree: ast.AST) -> List[TransactionControl]:
    """Literal first arguments (or sql= keywords) of sqlexec()/sql() calls."""
    found: List[TransactionControl] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name) or node.func.id not in PRIMITIVE_NAMES:
            continue
        argument = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "sql"), None)
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
            for control in in_sql(argument.value, argument.lineno, f"{node.func.id}()"):
                found.append(control)
    return found
