# r0.2 -> r0.3: for safety a script participant is no longer a file name but the eid of a
# WorkflowScript record: create the records and point the states at them.
add_entity_type("WorkflowScript")
for state, file_name in rql("Any S, P WHERE S is FlowState, S participant_type_id 6, S participant P"):
    script = add_entity("WorkflowScript", name=file_name, saved_file="workflow_script/" + file_name)
    rql("SET S participant %(script)s WHERE S is FlowState, S eid %(state)s", {"script": str(script), "state": state})
    print(f"state {state}: participant {file_name} is now WorkflowScript {script}")
