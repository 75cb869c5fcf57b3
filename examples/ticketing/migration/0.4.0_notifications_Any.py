# r0.3 -> r1.0: notifications are sent through hooks with a title and a content rendered from templates.
add_attribute("Flow", "title_template")
add_attribute("Flow", "content_template")
