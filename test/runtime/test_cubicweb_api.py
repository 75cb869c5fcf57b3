"""CubicWeb 3.28's script API on SQLite and PostgreSQL, in the manner of CubicWeb's unittest_migractions.py:
one test per command (or group of sibling names), each running a real script through the CLI."""
import json
import os
import unittest

from runtime_case import RuntimeCase, on_both_databases

SCHEMA = """
class Person(EntityType):
    name = String(maxsize=64, required=True)
    age = Int()
    knows = SubjectRelation('Person')
    works_for = SubjectRelation('Company', cardinality='?*', inlined=True)

class Company(EntityType):
    name = String(unique=True)

# CWProperty (set_property, property_value) is CubicWeb's core type: the instance has it from erudi 2.29.0
"""


def events(out):
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def printed(out):
    return [e["text"] for e in events(out) if e["event"] == "output"]


def warnings(out):
    return [e["text"] for e in events(out) if e["event"] == "warning"]


@on_both_databases
class CubicWebNames(RuntimeCase):
    def setUp(self):
        super().setUp()
        self.create(SCHEMA)
        self.ann = self.insert("Person", name="ann", age=41)
        self.bob = self.insert("Person", name="bob", age=29)

    def run_json(self, body, *extra):
        return self.run_script(body, "--json", *extra)

    # sql / sqlexec ----------------------------------------------------------------------------
    def test_sql_with_args(self):
        out = self.run_json("""
            sql("UPDATE cw_Person SET cw_age = %(age)s WHERE cw_name = %(name)s", {'age': 42, 'name': 'ann'})
            print(sql("SELECT cw_name FROM cw_Person WHERE cw_age > %s ORDER BY cw_name", (30,)))
            print(sqlexec("SELECT COUNT(*) FROM cw_Person WHERE cw_name LIKE 'a%%'", {}))
            print(sql("SELECT cw_name FROM cw_Person WHERE cw_name = '100%'"))
        """)
        self.assertEqual(printed(out), ["[('ann',)]", "[(1,)]", "[]"])
        self.assertEqual(self.rows("SELECT cw_age FROM cw_Person WHERE cw_eid = %d" % self.ann), [(42,)])

    # create_entity, find, cnx / session ----------------------------------------------------------
    def test_create_entity_then_rql_finds_it(self):
        out = self.run_json("""
            carl = create_entity('Person', name=u'carl', age=30, knows=%d)
            print(carl.eid > 0, carl.name, carl.age, carl.cw_etype)
            print(rql('Any N WHERE X eid %%(x)s, X name N', {'x': carl.eid})[0][0])
            print([p.name for p in carl.knows])
        """ % self.ann)
        self.assertEqual(printed(out), ["True carl 30 Person", "carl", "['ann']"])

    def test_find_and_its_deprecated_forms(self):
        out = self.run_json("""
            print(len(find('Person')), [p.name for p in find('Person', age=41).entities()])
            print(find('Person', name='bob').one().age, find_one_entity('Person', name='ann').age)
            print(sorted(p.name for p in find_entities('Person')))
            print(len(find('Person', name='nobody')))
        """)
        self.assertEqual(printed(out), ["2 ['ann']", "29 41", "['ann', 'bob']", "0"])
        code, out, err = self.run_failing("find_one_entity('Person', name='nobody')")
        self.assertIn("expected exactly one entity, found 0", err)

    def test_cnx_and_session(self):
        out = self.run_json("""
            print(cnx is session)
            rset = cnx.execute('Any X WHERE X is Person, X name %%(n)s', {'n': 'ann'})
            print(rset.get_entity(0, 0).age, rset.one().name)
            print(cnx.system_sql('SELECT COUNT(*) FROM cw_Person').fetchall())
            acme = cnx.create_entity('Company', name=u'acme')
            print(cnx.entity_from_eid(acme.eid).name, len(cnx.find('Company', name='acme')))
            cnx.entity_from_eid(%d).cw_set(works_for=acme, age=42)
            cnx.commit()
            print(cnx.execute('Any A WHERE X works_for C, C name "acme", X age A')[0][0])
        """ % self.ann)
        self.assertEqual(printed(out), ["True", "41 ann", "[(2,)]", "acme 1", "42"])

    def test_rqliter(self):
        out = self.run_json("""
            for eid, name in rqliter('Any X, N ORDERBY N WHERE X is Person, X name N'):
                print(name)
            print([p.age for p in rqliter('Any X ORDERBY N WHERE X is Person, X name N').entities()])
        """)
        self.assertEqual(printed(out), ["ann", "bob", "[41, 29]"])

    # commit / rollback -----------------------------------------------------------------------------
    def test_commit_in_run_commits_and_rollback_undoes_since(self):
        code, out, err = self.run_failing("""
            create_entity('Company', name=u'kept')
            commit()
            create_entity('Company', name=u'undone')
            rollback()
            create_entity('Company', name=u'also kept')
            commit(ask_confirm=False)
            raise ValueError('stop')
        """)
        self.assertEqual(sorted(self.rows("SELECT cw_name FROM cw_Company")), [("also kept",), ("kept",)])

    def test_commit_inside_an_upgrade_step(self):
        # The step commits with its version; commit() marks where rollback() returns to.
        self.application(SCHEMA, "0.2.0", {
            "0.2.0_Any.py": """
                create_entity('Company', name=u'first')
                commit()
                create_entity('Company', name=u'dropped by rollback')
                rollback()
                create_entity('Company', name=u'second')
            """})
        out = self.ok("upgrade", "--no-backup", "--json")
        self.assertIn("commit(): deferred to the end of this version step (a step commits together with its version)",
                      printed(out))
        self.assertEqual(sorted(self.rows("SELECT cw_name FROM cw_Company")), [("first",), ("second",)])
        self.assertEqual(self.rows("SELECT version FROM erudi_versions WHERE component = 'model'"), [("0.2.0",)])

    def test_a_failure_after_commit_leaves_the_step_unapplied(self):
        self.application(SCHEMA, "0.2.0", {"0.2.0_Any.py": "create_entity('Company', name=u'x')\ncommit()\n1/0\n"})
        before = self.dump()
        code, out, err = self.migrate("upgrade", "--no-backup")
        self.assertEqual(code, 1)
        self.assertIn("0.2.0_Any.py:3: ZeroDivisionError", err)
        self.assertEqual(self.dump(), before)  # the database is still at its recorded version, 0.1.0

    # confirm, values, process_script ------------------------------------------------------------------
    def test_confirm_with_cubicweb_arguments_and_context_values(self):
        out = self.run_json("""
            import os
            print(confirm('go?', shell=False, abort=True, retry=False, pdb=False, default='n', traceback=None))
            print(interactive_mode, sorted(versions_map), versions_map['app'])
            print(os.path.basename(__file__), __args__, repo is not None, 'host' in config or True)
        """)
        self.assertEqual(printed(out), ["True", "False ['app', 'erudi'] ((0, 1, 0), (0, 1, 0))",
                                        "9.9.9_scratch_Any.py [] True True"])

    def test_process_script_with_funcname_scriptargs_and_sibling_imports(self):
        self.write("scratch/helpers.py", """
            from .utils import double
            print('helpers sees', __args__, __name__)
            def adults(minimum):
                return double(len(rql('Any X WHERE X is Person, X age > %(m)s', {'m': minimum})))
        """)
        self.write("scratch/utils.py", "def double(n):\n    return 2 * n\n")
        self.write("scratch/fill.sql", "INSERT INTO cw_Company (cw_eid, cw_name) SELECT cw_eid, 'c' || cw_name FROM cw_Person;\n")
        out = self.run_json("""
            print(process_script('helpers.py', 'adults', 30, scriptargs=['-v']))
            process_script('fill.sql')
            from .utils import double
            print(double(21), __file__.endswith('9.9.9_scratch_Any.py'))
        """)
        self.assertEqual(printed(out), ["helpers sees ['-v'] helpers", "2", "42 True"])
        self.assertEqual(sorted(self.rows("SELECT cw_name FROM cw_Company")), [("cann",), ("cbob",)])

    def test_a_failure_in_a_nested_script_names_its_file_and_line(self):
        self.write("scratch/broken.py", "x = 1\nadd_attribute('Nobody', 'x', 'Int')\n")
        code, out, err = self.run_failing("process_script('broken.py')")
        self.assertIn("broken.py:2: entity type 'Nobody' is not in the database", err)

    def test_option_group_changed_and_option_type_changed(self):
        path = os.path.join(self.tmp, "instance.conf")
        with open(path, "w") as handle:
            handle.write("[main]\nport = 8080\nworkers = 2\n")
        self.run_json("""
            option_group_changed('port', 'main', 'web')
            option_type_changed('workers', 'int', 'auto')
            option_type_changed('absent', 'int', 3)
        """, "--config", path)
        with open(path) as handle:
            text = handle.read()
        self.assertIn("[web]\nport = 8080", text)
        self.assertIn("workers = auto", text)
        self.assertNotIn("absent", text)

    # every command takes ask_confirm -----------------------------------------------------------------
    def test_every_command_accepts_ask_confirm(self):
        self.application(SCHEMA.replace("    age = Int()\n", "    age = Int()\n    email = String()\n"))
        self.run_json("add_attribute('Person', 'email', ask_confirm=False)\n"
                      "create_entity('Company', ask_confirm=True, name=u'asked')\n")
        self.assertIn("cw_email", self.columns("cw_Person"))
        self.assertEqual(self.rows("SELECT cw_name FROM cw_Company"), [("asked",)])

    def test_ask_confirm_true_asks_in_an_interactive_run(self):
        self.application(SCHEMA.replace("    age = Int()\n", "    age = Int()\n    email = String()\n"))
        path = self.write("scratch/9.9.9_ask_Any.py", "add_attribute('Person', 'email', ask_confirm=True)\n"
                                                      "create_entity('Company', name=u'not asked')\n")
        code, out, err = self.migrate("run", path, "--json", "--interactive", stdin='{"id": 1, "answer": false}\n')
        self.assertEqual(code, 0, err)
        questions = [e["question"] for e in events(out) if e["event"] == "confirm"]
        self.assertEqual(questions, ["Execute command: add_attribute('Person', 'email') ?"])
        self.assertNotIn("cw_email", self.columns("cw_Person"))
        self.assertEqual(self.rows("SELECT cw_name FROM cw_Company"), [("not asked",)])

    # properties, storages, full-text index ------------------------------------------------------------
    def test_set_property_and_property_value(self):
        out = self.run_json("""
            set_property('system.version.file', '1.2.0')
            set_property('system.version.file', '1.3.0')
            print(property_value('system.version.file'), len(find('CWProperty')))
        """)
        self.assertEqual(printed(out), ["1.3.0 1"])
        code, out, err = self.run_failing("property_value('ui.nothing')")
        self.assertIn("property_value('ui.nothing'): no such property is set", err)

    def test_storage_changed_is_refused_before_any_change(self):
        before = self.dump()
        code, out, err = self.run_failing("add_attribute('Person', 'photo', 'Bytes')\nstorage_changed('Person', 'photo')")
        self.assertIn("storage_changed('Person', 'photo'): this runtime keeps every attribute in its database column", err)
        self.assertIn("Run this script with cubicweb-ctl", err)
        self.assertEqual(self.dump(), before)

    def test_full_text_index_commands_say_there_is_none(self):
        out = self.run_json("reindex_entities(['Person'])\nupdate_etype_fti_weight('Person', 0.5)\nreindex_entities()")
        notices = [e["text"] for e in events(out) if e["event"] == "notice"]
        self.assertEqual(notices[0], "reindex_entities: this instance keeps no full-text index, nothing to rebuild for Person")
        self.assertIn("update_etype_fti_weight: this instance keeps no full-text index", notices[1])
        code, out, err = self.run_failing("reindex_entities(['Persn'])")
        self.assertIn("entity type 'Persn' is not in the database", err)

    def test_install_custom_sql_scripts(self):
        self.write("schema/views.sqlite.sql", "CREATE VIEW adults AS SELECT cw_name FROM cw_Person WHERE cw_age >= 30;;\n")
        self.write("schema/views.postgres.sql", "CREATE VIEW adults AS SELECT cw_name FROM cw_Person WHERE cw_age >= 30;;\n")
        self.run_json("install_custom_sql_scripts()")
        self.assertEqual(self.rows("SELECT cw_name FROM adults"), [("ann",)])

    def test_exec_event_script(self):
        self.write("migration/postcreate.py", "create_entity('Company', name=u'from postcreate')\n")
        out = self.run_json("exec_event_script('postcreate')\nprint(exec_event_script('preremove'))")
        self.assertEqual(self.rows("SELECT cw_name FROM cw_Company"), [("from postcreate",)])
        self.assertEqual(printed(out), ["None"])

    # workflows ----------------------------------------------------------------------------------------
    def test_make_workflowable_add_workflow_get_workflow_for(self):
        out = self.run_json("""
            make_workflowable('Person')
            wf = add_workflow(u'person workflow', 'Person')
            add_state(u'alive', 'Person', initial=True)
            print(wf.name, get_workflow_for('Person').eid == wf.eid)
            print('in_state' in schema['Person'].subjrels)
        """)
        self.assertEqual(printed(out), ["person workflow True", "True"])
        out = self.run_json("""
            wf = get_workflow_for('Person')
            dead = wf.add_state(u'dead')
            wf.add_transition(u'die', (find('State', name=u'alive').one(),), dead, requiredgroups=('managers',))
            print(sorted(n for n, in rql('Any N WHERE T is Transition, T transition_of W, W workflow_of ET, ET name "Person", T name N')), dead.name)
        """)
        self.assertEqual(printed(out), ["['die'] dead"])
        # CubicWeb's in_state is not inlined: its rows are in in_state_relation
        self.assertIn(("Person", "in_state", "State"), self.persisted().definitions)
        self.assertIn("in_state_relation", [t.lower() for t in self.tables()])
        code, out, err = self.run_failing("add_workflow(u'w', 'Company')")
        self.assertIn("Company has no in_state relation; make it workflowable first with make_workflowable('Company')", err)
