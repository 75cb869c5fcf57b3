# r0.1 -> r0.2: TicketStateLastMan is gone; a state remembers its last participant when its flag says so.
add_attribute("FlowState", "remember_last_man_enable")
# Data first: the states that had a "last man" recorded keep that behaviour.
changed = rql("SET S remember_last_man_enable TRUE WHERE L is TicketStateLastMan, L state S")
print(f"{len(changed)} states remember their last participant")
drop_entity_type("TicketStateLastMan")
