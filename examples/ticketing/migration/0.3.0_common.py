# r0.2 -> r0.3: callers now send the user name in an HTTP header instead of a request parameter.
option_added("username_header", "HTTP_X_USERNAME")
