"""`create` from applications of the shared cube workspace builds what CubicWeb would: the core schema,
the cubes' and the application's types in CubicWeb's storage layout (metadata columns, metadata relation
tables), the groups and the admin user that postcreate scripts expect; an instance created at 2.28.0 and
upgraded gets the same layout; a schema that cannot be read writes nothing. SQLite and PostgreSQL."""
from __future__ import annotations

import os
import shutil

from runtime_case import METADATA_COLUMNS, PERSON, RuntimeCase, on_both_databases

WORKSPACE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "fixtures", "cubes"))


@on_both_databases
class CreateFromCubes(RuntimeCase):
    def use(self, relative):
        """The test's application is a copy of the workspace with `relative` as the application folder."""
        shutil.rmtree(self.app)
        workspace = os.path.join(self.tmp, "workspace")
        shutil.copytree(WORKSPACE, workspace)
        self.app = os.path.join(workspace, relative)

    def test_a_cube_that_depends_on_another_cube(self):
        self.use(os.path.join("cubicweb-gallery", "cubicweb_gallery"))
        out = self.ok("create")
        self.assertIn("-> migration/postcreate.py", out)
        tables = {t.lower() for t in self.tables()}
        for etype in ("Gallery", "File", "Image", "CWUser", "CWGroup", "CWEType", "Workflow", "State", "Transition",
                      "TrInfo", "CWProperty", "EmailAddress", "Bookmark", "CWSource"):
            self.assertIn(f"cw_{etype.lower()}", tables)
        for rtype in ("is", "is_instance_of", "owned_by", "created_by", "cw_source", "in_state", "in_group",
                      "images", "curated_by", "custom_workflow", "use_email"):
            self.assertIn(f"{rtype}_relation", tables)
        for absent in ("identity_relation", "cover_relation", "wf_info_for_relation"):
            self.assertNotIn(absent, tables)  # identity is virtual; cover and wf_info_for are inlined
        gallery = self.columns("cw_Gallery")
        for name, column in METADATA_COLUMNS.items():
            self.assertEqual(gallery[name], column)
        self.assertEqual(gallery["cw_description_format"], ("varchar(50)", False, "'text/markdown'"))
        self.assertEqual(gallery["cw_cover"], ("integer", False, None))
        self.assertEqual(gallery["cw_title"], ("varchar(128)", True, None))
        self.assertIn("cw_nb_images", gallery)
        self.assertIn("cw_wf_info_for", self.columns("cw_TrInfo"))
        self.assertEqual(set(self.columns("cw_Image")), set(self.columns("cw_File")))  # Image specializes File

        # the groups and the admin the postcreate scripts used, and what they made
        self.assertEqual(sorted(self.rows("SELECT cw_name FROM cw_CWGroup")),
                         [("guests",), ("managers",), ("owners",), ("users",)])
        self.assertEqual(self.rows("SELECT g.cw_name FROM cw_CWUser u JOIN in_group_relation r ON r.eid_from = "
                                   "u.cw_eid JOIN cw_CWGroup g ON g.cw_eid = r.eid_to WHERE u.cw_login = 'admin'"),
                         [("managers",)])
        self.assertEqual(self.rows("SELECT s.cw_name FROM cw_CWUser u JOIN in_state_relation r ON r.eid_from = u.cw_eid "
                                   "JOIN cw_State s ON s.cw_eid = r.eid_to"), [("activated",)])
        self.assertEqual(self.rows("SELECT cw_pkey FROM cw_CWProperty"), [("ui.default-text-format",)])  # file's postcreate
        welcome = self.rows("SELECT cw_eid FROM cw_Gallery WHERE cw_title = 'Welcome'")[0][0]
        admin = self.rows("SELECT cw_eid FROM cw_CWUser WHERE cw_login = 'admin'")[0][0]
        self.assertEqual(self.rows(f"SELECT eid_to FROM curated_by_relation WHERE eid_from = {welcome}"), [(admin,)])
        self.assertEqual(self.rows(f"SELECT eid_to FROM owned_by_relation WHERE eid_from = {welcome}"), [(admin,)])
        self.assertEqual(self.rows(f"SELECT eid_to FROM created_by_relation WHERE eid_from = {welcome}"), [(admin,)])
        self.assertEqual(self.rows(f"SELECT cw_cwuri FROM cw_Gallery WHERE cw_eid = {welcome}"), [(str(welcome),)])

        # every entity has its metadata rows: is, is_instance_of (with the specialized types), cw_source
        for rtype in ("is", "is_instance_of", "cw_source"):
            with self.subTest(rtype=rtype):
                self.assertEqual(self.rows(f"SELECT COUNT(*) FROM entities e WHERE NOT EXISTS "
                                           f"(SELECT 1 FROM {rtype}_relation r WHERE r.eid_from = e.eid)"), [(0,)])
        self.assertEqual(self.rows("SELECT COUNT(*) FROM entities e JOIN is_relation r ON r.eid_from = e.eid "
                                   "JOIN cw_CWEType t ON t.cw_eid = r.eid_to WHERE t.cw_name <> e.type"), [(0,)])
        transitions = self.rows("SELECT t.cw_name FROM cw_Transition x JOIN is_instance_of_relation r ON "
                                "r.eid_from = x.cw_eid JOIN cw_CWEType t ON t.cw_eid = r.eid_to WHERE x.cw_name = 'activate'")
        self.assertEqual(sorted(transitions), [("BaseTransition",), ("Transition",)])

        # permissions and constraints are in the persisted schema, as sync_schema_props_perms compares them
        schema = self.persisted()
        self.assertEqual(schema.entities["Gallery"].props["permissions"]["delete"],
                         ["managers", {"type": "ERQLExpression", "expression": "X owned_by U", "mainvars": ["X"]}])
        self.assertEqual(schema.definitions[("CWUser", "in_group", "CWGroup")].props["constraints"][0]["type"],
                         "RQLConstraint")
        self.assertTrue(schema.entities["CWUser"].props["system"])

    def test_a_cube_as_the_application(self):
        self.use(os.path.join("cubicweb-file", "cubicweb_file"))
        self.ok("create")
        self.assertEqual(self.rows("SELECT cw_pkey, cw_value FROM cw_CWProperty"), [("ui.default-text-format", "text/rest")])
        self.assertEqual(set(self.columns("cw_Image")), set(self.columns("cw_File")))

    def test_the_admin_password_comes_from_the_environment_only(self):
        self.use(os.path.join("cubicweb-gallery", "cubicweb_gallery"))
        os.environ["ERUDI_ADMIN_PASSWORD"] = "s3cret-for-test"
        self.addCleanup(os.environ.pop, "ERUDI_ADMIN_PASSWORD", None)
        out = self.ok("create", "--json")
        self.assertNotIn("s3cret-for-test", out)
        stored = self.rows("SELECT cw_upassword FROM cw_CWUser WHERE cw_login = 'admin'")[0][0]
        stored = bytes(stored)
        self.assertTrue(stored.startswith(b"$pbkdf2-sha512$"))
        self.assertNotIn(b"s3cret-for-test", stored)

    def test_an_instance_of_2_28_upgraded_equals_a_new_one(self):
        def layout():
            db = self.database()  # one connection for every table (columns() opens one each)
            tables = {name.lower(): sorted((c.name.lower(), c.sql_type.lower(), c.not_null) for c in
                                           db.dialect.columns(db, name)) for name in db.dialect.table_names(db)}
            schema = self.persisted().to_plain()
            return tables, schema
        self.application(PERSON, "0.1.0")
        self.ok("create", "--framework-version", "2.28.0")
        self.insert("Person", name="ann")
        self.ok("upgrade", "--no-backup")
        upgraded = layout()
        ann = self.rows("SELECT cw_eid, cw_cwuri FROM cw_Person")[0]
        self.assertEqual(ann[1], str(ann[0]))
        self.assertEqual(self.rows(f"SELECT t.cw_name FROM is_relation r JOIN cw_CWEType t ON t.cw_eid = r.eid_to "
                                   f"WHERE r.eid_from = {ann[0]}"), [("Person",)])
        self.setUp()
        self.application(PERSON, "0.1.0")
        self.ok("create")
        fresh = layout()
        self.assertEqual(upgraded[0], fresh[0])
        self.assertEqual(upgraded[1], fresh[1])

    def test_a_schema_that_cannot_be_read_writes_nothing(self):
        self.application("class Broken(EntityType):\n    r = SubjectRelation('Nowhere')\n")
        code, out, err = self.migrate("create")
        self.assertEqual(code, 1)
        self.assertIn("schema.py:2", err)  # the class that names it
        self.assertIn("'Nowhere', which is no entity type", err)
        self.assertEqual(self.tables(), [])
