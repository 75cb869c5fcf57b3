# -*- coding: utf-8 -*-
"""Workflows: a Workflow of states and transitions for entity types, the state each workflowable entity
is in (in_state), and its history (TrInfo, wf_info_for)."""

from cubicweb import _
from yams.buildobjs import (EntityType, RelationType, RelationDefinition, SubjectRelation,
                            RichString, String, Int)
from cubicweb.schema import (RQLConstraint, PUB_SYSTEM_ENTITY_PERMS, PUB_SYSTEM_REL_PERMS,
                             RO_REL_PERMS)


class Workflow(EntityType):
    """the states and transitions entities of some types go through"""
    __permissions__ = PUB_SYSTEM_ENTITY_PERMS
    name = String(required=True, indexed=True, internationalizable=True, maxsize=256)
    description = RichString(default_format='text/rest', description=_('what this workflow is for'))
    workflow_of = SubjectRelation('CWEType', cardinality='+*', constraints=[RQLConstraint('O final FALSE')],
                                  description=_('the entity types that may use this workflow'))
    initial_state = SubjectRelation('State', cardinality='?*',
                                    constraints=[RQLConstraint('O state_of S',
                                                               msg=_('the state is not in this workflow'))],
                                    description=_('the state a new entity starts in'))


class default_workflow(RelationType):
    """the workflow an entity type uses unless an entity says otherwise"""
    __permissions__ = PUB_SYSTEM_REL_PERMS
    subject = 'CWEType'
    object = 'Workflow'
    cardinality = '?*'
    constraints = [RQLConstraint('S final FALSE, O workflow_of S',
                                 msg=_('the workflow is not one of this type'))]


class State(EntityType):
    """a state of a workflow"""
    __permissions__ = PUB_SYSTEM_ENTITY_PERMS
    __unique_together__ = [('name', 'state_of')]
    name = String(required=True, indexed=True, internationalizable=True, maxsize=256)
    description = RichString(default_format='text/rest', description=_('what this state means'))
    allowed_transition = SubjectRelation('BaseTransition', cardinality='**',
                                         constraints=[RQLConstraint('S state_of WF, O transition_of WF',
                                                                    msg=_('the state and the transition are '
                                                                          'in different workflows'))],
                                         description=_('the transitions that may leave this state'))
    state_of = SubjectRelation('Workflow', cardinality='1*', composite='object', inlined=True,
                               description=_('the workflow of this state'))


class BaseTransition(EntityType):
    """what Transition and WorkflowTransition have in common"""
    __permissions__ = PUB_SYSTEM_ENTITY_PERMS
    __unique_together__ = [('name', 'transition_of')]
    name = String(required=True, indexed=True, internationalizable=True, maxsize=256)
    type = String(vocabulary=(_('normal'), _('auto')), default='normal')
    description = RichString(description=_('what this transition does'))
    transition_of = SubjectRelation('Workflow', cardinality='1*', composite='object', inlined=True,
                                    description=_('the workflow of this transition'))


class require_group(RelationDefinition):
    """a group a user must be in to pass the transition"""
    __permissions__ = PUB_SYSTEM_REL_PERMS
    subject = 'BaseTransition'
    object = 'CWGroup'


class condition(RelationDefinition):
    """an RQL expression (over X, the entity, and U, the user) that must match for the transition"""
    __permissions__ = PUB_SYSTEM_REL_PERMS
    subject = 'BaseTransition'
    object = 'RQLExpression'
    cardinality = '*?'
    composite = 'subject'


class Transition(BaseTransition):
    """a transition from one or more states to a destination state (none: back where it came from)"""
    __specializes_schema__ = True
    destination_state = SubjectRelation('State', cardinality='?*',
                                        constraints=[RQLConstraint('S transition_of WF, O state_of WF',
                                                                   msg=_('the state and the transition are '
                                                                         'in different workflows'))],
                                        description=_('the state this transition leads to'))


class WorkflowTransition(BaseTransition):
    """a transition that goes through a sub-workflow"""
    __specializes_schema__ = True
    subworkflow = SubjectRelation('Workflow', cardinality='1*',
                                  constraints=[RQLConstraint('S transition_of WF, WF workflow_of ET, '
                                                             'O workflow_of ET',
                                                             msg=_('the sub-workflow is not one of the same '
                                                                   'types'))])
    subworkflow_exit = SubjectRelation('SubWorkflowExitPoint', cardinality='*1', composite='subject')


class SubWorkflowExitPoint(EntityType):
    """where a sub-workflow returns to its parent workflow"""
    subworkflow_state = SubjectRelation('State', cardinality='1*',
                                        constraints=[RQLConstraint('T subworkflow_exit S, T subworkflow WF, '
                                                                   'O state_of WF',
                                                                   msg=_('the exit state must be a state '
                                                                         'of the sub-workflow'))],
                                        description=_('the sub-workflow\'s state'))
    destination_state = SubjectRelation('State', cardinality='?*',
                                        constraints=[RQLConstraint('T subworkflow_exit S, T transition_of WF, '
                                                                   'O state_of WF',
                                                                   msg=_('the destination must be in the '
                                                                         'parent transition\'s workflow'))],
                                        description=_('the state to go to (none: where the sub-workflow '
                                                      'was entered from)'))


class TrInfo(EntityType):
    """one passed transition in the history of an entity"""
    __permissions__ = {
        'read': ('managers', 'users', 'guests'),
        'add': ('managers', 'users', 'guests'),
        'delete': (),
        'update': ('managers', 'owners'),
    }
    # two repositories on one database cannot fire a transition at once on the same entity
    __unique_together__ = [('tr_count', 'wf_info_for')]
    from_state = SubjectRelation('State', cardinality='1*', inlined=True)
    to_state = SubjectRelation('State', cardinality='1*', inlined=True)
    by_transition = SubjectRelation('BaseTransition', cardinality='?*')
    comment = RichString(fulltextindexed=True, default_format='text/plain')
    tr_count = Int(description='the rank of this step in the entity\'s history')


class from_state(RelationType):
    __permissions__ = RO_REL_PERMS
    inlined = True


class to_state(RelationType):
    __permissions__ = RO_REL_PERMS
    inlined = True


class by_transition(RelationType):
    __permissions__ = {'read': ('managers', 'users', 'guests'), 'add': ('managers', 'users', 'guests'),
                       'delete': ()}
    inlined = True


class workflow_of(RelationType):
    """the entity types a workflow is for"""
    __permissions__ = PUB_SYSTEM_REL_PERMS


class state_of(RelationType):
    """the workflow of a state"""
    __permissions__ = PUB_SYSTEM_REL_PERMS
    inlined = True


class transition_of(RelationType):
    """the workflow of a transition"""
    __permissions__ = PUB_SYSTEM_REL_PERMS
    inlined = True


class destination_state(RelationType):
    """the state a transition leads to"""
    __permissions__ = PUB_SYSTEM_REL_PERMS
    inlined = True


class allowed_transition(RelationType):
    """the transitions that may leave a state"""
    __permissions__ = PUB_SYSTEM_REL_PERMS


class initial_state(RelationType):
    """the state a new entity starts in"""
    __permissions__ = PUB_SYSTEM_REL_PERMS
    inlined = True


class subworkflow(RelationType):
    __permissions__ = PUB_SYSTEM_REL_PERMS
    inlined = True


class exit_point(RelationType):
    __permissions__ = PUB_SYSTEM_REL_PERMS


class subworkflow_state(RelationType):
    __permissions__ = PUB_SYSTEM_REL_PERMS
    inlined = True


# relation types that WorkflowableEntityType gives its subclasses definitions of
class custom_workflow(RelationType):
    """a workflow of this entity's own, instead of its type's default one"""
    __permissions__ = PUB_SYSTEM_REL_PERMS
    cardinality = '?*'
    constraints = [RQLConstraint('S is ET, O workflow_of ET', msg=_('the workflow is not one of this type'))]
    object = 'Workflow'


class wf_info_for(RelationType):
    """the entity a history step is about"""
    __permissions__ = {'read': ('managers', 'users', 'guests'), 'add': ('managers', 'users', 'guests'),
                       'delete': ()}
    inlined = True
    cardinality = '1*'
    composite = 'object'
    fulltext_container = 'object'
    subject = 'TrInfo'


class in_state(RelationType):
    """the current state of an entity (stored in in_state_relation, not inlined, as CubicWeb does)"""
    __permissions__ = RO_REL_PERMS
    inlined = False
    cardinality = '1*'
    constraints = [RQLConstraint('S is ET, O state_of WF, WF workflow_of ET',
                                 msg=_('the state is not one of this entity\'s type'))]
    object = 'State'
