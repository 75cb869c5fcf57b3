"""creation_date and modification_date as CubicWeb's metadata hook keeps them: both set when an entity is
inserted (rql INSERT, add_entity, create_entity), modification_date moved when the entity's row is changed
through the runtime (rql SET of attributes or inlined relations, cw_set), left alone otherwise. SQLite and
PostgreSQL."""
from __future__ import annotations

from runtime_case import RuntimeCase, on_both_databases

SCHEMA = """
class Person(EntityType):
    name = String(maxsize=64, required=True)
    age = Int()
    employer = SubjectRelation('Company', cardinality='?*', inlined=True)
    knows = SubjectRelation('Person')

class Company(EntityType):
    name = String()
"""
OLD = "2001-02-03 04:05:06"


@on_both_databases
class EntityDates(RuntimeCase):
    def setUp(self) -> None:
        super().setUp()
        self.create(SCHEMA)

    def age_dates(self) -> None:
        """Every entity's dates put back to 2001 (plain SQL: what the runtime then changes is its own doing)."""
        db = self.database()
        db.begin()
        for table in ("cw_Person", "cw_Company"):
            db.execute(f"UPDATE {table} SET cw_creation_date = '{OLD}', cw_modification_date = '{OLD}'")
        db.commit()

    def dates(self, name: str):
        created, modified = self.rows("SELECT cw_creation_date, cw_modification_date FROM cw_Person "
                                      f"WHERE cw_name = '{name}'")[0]
        return str(created)[:4], str(modified)[:4]

    def test_insert_sets_both_dates(self) -> None:
        self.run_script("rql('INSERT Person P: P name \"ann\"')\n"
                        "add_entity('Person', name='bob')\n"
                        "create_entity('Person', name='cid')\n")
        this_year = self.rows("SELECT cw_creation_date FROM cw_Person WHERE cw_name = 'ann'")[0][0]
        for name in ("ann", "bob", "cid"):
            with self.subTest(name=name):
                created, modified = self.dates(name)
                self.assertNotEqual(created, "2001")
                self.assertEqual(created, modified)
                self.assertEqual(created, str(this_year)[:4])

    def test_a_change_moves_modification_date_only(self) -> None:
        self.run_script("rql('INSERT Person P: P name \"ann\"')\nrql('INSERT Person P: P name \"bob\"')\n"
                        "rql('INSERT Person P: P name \"cid\"')\nrql('INSERT Person P: P name \"dan\"')\n"
                        "rql('INSERT Company C: C name \"acme\"')\n")
        self.age_dates()
        self.run_script(
            "rql('SET P age 3 WHERE P name \"ann\"')\n"                              # one UPDATE of the type
            "rql('SET P employer C WHERE P name \"bob\", C name \"acme\"')\n"         # an inlined relation
            "cnx.find('Person', name='cid').one().cw_set(age=4)\n"                    # CubicWeb's entity API
            "rql('SET P knows Q WHERE P name \"dan\", Q name \"ann\"')\n")            # a relation table only
        for name in ("ann", "bob", "cid"):
            with self.subTest(name=name):
                created, modified = self.dates(name)
                self.assertEqual(created, "2001")
                self.assertNotEqual(modified, "2001")
        self.assertEqual(self.dates("dan"), ("2001", "2001"))  # adding a relation does not change the row
        self.assertEqual([str(d)[:4] for (d,) in self.rows("SELECT cw_modification_date FROM cw_Company")], ["2001"])

    def test_a_set_with_values_of_other_entities_moves_it_too(self) -> None:
        self.run_script("rql('INSERT Person P: P name \"ann\", P age 30')\nrql('INSERT Person P: P name \"bob\"')\n")
        self.age_dates()
        # a value read from another entity: the per-row path of SET
        self.run_script("rql('SET P age A WHERE P name \"bob\", Q name \"ann\", Q age A')\n")
        self.assertEqual(self.rows("SELECT cw_age FROM cw_Person WHERE cw_name = 'bob'"), [(30,)])
        self.assertNotEqual(self.dates("bob")[1], "2001")
        self.assertEqual(self.dates("ann"), ("2001", "2001"))

    def test_a_script_may_set_modification_date_itself(self) -> None:
        self.run_script("rql('INSERT Person P: P name \"ann\"')\n")
        self.run_script("from datetime import datetime, timezone\n"
                        "rql('SET P modification_date %(d)s, P age 1 WHERE P name \"ann\"', "
                        "{'d': datetime(1999, 1, 1, tzinfo=timezone.utc)})\n")
        self.assertEqual(self.dates("ann")[1], "1999")
