"""`yams` as schema files import it: the final types, register_base_type and the errors."""

from erudi_migrate.schema.buildobjs import BASE_TYPES, register_base_type, unregister_base_type  # noqa: F401
from erudi_migrate.schema.errors import BadSchemaDefinition  # noqa: F401
from erudi_migrate.schema.permissions import (  # noqa: F401
    DEFAULT_ETYPEPERMS, DEFAULT_RELPERMS, DEFAULT_ATTRPERMS, DEFAULT_COMPUTED_ATTRPERMS)


class UnknownType(Exception):
    pass


class ValidationError(Exception):
    pass


MARKER = object()
KNOWN_METAATTRIBUTES = ('format', 'encoding', 'name')
