# erudi 2.29.0: CubicWeb's core schema and metadata (CWEType, CWUser, Workflow, State, ...; creation_date,
# modification_date, cwuri, is, is_instance_of, owned_by, created_by on every type); the 2.28.0 workflow types
# become CubicWeb's Workflow/State/Transition. See framework/core_schema.py.
from erudi_migrate.framework.core_schema import install_core_schema

install_core_schema(repo)
