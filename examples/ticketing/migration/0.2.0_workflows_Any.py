# r0.1 -> r0.2: who may create tickets of a workflow, and how a workflow notifies people: the new
# CustomNotice type, with the workflow's `notices` relation (auto=True adds it: Flow already exists).
add_attribute("Flow", "limit_expression")
add_entity_type("CustomNotice")
