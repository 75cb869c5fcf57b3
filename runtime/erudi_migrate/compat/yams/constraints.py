"""`yams.constraints` as schema files import it: the runtime's constraints (erudi_migrate.schema.constraints)."""

from erudi_migrate.schema.constraints import *  # noqa: F401,F403
from erudi_migrate.schema.constraints import __all__  # noqa: F401
