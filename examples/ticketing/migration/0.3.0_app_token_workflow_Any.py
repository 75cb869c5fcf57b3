# r0.2 -> r0.3: app tokens get a life cycle (an erudi workflow): active until a manager revokes them.
add_state("active", "AppToken", initial=True)
add_state("revoked", "AppToken")
add_transition("revoke", "AppToken", ("active",), "revoked", requiredgroups=("managers",))
add_transition("reactivate", "AppToken", ("revoked",), "active", requiredgroups=("managers",))
