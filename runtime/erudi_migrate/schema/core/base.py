# -*- coding: utf-8 -*-
"""The core types every instance has beyond the bootstrap: users and their e-mail addresses, external
URIs, caches, sources, data imports; and the metadata every entity carries (creation_date,
modification_date, cwuri, owned_by, created_by, cw_source)."""

from cubicweb import _
from yams.buildobjs import (EntityType, RelationType, RelationDefinition, SubjectRelation,
                            String, TZDatetime, Password)
from cubicweb.schema import (RQLConstraint, WorkflowableEntityType, ERQLExpression, RRQLExpression,
                             PUB_SYSTEM_REL_PERMS, PUB_SYSTEM_ATTR_PERMS, RO_ATTR_PERMS)


class CWUser(WorkflowableEntityType):
    """a user of the instance"""
    __permissions__ = {
        'read': ('managers', 'users', ERQLExpression('X identity U')),
        'add': ('managers',),
        'delete': ('managers',),
        'update': ('managers', ERQLExpression('X identity U, NOT U in_group G, G name "guests"')),
    }
    login = String(required=True, unique=True, maxsize=64,
                   description=_('the name the user logs in with'))
    upassword = Password(required=True)
    firstname = String(maxsize=64)
    surname = String(maxsize=64)
    last_login_time = TZDatetime(description=_('when the user last logged in'))
    in_group = SubjectRelation('CWGroup', cardinality='+*',
                               constraints=[RQLConstraint('NOT O name "owners"')],
                               description=_('the groups granting the user permissions'))


class EmailAddress(EntityType):
    """an e-mail address, with a short alias"""
    __permissions__ = {
        'read': ('managers', ERQLExpression('U use_email X')),
        'add': ('managers', 'users'),
        'delete': ('managers', 'owners', ERQLExpression('P use_email X, U has_update_permission P')),
        'update': ('managers', 'owners', ERQLExpression('P use_email X, U has_update_permission P')),
    }
    alias = String(fulltextindexed=True, maxsize=56)
    address = String(required=True, fulltextindexed=True, indexed=True, unique=True, maxsize=128)
    prefered_form = SubjectRelation('EmailAddress', cardinality='?*',
                                    description=_('the preferred one of equivalent addresses'))


class use_email(RelationType):
    fulltext_container = 'subject'


class use_email_relation(RelationDefinition):
    """the e-mail addresses of a user"""
    name = 'use_email'
    __permissions__ = {
        'read': ('managers', 'users', 'guests'),
        'add': ('managers', RRQLExpression('U has_update_permission S')),
        'delete': ('managers', RRQLExpression('U has_update_permission S')),
    }
    subject = 'CWUser'
    object = 'EmailAddress'
    cardinality = '*?'
    composite = 'subject'


class primary_email(RelationDefinition):
    """the preferred e-mail address of a user"""
    __permissions__ = {
        'read': ('managers', 'users', 'guests'),
        'add': ('managers', RRQLExpression('U has_update_permission S')),
        'delete': ('managers', RRQLExpression('U has_update_permission S')),
    }
    subject = 'CWUser'
    object = 'EmailAddress'
    cardinality = '??'
    constraints = [RQLConstraint('S use_email O')]


class prefered_form(RelationType):
    __permissions__ = {
        'read': ('managers', 'users', 'guests'),
        'add': ('managers', RRQLExpression('U has_update_permission S')),
        'delete': ('managers', RRQLExpression('U has_update_permission S')),
    }


class in_group(RelationType):
    """the groups of a user"""
    __permissions__ = PUB_SYSTEM_REL_PERMS


class owned_by(RelationType):
    """the users owning an entity (they are in its `owners` group)"""
    __permissions__ = {
        'read': ('managers', 'users', 'guests'),
        'add': ('managers', RRQLExpression('S owned_by U')),
        'delete': ('managers', RRQLExpression('S owned_by U')),
    }
    cardinality = '**'
    subject = '*'
    object = 'CWUser'


class created_by(RelationType):
    """the user who created an entity"""
    __permissions__ = {
        'read': ('managers', 'users', 'guests'),
        'add': ('managers',),
        'delete': ('managers',),
    }
    cardinality = '?*'
    subject = '*'
    object = 'CWUser'


class creation_date(RelationType):
    """when an entity was created"""
    __permissions__ = PUB_SYSTEM_ATTR_PERMS
    cardinality = '11'
    subject = '*'
    object = 'TZDatetime'


class modification_date(RelationType):
    """when an entity was last changed"""
    __permissions__ = PUB_SYSTEM_ATTR_PERMS
    cardinality = '11'
    subject = '*'
    object = 'TZDatetime'


class cwuri(RelationType):
    """the entity's own URI"""
    __permissions__ = RO_ATTR_PERMS
    cardinality = '11'
    subject = '*'
    object = 'String'


class for_user(RelationType):
    """the user a property applies to (none: the whole site)"""
    __permissions__ = {'read': ('managers', 'users', 'guests'), 'add': ('managers',), 'delete': ('managers',)}
    inlined = True
    subject = 'CWProperty'
    object = 'CWUser'
    composite = 'object'
    cardinality = '?*'


class ExternalUri(EntityType):
    """a URI standing for an object of another data store"""
    uri = String(required=True, unique=True, maxsize=256, description=_('the URI of the object'))


class same_as(RelationType):
    """the external object is the same as the local one (owl:sameAs); the types that may have it say so"""
    __permissions__ = {
        'read': ('managers', 'users', 'guests'),
        'add': ('managers', 'users'),
        'delete': ('managers', 'owners'),
    }
    cardinality = '**'
    symmetric = True
    object = 'ExternalUri'


class CWCache(EntityType):
    """a named cache whose timestamp the application bumps to invalidate it"""
    __permissions__ = {
        'read': ('managers', 'users', 'guests'),
        'add': ('managers',),
        'update': ('managers', 'users'),
        'delete': ('managers',),
    }
    name = String(required=True, unique=True, maxsize=128, description=_('name of the cache'))
    timestamp = TZDatetime(default='NOW')


MANAGERS_ENTITY_PERMISSIONS = {
    'read': ('managers',), 'add': ('managers',), 'update': ('managers',), 'delete': ('managers',),
}
MANAGERS_RELATION_PERMISSIONS = {'read': ('managers',), 'add': ('managers',), 'delete': ('managers',)}


class CWSource(EntityType):
    """a data source of the instance (the system database, or an external one)"""
    __permissions__ = {
        'read': ('managers', 'users', 'guests'),
        'add': ('managers',),
        'update': ('managers',),
        'delete': ('managers',),
    }
    name = String(required=True, unique=True, maxsize=128, description=_('name of the source'))
    type = String(required=True, maxsize=20, description=_('type of the source'))
    config = String(description=_('the source\'s configuration, one key=value a line'),
                    __permissions__={'read': ('managers',), 'add': ('managers',), 'update': ('managers',)})
    url = String(description=_('the URLs content is imported from, one a line'))
    parser = String(description=_('the parser of the content at these URLs'))
    latest_retrieval = TZDatetime(description=_('when the source was last synchronized'))
    in_synchronization = TZDatetime(description=_('when the running synchronization started'))


class CWSourceHostConfig(EntityType):
    """a source's configuration for the hosts matching a pattern"""
    __permissions__ = MANAGERS_ENTITY_PERMISSIONS
    __unique_together__ = [('match_host', 'cw_host_config_of')]
    match_host = String(required=True, maxsize=128, description=_('a regular expression of host names'))
    config = String(required=True, description=_('the configuration overriding the source\'s'),
                    __permissions__={'read': ('managers',), 'add': ('managers',), 'update': ('managers',)})


class cw_host_config_of(RelationDefinition):
    __permissions__ = MANAGERS_RELATION_PERMISSIONS
    subject = 'CWSourceHostConfig'
    object = 'CWSource'
    cardinality = '1*'
    composite = 'object'
    inlined = True


class cw_source(RelationDefinition):
    """the source an entity comes from"""
    __permissions__ = {'read': ('managers', 'users', 'guests'), 'add': ('managers',), 'delete': ('managers',)}
    subject = '*'
    object = 'CWSource'
    cardinality = '1*'
    composite = 'object'


class CWDataImport(EntityType):
    """one import of data from a source"""
    __permissions__ = MANAGERS_ENTITY_PERMISSIONS
    start_timestamp = TZDatetime()
    end_timestamp = TZDatetime()
    log = String()
    status = String(required=True, internationalizable=True, indexed=True, default='in progress',
                    vocabulary=[_('in progress'), _('success'), _('failed')])


class cw_import_of(RelationDefinition):
    __permissions__ = MANAGERS_RELATION_PERMISSIONS
    subject = 'CWDataImport'
    object = 'CWSource'
    cardinality = '1*'
    composite = 'object'


class CWSourceSchemaConfig(EntityType):
    """which part of the schema a source provides"""
    __permissions__ = MANAGERS_ENTITY_PERMISSIONS
    cw_for_source = SubjectRelation('CWSource', inlined=True, cardinality='1*', composite='object',
                                    __permissions__=MANAGERS_RELATION_PERMISSIONS)
    options = String(description=_('options, depending on the source\'s type'))


class rtype_cw_schema(RelationDefinition):
    __permissions__ = MANAGERS_RELATION_PERMISSIONS
    name = 'cw_schema'
    subject = 'CWSourceSchemaConfig'
    object = ('CWEType', 'CWRType')
    inlined = True
    cardinality = '1*'
    composite = 'object'
    constraints = [RQLConstraint('NOT O final TRUE')]


class rdef_cw_schema(RelationDefinition):
    __permissions__ = MANAGERS_RELATION_PERMISSIONS
    name = 'cw_schema'
    subject = 'CWSourceSchemaConfig'
    object = 'CWRelation'
    inlined = True
    cardinality = '1*'
    composite = 'object'


# relation types without definitions: cubes give them their subjects and objects
class identical_to(RelationType):
    """the two entities are the same thing"""
    symmetric = True
    __permissions__ = {
        'read': ('managers', 'users', 'guests'),
        'add': ('managers', RRQLExpression('U has_update_permission S')),
        'delete': ('managers', RRQLExpression('U has_update_permission S')),
    }


class see_also(RelationType):
    """a link from one entity to another"""
    symmetric = True
    __permissions__ = {
        'read': ('managers', 'users', 'guests'),
        'add': ('managers', RRQLExpression('U has_update_permission S')),
        'delete': ('managers', RRQLExpression('U has_update_permission S')),
    }
