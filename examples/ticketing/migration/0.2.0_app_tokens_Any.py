# r0.1 -> r0.2: an app token lists the workflows the app may use (to be set by hand after the upgrade)
# and the prefix of the serial numbers of the tickets it creates.
add_attribute("AppToken", "workflow_ids")
add_attribute("AppToken", "ticket_sn_prefix")
