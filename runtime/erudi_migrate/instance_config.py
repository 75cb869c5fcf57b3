"""The instance configuration: an INI file (beside the SQLite database, or `--config FILE`) that scripts
read as `config` and change with the option_* primitives; saved with each commit that changed it (backed up
before the first save; see config_journal.py for how the file stays in step with the database)."""

import configparser
import datetime
import io
import os
import re
import shutil
import unicodedata

from .errors import MigrationError

# Where `option_added("name")` puts an option when no section is named ("section.name" names one).
DEFAULT_SECTION = "main"


def default_config_path(db_url):
    """`<database file without its extension>.ini` for SQLite; PostgreSQL needs --config."""
    if getattr(db_url, "kind", None) == "sqlite" and db_url.path:
        return os.path.splitext(db_url.path)[0] + ".ini"
    return None


class ConfigChange:
    """One change to the file, as the `config` event reports it."""

    def __init__(self, action, option, section=None, value=None, to_section=None, to_option=None, old_value=None):
        self.action, self.option, self.section, self.value, self.old_value = action, option, section, value, old_value
        self.to_section, self.to_option = to_section, to_option

    def to_json(self):
        out = {"action": self.action, "section": self.section, "option": self.option}
        secret = is_secret_option(self.option)
        if self.action in ("added", "removed", "changed"):
            out["value"] = "***" if secret and self.value else self.value
        if self.action == "changed":
            out["old_value"] = "***" if secret and self.old_value else self.old_value
        if self.to_option is not None:
            out["to_option"] = self.to_option
        if self.to_section is not None:
            out["to_section"] = self.to_section
        return out


class InstanceConfig:
    """Options by name (searched in every section), or `section.option` to name the section."""

    def __init__(self, path=None, text=None, unwritable=None):
        self.path = path
        self.unwritable = unwritable  # why changes are refused (no file to save them to), or None
        self.parser = _new_parser()
        self.existed = False
        self.created = False  # set by save() when it wrote a file that did not exist
        if text is None and path is not None and os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                text = f.read()
            self.existed = True
        if text:
            try:
                self.parser.read_string(text, source=path or "<config>")
            except configparser.Error as error:
                raise MigrationError("%s: not a valid INI file: %s" % (path or "instance configuration",
                                                                       str(error).splitlines()[0]))
        self.changes = []
        self._committed = (self._snapshot(), 0)

    # -- reading -------------------------------------------------------------------------------------------

    def sections(self):
        return self.parser.sections()

    def find(self, name):
        """(section, option) holding `name`, or None; `section.option` looks in that section only."""
        section, option = self._split(name)
        if section is not None:
            return (section, option) if self.parser.has_option(section, option) else None
        found = [s for s in self.parser.sections() if self.parser.has_option(s, option)]
        if len(found) > 1:
            raise MigrationError("option %r is in several sections (%s): name one, e.g. %r"
                                 % (option, ", ".join(found), "%s.%s" % (found[0], option)))
        return (found[0], option) if found else None

    def get(self, name, default=None):
        where = self.find(name)
        return self.parser.get(*where) if where else default

    def __getitem__(self, name):
        where = self.find(name)
        if where is None:
            raise KeyError(name)
        return self.parser.get(*where)

    def __contains__(self, name):
        return self.find(name) is not None

    def as_dict(self):
        return {s: dict(self.parser.items(s)) for s in self.parser.sections()}

    def __repr__(self):
        return "<InstanceConfig %s>" % (self.path or "(no file)")

    # -- changes (the option_* primitives) -----------------------------------------------------------------

    def option_renamed(self, oldname, newname):
        self._check_writable()
        old = self.find(oldname)
        _, new_option = self._split(newname)
        if old is None:
            return None  # not in this instance's file: it used the default, nothing to carry over
        section, option = old
        if self.parser.has_option(section, new_option):
            raise MigrationError("cannot rename option %r to %r in [%s]: %r is already there; remove one first"
                                 % (option, new_option, section, new_option))
        value = self.parser.get(section, option)
        self.parser.remove_option(section, option)
        self.parser.set(section, new_option, value)
        return self._record(ConfigChange("renamed", option, section, to_option=new_option))

    def option_group_change(self, option, oldgroup, newgroup):
        self._check_writable()
        check_name(option, "option"), check_name(oldgroup, "section"), check_name(newgroup, "section")
        if not self.parser.has_section(oldgroup) or not self.parser.has_option(oldgroup, option):
            if self.parser.has_section(newgroup) and self.parser.has_option(newgroup, option):
                return None  # already moved
            return None      # not set in this file: nothing to move
        if self.parser.has_section(newgroup) and self.parser.has_option(newgroup, option):
            raise MigrationError("cannot move option %r from [%s] to [%s]: [%s] already has it"
                                 % (option, oldgroup, newgroup, newgroup))
        value = self.parser.get(oldgroup, option)
        self.parser.remove_option(oldgroup, option)
        if not self.parser.options(oldgroup):
            self.parser.remove_section(oldgroup)
        if not self.parser.has_section(newgroup):
            self.parser.add_section(newgroup)
        self.parser.set(newgroup, option, value)
        return self._record(ConfigChange("moved", option, oldgroup, to_section=newgroup))

    def option_added(self, optname, value=None):
        self._check_writable()
        if self.find(optname) is not None:
            return None  # the instance already sets it: keep its value
        section, option = self._split(optname)
        section = section or DEFAULT_SECTION
        if not self.parser.has_section(section):
            self.parser.add_section(section)
        text = "" if value is None else _as_text(optname, value)
        self.parser.set(section, option, text)
        return self._record(ConfigChange("added", option, section, value=text))

    def __setitem__(self, name, value):
        """`config["port"] = 8080`: changes an option where it is (or adds it, like option_added)."""
        self._check_writable()
        where = self.find(name)
        if where is None:
            self.option_added(name, value)
            return
        text = "" if value is None else _as_text(name, value)
        old = self.parser.get(*where)
        if old != text:
            self.parser.set(where[0], where[1], text)
            self._record(ConfigChange("changed", where[1], where[0], value=text, old_value=old))

    def option_removed(self, optname):
        self._check_writable()
        where = self.find(optname)
        if where is None:
            return None
        section, option = where
        value = self.parser.get(section, option)
        self.parser.remove_option(section, option)
        return self._record(ConfigChange("removed", option, section, value=value))

    def _check_writable(self):
        if self.unwritable:
            raise MigrationError(self.unwritable)

    def _record(self, change):
        self.changes.append(change)
        return change

    @staticmethod
    def _split(name):
        if not isinstance(name, str) or not name.strip():
            raise MigrationError("an option name must be a non-empty string, not %r" % (name,))
        if "." in name:
            section, option = name.split(".", 1)
            return check_name(section, "section"), check_name(option, "option")
        return None, check_name(name, "option")

    # -- transactions: the file follows the database ----------------------------------------------------------

    def text(self):
        """The file's text as the changes so far make it."""
        return self._snapshot()

    def _snapshot(self):
        out = io.StringIO()
        self.parser.write(out)
        return out.getvalue()

    def mark_committed(self):
        """The database committed: the changes so far belong to the instance now."""
        self._committed = (self._snapshot(), len(self.changes))

    def changed_since_commit(self):
        return len(self.changes) > self._committed[1]

    def committed(self):
        """(text, changes) as of the last commit."""
        text, count = self._committed
        return text, self.changes[:count]

    def save(self, text, now=None, backup=True):
        """Backs the file up (when it exists and `backup`), then replaces it atomically (temporary file, fsync,
        rename) and reads it back; returns the backup path, or None when the file did not exist (then
        `self.created` is True: undoing the change removes it)."""
        from .config_journal import write_atomically
        if self.path is None:
            raise MigrationError("the configuration changed but there is no file to save it to: "
                                 "pass --config FILE (PostgreSQL instances have no default one)")
        copy = None
        existed = os.path.exists(self.path)
        if existed and backup:
            stamp = (now or datetime.datetime.now()).strftime("%Y%m%d-%H%M%S-%f")
            copy = "%s.%s.bak" % (self.path, stamp)
            shutil.copy2(self.path, copy)
        previous = None
        if existed:
            with open(self.path, encoding="utf-8") as f:
                previous = f.read()
        try:
            write_atomically(self.path, text)
            self._check_written(text)
        except BaseException:
            # Nothing half-done is left: the old file back, or no file when there was none.
            if previous is not None:
                write_atomically(self.path, previous)
            elif os.path.exists(self.path):
                os.remove(self.path)
            raise
        self.created = self.created or not existed
        return copy

    def _check_written(self, text):
        """The file, read back, holds exactly the options written (else the save is undone)."""
        expected, written = _new_parser(), _new_parser()
        try:
            expected.read_string(text)
            with open(self.path, encoding="utf-8") as f:
                written.read_string(f.read(), source=self.path)
        except (OSError, UnicodeDecodeError, configparser.Error) as error:
            raise MigrationError("%s: the configuration written cannot be read back (%s); the previous file is "
                                 "restored" % (self.path, str(error).splitlines()[0] if str(error) else error))
        as_dict = lambda p: {s: dict(p.items(s)) for s in p.sections()}  # noqa: E731
        if as_dict(written) != as_dict(expected):
            raise MigrationError("%s: the configuration read back differs from what was written; the previous file "
                                 "is restored" % self.path)


_NO_DEFAULT_SECTION = "\x00none"


def _new_parser():
    parser = configparser.ConfigParser(interpolation=None, default_section=_NO_DEFAULT_SECTION)
    parser.optionxform = str  # option names keep their case, as CubicWeb's do
    return parser


def _as_text(name, value):
    if isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, (str, int, float)):
        text = str(value)
    elif isinstance(value, (list, tuple)):
        text = ",".join(str(v) for v in value)
    else:
        raise MigrationError("option %r: give a string, a number, a boolean or a list, not %s"
                             % (name, type(value).__name__))
    return _readable_back(name, text)


# Characters an option or section name cannot hold: the INI syntax itself, or what the reader would drop.
_NAME_FORBIDDEN = "=:[]\n\r"


def check_name(name, what):
    """`name` when it can be an INI option or section name that reads back as written; else why not."""
    problem = None
    if not isinstance(name, str) or not name:
        problem = "is empty"
    elif any(c in _NAME_FORBIDDEN for c in name):
        problem = "holds one of = : [ ] or a line break, which the INI syntax gives a meaning"
    elif name != name.strip():
        problem = "starts or ends with a space, which the INI reader drops"
    elif name[0] in "#;":
        problem = "starts with # or ;, which make a comment"
    elif any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in name):
        problem = "holds a control or invisible character"
    elif what == "section" and name == _NO_DEFAULT_SECTION:
        problem = "is reserved"
    if problem:
        raise MigrationError("%s name %r %s: use letters, digits, '-' and '_'" % (what, name, problem))
    return name


def _readable_back(name, text):
    """`text` when the file writes it so that it reads back identical; else the option is refused, naming why."""
    parser = _new_parser()
    parser.add_section("s")
    parser.set("s", "o", text)
    out = io.StringIO()
    parser.write(out)
    again = _new_parser()
    try:
        # Read as the file is read: universal newlines (a lone \r in a value would end its line).
        again.read_file(io.StringIO(out.getvalue(), newline=None))
        back = again.get("s", "o")
    except configparser.Error:
        back = None
    if back != text:
        raise MigrationError("option %r: the value %s cannot be written to the INI file so that it reads back the "
                             "same (leading or trailing spaces, a line break or a line starting with # or ; are "
                             "lost); give it without them" % (name, _shown(name, text)))
    return text


# Option names that say their value is a secret: the value is shown as ***, never printed.
_SECRET_WORDS = ("password", "passwd", "secret", "token")
_SECRET_PARTS = ("key", "pwd")


def is_secret_option(name):
    lower = (name or "").lower()
    parts = [p for p in re.split(r"[^a-z0-9]+", lower) if p]
    return any(word in lower for word in _SECRET_WORDS) or any(p in _SECRET_PARTS or p.endswith("key") and p != "monkey"
                                                                for p in parts)


def _shown(name, value):
    return "***" if is_secret_option(name) else repr(value)
