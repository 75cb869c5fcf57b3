"""The ledger of applied scripts on SQLite and PostgreSQL: what it records, a script added below the stored
version (reported, refused, run only with --include-unapplied), a script edited after apply, verify,
mark-applied / mark-unapplied, and an old instance upgraded into the ledger (framework 2.30.0)."""
import hashlib
import json
import os
import unittest

from runtime_case import PERSON, RuntimeCase, on_both_databases

INSERT = "sqlexec(\"INSERT INTO entities (type) VALUES ('Person')\")\n"


def sha(text):
    return hashlib.sha256(text.encode()).hexdigest()


@on_both_databases
class Ledger(RuntimeCase):
    def setUp(self):
        super().setUp()
        self.application(PERSON, "0.1.0", {"0.1.0_Any.py": INSERT})
        self.ok("create")
        self.application(PERSON, "0.2.0", {"0.2.0_Any.py": INSERT})
        self.ok("upgrade", "--no-backup")

    def ledger(self):
        return self.rows("SELECT component, version, script, sha256, outcome, duration_ms, applied_at, recorded_by "
                         "FROM erudi_migration_log WHERE component = 'model' ORDER BY applied_at")

    def persons(self):
        return len(self.rows("SELECT eid FROM entities WHERE type = 'Person'"))

    def test_each_applied_script_is_recorded_with_its_checksum_duration_and_outcome(self):
        rows = self.ledger()
        self.assertEqual([r[:5] for r in rows], [("model", "0.1.0", "0.1.0_Any.py", sha(INSERT), "created"),
                                                ("model", "0.2.0", "0.2.0_Any.py", sha(INSERT), "applied")])
        self.assertIsInstance(rows[1][5], int)
        self.assertRegex(rows[1][6], r"^\d{4}-\d\d-\d\dT")
        self.assertIn("@", rows[1][7])
        status = json.loads(self.ok("status", "--json"))
        self.assertEqual((status["ledger"], status["unapplied"], status["changed"], status["missing"]), (True, [], [], []))
        self.assertEqual(self.migrate("verify")[0], 0)

    def test_status_json_gives_each_scripts_record_with_its_time_and_duration(self):
        status = json.loads(self.ok("status", "--json"))
        rows = {(r[0], r[2]): r for r in self.ledger()}
        records = {(r["component"], r["script"]): r for r in status["records"]}
        self.assertEqual(set(records), set(rows))
        applied = records[("model", "0.2.0_Any.py")]
        self.assertEqual((applied["outcome"], applied["applied"], applied["version"]), ("applied", True, "0.2.0"))
        self.assertEqual((applied["duration_ms"], applied["applied_at"], applied["sha256"]),
                         rows[("model", "0.2.0_Any.py")][5:7] + (sha(INSERT),))
        self.assertIsNone(records[("model", "0.1.0_Any.py")]["duration_ms"], "created with the instance: no run")
        self.ok("mark-unapplied", "0.2.0_Any.py")
        later = {(r["component"], r["script"]): r for r in json.loads(self.ok("status", "--json"))["records"]}
        self.assertEqual((later[("model", "0.2.0_Any.py")]["outcome"], later[("model", "0.2.0_Any.py")]["applied"]),
                         ("marked-unapplied", False), "the latest record counts")

    def test_a_script_added_below_the_stored_version_is_reported_and_refused(self):
        self.write("migration/0.1.5_merged_Any.py", INSERT)
        status = json.loads(self.ok("status", "--json"))
        self.assertEqual(status["unapplied"], ["migration/0.1.5_merged_Any.py"])
        self.assertIn("unapplied: migration/0.1.5_merged_Any.py", self.ok("status"))
        before = self.dump()
        code, _, err = self.migrate("upgrade", "--no-backup")
        self.assertEqual(code, 1)
        self.assertIn("migration/0.1.5_merged_Any.py: unapplied", err)
        self.assertIn("--include-unapplied", err)
        self.assertEqual(self.dump(), before)
        code, out, _ = self.migrate("verify")
        self.assertEqual(code, 1)
        self.assertIn("0.1.5_merged_Any.py", out)

        out = self.ok("upgrade", "--no-backup", "--include-unapplied", "--json")
        steps = [json.loads(line) for line in out.splitlines() if '"step"' in line]
        self.assertEqual(steps[0]["scripts"], ["migration/0.1.5_merged_Any.py"])
        self.assertEqual(self.persons(), 2)
        self.assertEqual(self.ledger()[-1][2:5], ("0.1.5_merged_Any.py", sha(INSERT), "applied"))
        self.assertEqual(json.loads(self.ok("status", "--json"))["unapplied"], [])
        self.assertEqual(self.rows("SELECT version FROM erudi_versions WHERE component = 'model'"), [("0.2.0",)])

    def test_a_script_edited_after_apply_is_reported_with_both_checksums_and_the_date(self):
        self.write("migration/0.2.0_Any.py", INSERT + "# edited\n")
        status = json.loads(self.ok("status", "--json"))
        [changed] = status["changed"]
        self.assertEqual(changed["file"], "migration/0.2.0_Any.py")
        self.assertEqual(changed["recorded"], sha(INSERT))
        self.assertEqual(changed["current"], sha(INSERT + "# edited\n"))
        self.assertEqual(changed["applied_at"], self.ledger()[1][6])
        self.assertIn("changed:   migration/0.2.0_Any.py after it was applied", self.ok("status"))
        code, out, _ = self.migrate("verify", "--json")
        self.assertEqual(code, 1)
        self.assertEqual([d["kind"] for d in json.loads(out)["differences"]], ["changed"])
        # accepted as it is now, recorded as such, by whom and when
        self.ok("mark-applied", "migration/0.2.0_Any.py")
        last = self.ledger()[-1]
        self.assertEqual(last[2:5], ("0.2.0_Any.py", sha(INSERT + "# edited\n"), "marked-applied"))
        self.assertIn("@", last[7])
        self.assertEqual(self.migrate("verify")[0], 0)

    def test_mark_unapplied_then_include_unapplied_runs_it_again(self):
        self.ok("mark-unapplied", "0.2.0_Any.py")
        self.assertEqual(json.loads(self.ok("status", "--json"))["unapplied"], ["migration/0.2.0_Any.py"])
        self.ok("upgrade", "--no-backup", "--include-unapplied")
        self.assertEqual(self.persons(), 2)
        self.assertEqual([r[4] for r in self.ledger()], ["created", "applied", "marked-unapplied", "applied"])

    def test_mark_applied_records_a_script_run_by_other_means(self):
        self.write("migration/0.1.5_by_hand_Any.py", INSERT)
        self.ok("mark-applied", os.path.join(self.app, "migration", "0.1.5_by_hand_Any.py"))
        self.assertEqual(self.persons(), 1)  # not run
        self.assertEqual(self.migrate("verify")[0], 0)
        self.ok("upgrade", "--no-backup")

    def test_run_of_a_script_at_or_below_the_stored_version_records_it(self):
        path = self.write("migration/0.1.5_by_run_Any.py", INSERT)
        self.ok("run", path, "--dry-run")
        self.assertEqual(json.loads(self.ok("status", "--json"))["unapplied"], ["migration/0.1.5_by_run_Any.py"])
        self.ok("run", path)
        self.assertEqual(self.ledger()[-1][2:5], ("0.1.5_by_run_Any.py", sha(INSERT), "applied"))
        self.assertEqual(json.loads(self.ok("status", "--json"))["unapplied"], [])
        self.assertEqual(self.persons(), 2)

    def test_mark_refuses_what_is_no_script(self):
        code, _, err = self.migrate("mark-applied", "notes.py")
        self.assertEqual(code, 1)
        self.assertIn("not a migration script name", err)
        code, _, err = self.migrate("mark-applied", "0.1.7_Any.py")
        self.assertIn("no such script", err)

    def test_a_recorded_script_whose_file_is_gone(self):
        os.unlink(os.path.join(self.app, "migration", "0.2.0_Any.py"))
        code, out, _ = self.migrate("verify")
        self.assertEqual(code, 1)
        self.assertIn("the file is gone", out)
        self.ok("mark-unapplied", "0.2.0_Any.py")
        self.assertEqual(self.migrate("verify")[0], 0)

    def test_a_dry_run_records_nothing(self):
        self.write("migration/0.1.5_merged_Any.py", INSERT)
        before = self.dump()
        self.ok("upgrade", "--include-unapplied", "--dry-run")
        self.ok("mark-applied", "0.1.5_merged_Any.py", "--dry-run")
        self.assertEqual(self.dump(), before)


@on_both_databases
class OldInstances(RuntimeCase):
    def test_an_instance_older_than_the_ledger_upgrades_into_it(self):
        self.application(PERSON, "0.1.0")
        self.ok("create", "--framework-version", "2.28.0")
        # written after create but before the ledger existed: nothing can tell, so baseline
        self.application(PERSON, "0.2.0", {"0.1.0_old_Any.py": INSERT, "0.2.0_Any.py": INSERT})
        status = json.loads(self.ok("status", "--json"))
        self.assertEqual((status["ledger"], status["unapplied"]), (False, []))
        code, _, err = self.migrate("verify")
        self.assertEqual(code, 1)
        self.assertIn("run `erudi-migrate upgrade` first", err)
        self.ok("upgrade", "--no-backup")
        rows = self.rows("SELECT script, outcome, sha256 FROM erudi_migration_log WHERE component = 'model' "
                         "ORDER BY applied_at")
        self.assertEqual(rows, [("0.2.0_Any.py", "applied", None), ("0.1.0_old_Any.py", "baseline", sha(INSERT))])
        self.assertEqual(len(self.rows("SELECT eid FROM entities WHERE type = 'Person'")), 1)
        self.assertEqual(self.migrate("verify")[0], 0)
        framework = self.rows("SELECT script, outcome FROM erudi_migration_log WHERE component = 'erudi'")
        self.assertIn(("2.30.0_ledger_Any.py", "applied"), framework)


if __name__ == "__main__":
    unittest.main()
