# erudi 2.28.0: the workflow system types (CWWorkflow, CWState, CWTransition, CWGroup and their relations)
# that add_state() and add_transition() fill, with the default groups; see primitives/workflow.py.
from erudi_migrate.primitives.workflow import install_workflow_types

install_workflow_types(repo)
