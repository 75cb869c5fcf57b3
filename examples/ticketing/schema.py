"""Data model of ticketing 0.4.0: workflows made of states and transitions, tickets moving through them,
notices sent by hooks. migration/ holds the scripts that bring an older instance here."""
from yams.buildobjs import Boolean, EntityType, Int, String, SubjectRelation


class Flow(EntityType):
    name = String(maxsize=50, required=True, unique=True)
    description = String(maxsize=50, default="")
    display_form_str = String(default="[]")
    limit_expression = String(default="{}")                 # 0.2.0: who may create tickets
    notices = SubjectRelation("CustomNotice")               # 0.2.0: how to notify
    title_template = String(maxsize=50, default="")         # 0.4.0: notification templates
    content_template = String(maxsize=1000, default="")


class FlowState(EntityType):
    name = String(maxsize=50, required=True)
    workflow = SubjectRelation("Flow", cardinality="1*", inlined=True)
    is_hidden = Boolean(default=False)
    order_id = Int(default=0)
    state_type_id = Int(default=0)          # 0 normal, 1 start, 2 end
    participant_type_id = Int(default=0)    # 0 nobody, 1 a person, ..., 6 a script
    participant = String(maxsize=100, default="")
    remember_last_man_enable = Boolean(default=False)       # 0.2.0


class FlowTransition(EntityType):
    name = String(maxsize=50, required=True)
    workflow = SubjectRelation("Flow", cardinality="1*", inlined=True)
    source_state = SubjectRelation("FlowState", cardinality="1*", inlined=True)
    target_state = SubjectRelation("FlowState", cardinality="1*", inlined=True)
    timer = Int(default=0)                                  # 0.2.0
    attribute_type_id = Int(default=0)                      # 0.2.0
    condition_expression = String(default="[]")             # 0.2.0


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
    script_run_last_result = Boolean(default=True)          # 0.2.0
    is_end = Boolean(default=False)                         # 0.2.0
    is_rejected = Boolean(default=False)                    # 0.2.0
    multi_all_person = String(default="{}")                 # 0.2.0


class CustomField(EntityType):
    workflow = SubjectRelation("Flow", cardinality="1*", inlined=True)
    field_type_id = Int(required=True, default=5)
    field_key = String(maxsize=50, required=True)
    field_name = String(maxsize=50, required=True)
    order_id = Int(default=0)
    default_value = String(maxsize=100)
    label = String(default="{}")                            # 0.2.0: free for the caller's own use


class AppToken(EntityType):
    app_name = String(maxsize=50, required=True, unique=True)
    token = String(maxsize=50, required=True)
    workflow_ids = String(default="")                       # 0.2.0: workflows the app may use
    ticket_sn_prefix = String(maxsize=20, default="loonflow")  # 0.2.0


class CustomNotice(EntityType):
    """A way to notify people (0.2.0): a hook called with a signature made from hook_token."""
    name = String(maxsize=50, required=True)
    description = String(maxsize=100, default="")
    hook_url = String(maxsize=100)
    hook_token = String(maxsize=100)


class WorkflowScript(EntityType):
    """A script a state can run as its participant (0.3.0: states refer to it by eid)."""
    name = String(maxsize=50, required=True, unique=True)
    saved_file = String(maxsize=200)
