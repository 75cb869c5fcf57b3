"""Runs one RQL query against a database target: SELECT in one statement, writes as a few set-based ones."""

import re

from .batch import ArraysUpdate, BatchedUpdate, ValuesUpdate
from .bindings import Bindings
from .errors import RqlError
from .functions import special_value
from .query import (Argument, Comparison, DeleteEntities, DeleteRelations, Insert, Literal, Select, Special, Union, Update,
                    Variable, read_query, term_variables)
from .resultset import ResultSet
from .schema_view import describe_value
from .selection import compile_select, solutions
from .translate import check_value

# Entities deleted per statement: under SQLite's and PostgreSQL's bound-parameter limits.
CHUNK = 500

_parsed = {}
# (query text, schema version, dialect) -> (names whose NULL-ness decides the SQL, {NULL pattern: plan})
_plans = {}
# id(database) -> ResultSets of SETs whose rows are read lazily (see ResultSet).
_pending = {}


# A "target" is what a query needs of the database (primitives/data.py ContextTarget builds one from the
# migration context): param ('?' or '%s'), dialect ('sqlite' or 'postgresql'), names (table, column,
# relation_table), db, query(sql, params) -> rows, execute(sql, params) -> cursor, executemany(sql, rows),
# new_eid(etype) -> eid.


def parse_cached(text):
    statement = _parsed.get(text)
    if statement is None:
        statement = read_query(text)
        if len(_parsed) > 512:
            _parsed.clear()
        _parsed[text] = statement
    return statement


def is_write(text):
    return not isinstance(parse_cached(text), (Select, Union))


def is_delete(text):
    return isinstance(parse_cached(text), (DeleteEntities, DeleteRelations))


def check_arguments(text, kwargs, used, checks):
    """Each call's kwargs against what a cached translation assumed: every argument given, of its type."""
    for name in used:
        if name not in kwargs:
            given = ", ".join(sorted(kwargs)) or "none"
            raise RqlError(text, used[name].start, "argument %%(%s)s is not given in kwargs (given: %s)" % (name, given))
    for name, accepted, what, token in checks:
        value = kwargs[name]
        if value is not None and (type(value) not in accepted or type(value) is bool and bool not in accepted):
            check_value(text, token, value, accepted, what)


class SelectPlan:
    """A translated SELECT: its columns and SQL with placeholders, and what each call's kwargs must satisfy."""

    __slots__ = ("columns", "rendered", "checks", "used")

    def __init__(self, columns, rendered, checks, used):
        self.columns, self.rendered, self.checks, self.used = columns, rendered, checks, used

    def execute(self, target, text, kwargs, schema=None):
        check_arguments(text, kwargs, self.used, self.checks)
        # Every target's query() gives a list of tuples (Database.query, ContextTarget, browse's): not scanned again.
        result = ResultSet.of_tuples(text, self.columns, target.query(self.rendered.sql, self.rendered.params(kwargs)))
        if schema is not None:
            result.entity_loader = lambda eid: load_entity(target, schema, eid)
        return result


def load_entity(target, schema, eid):
    """The entity of an eid with its attributes, for ResultSet.get_entity()."""
    from .resultset import Entity
    p = target.param
    found = target.query("SELECT type FROM entities WHERE eid = %s" % p, [eid])
    if not found:
        raise ValueError("entity %d is not in the database" % eid)
    etype = found[0][0]
    names = [n for n in schema.attributes.get(etype, {}) if n != "eid"]
    values = {}
    if names:
        row = target.query("SELECT %s FROM %s WHERE cw_eid = %s" % (
            ", ".join(target.names.column(n) for n in names), target.names.table(etype), p), [eid])
        values = dict(zip(names, row[0])) if row else {}
    return Entity(eid, etype, values)


class InPlaceUpdate:
    """A SET of one entity type's own attributes as one UPDATE: what a per-row data migration loop repeats.

    Kept per query text and schema version, so a loop of `SET X attr %(v)s WHERE X eid %(x)s` costs the
    UPDATE and a check of its arguments, no analysis.
    """

    __slots__ = ("update", "select", "name", "checks", "used")

    def __init__(self, update, select, name, checks, used):
        self.update, self.select, self.name = update, select, name
        self.checks, self.used = list(checks), dict(used)

    def execute(self, target, text, kwargs):
        check_arguments(text, kwargs, self.used, self.checks)
        count = target.execute(self.update.sql, self.update.params(kwargs)).rowcount
        select_sql, select_params = self.select.sql, self.select.params(kwargs)
        result = ResultSet(text, [self.name], fetch=lambda: target.query(select_sql, select_params), count=count)
        _pending.setdefault(id(target.db), []).append(result)
        return result


def _plan_key(schema, text, target):
    # A view built outside view_of (version 0) may be any schema: its translations are not kept.
    return (text, schema.version, target.dialect) if schema.version else None


def _cached(key, kwargs):
    entry = _plans.get(key) if key is not None else None
    if entry is None:
        return None
    sensitive, variants = entry
    return variants.get(tuple([kwargs.get(n) is None for n in sensitive]) if sensitive else ())


def _keep(key, kwargs, sensitive, plan):
    if key is None:
        return
    entry = _plans.get(key)
    if entry is None:
        if len(_plans) > 2048:
            _plans.clear()
        entry = _plans[key] = (tuple(sorted(sensitive)), {})
    entry[1][tuple([kwargs.get(n) is None for n in entry[0]]) if entry[0] else ()] = plan


def select_plan(target, schema, text, statement, kwargs):
    """The plan of a SELECT, translated once per query text, schema version and NULL-ness of its arguments."""
    key = _plan_key(schema, text, target)
    plan = _cached(key, kwargs)
    if plan is not None:
        return plan
    bindings = Bindings()
    columns, sql, t = compile_select(text, statement, schema, target.names, kwargs, target.dialect, bindings)
    plan = SelectPlan(columns, bindings.prepare(sql, target.param), list(t.argument_checks), dict(t.arguments_used))
    _keep(key, kwargs, t.null_sensitive, plan)
    return plan


def _regexp(pattern, value):
    return value is not None and re.search(pattern, str(value)) is not None


# A word, as PostgreSQL's text search parser reads ordinary text: letters and digits ('_' separates).
_WORD = re.compile(r"[^\W_]+")


def _has_text(text, words):
    """SQLite's has_text: every word searched is a word of the text, ignoring case; nothing to search finds
    nothing (as PostgreSQL's empty text query)."""
    wanted = set(_WORD.findall(words.lower())) if isinstance(words, str) else set()
    return bool(wanted) and text is not None and wanted <= set(_WORD.findall(str(text).lower()))


def register_functions(db):
    """SQLite has the REGEXP operator but no function behind it: Python's re, as X attr REGEXP "..." needs;
    and has_text's word match."""
    if not getattr(db, "rql_functions", False):
        db.connection.create_function("regexp", 2, _regexp, deterministic=True)
        db.connection.create_function("rql_has_text", 2, _has_text, deterministic=True)
        db.rql_functions = True


def run_rql(target, schema, text, kwargs=None):
    """Runs `text` and returns its ResultSet. Raises RqlError for a query the runtime cannot run."""
    db = getattr(target, "db", target)
    # Rows of an earlier SET not read yet can no longer be found again: this query may change them.
    if getattr(db, "rql_calls", None) is not None:
        db.rql_calls += 1  # (a batched SET's result knows it is older: BatchedResult)
    pending = _pending.pop(id(db), None)
    if pending:
        for earlier in pending:
            earlier.expire()
    if kwargs is None:
        kwargs = {}
    # The hot path of a data migration loop: a query seen before, on the same schema.
    entry = _plans.get((text, schema.version, target.dialect)) if schema.version else None
    if entry is not None:
        sensitive, variants = entry
        plan = variants.get(tuple([kwargs.get(n) is None for n in sensitive]) if sensitive else ())
        if plan is not None:
            if type(plan) is BatchedUpdate:
                # rql() (primitives/data.py) may call run_again() with it while nothing else changes.
                target.batched = (text, sensitive, plan)
            try:
                return plan.execute(target, text, kwargs, schema) if type(plan) is SelectPlan else \
                    plan.execute(target, text, kwargs)
            except RqlError:
                raise
            except Exception as error:
                raise _refusal(text, error) from error
    if not isinstance(text, str):
        raise RqlError(repr(text), 0, "rql() takes the query as a string, not %s" % type(text).__name__)
    if target.dialect == "sqlite" and hasattr(db, "connection"):
        register_functions(db)
    statement = parse_cached(text)
    try:
        if isinstance(statement, (Select, Union)):
            return select_plan(target, schema, text, statement, kwargs).execute(target, text, kwargs, schema)
        key = _plan_key(schema, text, target) if isinstance(statement, Update) else None
        runner = {Insert: _insert, Update: _update, DeleteEntities: _delete_entities,
                  DeleteRelations: _delete_relations}[type(statement)]
        # A change with a variable of several types runs once per type.
        found = solutions(text, statement, schema, target.names, kwargs, target.dialect, None,
                          lambda t: _preflight(target, t))
        results = [runner(target, t) for t in found]
        if len(found) == 1 and getattr(found[0], "plan", None) is not None:
            _keep(key, kwargs, found[0].null_sensitive, found[0].plan)
        return results[0] if len(results) == 1 else _merged(text, results)
    except RqlError:
        raise
    except Exception as error:
        raise _refusal(text, error) from error


def run_again(target, plan, text, kwargs):
    """A batched SET run_rql() just ran (target.batched), called again with the same text, schema and NULL-ness of
    its arguments (the caller checked them): the per-row loop's hot path, without parse, view or plan lookups."""
    db = target.db
    db.rql_calls += 1
    if _pending:
        for earlier in _pending.pop(id(db), ()):
            earlier.expire()
    try:
        return plan.execute(target, text, kwargs)
    except RqlError:
        raise
    except Exception as error:
        raise _refusal(text, error) from error


def _refusal(text, error):
    """What the language cannot foresee (a unique constraint, a NULL in a required column): said with the query."""
    if type(error).__module__.split(".")[0] not in ("sqlite3", "psycopg"):
        raise error
    first = (str(error).strip().splitlines() or [type(error).__name__])[0]
    return RqlError(text, 0, "the database refused it: %s" % first)


def _preflight(target, t):
    """What a change needs typed, checked before it writes anything (so a union never writes twice)."""
    st = t.statement
    for a in getattr(st, "assignments", []):
        if not isinstance(st, DeleteRelations) and not _is_attribute(t, a.name) and isinstance(a.term, (Literal, Argument)):
            _check_object_eid(target, t, a)
        if isinstance(st, Update):
            t.require_etype(a.subject, "change it")
        elif not _is_attribute(t, a.name) and t.schema.relations[a.name.text]["inlined"] \
                and a.subject.name not in t.created:
            t.require_etype(a.subject, "change its inlined relation '%s'" % a.name.text)
    t.top_scope()  # translating the WHERE clause types what it reads


def _check_object_eid(target, t, assignment):
    """`X rel 42` or `X rel %(y)s`: the eid must be an entity the relation may point to."""
    value = assignment.term.value if isinstance(assignment.term, Literal) else t.argument(assignment.term)
    objects = t.schema.relations[assignment.name.text]["objects"]
    if not isinstance(value, int) or isinstance(value, bool):
        t.fail(assignment.term.token, "'%s' takes an entity: a variable or an eid, not %s"
               % (assignment.name.text, describe_value(value)))
    rows = target.query("SELECT type FROM entities WHERE eid = %s" % target.param, [value])
    if not rows or rows[0][0] not in objects:
        t.fail(assignment.term.token, "'%s' points to %s; entity %d is %s" % (
            assignment.name.text, " or ".join(sorted(objects)), value, "a " + rows[0][0] if rows else "not in the database"))


def _merged(text, results):
    columns = results[0].columns
    if all(r._rows is not None for r in results):
        return ResultSet(text, columns, [row for r in results for row in r.rows])
    return ResultSet(text, columns, fetch=lambda: [row for r in results for row in r.rows],
                     count=sum(len(r) for r in results))


def _render(target, translation, sql):
    statement = translation.bindings.render(sql, target.param, translation.kwargs)
    return statement.sql, statement.params


def _has_function(term):
    from .query import Function
    if isinstance(term, Function):
        return True
    return any(_has_function(getattr(term, side, None)) for side in ("left", "right", "operand")
               if getattr(term, side, None) is not None)


def _term_value(t, term, row):
    """A value to write: constants and arithmetic computed here, functions read from the WHERE rows."""
    from .query import Arithmetic, Negative
    if id(term) in row:
        return row[id(term)]
    if isinstance(term, Arithmetic):
        if isinstance(term.left, Special) and isinstance(term.right, Literal) and term.operator in "+-":
            days = term.right.value if term.operator == "+" else -term.right.value
            return special_value(term.left.kind, t.dialect, days)
        return _compute(term.operator, _term_value(t, term.left, row), _term_value(t, term.right, row))
    if isinstance(term, Negative):
        value = _term_value(t, term.operand, row)
        return None if value is None else -value
    if isinstance(term, Literal):
        return term.value
    if isinstance(term, Argument):
        return t.argument(term)
    if isinstance(term, Special):
        return special_value(term.kind, t.dialect)
    return row[term.name]


def _compute(operator, left, right):
    """Arithmetic on values read from the database, as SQL computes it (NULL stays NULL, integer division)."""
    if left is None or right is None:
        return None
    if operator == "+":
        return left + right
    if operator == "-":
        return left - right
    if operator == "*":
        return left * right
    if right == 0:
        raise ZeroDivisionError("division by zero in an RQL value")
    if operator == "%":
        remainder = abs(left) % abs(right)  # SQL keeps the sign of the dividend
        return remainder if left >= 0 else -remainder
    if isinstance(left, int) and isinstance(right, int):
        quotient = abs(left) // abs(right)  # SQL truncates toward zero
        return quotient if (left >= 0) == (right >= 0) else -quotient
    return left / right


def _check_definition(t, subject_etype, assignment, object_etype):
    relation = t.schema.relations[assignment.name.text]
    if subject_etype not in relation["subjects"] or (object_etype and object_etype not in relation["objects"]):
        t.fail(assignment.name, "'%s' is not defined from %s%s" % (
            assignment.name.text, subject_etype, " to %s" % object_etype if object_etype else ""))


def _where_rows(target, t, names, terms=()):
    """Distinct values of the named variables (and of the terms that call functions) over the WHERE clause,
    as dicts keyed by variable name and by id(term); [{}] when nothing is needed."""
    terms = [term for term in terms if _has_function(term)]
    if not names and not terms:
        return [{}]
    scope = t.top_scope()
    expressions = [t.variable_value(scope, Variable(n, t.entity_vars.get(n) or t.value_vars.get(n))) for n in names]
    expressions += [t.value(scope, term) for term in terms]
    rows = target.query(*_render(target, t, t.select_sql(scope, expressions, distinct=True)))
    keys = list(names) + [id(term) for term in terms]
    return [dict(zip(keys, row)) for row in rows]


def _is_attribute(t, name_token):
    return name_token.text == "eid" or name_token.text in t.schema.attribute_names


def _insert(target, t):
    st = t.statement
    declared = {}
    for declaration in st.declarations:
        if declaration.variable.name in declared:
            t.fail(declaration.variable.token, "%s is declared twice" % declaration.variable.name)
        if declaration.etype.text == "Any":
            t.fail(declaration.etype, "INSERT needs an entity type, not Any", ["ETYPE"])
        declared[declaration.variable.name] = declaration.etype.text
    needed = []
    for a in st.assignments:
        if _is_attribute(t, a.name):
            if a.subject.name not in declared:
                t.fail(a.subject.token, "INSERT sets attributes of the entities it declares only; "
                       "use SET to change %s" % a.subject.name)
            if a.name.text == "eid":
                t.fail(a.name, "the eid of a new entity is allocated by the runtime, not set")
            t.column_of(a.subject, a.name)
            t.check_term(a.subject, a.name, a.term)
        elif a.subject.name not in declared:
            needed.append(a.subject.name)
        needed.extend(v.name for v in term_variables(a.term) if v.name not in declared)
    for declaration in st.declarations:
        given = {a.name.text for a in st.assignments if a.subject.name == declaration.variable.name}
        missing = sorted(t.schema.required.get(declaration.etype.text, set()) - given)
        if missing:
            t.fail(declaration.variable.token, "%s requires %s: add `%s` after the colon" % (
                declaration.etype.text, ", ".join(missing),
                ", ".join('%s %s <value>' % (declaration.variable.name, m) for m in missing)))
    needed = list(dict.fromkeys(needed))
    if needed and st.where is None:
        t.fail(t.entity_vars.get(needed[0]) or t.value_vars.get(needed[0]),
               "%s is neither declared nor found by a WHERE clause" % needed[0])
    rows = []
    for found in _where_rows(target, t, needed, [a.term for a in st.assignments]):
        eids = {name: target.new_eid(etype) for name, etype in declared.items()}
        env = dict(found, **eids)
        for name, etype in declared.items():
            columns, values = ["cw_eid"], [eids[name]]
            # the metadata columns the runtime fills (cw_cwuri), on instances that have them
            for metadata_column, value in getattr(target, "metadata_values", lambda *a: {})(etype, eids[name]).items():
                columns.append(metadata_column)
                values.append(value)
            for a in st.assignments:
                if a.subject.name != name:
                    continue
                if _is_attribute(t, a.name):
                    columns.append(t.names.column(a.name.text))
                    values.append(_term_value(t, a.term, env))
                elif t.schema.relations[a.name.text]["inlined"]:
                    _check_definition(t, etype, a, declared.get(getattr(a.term, "name", None)))
                    columns.append(t.names.column(a.name.text))
                    values.append(_term_value(t, a.term, env))
            target.execute("INSERT INTO %s (%s) VALUES (%s)" % (
                t.names.table(etype), ", ".join(columns), ", ".join([target.param] * len(columns))), values)
        for a in st.assignments:
            if _is_attribute(t, a.name):
                continue
            relation = t.schema.relations[a.name.text]
            subject_etype = declared.get(a.subject.name) or t.etype_of(a.subject.name)
            if relation["inlined"] and a.subject.name in declared:
                continue
            if subject_etype:
                _check_definition(t, subject_etype, a, declared.get(getattr(a.term, "name", None)))
            _add_relation(target, t, a, subject_etype, env[a.subject.name], _term_value(t, a.term, env))
        rows.append(tuple(eids[name] for name in declared))
    return ResultSet(t.text, list(declared), rows)


def _add_relation(target, t, assignment, subject_etype, subject, obj):
    rtype = assignment.name.text
    p = target.param
    if t.schema.relations[rtype]["inlined"]:
        if subject_etype is None:
            t.require_etype(assignment.subject, "set its inlined relation '%s'" % rtype)
        dated = ", cw_modification_date = CURRENT_TIMESTAMP" if _dated(t, subject_etype, t.statement) else ""
        target.execute("UPDATE %s SET %s = %s%s WHERE cw_eid = %s" % (
            t.names.table(subject_etype), t.names.column(rtype), p, dated, p), [obj, subject])
        return
    table = t.names.relation_table(rtype)
    target.execute("INSERT INTO %s (eid_from, eid_to) SELECT %s, %s WHERE NOT EXISTS "
                   "(SELECT 1 FROM %s WHERE eid_from = %s AND eid_to = %s)" % (table, p, p, table, p, p),
                   [subject, obj, subject, obj])


def _update(target, t):
    st = t.statement
    subjects = list(dict.fromkeys(a.subject.name for a in st.assignments))
    for a in st.assignments:
        if _is_attribute(t, a.name):
            if a.name.text == "eid":
                t.fail(a.name, "an entity's eid cannot be changed")
            t.column_of(a.subject, a.name)
            t.check_term(a.subject, a.name, a.term)
    fast = _update_in_place(target, t, subjects)
    if fast is not None:
        return fast
    needed = list(dict.fromkeys(subjects + [v.name for a in st.assignments for v in term_variables(a.term)]))
    # Everything is checked before the first write.
    plan = []
    for a in st.assignments:
        subject_etype = t.require_etype(a.subject, "change it")
        if not _is_attribute(t, a.name):
            _check_definition(t, subject_etype, a, t.etype_of(a.term.name) if isinstance(a.term, Variable) else None)
        plan.append((a, subject_etype))
    rows = _where_rows(target, t, needed, [a.term for a in st.assignments])
    p = target.param
    touched = {}  # etype -> eids whose row an assignment changed: their modification_date moves
    for a, subject_etype in plan:
        pairs = [(row[a.subject.name], _term_value(t, a.term, row)) for row in rows]
        if _is_attribute(t, a.name) or t.schema.relations[a.name.text]["inlined"]:
            target.executemany("UPDATE %s SET %s = %s WHERE cw_eid = %s" % (
                t.names.table(subject_etype), t.names.column(a.name.text), p, p), [(v, s) for s, v in pairs])
            if a.name.text != "modification_date" and _dated(t, subject_etype, st):
                touched.setdefault(subject_etype, set()).update(s for s, _ in pairs)
        else:
            table = t.names.relation_table(a.name.text)
            target.executemany("INSERT INTO %s (eid_from, eid_to) SELECT %s, %s WHERE NOT EXISTS "
                               "(SELECT 1 FROM %s WHERE eid_from = %s AND eid_to = %s)" % (table, p, p, table, p, p),
                               [(s, o, s, o) for s, o in pairs])
    for etype, eids in touched.items():
        target.executemany("UPDATE %s SET cw_modification_date = CURRENT_TIMESTAMP WHERE cw_eid = %s" % (
            t.names.table(etype), p), [(eid,) for eid in sorted(eids)])
    unique = list(dict.fromkeys(tuple(row[s] for s in subjects) for row in rows))
    return ResultSet(t.text, subjects, unique)


def _dated(t, etype, statement):
    """Whether a change of etype's row moves its modification_date (CubicWeb's metadata hook): the type has
    one and the query does not set it itself."""
    return "modification_date" in t.schema.attributes.get(etype, ()) and not any(
        a.name.text == "modification_date" for a in statement.assignments)


def _update_in_place(target, t, subjects):
    """One UPDATE when one entity type is changed with values of its own: the common, big case."""
    st = t.statement
    if len(subjects) != 1:
        return None
    name = subjects[0]
    etype = t.etype_of(name)
    if etype is None:
        return None
    for a in st.assignments:
        if not (_is_attribute(t, a.name) or t.schema.relations[a.name.text]["inlined"]):
            return None
        if any(v.name in t.entity_vars for v in term_variables(a.term)):
            return None
    scope = t.top_scope()
    table, alias = t.names.table(etype), t.alias(name)
    alone = scope.from_items == ["%s AS %s" % (table, alias)] and not scope.outer_joins
    if not alone and any(term_variables(a.term) for a in st.assignments):
        return None
    if not alone:
        # Other variables in the WHERE clause: select the changed eids, then update those.
        scope_sql = t.select_sql(scope, [t.eid(name)])
    sets = []
    for a in st.assignments:
        column = t.names.column(a.name.text)
        if not _is_attribute(t, a.name):
            _check_definition(t, etype, a, None)
        sets.append("%s = %s" % (column, t.value(scope, a.term, a.name)))
    assigned = ["%s.%s" % (alias, t.names.column(a.name.text)) for a in st.assignments]
    if _dated(t, etype, st):
        sets.append("cw_modification_date = CURRENT_TIMESTAMP")
        assigned.append("%s.cw_modification_date" % alias)
    where = t.where_clause(scope.conditions)
    batched = _batched_update(target, t, etype, name, table, alias, sets)
    if batched is not None:
        t.plan = batched
        return batched.execute(target, t.text, t.kwargs)
    if alone and not any(column in where for column in assigned) and table not in where:
        # The WHERE clause reads nothing the SET writes: the same clause finds the changed rows afterwards.
        plan = InPlaceUpdate(
            t.bindings.prepare("UPDATE %s AS %s SET %s%s" % (table, alias, ", ".join(sets), where), target.param),
            t.bindings.prepare("SELECT %s.cw_eid FROM %s AS %s%s" % (alias, table, alias, where), target.param),
            name, t.argument_checks, t.arguments_used)
        if all(_is_attribute(t, a.name) for a in st.assignments):
            t.plan = plan  # nothing else to check per call: run_rql may keep it
        return plan.execute(target, t.text, t.kwargs)
    if alone:
        sql = "UPDATE %s AS %s SET %s%s RETURNING cw_eid" % (table, alias, ", ".join(sets), where)
    else:
        sql = "UPDATE %s SET %s WHERE cw_eid IN (%s) RETURNING cw_eid" % (table, ", ".join(sets), scope_sql)
    cursor = target.execute(*_render(target, t, sql))
    return ResultSet(t.text, [name], cursor.fetchall())


def _batched_update(target, t, etype, name, table, alias, sets):
    """The per-row loop's `SET X a %(v)s, X b 3 WHERE X eid %(x)s` (attributes, values given, nothing else in the
    WHERE clause), as a plan whose calls are batched (batch.py); None for any other SET."""
    st = t.statement
    where = st.where
    if not (isinstance(where, Comparison) and where.subject.name == name and where.name.text == "eid"
            and where.operator in (None, "=") and len(where.terms) == 1
            and isinstance(where.terms[0], (Argument, Literal))):
        return None
    if not all(_is_attribute(t, a.name) and a.name.text != "eid" and isinstance(a.term, (Argument, Literal))
               for a in st.assignments):
        return None
    scope = t.top_scope()
    if scope.from_items != ["%s AS %s" % (table, alias)] or scope.outer_joins or len(scope.conditions) != 1:
        return None
    where_sql = t.where_clause(scope.conditions)
    update = t.bindings.prepare("UPDATE %s AS %s SET %s%s" % (table, alias, ", ".join(sets), where_sql), target.param)
    if len(update.sources) != len(st.assignments) + 1:
        return None  # each value one parameter, the eid last
    select = t.bindings.prepare("SELECT %s.cw_eid FROM %s AS %s%s" % (alias, table, alias, where_sql), target.param)
    set_based = None
    clauses = ["%s = {%d}" % (t.names.column(a.name.text), i) for i, a in enumerate(st.assignments)]
    clauses += sets[len(st.assignments):]  # modification_date
    if target.dialect == "postgresql":
        from ..dialects.postgresql import PostgresqlDialect
        finals = [t.schema.attributes[etype].get(a.name.text) for a in st.assignments]
        types = [PostgresqlDialect.TYPES.get(final) for final in finals]
        if all(types):
            set_based = ArraysUpdate(table, alias, clauses, types + ["BIGINT"])
    elif target.dialect == "sqlite" and target.param == "?" and _sqlite_version() >= (3, 33):
        set_based = ValuesUpdate(table, alias, clauses, len(st.assignments) + 1)
    return BatchedUpdate(update, select, name, t.argument_checks, t.arguments_used, set_based)


def _sqlite_version():
    import sqlite3
    return sqlite3.sqlite_version_info


def _delete_entities(target, t):
    st = t.statement
    names = [d.variable.name for d in st.declarations]
    rows = _where_rows(target, t, names)
    by_type = {}
    for name in names:
        eids = sorted({row[name] for row in rows})
        etype = t.etype_of(name)
        if etype is not None:
            by_type.setdefault(etype, set()).update(eids)
            continue
        for start in range(0, len(eids), CHUNK):
            chunk = eids[start:start + CHUNK]
            for eid, etype in target.query("SELECT eid, type FROM entities WHERE eid IN (%s)" % _marks(target, chunk), chunk):
                by_type.setdefault(etype, set()).add(eid)
    for etype, eids in by_type.items():
        delete_entities(target, t.schema, etype, sorted(eids))
    return ResultSet(t.text, names, [tuple(row[n] for n in names) for row in rows])


def _marks(target, values):
    return ", ".join([target.param] * len(values))


def delete_entities(target, schema, etype, eids):
    """Deletes entities of one type with their relations; inlined references to them become NULL."""
    names = target.names
    for start in range(0, len(eids), CHUNK):
        chunk = eids[start:start + CHUNK]
        marks = _marks(target, chunk)
        for rtype, relation in sorted(schema.relations.items()):
            if relation["inlined"]:
                if etype in relation["objects"]:
                    for subject in sorted(relation["subjects"]):
                        target.execute("UPDATE %s SET %s = NULL WHERE %s IN (%s)" % (
                            names.table(subject), names.column(rtype), names.column(rtype), marks), chunk)
                continue
            if etype in relation["subjects"]:
                target.execute("DELETE FROM %s WHERE eid_from IN (%s)" % (names.relation_table(rtype), marks), chunk)
            if etype in relation["objects"]:
                target.execute("DELETE FROM %s WHERE eid_to IN (%s)" % (names.relation_table(rtype), marks), chunk)
        target.execute("DELETE FROM %s WHERE cw_eid IN (%s)" % (names.table(etype), marks), chunk)
        target.execute("DELETE FROM entities WHERE eid IN (%s)" % marks, chunk)


def _delete_relations(target, t):
    st = t.statement
    needed = []
    for a in st.assignments:
        if _is_attribute(t, a.name):
            t.fail(a.name, "DELETE removes relations; to clear the attribute '%s' use `SET %s %s NULL`"
                   % (a.name.text, a.subject.name, a.name.text))
        needed.append(a.subject.name)
        if isinstance(a.term, Variable):
            needed.append(a.term.name)
        elif a.term is not None and isinstance(a.term, Literal) and a.term.value is None:
            t.fail(a.term.token, "DELETE X rel Y needs a variable or an eid as Y, not NULL")
    needed = list(dict.fromkeys(needed))
    rows = _where_rows(target, t, needed)
    p = target.param
    result = []
    for a in st.assignments:
        pairs = sorted({(row[a.subject.name], _term_value(t, a.term, row)) for row in rows})
        result.extend(pairs)
        rtype = a.name.text
        if t.schema.relations[rtype]["inlined"]:
            etype = t.require_etype(a.subject, "delete its inlined relation '%s'" % rtype)
            target.executemany("UPDATE %s SET %s = NULL WHERE cw_eid = %s AND %s = %s" % (
                t.names.table(etype), t.names.column(rtype), p, t.names.column(rtype), p), pairs)
        else:
            target.executemany("DELETE FROM %s WHERE eid_from = %s AND eid_to = %s" % (
                t.names.relation_table(rtype), p, p), pairs)
    return ResultSet(t.text, ["subject", "object"], result)
