# erudi 2.27.0: a log of every migration script applied to the instance (who ran what, when).
sqlexec("CREATE TABLE erudi_migration_log ("
        "component VARCHAR(16) NOT NULL, version VARCHAR(32) NOT NULL, "
        "script TEXT NOT NULL, applied_at VARCHAR(32) NOT NULL)", ask_confirm=False)
