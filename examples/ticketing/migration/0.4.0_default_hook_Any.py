# r0.3 -> r1.0: notification scripts are replaced by hooks. Every workflow that notifies nobody yet gets
# the default hook; the hooks are then listed for the operator to configure. The changes are this
# release's planned data migration: ask_confirm=False, as CubicWeb's own scripts do, asks nothing.
hook = rql('INSERT CustomNotice N: N name "default hook", N description "the hook server of the upgrade notes", '
           'N hook_url %(url)s, N hook_token %(token)s',
           {"url": "http://127.0.0.1:8000/hook", "token": "change-me"}, ask_confirm=False)[0][0]
attached = rql("SET W notices N WHERE W is Flow, N eid %(hook)s, NOT W notices M", {"hook": hook},
               ask_confirm=False)
print(f"{len(attached)} workflow(s) now notify through the default hook (CustomNotice {hook})")
for name, url in rql("Any N, U ORDERBY N LIMIT 20 WHERE X is CustomNotice, X name N, X hook_url U"):
    print(f"hook {name!r} calls {url}")
