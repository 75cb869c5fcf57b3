"""What rql() returns: the rows of a query (or of the entities a change touched), iterable and sized."""


class ResultSet:
    """Rows as tuples; `columns` names what each position holds (variables, or eids a change touched).

    A big SET runs as one UPDATE without RETURNING (which costs SQLite 4x): then its length is the
    database's row count and its rows are read by the same WHERE clause when first needed. That must
    be before the script's next rql() call, which could change what they are found by; after it, reading
    them is an error saying so (the length stays known).
    """

    def __init__(self, query, columns, rows=None, fetch=None, count=None):
        self.query = query
        self.columns = list(columns)
        self._rows = None if rows is None else [tuple(row) for row in rows]
        self._fetch, self._count = fetch, count

    @property
    def rows(self):
        if self._rows is None:
            if self._fetch is None:
                raise ValueError("%r: the rows this SET changed were not read before the next rql() call; "
                                 "iterate the result right after the SET (its len() is %d)" % (self.query, self._count))
            self._rows = [tuple(row) for row in self._fetch()]
            self._fetch = None
        return self._rows

    def expire(self):
        if self._rows is None:
            self._fetch = None

    def materialize(self):
        return self.rows

    def __len__(self):
        if self._rows is None and self._count is not None:
            return self._count
        return len(self.rows)

    def __iter__(self):
        return iter(self.rows)

    def __getitem__(self, index):
        return self.rows[index]

    def column(self, index=0):
        """The values of one column, e.g. every selected eid."""
        return [row[index] for row in self.rows]

    def one(self):
        """The single value of a one-row, one-column result; an error otherwise (the query matched 0 or many)."""
        if len(self) != 1 or len(self.columns) != 1:
            raise ValueError("%r: expected exactly one row of one value, got %d row(s) of %d column(s)"
                             % (self.query, len(self), len(self.columns)))
        return self.rows[0][0]

    def __repr__(self):
        return "<ResultSet %r: %d row(s)>" % (self.query, len(self))
