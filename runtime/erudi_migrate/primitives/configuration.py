"""Configuration primitives of the catalog: `config` and option_renamed/_group_change/_added/_removed.

The file is loaded once per command; changes live in memory until a commit: a commit that changed the
configuration records the new text in the database's journal inside its transaction, then writes the file
(backed up before the first write of the command) and clears the record (config_journal.py). So the file
holds the changes of the committed steps and only those, even when a later step rolls back or the process
is killed; none on a dry run (the `config` event still shows the diff).
"""

from .. import config_journal, faults
from ..instance_config import InstanceConfig, default_config_path
from . import context_value, primitive

STATE_KEY = "instance_config"


def instance_config(ctx):
    """The command's InstanceConfig, loaded on first use, its changes hooked to every commit."""
    config = ctx.state.get(STATE_KEY)
    if config is None:
        path = getattr(ctx.options, "config", None)
        if not path:
            path = default_config_path(getattr(getattr(ctx, "db", None), "url", None))
        config = InstanceConfig(path, unwritable=None if path else (
            "this instance has no configuration file to change (PostgreSQL has no default place for one): "
            "pass --config FILE"))
        ctx.state[STATE_KEY] = config
        ctx.state["instance_config.saves"] = {"backup": None, "journaled": None, "saved": False}
        ctx.on_before_commit(lambda what: _journal(ctx, config, what))
        ctx.on_commit(lambda: _write(ctx, config))
        ctx.on_finish(lambda status: finish(ctx, config, status))
    return config


def _journal(ctx, config, what):
    """Inside the committing transaction: the text the file must hold once it is committed."""
    saves = ctx.state["instance_config.saves"]
    saves["journaled"] = None
    if config.changed_since_commit():
        text = config.text()
        config_journal.record(ctx.db, config.path, text, what)
        saves["journaled"] = text


def _write(ctx, config):
    """After the commit: the file follows the database (backed up before the command's first write)."""
    saves = ctx.state["instance_config.saves"]
    config.mark_committed()
    text, saves["journaled"] = saves["journaled"], None
    if text is None:
        return
    backup = config.save(text, backup=not saves["saved"])
    if not saves["saved"]:
        saves["backup"], saves["saved"] = backup, True
    faults.point("config-written")
    config_journal.clear(ctx.db, config.path, text)


def finish(ctx, config, status):
    """The `config` event: the changes the file holds now (those of the committed steps), or on a dry run the
    changes that would have been made."""
    saves = ctx.state["instance_config.saves"]
    if status == "dry-run":
        changes, saved = config.changes, False
    else:
        changes, saved = config.committed()[1], True
    if not changes:
        return
    event = {"event": "config", "file": config.path, "changes": [c.to_json() for c in changes], "saved": saved}
    if saved:
        event["backup"] = saves["backup"]
        # No backup when there was no file: say it was created, so undoing this run means deleting it.
        event["created"] = config.created
    ctx.events.emit(event)


@context_value("config")
def config(ctx):
    return instance_config(ctx)


@primitive("option_renamed")
def option_renamed(ctx, oldname, newname):
    instance_config(ctx).option_renamed(oldname, newname)


@primitive("option_group_change")
def option_group_change(ctx, option, oldgroup, newgroup):
    instance_config(ctx).option_group_change(option, oldgroup, newgroup)


@primitive("option_added")
def option_added(ctx, optname, value=None):
    instance_config(ctx).option_added(optname, value)


@primitive("option_removed")
def option_removed(ctx, optname):
    instance_config(ctx).option_removed(optname)


@primitive("option_group_changed")
def option_group_changed(ctx, option, oldgroup, newgroup):
    """CubicWeb 3.28's spelling of the guide's option_group_change."""
    instance_config(ctx).option_group_change(option, oldgroup, newgroup)


@primitive("option_type_changed")
def option_type_changed(ctx, optname, oldtype, newvalue):
    """CubicWeb rewrites a set option with newvalue, its value in the new type; an unset option stays unset."""
    config = instance_config(ctx)
    if optname in config:
        config[optname] = newvalue
