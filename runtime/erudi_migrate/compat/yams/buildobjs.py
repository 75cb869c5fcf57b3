"""`yams.buildobjs` as schema files import it: the runtime's definition objects (erudi_migrate.schema.buildobjs)."""

from erudi_migrate.schema.buildobjs import *  # noqa: F401,F403
from erudi_migrate.schema.buildobjs import (  # noqa: F401
    __all__, AbstractTypedAttribute, Definition, make_workflowable, register_base_type, BASE_TYPES,
    RDEF_PROPERTIES, RTYPE_PROPERTIES)
from erudi_migrate.schema.constraints import (  # noqa: F401
    SizeConstraint, UniqueConstraint, StaticVocabularyConstraint, FORMAT_CONSTRAINT)
from erudi_migrate.schema.permissions import (  # noqa: F401
    DEFAULT_ETYPEPERMS, DEFAULT_RELPERMS, DEFAULT_ATTRPERMS, DEFAULT_COMPUTED_ATTRPERMS)
