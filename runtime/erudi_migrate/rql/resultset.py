"""What rql() returns: the rows of a query (or of the entities a change touched), iterable and sized."""


class ResultSet:
    """Rows as tuples; `columns` names what each position holds (variables, or eids a change touched).

    A big SET runs as one UPDATE without RETURNING (which costs SQLite 4x): then its length is the
    database's row count and its rows are read by the same WHERE clause when first needed. That must
    be before the script's next rql() call, which could change what they are found by; after it, reading
    them is an error saying so (the length stays known).
    """

    def __init__(self, query, columns, rows=None, fetch=None, count=None, entity_loader=None, counter=None):
        self.query = query
        # eid -> Entity, given by run_rql for a selection (get_entity reads the entity when asked).
        self.entity_loader = entity_loader
        self.columns = list(columns)
        self._rows = None if rows is None else [tuple(row) for row in rows]
        self._fetch, self._count = fetch, count
        # A batched SET's rows, read again for its len() only (what it changed is known, its rows may not be).
        self._counter = counter

    @classmethod
    def of_tuples(cls, query, columns, rows):
        """A selection's rows as the driver gave them (a list of tuples): not copied again."""
        result = cls(query, columns)
        result._rows = rows
        return result

    @property
    def rows(self):
        if self._rows is None:
            if self._fetch is None:
                known = " (its len() is %d)" % self._count if self._count is not None else ""
                raise ValueError("%r: the rows this SET changed were not read before the next rql() call; "
                                 "iterate the result (or take its len()) right after the SET%s" % (self.query, known))
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
        if self._rows is None and self._fetch is None and self._counter is not None:
            self._count = len(self._counter())
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

    @property
    def rowcount(self):
        """CubicWeb's name for len(rset)."""
        return len(self)

    def get_entity(self, row, col=0):
        """The entity whose eid is at rows[row][col] (CubicWeb's rset.get_entity), its attributes read then."""
        eid = self.rows[row][col]
        if self.entity_loader is None:
            raise ValueError("%r: get_entity() reads the entities a selection returns; this result set has none"
                             % self.query)
        if not isinstance(eid, int) or isinstance(eid, bool):
            raise ValueError("%r: column %d of row %d holds %r, not an eid" % (self.query, col, row, eid))
        return self.entity_loader(eid)

    def __repr__(self):
        """The query and its rows (the first 20), as a script printing a result wants to see them."""
        if self._rows is None and self._fetch is None:
            return "<ResultSet %r: %d row(s), not read before the next rql() call>" % (self.query, len(self))
        rows = self.rows
        shown = "\n".join("  %r" % (row,) for row in rows[:20])
        more = "\n  ... %d more" % (len(rows) - 20) if len(rows) > 20 else ""
        header = "<ResultSet %r: %d row(s)%s>" % (self.query, len(rows), " (%s)" % ", ".join(self.columns)
                                                   if self.columns else "")
        return header + ("\n" + shown + more if rows else "")

    __str__ = __repr__


class Entity:
    """One entity read for get_entity(): `eid`, `cw_etype`, and its attributes by name (`entity.name`)."""

    def __init__(self, eid, etype, attributes):
        self.eid, self.cw_etype = eid, etype
        self.cw_attr_cache = dict(attributes)

    def __getattr__(self, name):
        try:
            return self.__dict__["cw_attr_cache"][name]
        except KeyError:
            raise AttributeError("%s #%d has no attribute %r (it has %s)" % (
                self.__dict__.get("cw_etype"), self.__dict__.get("eid"), name,
                ", ".join(sorted(self.__dict__.get("cw_attr_cache", {}))))) from None

    def __repr__(self):
        return "<Entity %s #%d %r>" % (self.cw_etype, self.eid, self.cw_attr_cache)
