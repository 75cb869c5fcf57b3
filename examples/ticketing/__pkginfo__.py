"""The ticketing application, current release."""
modname = "ticketing"
distname = "ticketing"
numversion = (0, 4, 0)
version = ".".join(str(part) for part in numversion)
description = "Workflow-driven tickets (modelled on loonflow's upgrade notes r0.1 to r1.0)"
