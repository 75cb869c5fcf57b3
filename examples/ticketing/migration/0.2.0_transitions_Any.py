# r0.1 -> r0.2: timed transitions, the kind of attribute a transition carries, and conditional transitions.
add_attribute("Transition", "timer")
add_attribute("Transition", "attribute_type_id")
add_attribute("Transition", "condition_expression")
