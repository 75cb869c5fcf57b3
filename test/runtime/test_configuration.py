"""The instance configuration: option_* changes as a table on InstanceConfig, then end to end through the CLI
(saved with each commit, backed up before the first save, reported as a `config` event, untouched by a failed or dry run, in every mode)."""
import glob
import json
import os
import tempfile
import unittest

from runtime_case import RuntimeCase, on_both_databases
from erudi_migrate.errors import MigrationError
from erudi_migrate.instance_config import InstanceConfig

BEFORE = "[main]\nhost = example.org\nlog-level = info\n\n[web]\nport = 8080\nlog-level = debug\n"

# (calls on a config read from BEFORE, the sections after, the changes reported) -- or the error's words
CHANGES = [
    ([("option_renamed", "host", "hostname")],
     {"main": {"hostname": "example.org", "log-level": "info"}, "web": {"port": "8080", "log-level": "debug"}},
     [{"action": "renamed", "section": "main", "option": "host", "to_option": "hostname"}]),
    ([("option_renamed", "nothere", "elsewhere")], None, []),
    ([("option_renamed", "web.log-level", "verbosity")],
     {"main": {"host": "example.org", "log-level": "info"}, "web": {"port": "8080", "verbosity": "debug"}},
     [{"action": "renamed", "section": "web", "option": "log-level", "to_option": "verbosity"}]),
    ([("option_group_change", "port", "web", "server")],
     {"main": {"host": "example.org", "log-level": "info"}, "web": {"log-level": "debug"}, "server": {"port": "8080"}},
     [{"action": "moved", "section": "web", "option": "port", "to_section": "server"}]),
    ([("option_group_change", "port", "web", "server"), ("option_group_change", "log-level", "web", "server")],
     {"main": {"host": "example.org", "log-level": "info"}, "server": {"port": "8080", "log-level": "debug"}},
     [{"action": "moved", "section": "web", "option": "port", "to_section": "server"},
      {"action": "moved", "section": "web", "option": "log-level", "to_section": "server"}]),
    ([("option_group_change", "port", "email", "web")], None, []),
    ([("option_added", "timeout", 30)],
     {"main": {"host": "example.org", "log-level": "info", "timeout": "30"}, "web": {"port": "8080", "log-level": "debug"}},
     [{"action": "added", "section": "main", "option": "timeout", "value": "30"}]),
    ([("option_added", "web.https", True)],
     {"main": {"host": "example.org", "log-level": "info"}, "web": {"port": "8080", "log-level": "debug", "https": "yes"}},
     [{"action": "added", "section": "web", "option": "https", "value": "yes"}]),
    ([("option_added", "email.sender", None)],
     {"main": {"host": "example.org", "log-level": "info"}, "web": {"port": "8080", "log-level": "debug"},
      "email": {"sender": ""}},
     [{"action": "added", "section": "email", "option": "sender", "value": ""}]),
    ([("option_added", "port", 9090)], None, []),
    ([("option_removed", "host")],
     {"main": {"log-level": "info"}, "web": {"port": "8080", "log-level": "debug"}},
     [{"action": "removed", "section": "main", "option": "host", "value": "example.org"}]),
    ([("option_removed", "gone")], None, []),
    ([("option_removed", "log-level")], "in several sections (main, web): name one, e.g. 'main.log-level'", None),
    ([("option_renamed", "web.port", "log-level")], "'log-level' is already there", None),
    ([("option_group_change", "log-level", "web", "main")], "[main] already has it", None),
    ([("option_added", "x", {"a": 1})], "give a string, a number, a boolean or a list", None),
]


class InstanceConfigChanges(unittest.TestCase):
    def test_changes(self):
        for calls, after, changes in CHANGES:
            with self.subTest(calls=calls):
                config = InstanceConfig(None, BEFORE)
                original = config.as_dict()
                if isinstance(after, str):
                    with self.assertRaises(MigrationError) as caught:
                        for name, *args in calls:
                            getattr(config, name)(*args)
                    self.assertIn(after, str(caught.exception))
                    continue
                for name, *args in calls:
                    getattr(config, name)(*args)
                self.assertEqual(config.as_dict(), original if after is None else after)
                self.assertEqual([c.to_json() for c in config.changes], changes)

    def test_setting_an_option_directly(self):
        config = InstanceConfig(None, BEFORE)
        config["web.port"] = 9090
        config["port"] = 9090          # unchanged: not recorded
        config["fresh"] = "yes"
        self.assertEqual([c.to_json() for c in config.changes], [
            {"action": "changed", "section": "web", "option": "port", "value": "9090", "old_value": "8080"},
            {"action": "added", "section": "main", "option": "fresh", "value": "yes"}])

    def test_reading_options_by_name(self):
        config = InstanceConfig(None, BEFORE)
        self.assertEqual((config["host"], config["web.port"], config.get("missing", "d")), ("example.org", "8080", "d"))
        self.assertIn("port", config)
        self.assertNotIn("missing", config)

    def test_only_committed_changes_count_until_the_next_commit(self):
        config = InstanceConfig(None, BEFORE)
        config.option_added("a", 1)
        config.mark_committed()
        config.option_added("b", 2)
        text, changes = config.committed()
        self.assertEqual([c.option for c in changes], ["a"])
        self.assertIn("a = 1", text)
        self.assertNotIn("b = 2", text)

    def test_save_backs_the_file_up_first(self):
        folder = tempfile.mkdtemp()
        path = os.path.join(folder, "instance.ini")
        with open(path, "w") as f:
            f.write(BEFORE)
        config = InstanceConfig(path)
        config.option_removed("host")
        config.mark_committed()
        backup = config.save(config.committed()[0])
        with open(backup) as f:
            self.assertEqual(f.read(), BEFORE)
        with open(path) as f:
            self.assertNotIn("host", f.read())

    def test_a_broken_file_is_an_error_naming_it(self):
        with self.assertRaises(MigrationError) as caught:
            InstanceConfig("/x/instance.ini", "port = 1\n")
        self.assertIn("/x/instance.ini: not a valid INI file", str(caught.exception))


SCHEMA = """
class Note(EntityType):
    text = String()
"""

CHANGE_SCRIPT = """
option_renamed("host", "hostname")
option_added("web.https", True)
print("port is", config["port"])
"""


def events(out):
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


@on_both_databases
class ConfigurationRuns(RuntimeCase):
    def setUp(self):
        super().setUp()
        self.create(SCHEMA)
        if self.backend == "sqlite":
            self.ini = os.path.splitext(self.db_path)[0] + ".ini"   # the default: beside the database
            self.flag = ()
        else:
            self.ini = os.path.join(self.tmp, "instance.ini")
            self.flag = ("--config", self.ini)
        with open(self.ini, "w") as f:
            f.write(BEFORE)

    def content(self):
        with open(self.ini) as f:
            return f.read()

    def backups(self):
        return glob.glob(self.ini + ".*.bak")

    def test_a_successful_run_saves_once_after_a_backup_and_reports_the_diff(self):
        out = self.run_script(CHANGE_SCRIPT, "--json", *self.flag)
        self.assertIn("hostname = example.org", self.content())
        self.assertIn("https = yes", self.content())
        [backup] = self.backups()
        with open(backup) as f:
            self.assertEqual(f.read(), BEFORE)
        [config_event] = [e for e in events(out) if e["event"] == "config"]
        self.assertEqual(config_event["changes"], [
            {"action": "renamed", "section": "main", "option": "host", "to_option": "hostname"},
            {"action": "added", "section": "web", "option": "https", "value": "yes"}])
        self.assertEqual((config_event["saved"], config_event["file"]), (True, self.ini))
        self.assertIn({"event": "output", "text": "port is 8080"}, events(out))

    def test_a_failed_run_leaves_the_file_untouched(self):
        code, out, err = self.run_failing(CHANGE_SCRIPT + "raise ValueError('boom')\n", "--json", *self.flag)
        self.assertEqual(self.content(), BEFORE)
        self.assertEqual(self.backups(), [])
        self.assertNotIn("config", [e["event"] for e in events(out)])

    def test_a_dry_run_shows_the_diff_and_leaves_the_file_untouched(self):
        out = self.run_script(CHANGE_SCRIPT, "--json", "--dry-run", *self.flag)
        self.assertEqual(self.content(), BEFORE)
        [config_event] = [e for e in events(out) if e["event"] == "config"]
        self.assertEqual((config_event["saved"], len(config_event["changes"])), (False, 2))

    def test_web_and_common_scripts_change_it_too(self):
        self.run_script('option_added("web.workers", 4)\n', *self.flag, name="9.9.9_scratch_web.py")
        self.run_script('option_removed("main.log-level")\n', *self.flag,
                        name="9.9.9_scratch_common.py")
        self.assertIn("workers = 4", self.content())
        self.assertNotIn("log-level = info", self.content())

    def test_an_upgrade_keeps_the_changes_of_committed_steps_only(self):
        self.write("__pkginfo__.py", "numversion = (0, 3, 0)\n")
        self.write("migration/0.2.0_first_Any.py", 'option_added("first", 1)\n')
        self.write("migration/0.3.0_second_Any.py", 'option_added("second", 2)\nraise ValueError("boom")\n')
        code, out, err = self.migrate("upgrade", "--no-backup", *self.flag)
        self.assertNotEqual(code, 0)
        self.assertIn("first = 1", self.content(), "step 0.2.0 committed: the file follows the database")
        self.assertNotIn("second", self.content())


class ConfigurationWithoutFile(RuntimeCase, unittest.TestCase):
    backend = "postgresql"

    def test_postgresql_needs_config_to_change_it(self):
        self.create(SCHEMA)
        code, out, err = self.run_failing('option_added("a", 1)\n')
        self.assertIn("pass --config FILE", err)
        code, out, err = self.run_failing('config["a"] = 1\n')
        self.assertIn("pass --config FILE", err)
        self.run_script('print(config.get("a", "unset"))\n')  # reading needs no file


if __name__ == "__main__":
    unittest.main()
