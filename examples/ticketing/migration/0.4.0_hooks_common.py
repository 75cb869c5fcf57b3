# r0.3 -> r1.0: the user-name header is a web setting, hooks have a timeout, and the directory of the
# notification scripts (replaced by hooks) is no longer read.
option_group_change("username_header", "main", "web")
option_added("web.hook_timeout", 10)
option_removed("notify_script_dir")
print("configuration:", config.as_dict())
