"""Data model of ticketing 0.1.0: workflows made of states and transitions, tickets moving through them."""
from yams.buildobjs import Boolean, EntityType, Int, String, SubjectRelation


class Flow(EntityType):
    name = String(maxsize=50, required=True, unique=True)
    description = String(maxsize=50, default="")
    display_form_str = String(default="[]")


class FlowState(EntityType):
    name = String(maxsize=50, required=True)
    workflow = SubjectRelation("Flow", cardinality="1*", inlined=True)
    is_hidden = Boolean(default=False)
    order_id = Int(default=0)
    state_type_id = Int(default=0)          # 0 normal, 1 start, 2 end
    participant_type_id = Int(default=0)    # 0 nobody, 1 a person, ..., 6 a script
    participant = String(maxsize=100, default="")


class FlowTransition(EntityType):
    name = String(maxsize=50, required=True)
    workflow = SubjectRelation("Flow", cardinality="1*", inlined=True)
    source_state = SubjectRelation("FlowState", cardinality="1*", inlined=True)
    target_state = SubjectRelation("FlowState", cardinality="1*", inlined=True)


class Ticket(EntityType):
    sn = String(maxsize=25, required=True, unique=True)
    title = String(maxsize=500, default="")
    creator = String(maxsize=50)
    workflow = SubjectRelation("Flow", cardinality="1*", inlined=True)
    current_state = SubjectRelation("FlowState", cardinality="1*", inlined=True)


class TicketRecord(EntityType):
    """One step of a ticket's history: who moved it through which transition."""
    ticket = SubjectRelation("Ticket", cardinality="1*", inlined=True)
    transition = SubjectRelation("FlowTransition", cardinality="?*", inlined=True)
    participant = String(maxsize=50)
    suggestion = String(maxsize=1000, default="")


class TicketStateLastMan(EntityType):
    """Who last handled a ticket in a state (replaced by FlowState.remember_last_man_enable in 0.2.0)."""
    ticket = SubjectRelation("Ticket", cardinality="1*", inlined=True)
    state = SubjectRelation("FlowState", cardinality="1*", inlined=True)
    participant = String(maxsize=100)


class CustomField(EntityType):
    workflow = SubjectRelation("Flow", cardinality="1*", inlined=True)
    field_type_id = Int(required=True, default=5)
    field_key = String(maxsize=50, required=True)
    field_name = String(maxsize=50, required=True)
    order_id = Int(default=0)
    default_value = String(maxsize=100)


class AppToken(EntityType):
    app_name = String(maxsize=50, required=True, unique=True)
    token = String(maxsize=50, required=True)
