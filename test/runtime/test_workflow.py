"""add_state() and add_transition() on SQLite and PostgreSQL, over the framework's workflow system types."""
import unittest

from runtime_case import RuntimeCase, on_both_databases
from erudi_migrate.errors import MigrationError
from test_rql import ScriptSession

TICKETS = """
class Ticket(EntityType):
    title = String(required=True)
"""

# a call on the Ticket workflow (states open/closed exist), the error's words
ERRORS = [
    (lambda s: s.add_state("x", "Tiket"), "add_state(stateof=...): unknown entity type 'Tiket' (did you mean 'Ticket'?)"),
    (lambda s: s.add_state("open", "Ticket"), "the Ticket workflow already has a state 'open'"),
    (lambda s: s.add_state("", "Ticket"), "a state name is a non-empty string"),
    (lambda s: s.add_transition("t", "Ticket", ["opne"], "closed"), "'opne' is no state of the Ticket workflow (did you mean 'open'?)"),
    (lambda s: s.add_transition("t", "Ticket", ["open"], "done"), "add_transition(tostate=...): 'done' is no state of the Ticket workflow"),
    (lambda s: s.add_transition("close", "Ticket", ["open"], "closed"), "already has a transition 'close'"),
    (lambda s: s.add_transition("t", "Ticket", [], "closed"), "give at least one state"),
    (lambda s: s.add_transition("t", "Note", ["open"], "closed"), "Note has no workflow yet: add its states first"),
]


class WorkflowCases(RuntimeCase):
    """The same cases on CubicWeb's workflow types (erudi 2.29.0 on) and on erudi 2.28.0's."""
    framework = None  # the current one
    W, S, T = "Workflow", "State", "Transition"
    OF = "W workflow_of ET, ET name {}"   # how a query names the workflow's entity type

    def setUp(self):
        super().setUp()
        self.create(TICKETS + "\nclass Note(EntityType):\n    text = String()\n", "0.1.0",
                    *(("--framework-version", self.framework) if self.framework else ()))
        self.s = ScriptSession(self)

    def of(self, etype):
        return self.OF.format(etype)

    def test_states_and_transitions_of_an_entity_type(self):
        s = self.s
        opened = s.add_state("open", "Ticket", initial=True)
        closed = s.add_state("closed", "Ticket", description="nothing left to do", commit=True)
        close = s.add_transition("close", "Ticket", ["open"], "closed", requiredgroups=("managers", "users"))
        reopen = s.add_transition("reopen", "Ticket", [closed], opened)
        self.assertEqual(list(s.rql(f"Any W, N WHERE W is {self.W}, {self.of(repr('Ticket'))}, W name N"))[0][1],
                         "Ticket workflow")
        self.assertEqual(list(s.rql(f"Any S WHERE {self.of(repr('Ticket'))}, W initial_state S")), [(opened,)])
        self.assertEqual(list(s.rql(f"Any D WHERE S is {self.S}, S name 'closed', S description D")),
                         [("nothing left to do",)])
        self.assertEqual(sorted(s.rql(f"Any T, F, D WHERE T is {self.T}, F allowed_transition T, "
                                      f"T destination_state D, T transition_of W, {self.of(repr('Ticket'))}")),
                         sorted([(close, opened, closed), (reopen, closed, opened)]))
        self.assertEqual(list(s.rql("Any N ORDERBY N WHERE T eid %(t)s, T require_group G, G name N", {"t": close})),
                         [("managers",), ("users",)])

    def test_marking_another_initial_state_replaces_it(self):
        self.s.add_state("draft", "Ticket", initial=True)
        review = self.s.add_state("review", "Ticket", initial=True)
        self.assertEqual(list(self.s.rql(f"Any S WHERE {self.of(repr('Ticket'))}, W initial_state S")), [(review,)])

    def test_each_entity_type_has_its_own_workflow(self):
        before = self.s.rql(f"Any COUNT(W) WHERE W is {self.W}").one()
        self.s.add_state("open", "Ticket")
        self.s.add_state("open", "Note")
        self.assertEqual(self.s.rql(f"Any COUNT(W) WHERE W is {self.W}").one(), before + 2)

    def test_renaming_or_dropping_the_entity_type_follows_its_workflow(self):
        self.s.add_state("open", "Ticket", initial=True)
        self.s.add_state("closed", "Ticket")
        self.s.add_transition("close", "Ticket", ["open"], "closed")
        self.s.add_state("draft", "Note")
        self.s.rename_entity_type("Ticket", "Issue")
        names = f"Any N ORDERBY N WHERE W is {self.W}, {self.of('N')}, NOT W name 'default user workflow'"
        self.assertEqual(list(self.s.rql(names)), [("Issue",), ("Note",)])
        self.s.drop_entity_type("Issue")
        self.assertEqual(list(self.s.rql(names)), [("Note",)])
        self.assertEqual(list(self.s.rql(f"Any N WHERE S is {self.S}, S name N, S state_of W, {self.of(repr('Note'))}")),
                         [("draft",)])
        self.assertEqual(len(self.s.rql(f"Any T WHERE T is {self.T}, T name 'close'")), 0)

    def test_errors(self):
        self.s.add_state("open", "Ticket", initial=True)
        self.s.add_state("closed", "Ticket")
        self.s.add_transition("close", "Ticket", ["open"], "closed")
        for call, words in ERRORS + self.ERRORS:
            with self.subTest(words=words):
                with self.assertRaises(MigrationError) as caught:
                    call(self.s)
                self.assertIn(words, str(caught.exception))


@on_both_databases
class Workflows(WorkflowCases):
    ERRORS = [(lambda s: s.add_state("x", "State"), "unknown entity type 'State'"),
              (lambda s: s.add_transition("t", "Ticket", ["open"], "closed", requiredgroups=["admins"]),
               "unknown group(s) 'admins'; the groups are: guests, managers, owners, users")]


@on_both_databases
class LegacyWorkflows(WorkflowCases):
    framework = "2.28.0"
    W, S, T = "CWWorkflow", "CWState", "CWTransition"
    OF = "W workflow_of {}"
    ERRORS = [(lambda s: s.add_state("x", "CWState"), "unknown entity type 'CWState'"),
              (lambda s: s.add_transition("t", "Ticket", ["open"], "closed", requiredgroups=["admins"]),
               "unknown group(s) 'admins'; the groups are: guests, managers, users")]


@on_both_databases
class WorkflowFrameworkStep(RuntimeCase):
    def test_the_types_arrive_with_framework_2_28_0(self):
        self.application(TICKETS)
        self.ok("create", "--framework-version", "2.27.0")
        code, out, err = self.run_failing('add_state("open", "Ticket")\n')
        self.assertIn("no workflow types", err)
        self.assertIn("2.28.0", err)
        self.ok("upgrade", "--no-backup")
        self.assertIn("cw_state", [t.lower() for t in self.tables()])
        self.run_script('add_state("open", "Ticket", initial=True)\nadd_transition("stay", "Ticket", ["open"], "open")\n')
        self.assertEqual(self.rows("SELECT cw_name FROM cw_Transition WHERE cw_name = 'stay'"), [("stay",)])

    def test_2_29_0_turns_the_2_28_0_types_into_cubicweb_s(self):
        self.application(TICKETS)
        self.ok("create", "--framework-version", "2.28.0")
        self.run_script('add_state("open", "Ticket", initial=True)\nadd_state("done", "Ticket")\n'
                        'add_transition("finish", "Ticket", ["open"], "done", requiredgroups=["users"])\n')
        eids = self.rows("SELECT cw_eid, cw_name FROM cw_CWState ORDER BY cw_eid")
        self.ok("upgrade", "--no-backup")
        self.assertNotIn("cw_cwstate", [t.lower() for t in self.tables()])
        self.assertEqual(self.rows("SELECT cw_eid, cw_name FROM cw_State WHERE cw_name IN ('open', 'done') "
                                   "ORDER BY cw_eid"), eids)
        s = ScriptSession(self)
        self.assertEqual(list(s.rql("Any N WHERE W workflow_of ET, ET name 'Ticket', W initial_state S, S name N")),
                         [("open",)])
        self.assertEqual(list(s.rql("Any G WHERE T name 'finish', T require_group X, X name G")), [("users",)])
        self.assertEqual(self.rows(f"SELECT e.type, t.cw_name FROM entities e JOIN is_relation r ON r.eid_from = e.eid "
                                   f"JOIN cw_CWEType t ON t.cw_eid = r.eid_to WHERE e.eid = {eids[0][0]}"),
                         [("State", "State")])
        s.add_transition("reopen", "Ticket", ["done"], "open")


if __name__ == "__main__":
    unittest.main()
