"""CubicWeb 3.28's commands about where and how attribute values are kept: storage_changed (custom
storages), reindex_entities and update_etype_fti_weight (the full-text index). This runtime keeps every
value in its table and has no full-text index: what that means for each command is said to the user."""
from __future__ import annotations

from ..errors import MigrationError
from ..identifiers import check_name
from . import primitive
from .schema import _attribute, _entity


@primitive("storage_changed")
def storage_changed(ctx, etype, attribute):
    """Refused before any change: the values would have to move to files this runtime cannot manage."""
    _attribute(ctx, etype, attribute)
    raise MigrationError(
        f"storage_changed({etype!r}, {attribute!r}): this runtime keeps every attribute in its database column and "
        f"cannot set up CubicWeb's custom storages (such as BytesFileSystemStorage, whose files live beside a "
        f"CubicWeb instance), so {etype}.{attribute} cannot be moved; nothing was changed. Run this script with "
        f"cubicweb-ctl (the erudiMigrations.runner.command setting), or remove the call if the values stay in the "
        f"database")


def _checked_types(ctx, etypes):
    if etypes is None:
        return sorted(ctx.repo_schema.entities)
    if isinstance(etypes, str):
        etypes = [etypes]
    for etype in etypes:
        _entity(ctx, check_name(etype, "entity type name"))
    return list(etypes)


@primitive("reindex_entities")
def reindex_entities(ctx, etypes=None):
    etypes = _checked_types(ctx, etypes)
    ctx.events.emit({"event": "notice", "text": f"reindex_entities: this instance keeps no full-text index, "
                                                f"nothing to rebuild for {', '.join(etypes) or 'no type'}"})


@primitive("update_etype_fti_weight")
def update_etype_fti_weight(ctx, etype, weight):
    _entity(ctx, etype)
    if isinstance(weight, bool) or not isinstance(weight, (int, float)):
        raise MigrationError(f"update_etype_fti_weight: weight must be a number, not {weight!r}")
    ctx.events.emit({"event": "notice", "text": f"update_etype_fti_weight: this instance keeps no full-text "
                                                f"index, {etype}'s weight has nothing to change"})
