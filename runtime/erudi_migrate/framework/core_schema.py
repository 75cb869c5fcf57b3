"""Framework 2.29.0: an instance gets CubicWeb's core schema and metadata, whether it is being created or
upgraded from 2.28.0: the core entity types and their tables (CWEType, CWUser, Workflow, State...), the
metadata of every entity type (creation_date, modification_date, cwuri columns; is, is_instance_of,
owned_by, created_by, cw_source tables), the 2.28.0 workflow types (CWWorkflow, CWState, CWTransition)
turned into CubicWeb's (Workflow, State, Transition, same eids), the four groups, the system source, one
CWEType / CWRType entity per type, and the metadata rows of every existing entity."""
from __future__ import annotations

import copy
from typing import Any, Dict

from ..errors import MigrationError
from ..schema.buildobjs import BASE_TYPES
from ..schema.loader import load_core_schema
from ..schema.model import EntityType, RelationDefinition, RelationType
from ..storage import column, relation_table, stored_relation, table

GROUPS = ("managers", "users", "guests", "owners")
LEGACY_WORKFLOW_TYPES = {"CWWorkflow": "Workflow", "CWState": "State", "CWTransition": "Transition"}
LEGACY_RELATIONS = ("initial_state", "state_of", "transition_of", "destination_state", "allowed_transition",
                    "require_group")
# the core's '*' definitions, which every entity type of the application gets too
EVERY_TYPE_RTYPES = ("eid", "creation_date", "modification_date", "cwuri", "is", "is_instance_of", "owned_by",
                     "created_by", "cw_source")


def install_core_schema(repo_or_ctx) -> None:
    ctx = getattr(repo_or_ctx, "_ctx", repo_or_ctx)
    core = load_core_schema()
    repo = ctx.repo_schema
    store = ctx.schema_store
    _refuse_clashes(core, repo)
    legacy = _take_legacy_workflows(ctx)
    app_types = [t for t in repo.entities if t not in core.entities]

    # the persisted schema ----------------------------------------------------------------------------
    for name, entity in core.entities.items():
        # "system": RQL leaves the framework's types out of type inference unless a query names them
        store.save_entity(EntityType(name, dict(copy.deepcopy(entity.props), system=True)))
    for name, relation in core.relations.items():
        if name in repo.relations:
            store.save_relation(RelationType(name, relation.final, copy.deepcopy(relation.props)))
    store.add_relations([RelationType(name, r.final, copy.deepcopy(r.props)) for name, r in core.relations.items()])
    for key, definition in core.definitions.items():
        if key in repo.definitions and repo.definitions[key].props != definition.props:
            store.save_definition(RelationDefinition(*key, copy.deepcopy(definition.props)))  # CWGroup's name
    added = [RelationDefinition(*key, copy.deepcopy(d.props)) for key, d in core.definitions.items()]
    for etype in app_types:
        for rtype in EVERY_TYPE_RTYPES:
            for model in core.find_definitions(subject="CWGroup", rtype=rtype):
                added.append(RelationDefinition(etype, rtype, model.object, copy.deepcopy(model.props)))
        added.append(RelationDefinition(etype, "identity", etype, {"cardinality": "**"}))
    store.add_definitions(added)

    # the tables ---------------------------------------------------------------------------------------
    storage = ctx.storage
    storage.defer_metadata = True  # every entity made below gets its metadata rows at once, in backfill_metadata
    for rtype in repo.relations:
        if stored_relation(repo, rtype) and not storage.table_exists(relation_table(rtype)):
            storage.create_relation_table(rtype)
    existing = set(ctx.dialect.table_names(ctx.db))
    for etype in list(core.entities) + app_types:
        if table(etype).lower() not in existing:
            ctx.dialect.create_table(ctx.db, table(etype), storage.entity_columns(repo, etype))
        else:
            present = {c.name.lower() for c in ctx.dialect.columns(ctx.db, table(etype))}
            for wanted in storage.entity_columns(repo, etype):
                if wanted.name.lower() not in present:
                    ctx.dialect.add_column(ctx.db, table(etype), wanted)
        storage.sync_indexes(repo, etype)

    # the data -----------------------------------------------------------------------------------------
    _put_back_workflows(ctx, legacy)
    known = {name for (name,) in ctx.db.query("SELECT cw_name FROM cw_CWGroup")}
    for group in GROUPS:
        if group not in known:
            _insert(ctx, "CWGroup", {"name": group})
    _insert(ctx, "CWSource", {"name": "system", "type": "native"})
    for name in list(repo.entities):
        storage.etype_eid(name)
    for name in BASE_TYPES:
        storage.etype_eid(name, final=True)
    for workflow_eid, etype in legacy["workflow_of"]:
        # 2.28.0 named the type in a string; CubicWeb relates the workflow to the type's CWEType
        storage.add_relation("workflow_of", workflow_eid, storage.etype_eid(etype))
        storage.add_relation("default_workflow", storage.etype_eid(etype), workflow_eid)
    storage.defer_metadata = False
    backfill_metadata(ctx)


def _refuse_clashes(core, repo) -> None:
    clashes = sorted(t for t in core.entities if t in repo.entities and t != "CWGroup")
    clashes += sorted(r for r, rel in repo.relations.items() if r in core.relations and core.relations[r].final != rel.final
                      and r not in LEGACY_RELATIONS + ("workflow_of",))
    if clashes:
        raise MigrationError(
            "erudi 2.29.0 adds CubicWeb's core schema, but the instance already has %s of the same name: rename "
            "them (rename_entity_type / rename_relation) in a model step that runs before erudi 2.29.0 "
            "(`<that version> : 2.28.0` in migration/depends.map)" % ", ".join(repr(c) for c in clashes))


def _insert(ctx, etype: str, values: Dict[str, Any]) -> int:
    return ctx.storage.insert_entity(etype, values)


def _take_legacy_workflows(ctx) -> Dict[str, Any]:
    """Reads the 2.28.0 workflow types' rows and removes their tables and schema (the eids stay in `entities`)."""
    saved: Dict[str, Any] = {"Workflow": [], "State": [], "Transition": [], "workflow_of": []}
    repo = ctx.repo_schema
    if "CWWorkflow" not in repo.entities:
        return saved
    db = ctx.db
    for eid, name, description, etype, initial in db.query(
            "SELECT cw_eid, cw_name, cw_description, cw_workflow_of, cw_initial_state FROM cw_CWWorkflow"):
        saved["Workflow"].append({"eid": eid, "name": name, "description": description, "initial_state": initial})
        saved["workflow_of"].append((eid, etype))
    for eid, name, description, workflow in db.query(
            "SELECT cw_eid, cw_name, cw_description, cw_state_of FROM cw_CWState"):
        saved["State"].append({"eid": eid, "name": name, "description": description, "state_of": workflow})
    for eid, name, description, workflow, destination in db.query(
            "SELECT cw_eid, cw_name, cw_description, cw_transition_of, cw_destination_state FROM cw_CWTransition"):
        saved["Transition"].append({"eid": eid, "name": name, "description": description, "transition_of": workflow,
                                    "destination_state": destination})
    store = ctx.schema_store
    for old in LEGACY_WORKFLOW_TYPES:
        ctx.dialect.drop_table(db, table(old))
        for definition in [d for d in repo.definitions.values() if old in (d.subject, d.object)]:
            store.delete_definition(definition)
        store.delete_entity(old)
    for rtype in ("workflow_of", "description", "initial_state", "state_of", "transition_of", "destination_state"):
        if rtype in repo.relations and not repo.definitions_of(rtype):
            store.delete_relation(rtype)
    # allowed_transition and require_group keep their tables: the eids at both ends do not change
    return saved


def _put_back_workflows(ctx, saved: Dict[str, Any]) -> None:
    p = ctx.dialect.param
    for old, new in LEGACY_WORKFLOW_TYPES.items():
        ctx.db.execute(f"UPDATE entities SET type = {p} WHERE type = {p}", (new, old))
    for new, inlined in (("Workflow", ("initial_state",)), ("State", ("state_of",)),
                         ("Transition", ("transition_of", "destination_state"))):
        for row in saved[new]:
            values = {"cw_eid": row["eid"], "cw_name": row["name"], "cw_description": row["description"],
                      "cw_cwuri": str(row["eid"])}
            values.update({column(r): row[r] for r in inlined})
            ctx.db.execute(f"INSERT INTO {table(new)} ({', '.join(values)}) VALUES ({', '.join([p] * len(values))})",
                           list(values.values()))


def backfill_metadata(ctx) -> None:
    """Gives every entity the metadata rows it lacks: cwuri, is, is_instance_of, cw_source (set-based)."""
    db, p, repo, storage = ctx.db, ctx.dialect.param, ctx.repo_schema, ctx.storage
    for etype in repo.entities:
        if repo.has_rdef(etype, "cwuri", "String"):
            db.execute(f"UPDATE {table(etype)} SET cw_cwuri = CAST(cw_eid AS VARCHAR(20)) WHERE cw_cwuri = ''")
    db.execute("INSERT INTO is_relation (eid_from, eid_to) SELECT e.eid, t.cw_eid FROM entities e "
               "JOIN cw_CWEType t ON t.cw_name = e.type "
               "WHERE NOT EXISTS (SELECT 1 FROM is_relation r WHERE r.eid_from = e.eid)")
    for etype in repo.entities:
        for ancestor in storage.ancestors(repo, etype):
            db.execute(f"INSERT INTO is_instance_of_relation (eid_from, eid_to) SELECT e.eid, {p} FROM entities e "
                       f"WHERE e.type = {p} AND NOT EXISTS (SELECT 1 FROM is_instance_of_relation r "
                       f"WHERE r.eid_from = e.eid AND r.eid_to = {p})",
                       (storage.etype_eid(ancestor), etype, storage.etype_eid(ancestor)))
    source = storage.system_source()
    if source is not None:
        db.execute(f"INSERT INTO cw_source_relation (eid_from, eid_to) SELECT e.eid, {p} FROM entities e "
                   "WHERE NOT EXISTS (SELECT 1 FROM cw_source_relation r WHERE r.eid_from = e.eid)", (source,))


def create_admin(ctx, login: str, password_hash: bytes) -> int:
    """The instance's first manager (CubicWeb's `create` asks for it) with CubicWeb's default user workflow:
    states activated (initial) and deactivated, the admin activated."""
    storage = ctx.storage
    p = ctx.dialect.param
    groups = dict(ctx.db.query("SELECT cw_name, cw_eid FROM cw_CWGroup"))
    workflow = storage.insert_entity("Workflow", {"name": "default user workflow", "description_format": "text/plain"})
    cwuser = storage.etype_eid("CWUser")
    storage.add_relation("workflow_of", workflow, cwuser)
    storage.add_relation("default_workflow", cwuser, workflow)
    activated = storage.insert_entity("State", {"name": "activated", "state_of": workflow})
    deactivated = storage.insert_entity("State", {"name": "deactivated", "state_of": workflow})
    ctx.db.execute(f"UPDATE cw_Workflow SET cw_initial_state = {p} WHERE cw_eid = {p}", (activated, workflow))
    for name, source, target in (("deactivate", activated, deactivated), ("activate", deactivated, activated)):
        transition = storage.insert_entity("Transition", {"name": name, "type": "normal", "transition_of": workflow,
                                                          "destination_state": target})
        storage.add_relation("allowed_transition", source, transition)
        storage.add_relation("require_group", transition, groups["managers"])
    admin = storage.insert_entity("CWUser", {"login": login, "upassword": password_hash})
    storage.add_relation("in_group", admin, groups["managers"])
    storage.add_relation("in_state", admin, activated)
    storage.set_migration_user(admin)
    return admin

