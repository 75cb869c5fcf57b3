"""Schema differences between an instance's persisted schema and the application's schema files, and the
migration script that removes them (`erudi-migrate diff`, `erudi-migrate generate`)."""
