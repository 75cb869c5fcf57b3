"""The permission sets of yams and CubicWeb: the defaults a definition without `__permissions__` has, and
the constants core schemas and cubes use."""
from __future__ import annotations

from .rqlexpr import ERQLExpression

DEFAULT_ETYPEPERMS = {
    'read': ('managers', 'users', 'guests'),
    'add': ('managers', 'users'),
    'update': ('managers', 'owners'),
    'delete': ('managers', 'owners'),
}
DEFAULT_RELPERMS = {
    'read': ('managers', 'users', 'guests'),
    'add': ('managers', 'users'),
    'delete': ('managers', 'users'),
}
# CubicWeb's: who may edit the entity may set its attributes
DEFAULT_ATTRPERMS = {
    'read': ('managers', 'users', 'guests'),
    'add': ('managers', ERQLExpression('U has_add_permission X')),
    'update': ('managers', ERQLExpression('U has_update_permission X')),
}
DEFAULT_COMPUTED_ATTRPERMS = {'read': ('managers', 'users', 'guests'), 'add': (), 'update': ()}
DEFAULT_COMPUTED_RELPERMS = {'read': ('managers', 'users', 'guests')}

PUB_SYSTEM_ENTITY_PERMS = {
    'read': ('managers', 'users', 'guests'),
    'add': ('managers',),
    'delete': ('managers',),
    'update': ('managers',),
}
PUB_SYSTEM_REL_PERMS = {'read': ('managers', 'users', 'guests'), 'add': ('managers',), 'delete': ('managers',)}
PUB_SYSTEM_ATTR_PERMS = {'read': ('managers', 'users', 'guests'), 'add': ('managers',), 'update': ('managers',)}
RO_REL_PERMS = {'read': ('managers', 'users', 'guests'), 'add': (), 'delete': ()}
RO_ATTR_PERMS = {'read': ('managers', 'users', 'guests'), 'add': DEFAULT_ATTRPERMS['add'], 'update': ()}


def effective_permissions(kind: str, declared, computed: bool = False):
    """The permissions a definition has: the declared ones, else the default of its kind ('entity',
    'attribute' or 'relation'), as plain JSON (what the persisted schema holds)."""
    from .build import plain
    if declared is not None:
        return plain(declared)
    if kind == 'entity':
        return plain(DEFAULT_ETYPEPERMS)
    if kind == 'attribute':
        return plain(DEFAULT_COMPUTED_ATTRPERMS if computed else DEFAULT_ATTRPERMS)
    return plain(DEFAULT_RELPERMS)
