"""The ticketing application, release 0.1.0: what was installed when the demo instance was created."""
modname = "ticketing"
distname = "ticketing"
numversion = (0, 1, 0)
version = ".".join(str(part) for part in numversion)
description = "Workflow-driven tickets (modelled on loonflow's r0.1 data model)"
