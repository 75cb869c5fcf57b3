# erudi 2.28.0: the migration log also records how long each script took.
sqlexec("ALTER TABLE erudi_migration_log ADD COLUMN duration_ms INTEGER", ask_confirm=False)
