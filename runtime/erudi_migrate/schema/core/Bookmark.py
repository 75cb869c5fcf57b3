# -*- coding: utf-8 -*-
"""Bookmarks: a user's own links inside the application."""

from cubicweb import _
from yams.buildobjs import EntityType, RelationType, SubjectRelation, String
from cubicweb.schema import RRQLExpression


class Bookmark(EntityType):
    """a link a user keeps to a page of the application"""
    __permissions__ = {
        'read': ('managers', 'users', 'guests'),
        'add': ('managers', 'users'),
        'delete': ('managers', 'owners'),
        'update': ('managers', 'owners'),
    }
    title = String(required=True, maxsize=128, internationalizable=True)
    path = String(maxsize=2048, required=True, description=_('the page\'s path, relative to the site'))
    bookmarked_by = SubjectRelation('CWUser', description=_('the users of this bookmark'))


class bookmarked_by(RelationType):
    __permissions__ = {
        'read': ('managers', 'users', 'guests'),
        'add': ('managers', RRQLExpression('O identity U, U in_group G, G name "users"')),
        'delete': ('managers', RRQLExpression('O identity U, U in_group G, G name "users"')),
    }
