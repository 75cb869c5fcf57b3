"""The framework's own system tables: the 2.26.0 layout (bootstrap) and the scripts migrating it."""
from __future__ import annotations

import os
from typing import List

from ..scripts import MigrationScript, list_scripts
from ..versions import Version

BASE_VERSION = Version(2, 26, 0)
MIGRATION_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "migration")


def framework_scripts() -> List[MigrationScript]:
    return list_scripts(MIGRATION_DIR)[0]


def bootstrap(db) -> None:
    """Creates the system tables as framework 2.26.0 had them; later versions are migration scripts."""
    d = db.dialect
    db.execute(f"CREATE TABLE entities ({d.eid_column()}, type VARCHAR(64) NOT NULL)")
    db.execute("CREATE INDEX entities_type_idx ON entities (type)")
    db.execute("CREATE TABLE erudi_versions (component VARCHAR(16) PRIMARY KEY, version VARCHAR(32) NOT NULL)")
    db.execute("CREATE TABLE erudi_schema_entities (name VARCHAR(64) PRIMARY KEY, props TEXT NOT NULL)")
    db.execute("CREATE TABLE erudi_schema_relations (name VARCHAR(64) PRIMARY KEY, final BOOLEAN NOT NULL, "
               "props TEXT NOT NULL)")
    db.execute("CREATE TABLE erudi_schema_definitions (subject VARCHAR(64) NOT NULL, rtype VARCHAR(64) NOT NULL, "
               "object VARCHAR(64) NOT NULL, ordering INTEGER NOT NULL, props TEXT NOT NULL, "
               "PRIMARY KEY (subject, rtype, object))")
