# erudi 2.31.0: the instance configuration is committed with each step (the journal table
# erudi_config_pending: the text the configuration file must hold after a commit, kept until the file is
# written; see config_journal.py), and the ledger keeps the cubes' scripts too: the scripts of every stored
# cube at or below its stored version that the log lacks are recorded as "baseline".
from erudi_migrate.config_journal import create_table
from erudi_migrate.ledger import record_cube_baseline

create_table(repo.db)
record_cube_baseline(repo)
