"""`cubicweb.schemas`: the permission constants, and the core schema modules (bootstrap, base, workflow,
Bookmark), which are the files of erudi_migrate/schema/core/."""
import os as _os

from erudi_migrate.schema.permissions import (  # noqa: F401
    PUB_SYSTEM_ENTITY_PERMS, PUB_SYSTEM_REL_PERMS, PUB_SYSTEM_ATTR_PERMS, RO_REL_PERMS, RO_ATTR_PERMS)
import erudi_migrate.schema as _schema

__path__ = [_os.path.join(_os.path.dirname(_os.path.abspath(_schema.__file__)), "core")]

META_ETYPE_PERMS = PUB_SYSTEM_ENTITY_PERMS
META_RTYPE_PERMS = PUB_SYSTEM_REL_PERMS
HOOKS_RTYPE_PERMS = RO_REL_PERMS
