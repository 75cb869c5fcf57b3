"""No secret escapes (issue 16 point 6): a marker set as the password in every way a database URL can carry one is
refused with the way to pass it, and found in no output, event, error or file name; the URLs the runtime shows are
redacted by parsing; a password from PGPASSWORD is used and never printed."""
from __future__ import annotations

import os
import unittest

from runtime_case import RuntimeCase, on_both_databases

from erudi_migrate.errors import MigrationError
from erudi_migrate.urls import DatabaseUrl, password_in, redact_url

MARKER = "Zq7MARKERx"
# Every way a URL can hold the password: user info (with the characters that broke redaction), query parameters in
# the spellings libpq reads (percent-encoded key included).
URLS = [
    f"postgresql://me:{MARKER}@localhost/db",
    f"postgresql://me:{MARKER[:3]}/{MARKER[3:]}@localhost/db",
    f"postgresql://me:{MARKER[:3]}@{MARKER[3:]}@localhost/db",
    f"postgresql://me:{MARKER[:3]}:{MARKER[3:]}@localhost/db",
    f"postgresql://me:{MARKER[:3]}%40{MARKER[3:]}@localhost/db",
    f"postgresql://me:{MARKER[:3]}?{MARKER[3:]}@localhost/db",
    f"postgres://me@localhost/db?password={MARKER}",
    f"postgresql://me@localhost/db?sslmode=disable&PASSWORD={MARKER}",
    f"postgresql://me@localhost/db?Password={MARKER}&sslmode=disable",
    f"postgresql://me@localhost/db?pass%77ord={MARKER}",
    f"postgresql://me@localhost/db?sslpassword={MARKER}",
    f"postgresql://localhost/db?password={MARKER[:3]}@{MARKER[3:]}",
]


def pieces(text: str) -> list:
    """The marker and its halves, so that a password split by / @ : ? is caught too."""
    return [MARKER, MARKER[:3] + "/", MARKER[3:]]


class Redaction(unittest.TestCase):
    def test_every_url_with_a_password_is_refused_without_showing_it(self):
        for url in URLS:
            with self.subTest(url=url):
                self.assertIsNotNone(password_in(url))
                with self.assertRaises(MigrationError) as caught:
                    DatabaseUrl.parse(url)
                message = str(caught.exception)
                self.assertIn("PGPASSWORD", message)
                self.assertIn("Set Database Password", message)
                self.assertNotIn(MARKER[3:], message)
                self.assertNotIn(MARKER[3:], redact_url(url))

    def test_urls_without_a_password_are_shown_as_they_are(self):
        for url in ("postgresql://me@db:5433/tickets", "postgresql:///tickets", "postgresql://db/t?sslmode=require",
                    "sqlite:///x.db"):
            self.assertIsNone(password_in(url))
            self.assertEqual(redact_url(url), url)

    def test_an_unsupported_url_is_shown_without_its_credentials(self):
        with self.assertRaises(MigrationError) as caught:
            DatabaseUrl.parse(f"mysql://me:{MARKER}@host/db")
        self.assertNotIn(MARKER, str(caught.exception))


@on_both_databases
class SecretsOnTheCommandLine(RuntimeCase):
    def test_a_marker_password_in_any_url_appears_nowhere(self):
        self.create("class Person(EntityType):\n    name = String()\n")
        script = self.write("scratch/9.9.9_x_Any.py", "print('hello')\n")
        before = set(os.listdir(self.tmp))
        for url in URLS:
            for args in (("status",), ("upgrade", "--json"), ("run", script, "--json"), ("create",)):
                with self.subTest(url=url, args=args):
                    code, out, err = self.migrate(args[0], "--db", url, *args[1:])
                    self.assertEqual(code, 1, out + err)
                    self.assertIn("PGPASSWORD", out + err)
                    self.assertNotIn(MARKER[3:], out + err)
        created = set(os.listdir(self.tmp)) - before
        self.assertFalse([name for name in created if MARKER[3:] in name], created)
        for root, dirs, files in os.walk(self.tmp):
            self.assertFalse([n for n in dirs + files if MARKER[3:] in n])

    def test_a_password_from_pgpassword_is_never_printed(self):
        self.create("class Person(EntityType):\n    name = String()\n")
        saved = os.environ.get("PGPASSWORD")
        os.environ["PGPASSWORD"] = MARKER
        self.addCleanup(lambda: os.environ.__setitem__("PGPASSWORD", saved) if saved is not None
                        else os.environ.pop("PGPASSWORD", None))
        outputs = [self.migrate("status", "--json"), self.migrate("upgrade", "--json"),
                   self.migrate("run", self.write("scratch/9.9.9_y_Any.py", "import os\nx = 1\n"), "--json"),
                   # a server that does not answer: the connection error names the URL, not the password
                   self.migrate("status", "--db", "postgresql://me@127.0.0.1:1/nowhere")]
        for code, out, err in outputs:
            self.assertNotIn(MARKER, out + err)
        self.assertEqual(outputs[-1][0], 1)
        self.assertIn("127.0.0.1:1", outputs[-1][1] + outputs[-1][2])


if __name__ == "__main__":
    unittest.main()
