# Sample data of a fresh 0.1.0 instance: a leave-request workflow, two tickets and their history.
wf = add_entity("Flow", name="leave request", description="ask for days off")
start = add_entity("FlowState", name="draft", workflow=wf, state_type_id=1, order_id=1)
review = add_entity("FlowState", name="manager review", workflow=wf, order_id=2, participant_type_id=1,
                    participant="boss")
notify = add_entity("FlowState", name="notify hr", workflow=wf, order_id=3, participant_type_id=6,
                    participant="notify_hr.py")
done = add_entity("FlowState", name="done", workflow=wf, state_type_id=2, order_id=4)
submit = add_entity("FlowTransition", name="submit", workflow=wf, source_state=start, target_state=review)
approve = add_entity("FlowTransition", name="approve", workflow=wf, source_state=review, target_state=notify)
close = add_entity("FlowTransition", name="close", workflow=wf, source_state=notify, target_state=done)
add_entity("CustomField", workflow=wf, field_key="days", field_name="Days off", field_type_id=1, order_id=1)
add_entity("AppToken", app_name="intranet", token="3f2a0c")

first = add_entity("Ticket", sn="loonflow_202001010001", title="Holidays in May", creator="ann",
                   workflow=wf, current_state=notify)
add_entity("TicketRecord", ticket=first, transition=submit, participant="ann")
add_entity("TicketRecord", ticket=first, transition=approve, participant="boss", suggestion="ok")
add_entity("TicketStateLastMan", ticket=first, state=review, participant="boss")
second = add_entity("Ticket", sn="loonflow_202001020001", title="One day off", creator="bob",
                    workflow=wf, current_state=review)
add_entity("TicketRecord", ticket=second, transition=submit, participant="bob")
add_entity("TicketStateLastMan", ticket=second, state=review, participant="boss")
print("sample data: 1 workflow, 4 states, 3 transitions, 2 tickets")
