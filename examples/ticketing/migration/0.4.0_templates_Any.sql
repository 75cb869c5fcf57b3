-- r0.3 -> r1.0 (the release's ddl.sql/dml.py, as one SQL script run statement by statement):
-- every existing workflow gets the default notification templates.
UPDATE cw_Flow SET cw_title_template = '{title}: {state}' WHERE cw_title_template = '';
UPDATE cw_Flow SET cw_content_template = 'Ticket {sn} is now in state {state}.' WHERE cw_content_template = '';
