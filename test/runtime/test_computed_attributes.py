"""Computed attributes (`formula=`) as CubicWeb's synccomputed hooks keep them: filled from the formula by
add_attribute and by create's postcreate scripts, recomputed at the end of each script (and before a commit)
when what the formula reads changed through rql(), the primitives or sql(); NULL where the formula finds no
row. On the gallery cube (`nb_images = Int(formula='Any COUNT(I) WHERE X images I')`) and on the tracker's
`Project.nb_tickets` (`Any COUNT(T) WHERE T concerns X`). SQLite and PostgreSQL."""
from __future__ import annotations

import os
import shutil

from runtime_case import RuntimeCase, on_both_databases

WORKSPACE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "fixtures", "cubes"))

COMPANY = """
class Company(EntityType):
    name = String()
    total_salary = Int(formula='Any SUM(SA) GROUPBY X WHERE P works_for X, P salary SA')
    staff = Int(formula='Any COUNT(P) WHERE P works_for X')

class Person(EntityType):
    name = String()
    salary = Int()
    birth_year = Int()
    age = Int(formula='Any 2026 - D WHERE X birth_year D')
    works_for = SubjectRelation('Company', cardinality='?*', inlined=True)
"""

IMAGE = "add_entity('Image', data=b'x', data_format=u'image/png', data_name=u'%s.png', title=u'%s')\n"


@on_both_databases
class ComputedAttributes(RuntimeCase):
    def use(self, relative):
        shutil.rmtree(self.app)
        workspace = os.path.join(self.tmp, "workspace")
        shutil.copytree(WORKSPACE, workspace)
        self.app = os.path.join(workspace, relative)

    def values(self, sql):
        return sorted(self.rows(sql), key=repr)

    def test_the_gallery_cube_keeps_nb_images(self) -> None:
        self.use(os.path.join("cubicweb-gallery", "cubicweb_gallery"))
        self.ok("create")
        # the postcreate's gallery has no image: the formula finds no row for it
        self.assertEqual(self.rows("SELECT cw_nb_images FROM cw_Gallery WHERE cw_title = 'Welcome'"), [(None,)])
        self.run_script(IMAGE % ("a", "a") + IMAGE % ("b", "b") +
                        "rql('SET G images I WHERE G title \"Welcome\", I is Image')\n"
                        "rql('INSERT Gallery G: G title \"Empty\"')\n")
        self.assertEqual(self.values("SELECT cw_title, cw_nb_images FROM cw_Gallery"), [("Empty", None), ("Welcome", 2)])
        # a relation removed, and one added with plain SQL: recomputed at the end of the script
        self.run_script("rql('DELETE G images I WHERE I title \"a\"')\n")
        self.assertEqual(self.rows("SELECT cw_nb_images FROM cw_Gallery WHERE cw_title = 'Welcome'"), [(1,)])
        self.run_script('sql("INSERT INTO images_relation (eid_from, eid_to) SELECT g.cw_eid, i.cw_eid '
                        'FROM cw_Gallery g, cw_Image i WHERE g.cw_title = \'Empty\'")\n')
        self.assertEqual(self.values("SELECT cw_title, cw_nb_images FROM cw_Gallery"), [("Empty", 2), ("Welcome", 1)])

    def test_the_tracker_cube_fills_nb_tickets_in_postcreate(self) -> None:
        self.use(os.path.join("cubicweb-tracker", "cubicweb_tracker"))
        self.write_postcreate = os.path.join(self.app, "migration", "postcreate.py")
        with open(self.write_postcreate, "a", encoding="utf-8") as handle:
            handle.write("\np = rql('INSERT Project P: P name \"erudi\"')[0][0]\n"
                         "for title in (u'one', u'two', u'three'):\n"
                         "    rql('INSERT Ticket T: T title %(t)s, T concerns P WHERE P eid %(p)s', {'t': title, 'p': p})\n")
        self.ok("create")
        self.assertEqual(self.rows("SELECT cw_name, cw_nb_tickets FROM cw_Project"), [("erudi", 3)])

    def test_add_attribute_fills_it_and_writes_keep_it(self) -> None:
        self.create(COMPANY.replace("    total_salary", "    #total_salary").replace("    staff", "    #staff")
                    .replace("    age", "    #age"))
        self.run_script("acme = rql('INSERT Company C: C name \"acme\"')[0][0]\n"
                        "rql('INSERT Company C: C name \"void\"')\n"
                        "for name, salary, year in ((u'ann', 10, 1990), (u'bob', 20, None)):\n"
                        "    rql('INSERT Person P: P name %(n)s, P salary %(s)s, P birth_year %(y)s, P works_for C "
                        "WHERE C eid %(c)s', {'n': name, 's': salary, 'y': year, 'c': acme})\n")
        self.application(COMPANY, version="0.2.0", scripts={"0.2.0_Any.py": (
            "add_attribute('Company', 'total_salary')\nadd_attribute('Company', 'staff')\n"
            "add_attribute('Person', 'age')\n"
            # read back in the same script: filled at once
            "assert rql('Any S WHERE C name \"acme\", C total_salary S')[0][0] == 30\n")})
        self.ok("upgrade")
        self.assertEqual(self.values("SELECT cw_name, cw_total_salary, cw_staff FROM cw_Company"),
                         [("acme", 30, 2), ("void", None, None)])
        self.assertEqual(self.values("SELECT cw_name, cw_age FROM cw_Person"), [("ann", 36), ("bob", None)])
        # an attribute the formula reads, an inlined relation, an entity deleted
        self.run_script("rql('SET P salary 25 WHERE P name \"bob\"')\n"
                        "rql('SET P birth_year 2000 WHERE P name \"bob\"')\n"
                        "rql('SET P works_for C WHERE P name \"ann\", C name \"void\"')\n")
        self.assertEqual(self.values("SELECT cw_name, cw_total_salary, cw_staff FROM cw_Company"),
                         [("acme", 25, 1), ("void", 10, 1)])
        self.assertEqual(self.values("SELECT cw_name, cw_age FROM cw_Person"), [("ann", 36), ("bob", 26)])
        self.run_script("rql('DELETE Person P WHERE P name \"bob\"')\n")
        self.assertEqual(self.values("SELECT cw_name, cw_total_salary, cw_staff FROM cw_Company"),
                         [("acme", None, None), ("void", 10, 1)])

    def test_a_checkpoint_commits_computed_values(self) -> None:
        self.create(COMPANY)
        # the second part fails: what the checkpoint committed keeps its computed values
        code, out, err = self.run_failing(
            "acme = rql('INSERT Company C: C name \"acme\"')[0][0]\n"
            "rql('INSERT Person P: P name \"ann\", P salary 7, P works_for C WHERE C eid %(c)s', {'c': acme})\n"
            "checkpoint()\n"
            "raise ValueError('stop')\n")
        self.assertEqual(self.rows("SELECT cw_total_salary, cw_staff FROM cw_Company"), [(7, 1)])

    def test_a_formula_that_cannot_be_computed_is_named(self) -> None:
        self.create("class Company(EntityType):\n    name = String()\n")
        self.application("class Company(EntityType):\n    name = String()\n"
                         "    size = Int(formula='Any COUNT(P) WHERE P employs X')\n",
                         version="0.2.0", scripts={"0.2.0_Any.py": "add_attribute('Company', 'size')\n"})
        code, out, err = self.migrate("upgrade")
        self.assertEqual(code, 1, out + err)
        self.assertIn("0.2.0_Any.py:1", err)
        self.assertIn("the formula of Company.size ('Any COUNT(P) WHERE P employs X') cannot be computed", err)
        self.assertNotIn("cw_size", self.columns("cw_Company"))  # the step rolled back


@on_both_databases
class ComputedAttributesAndBatchedSets(RuntimeCase):
    def test_a_per_row_set_loop_before_a_checkpoint_is_counted(self) -> None:
        self.create(COMPANY)
        # rql() batches the loop's SETs (rql/batch.py); the checkpoint's recomputation must see them
        self.run_failing("acme = rql('INSERT Company C: C name \"acme\"')[0][0]\n"
                         "eids = [rql('INSERT Person P: P name %(n)s, P works_for C WHERE C eid %(c)s', "
                         "{'n': u'p%d' % i, 'c': acme})[0][0] for i in range(5)]\n"
                         "checkpoint()\n"
                         "for eid in eids:\n"
                         "    rql('SET X salary %(s)s WHERE X eid %(x)s', {'s': 10, 'x': eid})\n"
                         "checkpoint()\n"
                         "raise ValueError('what the checkpoints committed stays')\n")
        self.assertEqual(self.rows("SELECT cw_total_salary, cw_staff FROM cw_Company"), [(50, 5)])
