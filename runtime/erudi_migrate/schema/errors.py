"""The error a schema definition raises when it is inconsistent (yams' BadSchemaDefinition); the loader
turns it into a MigrationError naming the schema file and line."""


class BadSchemaDefinition(Exception):
    """A schema file says something the schema cannot be built from."""
