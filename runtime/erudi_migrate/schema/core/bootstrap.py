# -*- coding: utf-8 -*-
"""The core types that describe the schema itself (entity types, relation types, their definitions,
constraints and permissions) and the relations every entity has: is, is_instance_of."""

from cubicweb import _
from yams.buildobjs import (EntityType, RelationType, RelationDefinition, SubjectRelation,
                            RichString, String, Boolean, Int, Bytes)
from cubicweb.schema import (RQLConstraint, PUB_SYSTEM_ENTITY_PERMS, PUB_SYSTEM_REL_PERMS)


class CWEType(EntityType):
    """an entity type of the instance's schema"""
    __permissions__ = PUB_SYSTEM_ENTITY_PERMS
    name = String(required=True, indexed=True, internationalizable=True, unique=True, maxsize=64)
    description = RichString(internationalizable=True, description=_('what this entity type is for'))
    final = Boolean(default=False, description=_('set by the framework'))


class CWRType(EntityType):
    """a relation type of the instance's schema"""
    __permissions__ = PUB_SYSTEM_ENTITY_PERMS
    name = String(required=True, indexed=True, internationalizable=True, unique=True, maxsize=64)
    description = RichString(internationalizable=True, description=_('what this relation type is for'))
    symmetric = Boolean(description=_('does the relation read the same both ways?'))
    inlined = Boolean(description=_('is the relation stored as a column of the subject\'s table?'))
    fulltext_container = String(vocabulary=('', _('subject'), _('object')), maxsize=8, default=None,
                                description=_('which side gathers the full text of the other'))
    final = Boolean(description=_('set by the framework'))


class CWComputedRType(EntityType):
    """a relation type computed from an RQL rule"""
    __permissions__ = PUB_SYSTEM_ENTITY_PERMS
    name = String(required=True, indexed=True, internationalizable=True, unique=True, maxsize=64)
    description = RichString(internationalizable=True, description=_('what this relation type is for'))
    rule = String(required=True)


class CWAttribute(EntityType):
    """an attribute: a final relation type from an entity type to a final type"""
    __permissions__ = PUB_SYSTEM_ENTITY_PERMS
    relation_type = SubjectRelation('CWRType', cardinality='1*', composite='object',
                                    constraints=[RQLConstraint('O final TRUE')])
    from_entity = SubjectRelation('CWEType', cardinality='1*', composite='object',
                                  constraints=[RQLConstraint('O final FALSE')])
    to_entity = SubjectRelation('CWEType', cardinality='1*', composite='object',
                                constraints=[RQLConstraint('O final TRUE')])
    constrained_by = SubjectRelation('CWConstraint', cardinality='*1', composite='subject')
    cardinality = String(maxsize=2, internationalizable=True, vocabulary=[_('?1'), _('11')],
                         description=_('subject/object cardinality'))
    ordernum = Int(default=0, description=_('position among the subject\'s relations'))
    formula = String(maxsize=2048)
    indexed = Boolean(description=_('is there an index on this attribute?'))
    fulltextindexed = Boolean(description=_('is this attribute in the full text index?'))
    internationalizable = Boolean(description=_('is this attribute\'s value translated?'))
    defaultval = Bytes(description=_('the default value'))
    extra_props = Bytes(description=_('properties of the attribute\'s type'))
    description = RichString(internationalizable=True, description=_('what this attribute is for'))


CARDINALITIES = [_('?*'), _('1*'), _('+*'), _('**'), _('?+'), _('1+'), _('++'), _('*+'),
                 _('?1'), _('11'), _('+1'), _('*1'), _('??'), _('1?'), _('+?'), _('*?')]


class CWRelation(EntityType):
    """a relation definition: a non-final relation type between two entity types"""
    __permissions__ = PUB_SYSTEM_ENTITY_PERMS
    relation_type = SubjectRelation('CWRType', cardinality='1*', composite='object',
                                    constraints=[RQLConstraint('O final FALSE')])
    from_entity = SubjectRelation('CWEType', cardinality='1*', composite='object',
                                  constraints=[RQLConstraint('O final FALSE')])
    to_entity = SubjectRelation('CWEType', cardinality='1*', composite='object',
                                constraints=[RQLConstraint('O final FALSE')])
    constrained_by = SubjectRelation('CWConstraint', cardinality='*1', composite='subject')
    cardinality = String(maxsize=2, internationalizable=True, vocabulary=CARDINALITIES,
                         description=_('subject/object cardinality'))
    ordernum = Int(default=0, description=_('position among the subject\'s relations'))
    composite = String(vocabulary=('', _('subject'), _('object')), maxsize=8, default=None,
                       description=_('which side is made of the other (deleted with it)'))
    description = RichString(internationalizable=True, description=_('what this relation is for'))


class RQLExpression(EntityType):
    """an RQL expression granting a permission"""
    __permissions__ = PUB_SYSTEM_ENTITY_PERMS
    exprtype = String(required=True, vocabulary=['ERQLExpression', 'RRQLExpression'])
    mainvars = String(maxsize=8, description=_('the selected variables, comma separated'))
    expression = String(required=True, description=_('the restriction: X (the entity) or S and O (the '
                                                     'relation\'s ends), and U (the user)'))


class CWConstraint(EntityType):
    """a constraint of a relation definition"""
    __permissions__ = PUB_SYSTEM_ENTITY_PERMS
    cstrtype = SubjectRelation('CWConstraintType', cardinality='1*')
    value = String(description=_('the constraint\'s serialized value'))


class CWUniqueTogetherConstraint(EntityType):
    """a unique index on several attributes"""
    __permissions__ = PUB_SYSTEM_ENTITY_PERMS
    name = String(required=True, unique=True, maxsize=64)
    constraint_of = SubjectRelation('CWEType', cardinality='1*', composite='object', inlined=True)
    relations = SubjectRelation('CWRType', cardinality='+*')


class CWConstraintType(EntityType):
    """a kind of constraint (SizeConstraint, ...)"""
    __permissions__ = PUB_SYSTEM_ENTITY_PERMS
    name = String(required=True, indexed=True, internationalizable=True, unique=True, maxsize=64)


class CWGroup(EntityType):
    """a group of users: permissions are granted to groups"""
    __permissions__ = PUB_SYSTEM_ENTITY_PERMS
    name = String(required=True, indexed=True, internationalizable=True, unique=True, maxsize=64)


class CWProperty(EntityType):
    """a configuration value (its key cannot change once set)"""
    __permissions__ = {
        'read': ('managers', 'users', 'guests'),
        'add': ('managers', 'users'),
        'update': ('managers', 'owners'),
        'delete': ('managers', 'owners'),
    }
    pkey = String(required=True, internationalizable=True, maxsize=256,
                  description=_('what the property applies to'))
    value = String(internationalizable=True, maxsize=256)


class relation_type(RelationType):
    """the relation type of a relation definition"""
    __permissions__ = PUB_SYSTEM_REL_PERMS
    inlined = True


class from_entity(RelationType):
    """the subject type of a relation definition"""
    __permissions__ = PUB_SYSTEM_REL_PERMS
    inlined = True


class to_entity(RelationType):
    """the object type of a relation definition"""
    __permissions__ = PUB_SYSTEM_REL_PERMS
    inlined = True


class constrained_by(RelationType):
    """the constraints of a relation definition"""
    __permissions__ = PUB_SYSTEM_REL_PERMS


class cstrtype(RelationType):
    """the kind of a constraint"""
    __permissions__ = PUB_SYSTEM_REL_PERMS
    inlined = True


class read_permission_cwgroup(RelationDefinition):
    """groups that may read"""
    __permissions__ = PUB_SYSTEM_REL_PERMS
    name = 'read_permission'
    subject = ('CWEType', 'CWAttribute', 'CWRelation', 'CWComputedRType')
    object = 'CWGroup'
    cardinality = '**'


class add_permission_cwgroup(RelationDefinition):
    """groups that may add"""
    __permissions__ = PUB_SYSTEM_REL_PERMS
    name = 'add_permission'
    subject = ('CWEType', 'CWRelation', 'CWAttribute')
    object = 'CWGroup'
    cardinality = '**'


class delete_permission_cwgroup(RelationDefinition):
    """groups that may delete"""
    __permissions__ = PUB_SYSTEM_REL_PERMS
    name = 'delete_permission'
    subject = ('CWEType', 'CWRelation')
    object = 'CWGroup'
    cardinality = '**'


class update_permission_cwgroup(RelationDefinition):
    """groups that may update"""
    __permissions__ = PUB_SYSTEM_REL_PERMS
    name = 'update_permission'
    subject = ('CWEType', 'CWAttribute')
    object = 'CWGroup'
    cardinality = '**'


class read_permission_rqlexpr(RelationDefinition):
    """expressions that let read"""
    __permissions__ = PUB_SYSTEM_REL_PERMS
    name = 'read_permission'
    subject = ('CWEType', 'CWAttribute', 'CWRelation', 'CWComputedRType')
    object = 'RQLExpression'
    cardinality = '*?'
    composite = 'subject'


class add_permission_rqlexpr(RelationDefinition):
    """expressions that let add"""
    __permissions__ = PUB_SYSTEM_REL_PERMS
    name = 'add_permission'
    subject = ('CWEType', 'CWRelation', 'CWAttribute')
    object = 'RQLExpression'
    cardinality = '*?'
    composite = 'subject'


class delete_permission_rqlexpr(RelationDefinition):
    """expressions that let delete"""
    __permissions__ = PUB_SYSTEM_REL_PERMS
    name = 'delete_permission'
    subject = ('CWEType', 'CWRelation')
    object = 'RQLExpression'
    cardinality = '*?'
    composite = 'subject'


class update_permission_rqlexpr(RelationDefinition):
    """expressions that let update"""
    __permissions__ = PUB_SYSTEM_REL_PERMS
    name = 'update_permission'
    subject = ('CWEType', 'CWAttribute')
    object = 'RQLExpression'
    cardinality = '*?'
    composite = 'subject'


class is_(RelationType):
    """the type of an entity"""
    name = 'is'
    __permissions__ = {'read': ('managers', 'users', 'guests'), 'add': (), 'delete': ()}
    cardinality = '1*'
    subject = '*'
    object = 'CWEType'


class is_instance_of(RelationType):
    """the types of an entity, the types it specializes included"""
    __permissions__ = {'read': ('managers', 'users', 'guests'), 'add': (), 'delete': ()}
    cardinality = '+*'
    subject = '*'
    object = 'CWEType'


class specializes(RelationType):
    """the entity type another one specializes"""
    __permissions__ = {'read': ('managers', 'users', 'guests'), 'add': ('managers',),
                       'delete': ('managers',)}
    cardinality = '?*'
    subject = 'CWEType'
    object = 'CWEType'
