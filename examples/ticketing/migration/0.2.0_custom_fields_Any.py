# r0.1 -> r0.2: a free label on custom fields, for the caller's own extensions.
add_attribute("CustomField", "label")
