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
    (lambda s: s.add_state("x", "CWState"), "unknown entity type 'CWState'"),
    (lambda s: s.add_state("open", "Ticket"), "the Ticket workflow already has a state 'open'"),
    (lambda s: s.add_state("", "Ticket"), "a state name is a non-empty string"),
    (lambda s: s.add_transition("t", "Ticket", ["opne"], "closed"), "'opne' is no state of the Ticket workflow (did you mean 'open'?)"),
    (lambda s: s.add_transition("t", "Ticket", ["open"], "done"), "add_transition(tostate=...): 'done' is no state of the Ticket workflow"),
    (lambda s: s.add_transition("t", "Ticket", ["open"], "closed", requiredgroups=["admins"]), "unknown group(s) 'admins'; the groups are: guests, managers, users"),
    (lambda s: s.add_transition("close", "Ticket", ["open"], "closed"), "already has a transition 'close'"),
    (lambda s: s.add_transition("t", "Ticket", [], "closed"), "give at least one state"),
    (lambda s: s.add_transition("t", "Note", ["open"], "closed"), "Note has no workflow yet: add its states first"),
]


@on_both_databases
class Workflows(RuntimeCase):
    def setUp(self):
        super().setUp()
        self.create(TICKETS + "\nclass Note(EntityType):\n    text = String()\n")
        self.s = ScriptSession(self)

    def test_states_and_transitions_of_an_entity_type(self):
        s = self.s
        opened = s.add_state("open", "Ticket", initial=True)
        closed = s.add_state("closed", "Ticket", description="nothing left to do", commit=True)
        close = s.add_transition("close", "Ticket", ["open"], "closed", requiredgroups=("managers", "users"))
        reopen = s.add_transition("reopen", "Ticket", [closed], opened)
        self.assertEqual(list(s.rql("Any W, N WHERE W is CWWorkflow, W workflow_of 'Ticket', W name N"))[0][1],
                         "Ticket workflow")
        self.assertEqual(list(s.rql("Any S WHERE W workflow_of 'Ticket', W initial_state S")), [(opened,)])
        self.assertEqual(list(s.rql("Any D WHERE S is CWState, S name 'closed', S description D")),
                         [("nothing left to do",)])
        self.assertEqual(sorted(s.rql("Any T, F, D WHERE T is CWTransition, F allowed_transition T, "
                                      "T destination_state D")), sorted([(close, opened, closed), (reopen, closed, opened)]))
        self.assertEqual(list(s.rql("Any N ORDERBY N WHERE T eid %(t)s, T require_group G, G name N", {"t": close})),
                         [("managers",), ("users",)])

    def test_marking_another_initial_state_replaces_it(self):
        self.s.add_state("draft", "Ticket", initial=True)
        review = self.s.add_state("review", "Ticket", initial=True)
        self.assertEqual(list(self.s.rql("Any S WHERE W workflow_of 'Ticket', W initial_state S")), [(review,)])

    def test_each_entity_type_has_its_own_workflow(self):
        self.s.add_state("open", "Ticket")
        self.s.add_state("open", "Note")
        self.assertEqual(self.s.rql("Any COUNT(W) WHERE W is CWWorkflow").one(), 2)

    def test_renaming_or_dropping_the_entity_type_follows_its_workflow(self):
        self.s.add_state("open", "Ticket", initial=True)
        self.s.add_state("closed", "Ticket")
        self.s.add_transition("close", "Ticket", ["open"], "closed")
        self.s.add_state("draft", "Note")
        self.s.rename_entity_type("Ticket", "Issue")
        self.assertEqual(list(self.s.rql("Any N ORDERBY N WHERE W is CWWorkflow, W workflow_of N")), [("Issue",), ("Note",)])
        self.s.drop_entity_type("Issue")
        self.assertEqual(list(self.s.rql("Any N WHERE W is CWWorkflow, W workflow_of N")), [("Note",)])
        self.assertEqual(list(self.s.rql("Any N WHERE S is CWState, S name N")), [("draft",)])
        self.assertEqual(len(self.s.rql("Any T WHERE T is CWTransition")), 0)

    def test_errors(self):
        self.s.add_state("open", "Ticket", initial=True)
        self.s.add_state("closed", "Ticket")
        self.s.add_transition("close", "Ticket", ["open"], "closed")
        for call, words in ERRORS:
            with self.subTest(words=words):
                with self.assertRaises(MigrationError) as caught:
                    call(self.s)
                self.assertIn(words, str(caught.exception))


@on_both_databases
class WorkflowFrameworkStep(RuntimeCase):
    def test_the_types_arrive_with_framework_2_28_0(self):
        self.application(TICKETS)
        self.ok("create", "--framework-version", "2.27.0")
        code, out, err = self.run_failing('add_state("open", "Ticket")\n')
        self.assertIn("no workflow types", err)
        self.assertIn("2.28.0", err)
        self.ok("upgrade", "--no-backup")
        self.assertIn("cw_cwstate", [t.lower() for t in self.tables()])
        self.run_script('add_state("open", "Ticket", initial=True)\nadd_transition("stay", "Ticket", ["open"], "open")\n')
        self.assertEqual(self.rows("SELECT cw_name FROM cw_CWTransition"), [("stay",)])


if __name__ == "__main__":
    unittest.main()
