"""`X has_text "words"` through the schema's `fulltext_container` (issue 11), as CubicWeb indexes text: an entity's
index holds its fulltextindexed attributes and the text of the entities its fulltext_container relations gather
(theirs included); an entity gathered into another's index is not found itself. On SQLite and PostgreSQL."""
import unittest

from runtime_case import RuntimeCase, on_both_databases
from test_rql import ScriptSession

# A ticket gathers its comments (`comments`, container 'object', a relation table), their notes (`annotates`,
# 'object', inlined on the note), its tags (`tagged`, 'subject', a relation table) and its version (`done_in`,
# 'subject', inlined on the ticket).
SCHEMA = """
class Ticket(EntityType):
    title = String(maxsize=64, fulltextindexed=True)
    done_in = SubjectRelation('Version', cardinality='?*', inlined=True)
    tagged = SubjectRelation('Tag')
    priority = Int()

class Comment(EntityType):
    content = String(fulltextindexed=True)
    comments = SubjectRelation('Ticket')

class Note(EntityType):
    text = String(fulltextindexed=True)
    annotates = SubjectRelation('Comment', cardinality='?*', inlined=True)

class Tag(EntityType):
    name = String(maxsize=32, fulltextindexed=True)

class Version(EntityType):
    num = String(maxsize=16, fulltextindexed=True)

class comments(RelationType):
    fulltext_container = 'object'

class annotates(RelationType):
    fulltext_container = 'object'

class tagged(RelationType):
    fulltext_container = 'subject'

class done_in(RelationType):
    fulltext_container = 'subject'
"""


@on_both_databases
class FullTextContainers(RuntimeCase):
    def setUp(self):
        super().setUp()
        self.create(SCHEMA)
        s = self.s = ScriptSession(self)
        bionic = s.add_entity("Version", num="bionic")
        urgent = s.add_entity("Tag", name="urgent")
        s.add_entity("Tag", name="cosmetic")
        self.crash = s.add_entity("Ticket", title="crash on start", done_in=bionic, tagged=[urgent])
        self.typo = s.add_entity("Ticket", title="typo in the menu")
        first = s.add_entity("Comment", content="segfault in the parser", comments=[self.crash])
        s.add_entity("Comment", content="timeout when loading", comments=[self.crash])
        s.add_entity("Note", text="reproduced on arm", annotates=first)
        s.add_entity("Comment", content="orphan remark")

    def found(self, query, **kwargs):
        return sorted(row[0] for row in self.s.rql(query, kwargs))

    def test_an_entity_is_found_by_the_text_its_relations_gather(self):
        self.assertEqual(self.found("Any T WHERE T is Ticket, T has_text 'segfault'"), [self.crash])
        self.assertEqual(self.found("Any T WHERE T is Ticket, T has_text 'urgent'"), [self.crash])
        self.assertEqual(self.found("Any T WHERE T is Ticket, T has_text %(w)s", w="bionic"), [self.crash])
        self.assertEqual(self.found("Any T WHERE T is Ticket, T has_text 'menu'"), [self.typo])
        self.assertEqual(self.found("Any T WHERE T is Ticket, T has_text 'cosmetic'"), [])

    def test_the_gathered_text_is_one_document_nested_relations_included(self):
        # words of the title, of two comments, of a comment's note, of the tag and the version, together
        self.assertEqual(self.found("Any T WHERE T has_text 'crash timeout segfault arm urgent bionic'"),
                         [self.crash])
        self.assertEqual(self.found("Any T WHERE T has_text 'crash menu'"), [])
        self.assertEqual(self.found("Any T WHERE T is Ticket, NOT T has_text 'arm'"), [self.typo])

    def test_a_gathered_entity_is_not_found_itself(self):
        # CubicWeb indexes a Comment, a Note, a Tag and a Version into their containers only
        self.assertEqual(self.found("Any X WHERE X is Comment, X has_text 'segfault'"), [])
        self.assertEqual(self.found("Any X WHERE X is Comment, X has_text 'orphan'"), [])
        self.assertEqual(self.found("Any X WHERE X is Tag, X has_text 'urgent'"), [])
        self.assertEqual(self.found("Any X WHERE X has_text 'urgent'"), [self.crash])
        self.assertEqual(self.found("Any X WHERE X has_text 'reproduced'"), [self.crash])

    def test_with_other_restrictions_and_in_exists(self):
        self.s.rql("SET T priority 1 WHERE T eid %(t)s", {"t": self.crash})
        self.assertEqual(self.found("Any T WHERE T priority 1, T has_text 'timeout'"), [self.crash])
        self.assertEqual(self.found("Any V WHERE V is Version, EXISTS(T done_in V, T has_text 'segfault')"),
                         self.found("Any V WHERE V num 'bionic'"))


@on_both_databases
class TheCoreSchemasContainers(RuntimeCase):
    """The core's `use_email` (fulltext_container 'subject'): a user is found by its addresses' text."""

    def setUp(self):
        super().setUp()
        self.create("""
class Person(EntityType):
    name = String(maxsize=64, fulltextindexed=True)
""")
        self.s = ScriptSession(self)

    def test_a_user_is_found_by_its_e_mail_address_and_the_address_is_not(self):
        s = self.s
        address = s.add_entity("EmailAddress", address="ann@example.org", alias="office")
        user = s.rql("INSERT CWUser U: U login 'ann', U upassword 'secret'")[0][0]
        s.rql("SET U use_email A WHERE U eid %(u)s, A eid %(a)s", {"u": user, "a": address})
        # (CWUser is named: the framework's types are left out of an untyped variable's inference, README)
        self.assertEqual([r[0] for r in s.rql("Any U WHERE U is CWUser, U has_text 'office'")], [user])
        self.assertEqual([r[0] for r in s.rql("Any U WHERE U is CWUser, U has_text %(w)s", {"w": "ann@example.org"})],
                         [user])
        self.assertEqual(list(s.rql("Any A WHERE A is EmailAddress, A has_text 'office'")), [])


if __name__ == "__main__":
    unittest.main()
