"""The data model: plain schema objects, the yams-compatible loader of schema.py and the persisted schema."""
