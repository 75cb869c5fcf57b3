"""The runtime reads application files as the editor does (issue 16 points 1 and 7): lines break at \\n, \\r\\n and
a lone \\r only, a byte-order mark is ignored, numversion is a literal tuple in any integer form, versions stop at
2^53, and a file that is not UTF-8, holds a NUL byte or is too large is refused naming the file and the offset."""
from __future__ import annotations

import json
import os
import unittest

from runtime_case import RuntimeCase, on_both_databases

from erudi_migrate.application import numversion_of
from erudi_migrate.depends_map import DependsMap
from erudi_migrate.errors import MigrationError
from erudi_migrate.scripts import parse_script_name
from erudi_migrate.source_text import decode_source, split_lines
from erudi_migrate.versions import Version


class LineBreaks(unittest.TestCase):
    def test_only_lsp_line_breaks_end_a_line(self):
        self.assertEqual(split_lines("a\nb\r\nc\rd"), ["a", "b", "c", "d"])
        for character in "\u0085\u2028\u2029\x0b\x0c\x1c\x1d\x1e":
            self.assertEqual(split_lines(f"a{character}b"), [f"a{character}b"], repr(character))

    def test_an_entry_after_a_nel_in_a_comment_stays_in_the_comment(self):
        self.assertEqual(DependsMap.parse("# old\u00850.2.0 : 9.0.0\n0.1.0 : 2.0.0\n").entries[0].line, 2)
        self.assertEqual(len(DependsMap.parse("# old\u00850.2.0 : 9.0.0\n").entries), 0)

    def test_a_byte_order_mark_is_ignored(self):
        self.assertEqual(DependsMap.parse("\ufeff0.1.0 : 2.0.0\n").entries[0].model, Version(0, 1, 0))
        self.assertEqual(numversion_of("\ufeffnumversion = (0, 1, 0)\n"), Version(0, 1, 0))
        self.assertEqual(decode_source(b"\xef\xbb\xbfx = 1\r\ny = 2\r", "f.py"), "x = 1\ny = 2\n")

    def test_only_spaces_and_tabs_surround_an_entry(self):
        self.assertEqual(DependsMap.parse(" \t0.1.0\t:  2.0.0 \t").entries[0].erudi, Version(2, 0, 0))
        with self.assertRaises(MigrationError) as caught:
            DependsMap.parse("0.1.0 :\u00a02.0.0")
        self.assertEqual(caught.exception.line, 1)


class Numversion(unittest.TestCase):
    def test_any_integer_literal_form_over_several_lines(self):
        cases = {
            "numversion = (0x1, 1_0, 0o7)": Version(1, 10, 7),
            "numversion = (\n    0,\n    4,  # minor\n    0,\n)": Version(0, 4, 0),
            "numversion = [0b1, 2, 3]": Version(1, 2, 3),
            "numversion = 0, 1, 2": Version(0, 1, 2),
            "version = numversion = ((0), 1, 2)": Version(0, 1, 2),
            '"""numversion = (9, 9, 9)"""\n# numversion = (8, 8, 8)\nnumversion = (0, 1, 0)': Version(0, 1, 0),
            "if True:\n    numversion = (9, 9, 9)\nnumversion = (0, 2, 0)": Version(0, 2, 0),
        }
        for text, expected in cases.items():
            self.assertEqual(numversion_of(text), expected, text)

    def test_what_is_not_a_literal_tuple_of_three_integers_is_refused(self):
        for text in ("numversion = (-1, 2, 3)", "numversion = (1.0, 2, 3)", "numversion = {0, 1, 2}",
                     "numversion = (True, 1, 2)", "numversion = tuple(range(3))", "numversion = '0.1.0'",
                     "numversion = (0, 1)", "numversion = (0, 4, 0" + " " * 3000 + "x",
                     "numversion = (9007199254740992, 0, 0)", '"""numversion = (1, 2, 3)"""'):
            with self.assertRaises(MigrationError, msg=text):
                numversion_of(text)

    def test_versions_beyond_2_53_are_refused_everywhere(self):
        self.assertIsNone(Version.parse("9007199254740992.0.0"))
        self.assertEqual(Version.parse("9007199254740991.0.0"), Version(2 ** 53 - 1, 0, 0))
        self.assertIsNone(parse_script_name("9007199254740992.0.0_Any.py"))
        with self.assertRaises(MigrationError):
            DependsMap.parse("0.1.0 : 9007199254740992.0.0")


@on_both_databases
class UnreadableFiles(RuntimeCase):
    def test_a_script_that_is_not_utf8_names_its_file_and_byte_offset(self):
        self.create("class Person(EntityType):\n    name = String()\n")
        path = os.path.join(self.app, "scratch", "9.9.9_latin1_Any.py")
        os.makedirs(os.path.dirname(path))
        with open(path, "wb") as handle:
            handle.write(b"# caf\xe9\nprint(1)\n")
        code, out, err = self.migrate("run", path)
        self.assertEqual(code, 1)
        self.assertIn("9.9.9_latin1_Any.py", out + err)
        self.assertIn("byte offset 5", out + err)
        self.assertIn("UTF-8", out + err)

    def test_a_nul_byte_is_named(self):
        self.create("class Person(EntityType):\n    name = String()\n")
        path = os.path.join(self.app, "scratch", "9.9.9_nul_Any.py")
        os.makedirs(os.path.dirname(path))
        with open(path, "wb") as handle:
            handle.write(b"x = 1\nprint(\0)\n")
        code, out, err = self.migrate("run", path, "--json")
        self.assertEqual(code, 1)
        errors = [json.loads(line) for line in out.splitlines() if '"error"' in line]
        self.assertTrue(errors, out + err)
        self.assertEqual(os.path.basename(errors[0]["file"]), "9.9.9_nul_Any.py")
        self.assertEqual(errors[0]["line"], 2)
        self.assertIn("NUL", errors[0]["message"])

    def test_a_pkginfo_or_schema_that_is_not_text_is_named(self):
        self.application("class Person(EntityType):\n    name = String()\n")
        with open(os.path.join(self.app, "__pkginfo__.py"), "wb") as handle:
            handle.write(b"# \xff\nnumversion = (0, 1, 0)\n")
        code, out, err = self.migrate("create")
        self.assertEqual(code, 1)
        self.assertIn("__pkginfo__.py", err)
        self.assertIn("byte offset 2", err)
        self.write("__pkginfo__.py", "numversion = (0, 1, 0)\n")
        with open(os.path.join(self.app, "schema.py"), "ab") as handle:
            handle.write(b"x = 1\0\n")
        code, out, err = self.migrate("create")
        self.assertEqual(code, 1)
        self.assertIn("schema.py", err)
        self.assertIn("NUL", err)

    def test_a_pkginfo_with_a_bom_and_crlf_is_read(self):
        self.application("class Person(EntityType):\n    name = String()\n")
        with open(os.path.join(self.app, "__pkginfo__.py"), "wb") as handle:
            handle.write(b"\xef\xbb\xbf# -*- coding: utf-8 -*-\r\nnumversion = (\r\n    0x0, 1_0, 0)\r\n")
        self.ok("create")
        self.assertIn("0.10.0", self.ok("status"))

    def test_a_script_over_the_size_limit_is_refused_with_its_size(self):
        self.create("class Person(EntityType):\n    name = String()\n")
        path = os.path.join(self.app, "scratch", "9.9.9_big_Any.py")
        os.makedirs(os.path.dirname(path))
        with open(path, "w", encoding="utf-8") as handle:
            handle.write("# " + "x" * (5 * 1024 * 1024) + "\n")
        code, out, err = self.migrate("run", path)
        self.assertEqual(code, 1)
        self.assertIn("9.9.9_big_Any.py", out + err)
        self.assertIn("5,242,883 bytes", out + err)


if __name__ == "__main__":
    unittest.main()
