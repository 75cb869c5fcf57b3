"""`cubicweb` as schema files and scripts import it: `_` (marks a message for translation, returns it)
and the few helpers schema modules use; the runtime's compatibility layer, not CubicWeb."""


def _(message):
    """Marks a message for translation (CubicWeb extracts them); returns it unchanged."""
    return message


class Binary(bytes):
    """Binary data (CubicWeb wraps Bytes values in it)."""


class ValidationError(Exception):
    def __init__(self, entity, errors):
        super().__init__(entity, errors)
        self.entity = entity
        self.errors = errors


class Unauthorized(Exception):
    pass


ETYPE_NAME_MAP = {}
