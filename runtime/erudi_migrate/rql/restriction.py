"""SQL of RQL restrictions: AND/OR/NOT, EXISTS, typing (is, is IN, is_instance_of), attribute comparisons, relations, identity."""

from .query import And, Comparison, Exists, Not, Or, Typing, Variable, expression_variables

COMPARATORS = {"=": "=", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">="}


class RestrictionSql:
    """Mixin of Translation: FROM items and conditions of the WHERE clause, scope by scope."""

    def scope_vars(self, node_id):
        return [n for n in self.entity_vars if self.scope_of.get(n) == node_id and n not in self.created]

    def open_scope(self, parent, node_id, expr, before=None):
        """A scope with its entity variables in FROM and its value variables bound by plain conjuncts.

        `before` fills the scope first (the top query's WITH subqueries, whose aliases the rest reads).
        """
        from .translate import Scope
        scope = Scope(parent, node_id)
        if before is not None:
            before(scope)
        optional = [name for name in self.scope_vars(node_id) if name in self.optional]
        for name in self.scope_vars(node_id):
            if name in self.optional:
                continue  # joined below, by its optional relation
            item, condition = self.from_item(name)
            scope.from_items.append(item)
            if condition:
                scope.conditions.append(condition)
            if name in self.aliases:
                # An alias used as an entity: the entity whose eid the subquery gives.
                scope.conditions.append("%s = %s" % (self.eid(name), self.alias_column(name)))
        if expr is not None:
            self.bind_values(scope, expr, node_id)
            if optional:
                expr = self.outer_joins(scope, expr, optional)
            condition = self.condition(scope, expr, conjunct=True) if expr is not None else ""
            if condition:
                scope.conditions.append(condition)
        return scope

    def outer_joins(self, scope, expr, optional):
        """Joins the scope's optional variables (LEFT or FULL OUTER JOIN, each after its anchor), with the
        restrictions that read one of them in its ON clause; returns the rest of the restriction (or None)."""
        order, joined = [], {n for n in self.scope_vars(scope.node) if n not in self.optional}
        pending = list(optional)
        while pending:
            ready = [n for n in pending if self.optional[n][1] not in pending]
            if not ready:
                self.fail(self.optional[pending[0]][0].token, "optional relations in a loop (%s): one end of "
                          "each must be a plain variable" % ", ".join(pending))
            for name in ready:
                relation, anchor = self.optional[name]
                if anchor not in joined:
                    self.fail(relation.token, "%s, the other end of the optional relation '%s', is not a variable of "
                              "the same query or EXISTS as %s" % (anchor, relation.name.text, name))
                order.append(name)
                joined.add(name)
                pending.remove(name)
        owners = {}                                    # value variable -> the entity variable it is read from
        relations = {id(self.optional[n][0]) for n in order}
        routed, rest = {n: [] for n in order}, []
        for part in (expr.parts if isinstance(expr, And) else [expr]):
            if isinstance(part, Comparison) and id(part) in self.binding_comparisons:
                owners[part.terms[0].name] = part.subject.name
        for part in (expr.parts if isinstance(expr, And) else [expr]):
            if id(part) in relations:
                continue
            read = set()
            for name in expression_variables(part):
                read.add(owners.get(name, name))
            reading = [n for n in order if n in read]
            (routed[reading[-1]] if reading else rest).append(part)
        for name in order:
            relation, anchor = self.optional[name]
            conditions = [c for c in (self.condition(scope, p, conjunct=False) for p in routed[name]) if c]
            scope.outer_joins.append(self.outer_join(scope, name, relation, anchor, conditions))
        if not rest:
            return None
        return rest[0] if len(rest) == 1 else And(rest)

    def outer_join(self, scope, name, relation, anchor, conditions):
        rtype = relation.name.text
        item, type_condition = self.from_item(name)
        if type_condition:
            conditions.insert(0, type_condition)
        kind = "FULL" if relation.optional == "both" else "LEFT"
        is_subject = relation.subject.name == name
        if self.schema.relations[rtype]["inlined"]:
            holder = name if is_subject else anchor
            self.require_etype(Variable(holder, relation.subject.token), "follow its inlined relation '%s'" % rtype)
            column = "%s.%s" % (self.alias(holder), self.names.column(rtype))
            on = "%s = %s" % (column, self.eid(anchor if is_subject else name))
            return "%s OUTER JOIN %s ON %s" % (kind, item, " AND ".join([on] + conditions))
        scope.joins += 1
        alias = "_r%d_%s" % (scope.joins, rtype)
        mine, theirs = ("eid_from", "eid_to") if is_subject else ("eid_to", "eid_from")
        # The relation's row and the optional entity are one inner pair: an anchor whose pairs all fail the
        # conditions gets one row of NULLs, not one per pair.
        inner = "(%s AS %s JOIN %s ON %s = %s.%s)" % (self.names.relation_table(rtype), alias, item, self.eid(name),
                                                     alias, mine)
        on = "%s.%s = %s" % (alias, theirs, self.eid(anchor))
        return "%s OUTER JOIN %s ON %s" % (kind, inner, " AND ".join([on] + conditions))

    def from_sql(self, scope):
        """The FROM list; with outer joins, CROSS JOINs, so that each ON clause may read every table before it."""
        if not scope.outer_joins:
            return ", ".join(scope.from_items)
        return " ".join([" CROSS JOIN ".join(scope.from_items)] + scope.outer_joins)

    def bind_values(self, scope, expr, node_id):
        for part in (expr.parts if isinstance(expr, And) else [expr]):
            if isinstance(part, Comparison) and part.operator is None and isinstance(part.terms[0], Variable):
                name = part.terms[0].name
                if name in self.value_vars and self.scope_of[name] == node_id and scope.lookup(name) is None:
                    scope.bindings[name] = self.column_of(part.subject, part.name)
                    self.binding_comparisons.add(id(part))

    def condition(self, scope, expr, conjunct):
        """SQL for a restriction; '' when it holds by construction (a typing, a binding)."""
        if isinstance(expr, And):
            parts = [self.condition(scope, p, conjunct) for p in expr.parts]
            parts = [p for p in parts if p]
            return " AND ".join(parts) if len(parts) <= 1 else "(" + " AND ".join(parts) + ")"
        if isinstance(expr, Or):
            return "(" + " OR ".join(self.subquery_or_condition(scope, p, id(p), False) or "1=1"
                                     for p in expr.parts) + ")"
        if isinstance(expr, Not):
            return self.subquery_or_condition(scope, expr.part, id(expr), True)
        if isinstance(expr, Exists):
            return self.subquery_or_condition(scope, expr.part, id(expr), False) or "1=1"
        if isinstance(expr, Typing):
            return self.typing(expr)
        return self.comparison(scope, expr, conjunct)

    def subquery_or_condition(self, scope, expr, node_id, negated):
        if self.scope_vars(node_id):
            inner = self.open_scope(scope, node_id, expr)
            sql = "EXISTS (SELECT 1 FROM %s%s)" % (self.from_sql(inner), self.where_clause(inner.conditions))
            return "NOT " + sql if negated else sql
        if negated:
            return "NOT (%s)" % (self.condition(scope, expr, conjunct=False) or "1=1")
        return self.condition(scope, expr, conjunct=False)

    def where_clause(self, conditions):
        return " WHERE " + " AND ".join(conditions) if conditions else ""

    def typing(self, expr):
        if id(expr) in self.narrowing:
            return ""
        types = self.typing_types(expr)
        if types is None:
            return ""
        known = self.etype_of(expr.subject.name)
        if known is not None:
            return "1=1" if known in types else "1=0"
        return "%s.type IN (%s)" % (self.alias(expr.subject.name),
                                    ", ".join(self.bindings.bind(t) for t in sorted(types)))

    def comparison(self, scope, expr, conjunct):
        if id(expr) in self.binding_comparisons:
            return ""
        name = expr.name.text
        if name == "identity":
            return self.identity_condition(scope, expr)
        if name == "has_text":
            return self.has_text_condition(scope, expr)
        if name == "eid" or name in self.schema.attribute_names:
            return self.attribute_condition(scope, expr)
        return self.relation_condition(scope, expr, conjunct)

    def identity_condition(self, scope, expr):
        """`X identity Y`: the same entity (`NOT X identity Y`: two different ones)."""
        if expr.operator not in (None, "=") or len(expr.terms) != 1:
            self.fail(expr.name, "identity compares two entities: `X identity Y`")
        return "%s = %s" % (self.eid(expr.subject.name), self.value(scope, expr.terms[0], expr.name))

    def has_text_condition(self, scope, expr):
        """`X has_text "words"`: every word is a word of X's full-text indexed attributes (CubicWeb's search).

        PostgreSQL: its text search with the 'simple' configuration (words lowercased, no stemming); SQLite: the
        function the runtime registers, which splits the same way for words of letters and digits.
        """
        from .query import Argument
        from .translate import check_value
        term = expr.terms[0]
        what = "has_text takes the words to search as a string"
        if isinstance(term, Argument):
            self.argument_checks.append((term.name, (str,), what, term.token))
            check_value(self.text, term.token, self.argument(term), (str,), what)
        else:
            check_value(self.text, term.token, term.value, (str,), what)
        words = self.value(scope, term, expr.name)
        subject = expr.subject.name
        etype = self.etype_of(subject)
        if etype is not None:
            text = self.indexed_text(self.alias(subject), etype)
            return self.text_match(text, words) if text is not None else "1=0"
        parts = []
        for etype in sorted(self.candidates[subject]):
            scope.joins += 1
            alias = "_ft%d" % scope.joins
            text = self.indexed_text(alias, etype)
            if text is not None:
                parts.append("EXISTS (SELECT 1 FROM %s AS %s WHERE %s.cw_eid = %s AND %s)" % (
                    self.names.table(etype), alias, alias, self.eid(subject), self.text_match(text, words)))
        return "(" + " OR ".join(parts) + ")" if parts else "1=0"

    def indexed_text(self, alias, etype, path=()):
        """SQL of the text CubicWeb's full-text index holds for the entity of etype in row `alias`, or None when it
        has none: its fulltextindexed attributes, then (IFTIndexable.get_words) the text of the entities its
        `fulltext_container` relations gather, theirs included. A type gathered into another's index is not
        indexed itself (IFTIndexable.fti_containers): None. `path` stops a cycle of such relations."""
        if not path and etype in self.schema.contained:
            return None
        parts = ["COALESCE(%s.%s, '')" % (alias, self.names.column(attribute))
                 for attribute in self.schema.fulltext.get(etype, ())]
        path = path + (etype,)
        aggregate = "string_agg" if self.dialect == "postgresql" else "group_concat"
        for rtype, side in self.schema.fulltext_links.get(etype, ()):
            relation = self.schema.relations[rtype]
            for other in sorted(relation[side]):
                if other in path:
                    continue
                self.fulltext_aliases = getattr(self, "fulltext_aliases", 0) + 1
                row = "_fx%d" % self.fulltext_aliases
                text = self.indexed_text(row, other, path)
                if text is None:
                    continue
                table, column = self.names.table(other), self.names.column(rtype)
                if relation["inlined"] and side == "objects":  # the column of this row points to the other
                    source = "%s AS %s WHERE %s.cw_eid = %s.%s" % (table, row, row, alias, column)
                elif relation["inlined"]:  # the other's column points to this row
                    source = "%s AS %s WHERE %s.%s = %s.cw_eid" % (table, row, row, column, alias)
                else:
                    link = row + "r"
                    near, far = ("eid_from", "eid_to") if side == "objects" else ("eid_to", "eid_from")
                    source = "%s AS %s, %s AS %s WHERE %s.cw_eid = %s.%s AND %s.%s = %s.cw_eid" % (
                        self.names.relation_table(rtype), link, table, row, row, link, far, link, near, alias)
                parts.append("COALESCE((SELECT %s(%s, ' ') FROM %s), '')" % (aggregate, text, source))
        return " || ' ' || ".join(parts) if parts else None

    def text_match(self, text, words):
        if self.dialect == "postgresql":
            return "to_tsvector('simple', %s) @@ plainto_tsquery('simple', %s)" % (text, words)
        return "rql_has_text(%s, %s)" % (text, words)

    def lacks(self, variable, name_token):
        """True when the variable's one type has no such attribute or relation: the restriction is false."""
        etype = self.etype_of(variable.name)
        name = name_token.text
        if etype is None or name == "eid":
            return False
        if name in self.schema.attribute_names:
            return name not in self.schema.attributes.get(etype, {})
        return etype not in self.schema.relations[name]["subjects"]

    def attribute_condition(self, scope, expr):
        if self.lacks(expr.subject, expr.name):
            return "1=0"
        column = self.column_of(expr.subject, expr.name)
        op = expr.operator
        like = op if op in ("LIKE", "ILIKE", "~=", "REGEXP") else False
        for term in expr.terms:
            self.check_term(expr.subject, expr.name, term, like=like)
        if op == "IN":
            if not expr.terms:
                return "1=0"
            return "%s IN (%s)" % (column, ", ".join(self.value(scope, t, expr.name) for t in expr.terms))
        term = expr.terms[0]
        if like:
            return self.pattern_condition(op, column, self.value(scope, term, expr.name))
        if self.is_null(term):
            if op in (None, "="):
                return "%s IS NULL" % column
            if op == "!=":
                return "%s IS NOT NULL" % column
            self.fail(term.token, "NULL cannot be compared with %s; use `X attr NULL` or `NOT X attr NULL`" % op)
        return "%s %s %s" % (column, COMPARATORS[op or "="], self.value(scope, term, expr.name))

    def pattern_condition(self, op, column, pattern):
        """LIKE as each database does it (SQLite's ignores ASCII case); ILIKE and ~= ignore case; REGEXP."""
        if op == "LIKE":
            return "%s LIKE %s" % (column, pattern)
        if op in ("ILIKE", "~="):
            return ("%s ILIKE %s" if self.dialect == "postgresql" else "LOWER(%s) LIKE LOWER(%s)") % (column, pattern)
        # REGEXP: PostgreSQL's ~; on SQLite the function the runtime registers on its connection.
        return ("%s ~ %s" if self.dialect == "postgresql" else "%s REGEXP %s") % (column, pattern)

    def relation_condition(self, scope, expr, conjunct):
        relation = self.schema.relations[expr.name.text]
        if expr.operator == "IN":
            if not expr.terms:
                return "1=0"
            parts = [self.relation_condition(scope, Comparison(expr.subject, expr.name, None, [t], expr.token), False)
                     for t in expr.terms]
            return "(" + " OR ".join(parts) + ")"
        if expr.operator not in (None, "="):
            self.fail(expr.name, "a relation is followed with `X %s Y`; %s compares attributes only"
                      % (expr.name.text, expr.operator))
        term = expr.terms[0]
        if self.lacks(expr.subject, expr.name) or (
                isinstance(term, Variable) and self.etype_of(term.name) not in (None,) and
                self.etype_of(term.name) not in relation["objects"]):
            return "1=0"
        subject = self.eid(expr.subject.name)
        if relation["inlined"]:
            self.require_etype(expr.subject, "follow its inlined relation '%s'" % expr.name.text)
            column = "%s.%s" % (self.alias(expr.subject.name), self.names.column(expr.name.text))
            if self.is_null(term):
                return "%s IS NULL" % column
            # `IS NOT NULL AND`: so that NOT (X rel Y) holds when X has no rel at all.
            return "(%s IS NOT NULL AND %s = %s)" % (column, column, self.value(scope, term, expr.name))
        table = self.names.relation_table(expr.name.text)
        if self.is_null(term):
            return "NOT EXISTS (SELECT 1 FROM %s WHERE eid_from = %s)" % (table, subject)
        target = self.value(scope, term, expr.name)
        if conjunct:
            scope.joins += 1
            alias = "_r%d_%s" % (scope.joins, expr.name.text)
            scope.from_items.append("%s AS %s" % (table, alias))
            return "%s.eid_from = %s AND %s.eid_to = %s" % (alias, subject, alias, target)
        return "EXISTS (SELECT 1 FROM %s WHERE eid_from = %s AND eid_to = %s)" % (table, subject, target)
