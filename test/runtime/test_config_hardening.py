"""The instance configuration cannot be corrupted (issue 16 point 5): option and section names are validated, values
are written so that they read back identical (random values round-tripped), the file is read back after writing,
a file that did not exist is recorded as created, and values of secret-named options print as ***."""
from __future__ import annotations

import glob
import json
import os
import random
import tempfile
import unittest

from runtime_case import RuntimeCase, on_both_databases

from erudi_migrate.errors import MigrationError
from erudi_migrate.instance_config import InstanceConfig, check_name, is_secret_option


class Names(unittest.TestCase):
    def test_names_that_would_break_or_change_the_file_are_refused(self):
        for name in ("x\n[evil]\ninjected", "a=b", "a:b", "[x]", "x]", " lead", "trail ", "", "\ttab", "#comment",
                     ";comment", "a\rb", "nul\x00", "zero\u200bwidth", "line\u2028sep", "nel\x85"):
            with self.subTest(name=name):
                config = InstanceConfig(None, "[main]\nhost = h\n")
                with self.assertRaises(MigrationError) as caught:
                    config.option_added(name, "v")
                self.assertIn("option name", str(caught.exception))
                self.assertEqual(config.as_dict(), {"main": {"host": "h"}}, "nothing changed")

    def test_section_names_are_checked_too(self):
        config = InstanceConfig(None, "[main]\nhost = h\n")
        for call in (lambda: config.option_added("bad]section.x", 1),
                     lambda: config.option_group_change("host", "main", "new\n[s]"),
                     lambda: config.option_renamed("host", "main.ho=st")):
            with self.assertRaises(MigrationError):
                call()
        self.assertEqual(config.as_dict(), {"main": {"host": "h"}})

    def test_ordinary_names_pass(self):
        for name in ("host", "log-level", "Base_URL", "a b", "été", "x.y"):
            self.assertEqual(check_name(name, "option"), name)


ALPHABET = list("abcXYZ019 -_=:#;[]%$\\'\"\t\n\r\x0b\x0c\x85\u2028é€🙂") + ["\n#", "\n;", "\n\n", " \n"]


class Values(unittest.TestCase):
    def test_random_values_are_refused_or_read_back_identical(self):
        generator = random.Random(16)
        folder = tempfile.mkdtemp()
        path = os.path.join(folder, "instance.ini")
        accepted = refused = 0
        for _ in range(2000):
            value = "".join(generator.choice(ALPHABET) for _ in range(generator.randint(0, 12)))
            if os.path.exists(path):
                os.remove(path)
            config = InstanceConfig(path)
            try:
                config.option_added("main.value", value)
            except MigrationError as error:
                self.assertIn("cannot be written", str(error))
                refused += 1
                continue
            config.mark_committed()
            config.save(config.committed()[0])
            self.assertEqual(InstanceConfig(path)["main.value"], value, repr(value))
            accepted += 1
        self.assertGreater(accepted, 500)
        self.assertGreater(refused, 100)

    def test_multi_line_values_read_back(self):
        config = InstanceConfig(None, "")
        config.option_added("main.motd", "first line\nsecond line")
        self.assertEqual(InstanceConfig(None, config._snapshot())["main.motd"], "first line\nsecond line")


class Saving(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.mkdtemp()
        self.path = os.path.join(self.folder, "instance.ini")

    def test_a_file_that_did_not_exist_is_recorded_as_created(self):
        config = InstanceConfig(self.path)
        config.option_added("main.host", "h")
        self.assertIsNone(config.save(config._snapshot()))
        self.assertTrue(config.created)
        again = InstanceConfig(self.path)
        again.option_added("main.port", 1)
        self.assertIsNotNone(again.save(again._snapshot()))
        self.assertFalse(again.created)

    def test_a_save_that_cannot_be_read_back_is_undone(self):
        with open(self.path, "w", encoding="utf-8") as f:
            f.write("[main]\nhost = h\n")
        config = InstanceConfig(self.path)
        with self.assertRaises(MigrationError) as caught:
            config.save("[main]\nhost = h\n[main]\nhost = twice\n")  # a duplicate section: unreadable
        self.assertIn("cannot be read back", str(caught.exception))
        with open(self.path, encoding="utf-8") as f:
            self.assertEqual(f.read(), "[main]\nhost = h\n")
        self.assertEqual(glob.glob(os.path.join(self.folder, "*.tmp")), [])

    def test_a_new_file_that_cannot_be_read_back_leaves_nothing(self):
        config = InstanceConfig(self.path)
        with self.assertRaises(MigrationError):
            config.save("[main]\nhost = h\n[main]\nhost = twice\n")
        self.assertEqual(os.listdir(self.folder), [])


class SecretOptions(unittest.TestCase):
    def test_names_that_say_secret(self):
        for name in ("db-password", "passwd", "smtp_secret", "api-token", "api_key", "signing-key", "pwd"):
            self.assertTrue(is_secret_option(name), name)
        for name in ("host", "port", "monkey", "keyboard-layout", "log-level"):
            self.assertFalse(is_secret_option(name), name)

    def test_their_values_print_as_stars(self):
        config = InstanceConfig(None, "[main]\ndb-password = MARKER-1\napi_key = MARKER-2\n")
        config.option_removed("db-password")
        config["api_key"] = "MARKER-3"
        config.option_added("main.smtp-secret", "MARKER-4")
        shown = json.dumps([c.to_json() for c in config.changes])
        self.assertNotIn("MARKER", shown)
        self.assertIn('"***"', shown)
        with self.assertRaises(MigrationError) as caught:
            config.option_added("main.new-token", " MARKER-5")  # refused (leading space), the value not shown
        self.assertNotIn("MARKER", str(caught.exception))


@on_both_databases
class ConfigurationEndToEnd(RuntimeCase):
    def test_an_injected_option_name_leaves_the_file_readable(self):
        self.create("class Person(EntityType):\n    name = String()\n")
        config = os.path.join(self.tmp, "instance.ini")
        with open(config, "w", encoding="utf-8") as f:
            f.write("[main]\nhost = h\n")
        code, out, err = self.run_failing("option_added('x\\n[evil]\\ninjected', 'v')\n", "--config", config)
        self.assertIn("option name", out + err)
        with open(config, encoding="utf-8") as f:
            self.assertEqual(f.read(), "[main]\nhost = h\n")
        self.ok("run", self.write("scratch/9.9.8_ok_Any.py", "option_added('main.port', 8080)\n"), "--config", config)
        self.assertEqual(InstanceConfig(config)["main.port"], "8080")

    def test_removing_a_secret_option_does_not_print_its_value(self):
        self.create("class Person(EntityType):\n    name = String()\n")
        config = os.path.join(self.tmp, "instance.ini")
        with open(config, "w", encoding="utf-8") as f:
            f.write("[main]\ndb-password = MARKER-SECRET\n")
        for extra in ((), ("--json",)):
            out = self.run_script("option_removed('db-password')\n", "--config", config, *extra)
            self.assertNotIn("MARKER-SECRET", out)
            with open(config, "w", encoding="utf-8") as f:
                f.write("[main]\ndb-password = MARKER-SECRET\n")
        for backup in glob.glob(config + ".*.bak"):
            self.assertNotIn("MARKER", os.path.basename(backup))


if __name__ == "__main__":
    unittest.main()
