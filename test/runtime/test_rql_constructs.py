"""Every construct of CubicWeb's RQL executed by rql() on SQLite and PostgreSQL, with its rows (issue 11 point 2)."""
import datetime
import unittest

from runtime_case import RuntimeCase, on_both_databases
from erudi_migrate.rql import RqlError
from test_rql import ScriptSession

SCHEMA = """
class Company(EntityType):
    label = String(maxsize=64, fulltextindexed=True)

class Person(EntityType):
    name = String(maxsize=64, required=True, fulltextindexed=True)
    bio = String(fulltextindexed=True)
    photo = Bytes()
    age = Int()
    born = Date()
    knows = SubjectRelation('Person')
    works_for = SubjectRelation('Company', cardinality='?*', inlined=True)

class Employee(Person):
    __specializes_schema__ = True
    badge = String()
"""

TODAY = datetime.date.today()


def seed(s):
    """acme employs ann and bob, globex employs dan, initech nobody; ann knows bob knows cid knows ann; eve is an
    Employee."""
    acme = s.add_entity("Company", label="acme")
    globex = s.add_entity("Company", label="globex")
    s.add_entity("Company", label="initech")
    ann = s.add_entity("Person", name="ann", age=41, works_for=acme, bio="Writes migration scripts; reviews RQL.", born=(TODAY - datetime.timedelta(days=3)).isoformat())
    bob = s.add_entity("Person", name="Bob", age=30, works_for=acme, born="1990-05-17")
    cid = s.add_entity("Person", name="cid", age=12, knows=[ann])
    dan = s.add_entity("Person", name="dan", age=65, works_for=globex)
    eve = s.add_entity("Employee", name="eve", badge="E1")
    s.rql("SET X knows Y WHERE X name 'ann', Y name 'Bob'")
    s.rql("SET X knows Y WHERE X name 'Bob', Y name 'cid'")
    return {"acme": acme, "globex": globex, "ann": ann, "bob": bob, "cid": cid, "dan": dan, "eve": eve}


# construct, query, kwargs, rows ("#ann" is ann's eid); rows compared in order unless the query has no ORDERBY
CASES = [
    ("Etype X shorthand", "Person P ORDERBY N WHERE P name N, P age > 35", {}, [("#ann",), ("#dan",)]),
    ("DISTINCT", "DISTINCT Any L ORDERBY L WHERE X works_for C, C label L", {}, [("acme",), ("globex",)]),
    ("AND with ','", "Any N WHERE X name N, X age > 20, X age < 35", {}, [("Bob",)]),
    ("OR", "Any N ORDERBY N WHERE X name N, X age 12 OR X age 65", {}, [("cid",), ("dan",)]),
    ("NOT", "Any N ORDERBY N WHERE X is Person, X name N, NOT X age > 20", {}, [("cid",)]),
    ("parentheses", "Any N ORDERBY N WHERE X is Person, X name N, (X age 12 OR X age 41), NOT (X name 'cid')", {},
     [("ann",)]),
    ("EXISTS", "Any N ORDERBY N WHERE X is Person, X name N, EXISTS(X knows Y)", {}, [("Bob",), ("ann",), ("cid",)]),
    ("NOT EXISTS", "Any N ORDERBY N WHERE X is Person, X name N, NOT EXISTS(X works_for C)", {}, [("cid",)]),
    ("NOT EXISTS with a restriction", "Any N ORDERBY N WHERE X is Person, X name N, NOT EXISTS(X knows Y, Y age > 20)",
     {}, [("Bob",), ("dan",)]),
    ("=", "Any N WHERE X name N, X age = 41", {}, [("ann",)]),
    ("!=", "Any N ORDERBY N WHERE X is Person, X name N, X age != 41", {}, [("Bob",), ("cid",), ("dan",)]),
    ("< <= > >=", "Any N ORDERBY N WHERE X name N, X age >= 30, X age <= 41, X age > 29, X age < 42", {},
     [("Bob",), ("ann",)]),
    ("LIKE", "Any N ORDERBY N WHERE X name N, X name LIKE '%n%'", {}, [("ann",), ("dan",)]),
    ("ILIKE", "Any N WHERE X name N, X name ILIKE 'b%'", {}, [("Bob",)]),
    ("~=", "Any N WHERE X name N, X name ~= 'BO%'", {}, [("Bob",)]),
    ("REGEXP", "Any N ORDERBY N WHERE X name N, X name REGEXP '^[a-c]'", {}, [("ann",), ("cid",)]),
    ("IN", "Any N ORDERBY N WHERE X name N, X age IN (12, 65, 99)", {}, [("cid",), ("dan",)]),
    ("X attr NULL", "Any N ORDERBY N WHERE X name N, X age NULL", {}, [("eve",)]),
    ("X rel NULL", "Any N ORDERBY N WHERE X is Person, X name N, X works_for NULL", {}, [("cid",)]),
    ("is", "Any X WHERE X is Company, X label 'acme'", {}, [("#acme",)]),
    ("is IN", "Any COUNT(X) WHERE X is IN (Person, Company)", {}, [(7,)]),
    ("is_instance_of", "Any N ORDERBY N WHERE X is_instance_of Person, X name N, X age NULL", {}, [("eve",)]),
    ("is_instance_of IN", "Any COUNT(X) WHERE X is_instance_of IN (Person, Company)", {}, [(8,)]),
    ("identity", "Any N WHERE X identity Y, Y name 'ann', X name N", {}, [("ann",)]),
    ("NOT identity", "Any N ORDERBY N WHERE X works_for C, Y works_for C, Y name 'ann', NOT X identity Y, X name N", {},
     [("Bob",)]),
    ("eid", "Any N WHERE X eid %(x)s, X name N", {"x": "#dan"}, [("dan",)]),
    ("eid IN", "Any N ORDERBY N WHERE X eid IN (%(a)s, %(b)s), X name N", {"a": "#ann", "b": "#cid"},
     [("ann",), ("cid",)]),
    ("strings with both quotes and escapes", "Any N WHERE X name N, X name IN ('it\\'s', \"say \\\"hi\\\"\", 'Bob')", {},
     [("Bob",)]),
    ("TRUE/FALSE/NULL literals", "Any N WHERE X name N, X age NULL, X name 'eve'", {}, [("eve",)]),
    ("TODAY", "Any N WHERE X name N, X born < TODAY, X born > TODAY - 7", {}, [("ann",)]),
    ("NOW", "Any N WHERE X name N, X born < NOW, X born > NOW - 7", {}, [("ann",)]),
    ("arguments", "Any N WHERE X name N, X age > %(a)s, X age < %(b)s", {"a": 40, "b": 50}, [("ann",)]),
    ("COUNT", "Any COUNT(X) WHERE X is Person", {}, [(4,)]),
    ("SUM MIN MAX", "Any SUM(A), MIN(A), MAX(A) WHERE X is Person, X age A", {}, [(148, 12, 65)]),
    ("UPPER LOWER LENGTH", "Any UPPER(N), LOWER(N), LENGTH(N) WHERE X name N, X age 30", {}, [("BOB", "bob", 3)]),
    ("SUBSTRING ABS", "Any SUBSTRING(N, 2, 2), ABS(A - 50) WHERE X name N, X age A, X age 41", {}, [("nn", 9)]),
    ("YEAR MONTH DAY", "Any YEAR(D), MONTH(D), DAY(D) WHERE X born D, X name 'Bob'", {}, [(1990, 5, 17)]),
    ("function in the restriction", "Any N WHERE X name N, X name UPPER(%(n)s)", {"n": "bob"}, []),
    ("function in ORDERBY", "Any N ORDERBY LENGTH(N) DESC, N LIMIT 2 WHERE X is Person, X name N", {},
     [("Bob",), ("ann",)]),
    ("arithmetic in the selection", "Any A * 2 + 1 WHERE X age A, X name 'cid'", {}, [(25,)]),
    ("GROUPBY", "Any L, COUNT(X) GROUPBY L ORDERBY L WHERE X works_for C, C label L", {}, [("acme", 2), ("globex", 1)]),
    ("HAVING", "Any L GROUPBY L WHERE X works_for C, C label L HAVING COUNT(X) > 1", {}, [("acme",)]),
    ("HAVING with OR and IN", "Any L GROUPBY L ORDERBY L WHERE X works_for C, C label L HAVING COUNT(X) IN (1, 3) OR "
     "COUNT(X) > 5", {}, [("globex",)]),
    ("HAVING without GROUPBY", "Any COUNT(X) WHERE X is Person HAVING COUNT(X) > 2", {}, [(4,)]),
    ("HAVING arithmetic of aggregates", "Any L GROUPBY L WHERE X works_for C, C label L, X age A "
     "HAVING MAX(A) - MIN(A) > 5", {}, [("acme",)]),
    ("HAVING an aggregate on the right, AND", "Any L GROUPBY L WHERE X works_for C, C label L, X age A "
     "HAVING 1 < COUNT(X) AND SUM(A) / COUNT(X) > 30", {}, [("acme",)]),
    ("HAVING an argument", "Any L GROUPBY L WHERE X works_for C, C label L HAVING COUNT(X) = %(n)s", {"n": 1},
     [("globex",)]),
    ("HAVING GROUP_CONCAT LIKE", "Any L GROUPBY L WHERE X works_for C, C label L, X name N "
     "HAVING GROUP_CONCAT(N) LIKE '%ann%'", {}, [("acme",)]),
    ("HAVING without an aggregate filters rows", "Any L, N WHERE X works_for C, C label L, X name N "
     "HAVING UPPER(N) = 'ANN'", {}, [("acme", "ann")]),
    ("HAVING with and without aggregates", "Any L GROUPBY L WHERE X works_for C, C label L, X name N "
     "HAVING LENGTH(N) = 3, COUNT(X) > 1", {}, [("acme",)]),
    ("HAVING without an aggregate over a union of types", "Any N WHERE X name N HAVING UPPER(N) = 'EVE'", {},
     [("eve",)]),
    ("GROUPBY a function", "Any LENGTH(N), COUNT(X) GROUPBY LENGTH(N) ORDERBY 1 WHERE X is Person, X name N", {},
     [(3, 4)]),
    ("ORDERBY ASC DESC", "Any N ORDERBY A DESC, N ASC WHERE X is Person, X name N, X age A", {},
     [("dan",), ("ann",), ("Bob",), ("cid",)]),
    ("ORDERBY a column number", "Any N, A ORDERBY 2 WHERE X is Person, X name N, X age A", {},
     [("cid", 12), ("Bob", 30), ("ann", 41), ("dan", 65)]),
    ("LIMIT OFFSET", "Any N ORDERBY N LIMIT 2 OFFSET 1 WHERE X is Person, X name N", {}, [("ann",), ("cid",)]),
    ("WITH BEING (value)", "Any N ORDERBY N WITH N BEING (Any N WHERE X name N, X age > 35)", {},
     [("ann",), ("dan",)]),
    ("WITH BEING (entity)", "Any N ORDERBY N WHERE X name N WITH X BEING (Any X WHERE X works_for C, C label 'acme')",
     {}, [("Bob",), ("ann",)]),
    ("WITH BEING (two columns, UNION)", "Any N, COUNT(X) GROUPBY N ORDERBY N WITH X, N BEING ((Any X, N WHERE X "
     "label N) UNION (Any X, N WHERE X is Person, X name N, X age 12))", {}, [("acme", 1), ("cid", 1), ("globex", 1),
                                                                              ("initech", 1)]),
    ("UNION", "(Any N WHERE X name N, X age 12) UNION (Any L WHERE C label L, C label 'acme')", {},
     [("cid",), ("acme",)]),
    ("outer join X rel Y? (inlined)", "Any N, L ORDERBY N WHERE X is Person, X name N, X works_for C?, C label L", {},
     [("Bob", "acme"), ("ann", "acme"), ("cid", None), ("dan", "globex")]),
    ("outer join X rel Y? (relation table)", "Any N, M ORDERBY N, M WHERE X is Person, X name N, X knows Y?, Y name M",
     {}, [("Bob", "cid"), ("ann", "Bob"), ("cid", "ann"), ("dan", None)]),
    ("outer join with a restriction of the optional end", "Any N, M ORDERBY N WHERE X is Person, X name N, "
     "X knows Y?, Y name M, Y age > 20", {}, [("Bob", None), ("ann", "Bob"), ("cid", "ann"), ("dan", None)]),
    ("outer join X? rel Y (inlined)", "Any L, N ORDERBY L, N WHERE C is Company, C label L, X? works_for C, X is Person, X name N",
     {}, [("acme", "Bob"), ("acme", "ann"), ("globex", "dan"), ("initech", None)]),
    ("outer join X? rel Y (a company without employees)", "Any L, COUNT(X) GROUPBY L ORDERBY L WHERE C is Company, "
     "C label L, X? works_for C, X is Person, X age > 35", {}, [("acme", 1), ("globex", 1), ("initech", 0)]),
    ("outer join X? rel Y (relation table)", "Any N, M ORDERBY N WHERE Y is Person, Y name N, X? knows Y, X is Person, X name M", {},
     [("Bob", "ann"), ("ann", "cid"), ("cid", "Bob"), ("dan", None)]),
    ("outer joins in a chain", "Any N, M, L ORDERBY N WHERE X is Person, X name N, X knows Y?, Y name M, "
     "Y works_for C?, C label L", {},
     [("Bob", "cid", None), ("ann", "Bob", "acme"), ("cid", "ann", "acme"), ("dan", None, None)]),
    ("outer join: the optional end's restrictions are its join's", "Any N, L ORDERBY N WHERE X is Person, X name N, "
     "X works_for C?, C label L, C label 'globex'", {}, [("Bob", None), ("ann", None), ("cid", None), ("dan", "globex")]),
    ("outer join X? rel Y? (FULL)", "Any N, L WHERE X is Person, X name N, X? works_for C?, C label L",
     {}, [("Bob", "acme"), ("ann", "acme"), ("dan", "globex"), (None, "initech"), ("cid", None)]),
    ("has_text", "Any N WHERE X name N, X has_text 'ANN'", {}, [("ann",)]),
    ("has_text: every word, in any order, of any indexed attribute", "Any N WHERE X name N, X has_text 'rql, ann "
     "migration'", {}, [("ann",)]),
    ("has_text: whole words", "Any N WHERE X name N, X has_text 'migr'", {}, []),
    ("has_text of any type", "Any X WHERE X has_text %(w)s", {"w": "acme"}, [("#acme",)]),
    ("has_text of a specialized type", "Any X WHERE X has_text 'eve'", {}, [("#eve",)]),
    ("NOT has_text", "Any N ORDERBY N WHERE X is Person, X name N, NOT X has_text 'scripts'", {},
     [("Bob",), ("cid",), ("dan",)]),
    ("has_text in EXISTS", "Any L WHERE C label L, EXISTS(X works_for C, X has_text 'reviews')", {}, [("acme",)]),
    ("trailing ;", "Any N WHERE X name N, X age 12;", {}, [("cid",)]),
    ("comment", "Any N /* the name */ WHERE X name N, X age 12", {}, [("cid",)]),
]


@on_both_databases
class RqlConstructs(RuntimeCase):
    def setUp(self):
        super().setUp()
        self.create(SCHEMA)
        self.s = ScriptSession(self)
        self.eids = seed(self.s)

    def eid(self, value):
        return self.eids[value[1:]] if isinstance(value, str) and value.startswith("#") else value

    def test_every_construct(self):
        for construct, query, kwargs, expected in CASES:
            with self.subTest(construct, query=query):
                result = self.s.rql(query, {k: self.eid(v) for k, v in kwargs.items()})
                rows = [tuple(float(v) if type(v).__name__ == "Decimal" else v for v in row) for row in result]
                want = [tuple(self.eid(v) for v in row) for row in expected]
                if "ORDERBY" not in query:
                    rows, want = sorted(rows, key=repr), sorted(want, key=repr)
                self.assertEqual(rows, want)

    def test_result_sets_behave_like_cubicwebs(self):
        rset = self.s.rql("Any X, N ORDERBY N WHERE X is Person, X name N")
        names = [name for eid, name in rset]
        self.assertEqual(names, ["Bob", "ann", "cid", "dan"])
        self.assertEqual(rset[0][1], "Bob")
        self.assertEqual(rset.rowcount, 4)
        self.assertEqual(len(rset), 4)
        entity = rset.get_entity(1, 0)
        self.assertEqual((entity.eid, entity.cw_etype, entity.name, entity.age), (self.eids["ann"], "Person", "ann", 41))
        with self.assertRaisesRegex(ValueError, "not an eid"):
            rset.get_entity(0, 1)
        printed = str(rset)
        self.assertIn("4 row(s)", printed)
        self.assertIn("'ann')", printed)
        self.assertIn("(X, N)", printed)

    def test_avg(self):
        [(average,)] = list(self.s.rql("Any AVG(A) WHERE X is Person, X age A"))
        self.assertEqual(float(average), 37.0)

    def test_writes_several_at_once(self):
        created = self.s.rql("INSERT Person X, Person Y: X name 'gus', Y name 'hal', X knows Y")
        self.assertEqual(len(created), 1)
        self.assertEqual(list(self.s.rql("Any N WHERE X knows Y, X name 'gus', Y name N")), [("hal",)])
        self.s.rql("SET X age 1, Y age 2 WHERE X name 'gus', Y name 'hal'")
        self.assertEqual(list(self.s.rql("Any A ORDERBY A WHERE X name IN ('gus', 'hal'), X age A")), [(1,), (2,)])
        self.s.rql("SET X name UPPER(N) WHERE X name N, X age 1")
        self.assertEqual(list(self.s.rql("Any N WHERE X age 1, X name N")), [("GUS",)])
        self.s.rql("SET X age -A WHERE X age A, X name 'hal'")
        self.assertEqual(list(self.s.rql("Any A WHERE X name 'hal', X age A")), [(-2,)])
        deleted = self.s.rql("DELETE X knows Y WHERE X name 'GUS'")
        self.assertEqual(len(deleted), 1)
        self.s.rql("DELETE Person X, Person Y WHERE X name 'GUS', Y name 'hal'", ask_confirm=False)
        self.assertEqual(list(self.s.rql("Any X WHERE X name IN ('GUS', 'hal')")), [])

    def test_a_cached_query_rechecks_its_arguments(self):
        query = "Any N WHERE X name N, X age %(a)s"
        self.assertEqual(list(self.s.rql(query, {"a": 12})), [("cid",)])
        self.assertEqual(list(self.s.rql(query, {"a": None})), [("eve",)])
        self.assertEqual(list(self.s.rql(query, {"a": 30})), [("Bob",)])
        with self.assertRaisesRegex(RqlError, "age is a Int, not a string"):
            self.s.rql(query, {"a": "old"})
        with self.assertRaisesRegex(RqlError, r"argument %\(a\)s is not given"):
            self.s.rql(query, {})

    def test_unknown_names_are_reported_before_any_sql(self):
        for query, message in [("Any X WHERE X is Persn", "unknown entity type 'Persn'; did you mean Person?"),
                               ("SET X priorty 2 WHERE X is Person", "unknown attribute or relation 'priorty'"),
                               ("Any X WHERE X knws Y", "did you mean 'knows'?"),
                               ("Any X WITH X BEING (Any X WHERE X is Compny)", "unknown entity type 'Compny'")]:
            with self.subTest(query=query):
                before = len(self.s.db.events.lines) if hasattr(self.s.db.events, "lines") else None
                with self.assertRaisesRegex(RqlError, message):
                    self.s.rql(query)
                if before is not None:
                    self.assertEqual(len(self.s.db.events.lines), before)

    def test_what_the_runtime_refuses_says_why(self):
        for query, message in [("Any N WHERE X? knows Y, X name N", r"the optional X may be Employee or Person: add "
                                "`X is <Etype>`"),
                               ("Any X WHERE X is Person, X knows Y? OR X age 3", "not inside OR or NOT"),
                               ("Any X WHERE X is Person, X name N?", None),
                               ("Any X WHERE X? name N", "'name' is an attribute"),
                               ("Any X WHERE X has_text N", "has_text takes the words to search as a string"),
                               ("Any X WHERE X has_text 3", "has_text takes the words to search as a string, not an "
                                "integer"),
                               ("SET X has_text 'a' WHERE X is Person", "it is not set"),
                               ("Any FSPATH(D) WHERE X photo D", r"FSPATH\(D\) is the path of the file where "
                                "CubicWeb's BytesFileSystemStorage keeps a Bytes value; this runtime keeps every Bytes "
                                r"value in its database column .* select D itself"),
                               ("Any X WHERE X age COUNT(Y)", "belongs in the selection"),
                               ("Any X WHERE X age Person", "an entity type is a value only")]:
            with self.subTest(query=query):
                if message is None:
                    self.s.rql(query)  # accepted: `X attr V?` reads NULL where there is no value
                    continue
                with self.assertRaisesRegex(RqlError, message):
                    self.s.rql(query)


if __name__ == "__main__":
    unittest.main()
