"""The instance's schema as entities, the way CubicWeb serializes it (server/schemaserial.py): CWEType (final
types included, with `specializes`), CWRType, CWComputedRType, CWAttribute and CWRelation (relation_type,
from_entity, to_entity), their CWConstraint (cstrtype, constrained_by) and CWUniqueTogetherConstraint, so that
scripts' `rql('Any X WHERE X is CWEType, X name "Ticket"')` find them. They follow the persisted schema
(erudi_schema_*, which stays the source of truth): `sync()` brings them in step, set-based, whenever the
persisted schema changed since the last time: before rql() runs, at the end of each script, before a commit.
Permissions (declared, else yams'/CubicWeb's defaults) are the read/add/update/delete_permission relations to
CWGroup (groups that exist; CubicWeb ignores the others too) and to RQLExpression entities."""
from __future__ import annotations

import json
from typing import Any, Dict, Iterable, List, Optional, Tuple

from .schema.buildobjs import BASE_TYPES
from .schema.permissions import DEFAULT_COMPUTED_RELPERMS, effective_permissions
from .storage import column, index_name, relation_table, table

VIRTUAL = ("eid", "identity", "has_text")  # CubicWeb never serializes them
_STATE = SYNCED = "schema_entities_synced"
ENTITY_TYPES = ("CWEType", "CWRType", "CWComputedRType", "CWAttribute", "CWRelation", "CWConstraint",
                "CWConstraintType", "CWUniqueTogetherConstraint", "RQLExpression", "CWGroup")
# which actions each kind of schema entity has a relation for (CubicWeb's bootstrap schema)
ACTIONS = {"CWEType": ("read", "add", "update", "delete"), "CWAttribute": ("read", "add", "update"),
           "CWRelation": ("read", "add", "delete"), "CWComputedRType": ("read",)}

_ATTRIBUTE_COLUMNS = ("cardinality", "ordernum", "formula", "indexed", "fulltextindexed", "internationalizable",
                      "defaultval", "description")
_RELATION_COLUMNS = ("cardinality", "ordernum", "composite", "description")


def available(ctx) -> bool:
    """Whether the instance stores its schema as entities (CubicWeb's core schema, from erudi 2.29.0)."""
    schema = ctx.repo_schema
    return all(name in schema.entities for name in ENTITY_TYPES) and "constrained_by" in schema.relations


def sync_if_changed(ctx) -> None:
    """sync() when the persisted schema changed since the last one (a counter compare: rql()'s hot path)."""
    schema = ctx.repo_schema
    mark = (id(schema), getattr(schema, "changes", 0))
    if ctx.state.get(_STATE) != mark:
        sync(ctx)
        ctx.state[_STATE] = mark


def sync(ctx) -> None:
    if not available(ctx):
        return
    _Sync(ctx).run()


def _bytes(value: Any) -> Optional[bytes]:
    return None if value is None else json.dumps(value, sort_keys=True).encode("utf-8")


class _Sync:
    def __init__(self, ctx) -> None:
        self.ctx, self.db, self.p = ctx, ctx.db, ctx.dialect.param
        self.schema = ctx.repo_schema
        self.storage = ctx.storage
        self.created: List[Tuple[int, str]] = []
        self.permissions: Dict[int, Tuple[str, Dict[str, Any]]] = {}  # schema entity eid -> (kind, permissions)

    # rows -------------------------------------------------------------------------------------
    def rows(self, sql: str) -> List[tuple]:
        return self.db.query(sql)

    def insert(self, etype: str, rows: List[Dict[str, Any]]) -> List[int]:
        """New entities of etype (their attribute and inlined columns given), with their metadata rows
        (is, is_instance_of, cw_source: what CubicWeb's internal session gives them; no owner)."""
        if not rows:
            return []
        eids = [self.ctx.dialect.insert_entity(self.db, etype) for _ in rows]
        names = sorted(rows[0])
        cols = ["cw_eid", "cw_cwuri"] + [column(n) for n in names]
        self.db.executemany(f"INSERT INTO {table(etype)} ({', '.join(cols)}) VALUES ({', '.join([self.p] * len(cols))})",
                            [[eid, str(eid)] + [row[n] for n in names] for eid, row in zip(eids, rows)])
        self.created.extend((eid, etype) for eid in eids)
        return eids

    def update(self, etype: str, changes: List[Tuple[int, Dict[str, Any]]]) -> None:
        if not changes:
            return
        names = sorted(changes[0][1])
        sets = ", ".join(f"{column(n)} = {self.p}" for n in names)
        self.db.executemany(f"UPDATE {table(etype)} SET {sets}, cw_modification_date = CURRENT_TIMESTAMP "
                            f"WHERE cw_eid = {self.p}", [[values[n] for n in names] + [eid] for eid, values in changes])

    def delete(self, etype: str, eids: Iterable[int]) -> None:
        from .primitives.data import ContextTarget
        from .rql.execute import delete_entities
        from .rql.schema_view import view_of
        eids = sorted(eids)
        if eids:
            delete_entities(ContextTarget(self.ctx), view_of(self.schema), etype, eids)

    def link(self, rtype: str, pairs: Iterable[Tuple[int, int]]) -> None:
        pairs = sorted(set(pairs))
        if pairs:
            self.db.executemany(f"INSERT INTO {relation_table(rtype)} (eid_from, eid_to) VALUES ({self.p}, {self.p})",
                                pairs)

    def unlink(self, rtype: str, pairs: Iterable[Tuple[int, int]]) -> None:
        pairs = sorted(set(pairs))
        if pairs:
            self.db.executemany(f"DELETE FROM {relation_table(rtype)} WHERE eid_from = {self.p} AND eid_to = {self.p}",
                                pairs)

    def reconcile(self, etype: str, existing: Dict[Any, Tuple[int, Dict[str, Any]]],
                  desired: Dict[Any, Dict[str, Any]]) -> Dict[Any, int]:
        """Makes etype's entities (keyed) those desired: inserts, updates, deletes. Returns {key: eid}."""
        self.delete(etype, [eid for key, (eid, _) in existing.items() if key not in desired])
        changed = [(existing[key][0], values) for key, values in desired.items()
                   if key in existing and existing[key][1] != values]
        self.update(etype, changed)
        fresh = [key for key in desired if key not in existing]
        eids = {key: existing[key][0] for key in desired if key in existing}
        eids.update(zip(fresh, self.insert(etype, [desired[key] for key in fresh])))
        return eids

    # the schema -------------------------------------------------------------------------------
    def run(self) -> None:
        schema = self.schema
        definitions = [d for d in schema.definitions.values()
                       if d.rtype not in VIRTUAL and not d.props.get("infered") and d.rtype in schema.relations]
        etypes = self.entity_types(definitions)
        rtypes = self.relation_types()
        self.definitions(definitions, etypes, rtypes)
        self.unique_together(etypes, rtypes)
        self.grants()
        self.metadata()

    def entity_types(self, definitions) -> Dict[str, int]:
        schema = self.schema
        finals = list(dict.fromkeys(list(BASE_TYPES) + [d.object for d in definitions if d.final]))
        desired = {name: {"name": name, "final": False, "description": e.props.get("description")}
                   for name, e in schema.entities.items()}
        desired.update({name: {"name": name, "final": True, "description": None}
                        for name in finals if name not in desired})
        existing = {name: (eid, {"name": name, "final": bool(final), "description": description})
                    for eid, name, final, description in self.rows(
                        "SELECT cw_eid, cw_name, cw_final, cw_description FROM cw_CWEType")}
        for name in existing:
            if name not in desired:
                self.storage._etype_eids.pop(name, None)
        eids = self.reconcile("CWEType", existing, desired)
        for name, entity in schema.entities.items():
            self.permissions[eids[name]] = ("CWEType", effective_permissions("entity", entity.props.get("permissions")))
        # yams inheritance: X specializes Y
        wanted = {(eids[name], eids[e.props["specializes"]]) for name, e in schema.entities.items()
                  if e.props.get("specializes") in eids}
        present = set(self.rows("SELECT eid_from, eid_to FROM specializes_relation"))
        self.unlink("specializes", present - wanted)
        self.link("specializes", wanted - present)
        return eids

    def relation_types(self) -> Dict[str, int]:
        schema = self.schema
        plain, computed = {}, {}
        for name, relation in schema.relations.items():
            if name in VIRTUAL:
                continue
            props = relation.props
            if props.get("rule"):
                computed[name] = {"name": name, "rule": props["rule"], "description": props.get("description")}
            else:
                plain[name] = {"name": name, "final": relation.final, "symmetric": bool(props.get("symmetric")),
                               "inlined": bool(props.get("inlined")),
                               "fulltext_container": props.get("fulltext_container"),
                               "description": props.get("description")}
        existing = {row[1]: (row[0], {"name": row[1], "final": bool(row[2]), "symmetric": bool(row[3]),
                                      "inlined": bool(row[4]), "fulltext_container": row[5], "description": row[6]})
                    for row in self.rows("SELECT cw_eid, cw_name, cw_final, cw_symmetric, cw_inlined, "
                                         "cw_fulltext_container, cw_description FROM cw_CWRType")}
        eids = self.reconcile("CWRType", existing, plain)
        existing = {name: (eid, {"name": name, "rule": rule, "description": description})
                    for eid, name, rule, description in self.rows(
                        "SELECT cw_eid, cw_name, cw_rule, cw_description FROM cw_CWComputedRType")}
        computed_eids = self.reconcile("CWComputedRType", existing, computed)
        for name, eid in computed_eids.items():
            declared = schema.relations[name].props.get("permissions")
            self.permissions[eid] = ("CWComputedRType", declared if declared is not None else DEFAULT_COMPUTED_RELPERMS)
        return eids

    def definitions(self, definitions, etypes: Dict[str, int], rtypes: Dict[str, int]) -> None:
        ordernum: Dict[str, int] = {}
        desired: Dict[str, Dict[Tuple[int, int, int], Dict[str, Any]]] = {"CWAttribute": {}, "CWRelation": {}}
        constraints: Dict[Tuple[str, Tuple[int, int, int]], List[Tuple[str, str]]] = {}
        granted: Dict[Tuple[str, Tuple[int, int, int]], Dict[str, Any]] = {}
        for d in definitions:
            if d.rtype not in rtypes or d.subject not in etypes or d.object not in etypes:
                continue
            ordernum[d.subject] = ordernum.get(d.subject, 0) + 1
            props = d.props
            key = (etypes[d.subject], rtypes[d.rtype], etypes[d.object])
            values = {"cardinality": d.cardinality, "ordernum": int(props.get("order") or ordernum[d.subject]),
                      "description": props.get("description")}
            if d.final:
                values.update(formula=props.get("formula"), indexed=bool(props.get("indexed")),
                              fulltextindexed=bool(props.get("fulltextindexed")),
                              internationalizable=bool(props.get("internationalizable")),
                              defaultval=_bytes(props.get("default")))
                kind = "CWAttribute"
            else:
                values["composite"] = props.get("composite")
                kind = "CWRelation"
            desired[kind][key] = values
            constraints[(kind, key)] = self.constraints_of(d)
            # a definition's own permissions, else its relation type's, else the default of its kind
            declared = props.get("permissions")
            if declared is None:
                declared = self.schema.relations[d.rtype].props.get("permissions")
            granted[(kind, key)] = effective_permissions("attribute" if d.final else "relation", declared,
                                                         computed=bool(props.get("formula")))
        rdef_eids: Dict[Tuple[str, Tuple[int, int, int]], int] = {}
        for kind, names in (("CWAttribute", _ATTRIBUTE_COLUMNS), ("CWRelation", _RELATION_COLUMNS)):
            existing, orphans = {}, []
            for row in self.rows(f"SELECT cw_eid, cw_from_entity, cw_relation_type, cw_to_entity, "
                                 f"{', '.join(column(n) for n in names)} FROM {table(kind)}"):
                if None in row[1:4]:  # an end deleted above (its inlined column was set to NULL)
                    orphans.append(row[0])
                    continue
                values = dict(zip(names, row[4:]))
                for flag in ("indexed", "fulltextindexed", "internationalizable"):
                    if flag in values:
                        values[flag] = bool(values[flag])
                if values.get("defaultval") is not None:
                    values["defaultval"] = bytes(values["defaultval"])
                existing[(row[1], row[2], row[3])] = (row[0], values)
            # inlined ends go in the INSERT itself
            fresh = {key: dict(values, from_entity=key[0], relation_type=key[1], to_entity=key[2])
                     for key, values in desired[kind].items() if key not in existing}
            self.delete(kind, orphans + [eid for key, (eid, _) in existing.items() if key not in desired[kind]])
            self.update(kind, [(existing[key][0], values) for key, values in desired[kind].items()
                               if key in existing and existing[key][1] != values])
            keys = list(fresh)
            for key, eid in zip(keys, self.insert(kind, [fresh[key] for key in keys])):
                rdef_eids[(kind, key)] = eid
            rdef_eids.update({(kind, key): existing[key][0] for key in desired[kind] if key in existing})
        self.constraints(constraints, rdef_eids)
        for key, eid in rdef_eids.items():
            self.permissions[eid] = (key[0], granted[key])

    @staticmethod
    def constraints_of(definition) -> List[Tuple[str, str]]:
        """(constraint type, serialized value) of a definition, the yams constraints the persisted properties
        folded (maxsize, unique, vocabulary) included."""
        props = definition.props
        found = []
        if definition.final and props.get("maxsize") is not None:
            found.append(("SizeConstraint", json.dumps({"max": props["maxsize"], "min": None}, sort_keys=True)))
        if definition.final and props.get("unique"):
            found.append(("UniqueConstraint", json.dumps({}, sort_keys=True)))
        if definition.final and props.get("vocabulary") is not None:
            found.append(("StaticVocabularyConstraint", json.dumps({"values": props["vocabulary"]}, sort_keys=True)))
        for constraint in props.get("constraints") or []:
            value = constraint.get("value")
            found.append((constraint.get("type"), value if isinstance(value, str) else json.dumps(value, sort_keys=True)))
        return sorted(set(found))

    def constraints(self, desired: Dict, rdef_eids: Dict) -> None:
        kinds = {name: eid for eid, name in self.rows("SELECT cw_eid, cw_name FROM cw_CWConstraintType")}
        needed = sorted({kind for items in desired.values() for kind, _ in items} - set(kinds))
        kinds.update(zip(needed, self.insert("CWConstraintType", [{"name": n} for n in needed])))
        names = {eid: name for name, eid in kinds.items()}
        existing: Dict[int, Dict[Tuple[str, str], int]] = {}
        for rdef, eid, kind, value in self.rows(
                "SELECT r.eid_from, c.cw_eid, c.cw_cstrtype, c.cw_value FROM constrained_by_relation r "
                "JOIN cw_CWConstraint c ON c.cw_eid = r.eid_to"):
            existing.setdefault(rdef, {})[(names.get(kind), value)] = eid
        stale, fresh = [], []
        for key, items in desired.items():
            rdef = rdef_eids.get(key)
            if rdef is None:
                continue
            present = existing.pop(rdef, {})
            stale.extend(eid for item, eid in present.items() if item not in items)
            fresh.extend((rdef, item) for item in items if item not in present)
        for present in existing.values():
            stale.extend(present.values())
        # those of definitions deleted above lost their constrained_by row with them
        stale.extend(eid for (eid,) in self.rows("SELECT cw_eid FROM cw_CWConstraint c WHERE NOT EXISTS "
                                                 "(SELECT 1 FROM constrained_by_relation r WHERE r.eid_to = c.cw_eid)"))
        self.delete("CWConstraint", stale)
        eids = self.insert("CWConstraint", [{"cstrtype": kinds[kind], "value": value} for _, (kind, value) in fresh])
        self.link("constrained_by", [(rdef, eid) for (rdef, _), eid in zip(fresh, eids)])

    def unique_together(self, etypes: Dict[str, int], rtypes: Dict[str, int]) -> None:
        desired = {}
        for name, entity in self.schema.entities.items():
            for group in entity.unique_together:
                if name in etypes and all(attr in rtypes for attr in group):
                    cols = [column(attr).lower() for attr in group]
                    desired[(etypes[name], tuple(sorted(rtypes[a] for a in group)))] = \
                        index_name(table(name), cols, True)
        members: Dict[int, List[int]] = {}
        for eid, rtype in self.rows("SELECT eid_from, eid_to FROM relations_relation"):
            members.setdefault(eid, []).append(rtype)
        existing = {(of, tuple(sorted(members.get(eid, [])))): (eid, name)
                    for eid, name, of in self.rows("SELECT cw_eid, cw_name, cw_constraint_of FROM "
                                                   "cw_CWUniqueTogetherConstraint")}
        self.delete("CWUniqueTogetherConstraint", [eid for key, (eid, name) in existing.items()
                                                   if desired.get(key) != name])
        fresh = [key for key, name in desired.items() if existing.get(key, (None, None))[1] != name]
        eids = self.insert("CWUniqueTogetherConstraint", [{"name": desired[key], "constraint_of": key[0]} for key in fresh])
        self.link("relations", [(eid, rtype) for key, eid in zip(fresh, eids) for rtype in key[1]])

    def grants(self) -> None:
        """The <action>_permission relations of the schema entities: to the groups named (when they exist) and
        to one RQLExpression entity per expression (composite: it goes with its schema entity)."""
        groups = {name: eid for eid, name in self.rows("SELECT cw_eid, cw_name FROM cw_CWGroup")}
        actions = sorted({a for kinds in ACTIONS.values() for a in kinds})
        wanted_groups, wanted_exprs = set(), {}
        for owner, (kind, permissions) in self.permissions.items():
            for action in ACTIONS[kind]:
                for grant in (permissions or {}).get(action) or ():
                    if isinstance(grant, str):
                        if grant in groups:
                            wanted_groups.add((action, owner, groups[grant]))
                    elif isinstance(grant, dict) and grant.get("expression"):
                        mainvars = grant.get("mainvars") or []
                        item = (action, owner, grant.get("type") or "ERQLExpression",
                                ",".join(sorted(mainvars)) if isinstance(mainvars, list) else str(mainvars),
                                grant["expression"])
                        wanted_exprs[item] = None
        present_groups, present_exprs = set(), {}
        for action in actions:
            for owner, eid, name in self.rows(f"SELECT r.eid_from, r.eid_to, g.cw_name FROM {action}_permission_relation r "
                                              "JOIN cw_CWGroup g ON g.cw_eid = r.eid_to"):
                present_groups.add((action, owner, eid))
            for owner, eid, kind, mainvars, expression in self.rows(
                    f"SELECT r.eid_from, x.cw_eid, x.cw_exprtype, x.cw_mainvars, x.cw_expression "
                    f"FROM {action}_permission_relation r JOIN cw_RQLExpression x ON x.cw_eid = r.eid_to"):
                present_exprs.setdefault((action, owner, kind, mainvars, expression), []).append(eid)
        for action in actions:
            self.unlink(f"{action}_permission", [(o, g) for a, o, g in present_groups - wanted_groups if a == action])
            self.link(f"{action}_permission", [(o, g) for a, o, g in wanted_groups - present_groups if a == action])
        stale = [eid for item, eids in present_exprs.items() for eid in (eids if item not in wanted_exprs else eids[1:])]
        # expressions of schema entities deleted above lost their permission row with them
        orphan = " AND ".join(f"NOT EXISTS (SELECT 1 FROM {a}_permission_relation r WHERE r.eid_to = x.cw_eid)"
                              for a in actions)
        stale += [eid for (eid,) in self.rows(f"SELECT x.cw_eid FROM cw_RQLExpression x WHERE {orphan}")]
        self.delete("RQLExpression", set(stale))
        fresh = [item for item in wanted_exprs if item not in present_exprs]
        eids = self.insert("RQLExpression", [{"exprtype": k, "mainvars": m, "expression": e} for _, _, k, m, e in fresh])
        for action in actions:
            self.link(f"{action}_permission", [(item[1], eid) for item, eid in zip(fresh, eids) if item[0] == action])

    def metadata(self) -> None:
        """is, is_instance_of and cw_source of the entities made here, in three statements."""
        if not self.created:
            return
        kinds = {etype: self.storage.etype_eid(etype) for etype in {etype for _, etype in self.created}}
        self.link("is", [(eid, kinds[etype]) for eid, etype in self.created])
        self.link("is_instance_of", [(eid, kinds[etype]) for eid, etype in self.created])
        source = self.storage.system_source()
        if source is not None:
            self.link("cw_source", [(eid, source) for eid, _ in self.created])
