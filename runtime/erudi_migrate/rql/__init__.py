"""RQL for migration scripts: the one grammar (grammar.json), its parser, translation to SQL, result sets."""

from .errors import RqlError
from .execute import delete_entities, is_delete, is_write, run_rql
from .parser import parse, sexpr
from .resultset import ResultSet
from .schema_view import SchemaView, StorageNames, view_of

__all__ = ["RqlError", "ResultSet", "SchemaView", "StorageNames", "delete_entities", "is_delete", "is_write", "parse",
           "run_rql", "sexpr", "view_of"]
