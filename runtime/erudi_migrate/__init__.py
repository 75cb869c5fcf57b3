"""Erudi migration runtime: executes migration scripts against SQLite or PostgreSQL."""

# The framework ("erudi") version: what `depends.map` entries refer to. Defined here only.
__version__ = "2.31.0"
