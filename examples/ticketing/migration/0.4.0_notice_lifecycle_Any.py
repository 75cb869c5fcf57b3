# r0.3 -> r1.0: a notification hook can be switched off without being deleted: an erudi workflow for
# CustomNotice, enabled until a manager disables it.
add_state("enabled", "CustomNotice", initial=True, description="the hook is called")
add_state("disabled", "CustomNotice", description="the hook is kept but not called")
add_transition("disable", "CustomNotice", ["enabled"], "disabled", requiredgroups=["managers"])
add_transition("enable", "CustomNotice", ["disabled"], "enabled", requiredgroups=["managers"])
