"""Questions (confirm(), sqlexec's and the commands' ask_confirm, checkpoint) on SQLite and PostgreSQL: never
answered silently. Without a terminal, --json or --non-interactive the first one stops the run and nothing
changes; with --non-interactive / --yes each is printed with its automatic answer and sent as an event."""
import json
import unittest

from runtime_case import PERSON, RuntimeCase, on_both_databases

ASKS = "sqlexec(\"INSERT INTO entities (type) VALUES ('Person')\")\nprint(confirm('Drop the old rows?'))\n"


def events(out):
    return [json.loads(line) for line in out.splitlines() if line.strip()]


@on_both_databases
class Questions(RuntimeCase):
    def setUp(self):
        super().setUp()
        self.create(PERSON, "0.1.0")
        self.before = self.dump()

    def test_without_a_terminal_the_first_question_stops_the_run(self):
        self.application(PERSON, "0.2.0", {"0.2.0_Any.py": ASKS})
        code, out, err = self.migrate("upgrade", "--no-backup", "--interactive")  # stdin is no terminal here
        self.assertEqual(code, 1)
        self.assertIn("nobody can answer", err)
        self.assertIn("--non-interactive", err)
        self.assertIn("Execute SQL", err)  # sqlexec's own question came first
        self.assertEqual(self.dump(), self.before)
        path = self.write("scratch/0.1.0_ask_Any.py", "print(confirm('Sure?'))\n")
        code, _, err = self.migrate("run", path, "--interactive")
        self.assertEqual(code, 1)
        self.assertIn("'Sure?' but nobody can answer", err)
        self.assertEqual(self.dump(), self.before)

    def test_non_interactive_prints_and_sends_every_question_with_its_answer(self):
        self.application(PERSON, "0.2.0", {"0.2.0_Any.py": ASKS})
        out = self.ok("upgrade", "--no-backup", "--json")
        questions = [(e["question"], e["answer"], e["automatic"]) for e in events(out) if e["event"] == "question"]
        self.assertEqual(questions, [("Execute SQL: INSERT INTO entities (type) VALUES ('Person') ?", True, True),
                                     ("Drop the old rows?", True, True)])
        self.assertEqual(self.rows("SELECT version FROM erudi_versions WHERE component = 'model'"), [("0.2.0",)])

    def test_yes_is_the_same_and_reads_as_text(self):
        path = self.write("scratch/0.1.0_ask_Any.py", "print(confirm('Sure?'))\n")
        code, out, err = self.migrate("run", path, "--yes", "--interactive")
        self.assertEqual(code, 0, err)
        self.assertIn("? Sure? -> yes (answered by --non-interactive)", out)


if __name__ == "__main__":
    unittest.main()
