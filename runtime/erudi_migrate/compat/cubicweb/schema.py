"""`cubicweb.schema` as schema files import it: RQL expressions for permissions, RQL constraints,
WorkflowableEntityType / make_workflowable, and the permission and type-set constants; all over the
runtime's own schema model (erudi_migrate.schema)."""

from erudi_migrate.schema.buildobjs import WorkflowableEntityType, make_workflowable  # noqa: F401
from erudi_migrate.schema.rqlexpr import (  # noqa: F401
    RQLExpression, ERQLExpression, RRQLExpression, BaseRQLConstraint, RQLConstraint, RQLUniqueConstraint,
    RQLVocabularyConstraint)
from erudi_migrate.schema.permissions import (  # noqa: F401
    PUB_SYSTEM_ENTITY_PERMS, PUB_SYSTEM_REL_PERMS, PUB_SYSTEM_ATTR_PERMS, RO_REL_PERMS, RO_ATTR_PERMS,
    DEFAULT_ETYPEPERMS, DEFAULT_RELPERMS, DEFAULT_ATTRPERMS, DEFAULT_COMPUTED_ATTRPERMS)
from erudi_migrate.schema.sets import (  # noqa: F401
    META_RTYPES, VIRTUAL_RTYPES, PURE_VIRTUAL_RTYPES, WORKFLOW_RTYPES, WORKFLOW_DEF_RTYPES, SYSTEM_RTYPES,
    SCHEMA_TYPES, WORKFLOW_TYPES, INTERNAL_TYPES, UNIQUE_CONSTRAINTS)
from erudi_migrate.schema.errors import BadSchemaDefinition  # noqa: F401


def display_name(req, key, form='', context=None):
    """The (untranslated) display name of a schema name."""
    return key if not form or form == 'subject' else '%s_%s' % (key, form)
