"""What translation needs of a schema (types, attributes, relation ends), built once per schema change, and the storage names."""

import datetime
import decimal

# Python values each final type takes, for literals and arguments (checked before any SQL runs).
_TEMPORAL = (str, datetime.date, datetime.time, datetime.timedelta)
ACCEPTED_VALUES = {
    "String": (str,), "RichString": (str,), "Password": (str, bytes),
    "Int": (int,), "BigInt": (int,), "Float": (int, float, decimal.Decimal), "Decimal": (int, float, decimal.Decimal),
    "Boolean": (bool,), "Bytes": (bytes, bytearray, memoryview),
    "Date": _TEMPORAL, "Datetime": _TEMPORAL, "TZDatetime": _TEMPORAL, "Time": _TEMPORAL, "TZTime": _TEMPORAL,
    "Interval": _TEMPORAL, "eid": (int,),
}

NUMERIC_TYPES = ("Int", "BigInt", "Float", "Decimal")

# Attributes whose text has_text searches when they are fulltextindexed (a Bytes file's text needs CubicWeb's
# adapters, which a migration runtime does not have).
FULLTEXT_TYPES = ("String", "RichString")

# What the framework fills in for every new entity: an INSERT never has to give them.
METADATA_ATTRIBUTES = frozenset(["eid", "creation_date", "modification_date", "cwuri"])


def describe_value(value):
    if isinstance(value, bool):
        return "a boolean (%s)" % ("TRUE" if value else "FALSE")
    if isinstance(value, str):
        return "a string (%r)" % value
    if isinstance(value, int):
        return "an integer (%d)" % value
    if isinstance(value, float):
        return "a number (%r)" % value
    return "a %s" % type(value).__name__


class StorageNames:
    """Table and column names of the storage layout; the runtime's Storage may be given instead."""

    def table(self, etype):
        return "cw_" + etype

    def column(self, name):
        return "cw_" + name

    def relation_table(self, rtype):
        return rtype + "_relation"


class SchemaView:
    """What translation needs of a schema: entity types, attributes per type, relations with their ends."""

    def __init__(self, etypes, attributes, relations):
        self.etypes = list(etypes)                  # names, in definition order
        self.etype_set = frozenset(self.etypes)
        self.attributes = attributes                # etype -> {attribute: final type}
        self.required = {}                          # etype -> attributes an INSERT must give (no default)
        self.system = set()                         # the framework's own types (props "system": True)
        self.subtypes = {}                          # etype -> itself and the types specializing it, transitively
        self.relations = relations                  # rtype -> {"inlined": bool, "subjects": set, "objects": set}
        self.fulltext = {}                          # etype -> its fulltextindexed text attributes (has_text)
        # has_text through fulltext_container (CubicWeb's IFTIndexable): etype -> [(rtype, "objects"|"subjects")],
        # the other end whose text the etype's index gathers; and the types gathered into another's index, which
        # has_text never finds themselves (fti_containers yields their containers instead).
        self.fulltext_links = {}
        self.contained = set()
        self.attribute_names = set()
        for attrs in attributes.values():
            self.attribute_names.update(attrs)
        # Bumped by the cache of views (view_of): a translation cached for one version never serves another.
        self.version = 0

    def instances_of(self, etype):
        return self.subtypes.get(etype, {etype})

    @classmethod
    def from_schema(cls, schema):
        """From erudi_migrate.schema.model.Schema (repo_schema)."""
        attributes = {name: {} for name in schema.entities}
        relations, required, fulltext, containers = {}, {}, {}, {}
        for d in schema.definitions.values():
            if d.props.get("infered") and not any(schema.entities.get(e) is not None and
                                                  schema.entities[e].props.get("system") for e in (d.subject, d.object)):
                # what an application's specialized type inherits: `subtypes` below gives RQL the same; the
                # core's (State allowed_transition Transition...) are kept, the translator needs them
                continue
            if d.final:
                for subject in (schema.entities if d.subject == "*" else [d.subject]):
                    attributes.setdefault(subject, {})[d.rtype] = d.object
                    if d.required and d.props.get("default") is None and d.rtype not in METADATA_ATTRIBUTES:
                        required.setdefault(subject, set()).add(d.rtype)
                    if d.props.get("fulltextindexed") and d.object in FULLTEXT_TYPES:
                        fulltext.setdefault(subject, []).append(d.rtype)
            else:
                rtype = schema.relations.get(d.rtype)
                if rtype is not None and (rtype.props.get("virtual") or rtype.props.get("rule")):
                    continue  # identity (the entity itself) and computed relations have no table
                entry = relations.setdefault(d.rtype, {"inlined": bool(rtype and rtype.inlined),
                                                       "subjects": set(), "objects": set()})
                # '*' (CubicWeb's metadata relations: owned_by, created_by...) stands for every entity type.
                entry["subjects"].update(schema.entities if d.subject == "*" else [d.subject])
                entry["objects"].update(schema.entities if d.object == "*" else [d.object])
                container = rtype.props.get("fulltext_container") if rtype is not None else None
                if container in ("subject", "object"):
                    containers[d.rtype] = container
        view = cls(schema.entities.keys(), attributes, relations)
        view.required = required
        view.fulltext = {etype: sorted(set(names)) for etype, names in fulltext.items()}
        for rtype, container in sorted(containers.items()):
            # 'subject': the subject's index holds its objects' text; 'object': the object's holds its subjects'.
            holders, held = ("subjects", "objects") if container == "subject" else ("objects", "subjects")
            for etype in sorted(relations[rtype][holders]):
                view.fulltext_links.setdefault(etype, []).append((rtype, held))
            view.contained.update(relations[rtype][held])
        view.system = {name for name, entity in schema.entities.items() if entity.props.get("system")}
        parents = {name: entity.props.get("specializes") for name, entity in schema.entities.items()}
        for name in schema.entities:
            view.subtypes.setdefault(name, set()).add(name)
            parent, seen = parents.get(name), {name}
            while parent and parent not in seen:
                view.subtypes.setdefault(parent, set()).add(name)
                seen.add(parent)
                parent = parents.get(parent)
        return view


_views = {"schema": None, "changes": None, "view": None, "version": 0}


def view_of(schema):
    """The SchemaView of a schema, rebuilt only when it changed: SchemaStore counts its changes in
    `schema.changes`, and a schema read afresh (another object) gets its own view."""
    changes = getattr(schema, "changes", 0)
    if _views["schema"] is not schema or _views["changes"] != changes:
        _views["version"] += 1
        view = SchemaView.from_schema(schema)
        view.version = _views["version"]
        _views.update(schema=schema, changes=changes, view=view)
    return _views["view"]
