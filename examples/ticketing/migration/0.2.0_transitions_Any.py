# r0.1 -> r0.2: timed transitions, the kind of attribute a transition carries, and conditional transitions.
add_attribute("FlowTransition", "timer")
add_attribute("FlowTransition", "attribute_type_id")
add_attribute("FlowTransition", "condition_expression")
