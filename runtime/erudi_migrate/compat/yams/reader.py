"""`yams.reader` as schema files import it: the constraint classes by name (CONSTRAINTS); building a
schema is the runtime's loader's job (erudi_migrate.schema.loader), not this module's."""

from erudi_migrate.schema import constraints as _constraints
from erudi_migrate.schema.rqlexpr import RQLConstraint, RQLUniqueConstraint, RQLVocabularyConstraint

CONSTRAINTS = {name: getattr(_constraints, name) for name in _constraints.__all__
               if isinstance(getattr(_constraints, name), type)
               and issubclass(getattr(_constraints, name), _constraints.BaseConstraint)
               and name != 'BaseConstraint'}
CONSTRAINTS.update(RQLConstraint=RQLConstraint, RQLUniqueConstraint=RQLUniqueConstraint,
                   RQLVocabularyConstraint=RQLVocabularyConstraint)
