"""The schema persisted in the system tables (`repo_schema`): read it, and change it entry by entry."""
from __future__ import annotations

import json
from typing import Any, Dict

from .model import EntityType, RelationDefinition, RelationType, Schema

TABLES = ("erudi_schema_entities", "erudi_schema_relations", "erudi_schema_definitions")


def _dump(props: Dict[str, Any]) -> str:
    return json.dumps(props, sort_keys=True, default=str)


class SchemaStore:
    """Keeps `schema` (the in-memory repo_schema) and the system tables in step."""

    def __init__(self, db, schema: Schema) -> None:
        self.db = db
        self.schema = schema
        self.p = db.dialect.param

    @classmethod
    def load(cls, db) -> "SchemaStore":
        schema = Schema()
        for name, props in db.query("SELECT name, props FROM erudi_schema_entities ORDER BY name"):
            schema.entities[name] = EntityType(name, json.loads(props))
        for name, final, props in db.query("SELECT name, final, props FROM erudi_schema_relations ORDER BY name"):
            schema.relations[name] = RelationType(name, bool(final), json.loads(props))
        for subject, rtype, obj, props in db.query(
                "SELECT subject, rtype, object, props FROM erudi_schema_definitions ORDER BY ordering, subject, rtype, object"):
            schema.definitions[(subject, rtype, obj)] = RelationDefinition(subject, rtype, obj, json.loads(props))
        return cls(db, schema)

    # entity types -----------------------------------------------------------------------
    def _changed(self) -> None:
        # Counted so that what is built from the schema (rql's SchemaView) is rebuilt only after a change.
        self.schema.changes = getattr(self.schema, "changes", 0) + 1

    def save_entity(self, entity: EntityType) -> None:
        p = self.p
        if entity.name in self.schema.entities:
            self.db.execute(f"UPDATE erudi_schema_entities SET props = {p} WHERE name = {p}",
                            (_dump(entity.props), entity.name))
        else:
            self.db.execute(f"INSERT INTO erudi_schema_entities (name, props) VALUES ({p}, {p})",
                            (entity.name, _dump(entity.props)))
        self.schema.entities[entity.name] = entity
        self._changed()

    def delete_entity(self, name: str) -> None:
        self.db.execute(f"DELETE FROM erudi_schema_entities WHERE name = {self.p}", (name,))
        self.schema.entities.pop(name, None)
        self._changed()

    # relation types ---------------------------------------------------------------------
    def save_relation(self, relation: RelationType) -> None:
        p = self.p
        if relation.name in self.schema.relations:
            self.db.execute(f"UPDATE erudi_schema_relations SET final = {p}, props = {p} WHERE name = {p}",
                            (relation.final, _dump(relation.props), relation.name))
        else:
            self.db.execute(f"INSERT INTO erudi_schema_relations (name, final, props) VALUES ({p}, {p}, {p})",
                            (relation.name, relation.final, _dump(relation.props)))
        self.schema.relations[relation.name] = relation
        self._changed()

    def delete_relation(self, name: str) -> None:
        self.db.execute(f"DELETE FROM erudi_schema_relations WHERE name = {self.p}", (name,))
        self.schema.relations.pop(name, None)
        self._changed()

    # relation definitions ---------------------------------------------------------------
    def save_definition(self, definition: RelationDefinition) -> None:
        p = self.p
        key = definition.key
        if key in self.schema.definitions:
            self.db.execute(f"UPDATE erudi_schema_definitions SET props = {p} "
                            f"WHERE subject = {p} AND rtype = {p} AND object = {p}", (_dump(definition.props),) + key)
        else:
            self.db.execute(f"INSERT INTO erudi_schema_definitions (subject, rtype, object, ordering, props) "
                            f"VALUES ({p}, {p}, {p}, {p}, {p})", key + (self._next_ordering(), _dump(definition.props)))
        self.schema.definitions[key] = definition
        self._changed()

    def _next_ordering(self) -> int:
        # Definitions keep the order they were added in (schema.py's order at create time).
        if not hasattr(self, "_ordering"):
            rows = self.db.query("SELECT MAX(ordering) FROM erudi_schema_definitions")
            self._ordering = (rows[0][0] + 1) if rows and rows[0][0] is not None else 0
        self._ordering += 1
        return self._ordering - 1

    def delete_definition(self, definition: RelationDefinition) -> None:
        p = self.p
        self.db.execute(f"DELETE FROM erudi_schema_definitions WHERE subject = {p} AND rtype = {p} AND object = {p}",
                        definition.key)
        self.schema.definitions.pop(definition.key, None)
        self._changed()

    def add_relations(self, relations) -> None:
        """Saves relation types the store does not have yet, in one statement."""
        fresh = [r for r in relations if r.name not in self.schema.relations]
        if fresh:
            p = self.p
            self.db.executemany(f"INSERT INTO erudi_schema_relations (name, final, props) VALUES ({p}, {p}, {p})",
                                [(r.name, r.final, _dump(r.props)) for r in fresh])
            for relation in fresh:
                self.schema.relations[relation.name] = relation

    def add_definitions(self, definitions) -> None:
        """Saves definitions the store does not have yet, in one statement (framework 2.29.0 adds hundreds)."""
        fresh = [d for d in definitions if d.key not in self.schema.definitions]
        if not fresh:
            return
        p = self.p
        rows = []
        for definition in fresh:
            rows.append(definition.key + (self._next_ordering(), _dump(definition.props)))
            self.schema.definitions[definition.key] = definition
        self.db.executemany(f"INSERT INTO erudi_schema_definitions (subject, rtype, object, ordering, props) "
                            f"VALUES ({p}, {p}, {p}, {p}, {p})", rows)

    def save_all(self, schema: Schema) -> None:
        for entity in schema.entities.values():
            self.save_entity(entity)
        for relation in schema.relations.values():
            self.save_relation(relation)
        for definition in schema.definitions.values():
            self.save_definition(definition)
