"""Configuration primitives of the catalog: `config` and option_renamed/_group_change/_added/_removed.

The file is loaded once per command; changes live in memory and are written once when the command ends,
after a backup: all of them when it committed, those of the committed steps when a later step rolled
back (the file follows the database), none on a dry run (the `config` event still shows the diff).
"""

from ..instance_config import InstanceConfig, default_config_path
from . import context_value, primitive

STATE_KEY = "instance_config"


def instance_config(ctx):
    """The command's InstanceConfig, loaded on first use, with its save hooked to the end of the command."""
    config = ctx.state.get(STATE_KEY)
    if config is None:
        path = getattr(ctx.options, "config", None)
        if not path:
            path = default_config_path(getattr(getattr(ctx, "db", None), "url", None))
        config = InstanceConfig(path, unwritable=None if path else (
            "this instance has no configuration file to change (PostgreSQL has no default place for one): "
            "pass --config FILE"))
        ctx.state[STATE_KEY] = config
        ctx.on_commit(config.mark_committed)
        ctx.on_finish(lambda status: finish(ctx, config, status))
    return config


def finish(ctx, config, status):
    if status == "dry-run":
        text, changes, saved = None, config.changes, False
    elif status == "committed":
        config.mark_committed()
        text, changes = config.committed()
        saved = True
    else:
        text, changes = config.committed()
        saved = True
    if not changes:
        return
    event = {"event": "config", "file": config.path, "changes": [c.to_json() for c in changes], "saved": saved}
    if saved:
        event["backup"] = config.save(text)
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
