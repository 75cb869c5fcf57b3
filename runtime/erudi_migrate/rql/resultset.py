"""What rql() returns: the rows of a query (or of the entities a change touched), iterable and sized."""


class ResultSet:
    """Rows as tuples; `columns` names what each position holds (variables, or eids a change touched)."""

    def __init__(self, query, columns, rows):
        self.query = query
        self.columns = list(columns)
        self.rows = [tuple(row) for row in rows]

    def __len__(self):
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
        if len(self.rows) != 1 or len(self.columns) != 1:
            raise ValueError("%r: expected exactly one row of one value, got %d row(s) of %d column(s)"
                             % (self.query, len(self.rows), len(self.columns)))
        return self.rows[0][0]

    def __repr__(self):
        return "<ResultSet %r: %d row(s)>" % (self.query, len(self.rows))
