# r0.1 -> r0.2: the result of the last script run and the end/rejection flags of a ticket's record,
# and the participants of a "everybody must approve" state.
add_attribute("TicketRecord", "script_run_last_result")
add_attribute("TicketRecord", "is_end")
add_attribute("TicketRecord", "is_rejected")
add_attribute("TicketRecord", "multi_all_person")
