"""The interface the primitives speak to: types, literals and the DDL each database does its own way."""
from __future__ import annotations

import datetime
import decimal
from typing import Any, List, NamedTuple, Optional, Sequence


class Column(NamedTuple):
    """A column as the storage wants it (names already validated)."""
    name: str
    sql_type: str
    not_null: bool = False
    default_sql: Optional[str] = None   # a rendered literal, see Dialect.quote_literal
    primary_key: bool = False


class Index(NamedTuple):
    name: str
    table: str
    columns: Sequence[str]
    unique: bool


class Dialect:
    name = ""
    param = "?"             # the driver's placeholder for a bound value
    drops_columns = True    # False: the dialect rebuilds the table instead
    TYPES: dict = {}

    # connection ---------------------------------------------------------------------------
    def connect(self, url):
        raise NotImplementedError

    def begin(self, db) -> None:
        raise NotImplementedError

    def transaction_active(self, db) -> bool:
        """True while the transaction the runtime began is open (a script's COMMIT would end it)."""
        raise NotImplementedError

    # types and literals -------------------------------------------------------------------
    def sql_type(self, final_type: str, maxsize: Optional[int] = None) -> str:
        if final_type == "String" and maxsize:
            return f"VARCHAR({int(maxsize)})"
        return self.TYPES[final_type]

    def quote_literal(self, value: Any, final_type: str) -> str:
        """A DDL default as SQL text. Neither database binds parameters in DDL, so the value is
        type-checked against the attribute's type and quoted; it never becomes SQL of its own."""
        if value is None:
            return "NULL"
        if final_type == "Boolean":
            if not isinstance(value, bool):
                raise TypeError(f"default {value!r} is not a boolean")
            return self.boolean_literal(value)
        if final_type in ("Int", "BigInt"):
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"default {value!r} is not an integer")
            return str(int(value))
        if final_type in ("Float", "Decimal"):
            if isinstance(value, bool) or not isinstance(value, (int, float, decimal.Decimal)):
                raise TypeError(f"default {value!r} is not a number")
            return repr(float(value)) if final_type == "Float" else str(decimal.Decimal(value))
        if isinstance(value, (datetime.date, datetime.time)):
            value = value.isoformat()
        if isinstance(value, bytes):
            return self.bytes_literal(value)
        if not isinstance(value, str):
            raise TypeError(f"default {value!r} is not a string")
        return self.string_literal(value)

    def string_literal(self, value: str) -> str:
        if "\x00" in value:
            raise TypeError("a default cannot contain a NUL character")
        return "'" + value.replace("'", "''") + "'"

    def boolean_literal(self, value: bool) -> str:
        return "TRUE" if value else "FALSE"

    def bytes_literal(self, value: bytes) -> str:
        raise NotImplementedError

    def column_sql(self, column: Column) -> str:
        sql = f"{column.name} {column.sql_type}"
        if column.primary_key:
            sql += " PRIMARY KEY"
        if column.not_null and not column.primary_key:
            sql += " NOT NULL"
        if column.default_sql is not None:
            sql += f" DEFAULT {column.default_sql}"
        return sql

    # DDL ----------------------------------------------------------------------------------
    def create_table(self, db, table: str, columns: List[Column], primary_key: Sequence[str] = ()) -> None:
        parts = [self.column_sql(c) for c in columns]
        if primary_key:
            parts.append(f"PRIMARY KEY ({', '.join(primary_key)})")
        db.execute(f"CREATE TABLE {table} ({', '.join(parts)})")

    def drop_table(self, db, table: str) -> None:
        db.execute(f"DROP TABLE {table}")

    def rename_table(self, db, old: str, new: str) -> None:
        db.execute(f"ALTER TABLE {old} RENAME TO {new}")

    def add_column(self, db, table: str, column: Column) -> None:
        db.execute(f"ALTER TABLE {table} ADD COLUMN {self.column_sql(column)}")

    def drop_column(self, db, table: str, column: str) -> None:
        db.execute(f"ALTER TABLE {table} DROP COLUMN {column}")

    def rename_column(self, db, table: str, old: str, new: str) -> None:
        db.execute(f"ALTER TABLE {table} RENAME COLUMN {old} TO {new}")

    def alter_column(self, db, table: str, old: Column, new: Column) -> None:
        """Changes type, NOT NULL and default of a column from `old` to `new` (same name)."""
        raise NotImplementedError

    def create_index(self, db, index: Index) -> None:
        unique = "UNIQUE " if index.unique else ""
        db.execute(f"CREATE {unique}INDEX {index.name} ON {index.table} ({', '.join(index.columns)})")

    def drop_index(self, db, index_name: str) -> None:
        db.execute(f"DROP INDEX {index_name}")

    # introspection (lower-case names) -----------------------------------------------------
    def table_names(self, db) -> List[str]:
        raise NotImplementedError

    def columns(self, db, table: str) -> List[Column]:
        raise NotImplementedError

    def indexes(self, db, table: str) -> List[Index]:
        raise NotImplementedError

    # entities -----------------------------------------------------------------------------
    def insert_entity(self, db, etype: str) -> int:
        raise NotImplementedError

    def eid_column(self) -> str:
        raise NotImplementedError
