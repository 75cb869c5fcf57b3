# erudi 2.30.0: the migration log becomes the instance's ledger of applied scripts: each row also holds the
# script's sha256, its outcome (applied, created, baseline, marked-applied, marked-unapplied) and who
# recorded it. Scripts at or below the stored model version that the log lacks (applied before the log
# existed, or before this runtime kept one) are recorded as "baseline" with their current checksum, so an
# old instance upgrades into a complete ledger; from now on a script the ledger lacks is reported.
sqlexec("ALTER TABLE erudi_migration_log ADD COLUMN sha256 VARCHAR(64)", ask_confirm=False)
sqlexec("ALTER TABLE erudi_migration_log ADD COLUMN outcome VARCHAR(32)", ask_confirm=False)
sqlexec("ALTER TABLE erudi_migration_log ADD COLUMN recorded_by VARCHAR(256)", ask_confirm=False)
sqlexec("UPDATE erudi_migration_log SET outcome = 'applied' WHERE outcome IS NULL", ask_confirm=False)
from erudi_migrate.ledger import record_baseline

record_baseline(repo)
