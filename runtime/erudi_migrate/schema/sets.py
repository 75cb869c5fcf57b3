"""Named sets of CubicWeb's core type and relation names (what cubicweb.schema exports, and what the
runtime uses to tell metadata and system types from an application's)."""

PURE_VIRTUAL_RTYPES = frozenset(('identity', 'has_text'))
VIRTUAL_RTYPES = frozenset(('eid', 'identity', 'has_text'))
# the metadata relations of every entity
META_RTYPES = frozenset(('owned_by', 'created_by', 'is', 'is_instance_of', 'identity', 'eid', 'creation_date',
                         'cw_source', 'modification_date', 'has_text', 'cwuri'))
WORKFLOW_RTYPES = frozenset(('custom_workflow', 'in_state', 'wf_info_for'))
WORKFLOW_DEF_RTYPES = frozenset(('workflow_of', 'state_of', 'transition_of', 'initial_state', 'default_workflow',
                                 'allowed_transition', 'destination_state', 'from_state', 'to_state', 'condition',
                                 'subworkflow', 'subworkflow_state', 'subworkflow_exit', 'by_transition'))
SYSTEM_RTYPES = frozenset(('in_group', 'require_group', 'for_user', 'cw_import_of', 'cw_host_config_of')) \
    | WORKFLOW_RTYPES
SCHEMA_TYPES = frozenset(('CWEType', 'CWRType', 'CWComputedRType', 'CWAttribute', 'CWRelation', 'CWConstraint',
                          'CWConstraintType', 'CWUniqueTogetherConstraint', 'RQLExpression', 'specializes',
                          'relation_type', 'from_entity', 'to_entity', 'constrained_by', 'cstrtype',
                          'constraint_of', 'relations', 'read_permission', 'add_permission',
                          'delete_permission', 'update_permission'))
WORKFLOW_TYPES = frozenset(('Transition', 'State', 'TrInfo', 'Workflow', 'WorkflowTransition', 'BaseTransition',
                            'SubWorkflowExitPoint'))
INTERNAL_TYPES = frozenset(('CWProperty', 'CWCache', 'ExternalUri', 'CWDataImport', 'CWSource',
                            'CWSourceHostConfig', 'CWSession'))
UNIQUE_CONSTRAINTS = ('SizeConstraint', 'FormatConstraint', 'StaticVocabularyConstraint', 'RQLVocabularyConstraint')
