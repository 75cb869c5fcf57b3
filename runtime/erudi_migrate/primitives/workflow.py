"""Workflow primitives of the catalog: add_state() and add_transition(), over the framework's system types.

From erudi 2.29.0 these are CubicWeb's own (Workflow, State, Transition; `workflow_of` relates a workflow to
the CWEType of its type, `default_workflow` is the type's workflow); instances at 2.28.0 still have the
types described below, and the primitives work on both.

The types follow CubicWeb's model, prefixed with CW so that they never clash with an application's own
Workflow/State/Transition types: a CWWorkflow (`workflow_of` names the entity type, `initial_state`)
holds CWStates (`state_of`) and CWTransitions (`transition_of`, `destination_state`); a state lists the
transitions leaving it (`allowed_transition`); a transition may require CWGroups (`require_group`).
The framework migration that installs them is framework/migration/2.28.0_workflow_Any.py.
"""

import difflib
import json
import os

from ..errors import MigrationError
from ..rql import view_of, run_rql
from ..schema.model import EntityType, RelationDefinition, RelationType
from . import primitive
from .data import ContextTarget, create_entity

# The system schema the framework adds (install_workflow_types), in the file the language server also reads.
with open(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "rql", "system_schema.json"),
          encoding="utf-8") as _file:
    SYSTEM_SCHEMA = json.load(_file)
WORKFLOW_TYPES = tuple(SYSTEM_SCHEMA["entityTypes"])
WORKFLOW_ATTRIBUTES = tuple((a["subject"], a["name"], a["type"], a["props"]) for a in SYSTEM_SCHEMA["attributes"])
WORKFLOW_RELATIONS = tuple((r["subject"], r["name"], r["object"], r["inlined"]) for r in SYSTEM_SCHEMA["relations"])
DEFAULT_GROUPS = tuple(SYSTEM_SCHEMA["groups"])


def install_workflow_types(repo_or_ctx):
    """Adds the workflow system types to the persisted schema and creates their tables and the default
    groups. Called by the framework migration 2.28.0_workflow_Any.py (with `repo`) and nothing else."""
    ctx = getattr(repo_or_ctx, "_ctx", repo_or_ctx)
    schema = ctx.repo_schema
    store = ctx.schema_store
    clashes = [t for t in WORKFLOW_TYPES if t in schema.entities]
    if clashes:
        raise MigrationError("cannot add the workflow system types: the instance already has %s"
                             % ", ".join(clashes))
    for etype in WORKFLOW_TYPES:
        store.save_entity(EntityType(etype, {"description": "workflow system type (framework 2.28.0)",
                                             "system": True}))
    for subject, attribute, final_type, props in WORKFLOW_ATTRIBUTES:
        _system_relation_type(ctx, attribute, True, {})
        store.save_definition(RelationDefinition(subject, attribute, final_type, dict(props)))
    for subject, rtype, obj, inlined in WORKFLOW_RELATIONS:
        _system_relation_type(ctx, rtype, False, {"inlined": True} if inlined else {})
        store.save_definition(RelationDefinition(subject, rtype, obj, {"cardinality": "?*" if inlined else "**"}))
    for etype in WORKFLOW_TYPES:
        ctx.storage.create_entity_table(ctx.repo_schema, etype)
    for subject, rtype, obj, inlined in WORKFLOW_RELATIONS:
        if not inlined:
            ctx.storage.create_relation_table(rtype)
    for group in DEFAULT_GROUPS:
        create_entity(ctx, "CWGroup", {"name": group})


def _system_relation_type(ctx, rtype, final, props):
    known = ctx.repo_schema.relations.get(rtype)
    if known is None:
        ctx.schema_store.save_relation(RelationType(rtype, final, props))
    elif known.final != final or (not final and known.inlined != bool(props.get("inlined"))):
        raise MigrationError("cannot add the workflow system types: the instance already has a relation %r "
                             "of another kind" % rtype)


LEGACY = {"workflow": "CWWorkflow", "state": "CWState", "transition": "CWTransition"}
CUBICWEB = {"workflow": "Workflow", "state": "State", "transition": "Transition"}


def _names(ctx):
    """The workflow types of this instance: CubicWeb's (erudi 2.29.0 and later) or erudi 2.28.0's."""
    return LEGACY if "CWWorkflow" in ctx.repo_schema.entities else CUBICWEB


def _rql(ctx, query, **kwargs):
    return run_rql(ContextTarget(ctx), view_of(ctx.repo_schema), query, kwargs)


def _require_workflow_types(ctx):
    if all(t in ctx.repo_schema.entities for t in CUBICWEB.values()):
        return
    missing = [t for t in WORKFLOW_TYPES if t not in ctx.repo_schema.entities]
    if missing:
        raise MigrationError("this instance has no workflow types (%s): upgrade its framework to 2.28.0 or "
                             "later first (erudi-migrate upgrade, with `<model> : 2.28.0` in depends.map)"
                             % ", ".join(missing))


def _require_etype(ctx, etype, parameter):
    system = {e for e, entity in ctx.repo_schema.entities.items() if entity.props.get("system")} | set(WORKFLOW_TYPES)
    known = sorted(e for e in ctx.repo_schema.entities if e not in system)
    if not isinstance(etype, str) or etype not in ctx.repo_schema.entities or etype in system:
        close = difflib.get_close_matches(str(etype), known, n=1)
        hint = " (did you mean %r?)" % close[0] if close else ""
        raise MigrationError("%s: unknown entity type %r%s; the instance has: %s"
                             % (parameter, etype, hint, ", ".join(known) or "none"))


def workflow_of(ctx, etype):
    """The eid of etype's workflow, or None."""
    if _names(ctx) is CUBICWEB:
        rows = _rql(ctx, "Any W WHERE ET default_workflow W, ET name %(etype)s", etype=etype)
        return rows[0][0] if len(rows) else None
    rows = _rql(ctx, "Any W WHERE W is CWWorkflow, W workflow_of %(etype)s", etype=etype)
    return rows[0][0] if len(rows) else None


def _states(ctx, workflow):
    return {name: eid for eid, name in _rql(ctx, "Any S, N WHERE S is %s, S state_of W, S name N, W eid %%(w)s"
                                             % _names(ctx)["state"], w=workflow)}


def _state(ctx, workflow, etype, state, parameter):
    states = _states(ctx, workflow)
    if isinstance(state, int) and not isinstance(state, bool):
        if state in states.values():
            return state
    elif isinstance(state, str) and state in states:
        return states[state]
    close = difflib.get_close_matches(str(state), list(states), n=1)
    hint = " (did you mean %r?)" % close[0] if close else ""
    raise MigrationError("%s: %r is no state of the %s workflow%s; its states: %s; add it first with add_state(%r, %r)"
                         % (parameter, state, etype, hint, ", ".join(sorted(states)) or "none", state, etype))


@primitive("add_state")
def add_state(ctx, name, stateof, initial=False, commit=False, **kwargs):
    """Adds a state to the workflow of `stateof` (created on first use) and returns its eid; `initial`
    makes it the state new entities start in. `commit` is accepted for compatibility (see ARCHITECTURE)."""
    _require_workflow_types(ctx)
    _require_etype(ctx, stateof, "add_state(stateof=...)")
    if not isinstance(name, str) or not name:
        raise MigrationError("add_state(name=...): a state name is a non-empty string, not %r" % (name,))
    workflow = workflow_of(ctx, stateof)
    if workflow is None:
        workflow = _new_workflow(ctx, stateof)
    if name in _states(ctx, workflow):
        raise MigrationError("add_state: the %s workflow already has a state %r" % (stateof, name))
    state = create_entity(ctx, _names(ctx)["state"], dict(kwargs, name=name, state_of=workflow))
    if initial:
        _rql(ctx, "SET W initial_state S WHERE W eid %(w)s, S eid %(s)s", w=workflow, s=state)
    return state


def _new_workflow(ctx, etype, name=None, values=None):
    """A workflow for etype, its default one: erudi 2.28.0 names the type; CubicWeb relates its CWEType."""
    values = dict(values or {}, name=name or "%s workflow" % etype)
    if _names(ctx) is LEGACY:
        return create_entity(ctx, "CWWorkflow", dict(values, workflow_of=etype))
    cwetype = ctx.storage.etype_eid(etype)
    workflow = create_entity(ctx, "Workflow", dict(values, workflow_of=cwetype))
    _rql(ctx, "SET ET default_workflow W WHERE ET eid %(et)s, W eid %(w)s", et=cwetype, w=workflow)
    return workflow


@primitive("add_transition")
def add_transition(ctx, name, transitionof, fromstates, tostate, requiredgroups=(), commit=False, **kwargs):
    """Adds a transition from `fromstates` to `tostate` (names or eids of states of the workflow of
    `transitionof`), allowed to the `requiredgroups` (group names) only when given; returns its eid."""
    _require_workflow_types(ctx)
    _require_etype(ctx, transitionof, "add_transition(transitionof=...)")
    if not isinstance(name, str) or not name:
        raise MigrationError("add_transition(name=...): a transition name is a non-empty string, not %r" % (name,))
    workflow = workflow_of(ctx, transitionof)
    if workflow is None:
        raise MigrationError("add_transition: %s has no workflow yet: add its states first with "
                             "add_state(name, %r, initial=True)" % (transitionof, transitionof))
    if isinstance(fromstates, (str, int)):
        fromstates = [fromstates]
    sources = [_state(ctx, workflow, transitionof, s, "add_transition(fromstates=...)") for s in fromstates]
    if not sources:
        raise MigrationError("add_transition(fromstates=...): give at least one state the transition leaves")
    destination = _state(ctx, workflow, transitionof, tostate, "add_transition(tostate=...)")
    existing = _rql(ctx, "Any T WHERE T is %s, T transition_of W, T name %%(n)s, W eid %%(w)s"
                    % _names(ctx)["transition"], n=name, w=workflow)
    if len(existing):
        raise MigrationError("add_transition: the %s workflow already has a transition %r" % (transitionof, name))
    if isinstance(requiredgroups, str):
        requiredgroups = [requiredgroups]
    groups = {n: eid for eid, n in _rql(ctx, "Any G, N WHERE G is CWGroup, G name N")}
    unknown = [g for g in requiredgroups if g not in groups]
    if unknown:
        raise MigrationError("add_transition(requiredgroups=...): unknown group(s) %s; the groups are: %s"
                             % (", ".join(repr(g) for g in unknown), ", ".join(sorted(groups)) or "none"))
    transition = create_entity(ctx, _names(ctx)["transition"], dict(kwargs, name=name, transition_of=workflow,
                                                                    destination_state=destination))
    for source in dict.fromkeys(sources):
        _rql(ctx, "SET S allowed_transition T WHERE S eid %(s)s, T eid %(t)s", s=source, t=transition)
    for group in dict.fromkeys(requiredgroups):
        _rql(ctx, "SET T require_group G WHERE T eid %(t)s, G eid %(g)s", t=transition, g=groups[group])
    return transition


def entity_type_renamed(ctx, oldname, newname):
    """Keeps workflows attached to a renamed entity type (rename_entity_type should call this)."""
    if "CWWorkflow" in ctx.repo_schema.entities:
        _rql(ctx, "SET W workflow_of %(new)s WHERE W is CWWorkflow, W workflow_of %(old)s", old=oldname, new=newname)


def entity_type_dropped(ctx, etype):
    """Deletes the workflow of a dropped entity type, its states and transitions (drop_entity_type should call this)."""
    if all(t in ctx.repo_schema.entities for t in CUBICWEB.values()) and "CWEType" in ctx.repo_schema.entities:
        workflow = workflow_of(ctx, etype)
        if workflow is not None:
            _rql(ctx, "DELETE Transition T WHERE T transition_of W, W eid %(w)s", w=workflow)
            _rql(ctx, "DELETE State S WHERE S state_of W, W eid %(w)s", w=workflow)
            _rql(ctx, "DELETE Workflow W WHERE W eid %(w)s", w=workflow)
        return
    if "CWWorkflow" not in ctx.repo_schema.entities:
        return
    _rql(ctx, "DELETE CWTransition T WHERE T transition_of W, W workflow_of %(etype)s", etype=etype)
    _rql(ctx, "DELETE CWState S WHERE S state_of W, W workflow_of %(etype)s", etype=etype)
    _rql(ctx, "DELETE CWWorkflow W WHERE W workflow_of %(etype)s", etype=etype)


# CubicWeb 3.28's names ------------------------------------------------------------------------
def _eid(value):
    return getattr(value, "eid", value)


def workflow_entity(ctx, eid, etype):
    """The workflow as CubicWeb scripts use it: wf.add_state(...), wf.add_transition(...)."""
    from .connection import Entity

    class Workflow(Entity):
        def add_state(self, name, initial=False, **kwargs):
            return Entity(ctx, add_state(ctx, name, etype, initial, **kwargs), _names(ctx)["state"])

        def add_transition(self, name, fromstates, tostate, requiredgroups=(), conditions=(), **kwargs):
            if conditions:
                raise MigrationError("wf.add_transition(%r, conditions=...): RQL conditions on transitions are not "
                                     "supported here; leave them out and check the condition in the application"
                                     % (name,))
            sources = [_eid(s) for s in fromstates] if isinstance(fromstates, (list, tuple)) else [_eid(fromstates)]
            return Entity(ctx, add_transition(ctx, name, etype, sources, _eid(tostate), requiredgroups, **kwargs),
                          _names(ctx)["transition"])

    return Workflow(ctx, eid, _names(ctx)["workflow"])


@primitive("add_workflow")
def add_workflow(ctx, name, wfof, default=True, commit=False, ensure_workflowable=True, **kwargs):
    """Creates the workflow of an entity type and returns it (an entity: .eid, .name, .add_state(),
    .add_transition()). This runtime's workflows belong to one entity type each (CWWorkflow.workflow_of)."""
    _require_workflow_types(ctx)
    etypes = list(wfof) if isinstance(wfof, (list, tuple)) else [wfof]
    if len(etypes) != 1:
        raise MigrationError("add_workflow(%r, %r): a workflow here belongs to one entity type "
                             "(CWWorkflow.workflow_of); call add_workflow once per entity type" % (name, wfof))
    etype = etypes[0]
    _require_etype(ctx, etype, "add_workflow(wfof=...)")
    if not default:
        raise MigrationError("add_workflow(%r, %r, default=False): this runtime has no subworkflows; each entity "
                             "type has its one workflow, so leave default=True" % (name, etype))
    if not isinstance(name, str) or not name:
        raise MigrationError("add_workflow(name=...): a workflow name is a non-empty string, not %r" % (name,))
    existing = workflow_of(ctx, etype)
    if existing is not None:
        raise MigrationError("add_workflow(%r, %r): %s already has a workflow (eid %d); add states and "
                             "transitions to it with add_state/add_transition" % (name, etype, etype, existing))
    if ensure_workflowable and not ctx.repo_schema.find_definitions(etype, "in_state"):
        raise MigrationError("add_workflow(%r, %r): %s has no in_state relation; make it workflowable first with "
                             "make_workflowable(%r), or pass ensure_workflowable=False" % (name, etype, etype, etype))
    eid = _new_workflow(ctx, etype, name, kwargs)
    return workflow_entity(ctx, eid, etype)


@primitive("make_workflowable")
def make_workflowable(ctx, etype):
    """Adds the in_state relation (inlined, ?*) from etype to the workflow states, as CubicWeb's does."""
    _require_workflow_types(ctx)
    _require_etype(ctx, etype, "make_workflowable(etype=...)")
    from .schema import _add_relation_definition, skipped
    state = _names(ctx)["state"]
    if (etype, "in_state", state) in ctx.repo_schema.definitions:
        return skipped(ctx, "make_workflowable", "%s is already workflowable" % etype)
    if "in_state" not in ctx.repo_schema.relations:  # erudi 2.28.0 (CubicWeb's core has it, not inlined)
        ctx.schema_store.save_relation(RelationType("in_state", False, {"inlined": True}))
    declared = ctx.newschema.definitions.get((etype, "in_state", state))
    props = dict(declared.props) if declared is not None else {"cardinality": "?*"}
    _add_relation_definition(ctx, RelationDefinition(etype, "in_state", state, props))


@primitive("get_workflow_for")
def get_workflow_for(ctx, etype):
    _require_workflow_types(ctx)
    _require_etype(ctx, etype, "get_workflow_for(etype=...)")
    workflow = workflow_of(ctx, etype)
    if workflow is None:
        raise MigrationError("get_workflow_for(%r): %s has no workflow; create it with add_workflow(name, %r) "
                             "or add_state(name, %r, initial=True)" % (etype, etype, etype, etype))
    return workflow_entity(ctx, workflow, etype)
