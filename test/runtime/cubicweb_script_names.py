"""Every name CubicWeb 3.28 puts in a migration script's namespace, with its signature as CubicWeb
writes it: test data, read from cubicweb/migration.py (MigrationHelper: its context dict, cmd_* methods,
process_script's __file__/__args__) and cubicweb/server/migractions.py (ServerMigrationHelper: its
_create_context additions and cmd_* methods). `ask_confirm` is not listed on commands: CubicWeb's
`interact` wrapper accepts it on every cmd_* call."""

# name -> signature ("" for a value), in the order the two files define them.
CUBICWEB_3_28 = {
    # MigrationHelper.__init__ context and MigrationHelper.migrate
    "confirm": "(question, shell=True, abort=True, retry=False, pdb=False, default='y', traceback=None)",
    "config": "",
    "interactive_mode": "",
    "versions_map": "",
    # MigrationHelper.cmd_process_script's locals
    "__file__": "",
    "__args__": "",
    # MigrationHelper.cmd_*
    "process_script": "(migrscript, funcname=None, *args, **kwargs)",
    "option_renamed": "(oldname, newname)",
    "option_group_changed": "(option, oldgroup, newgroup)",
    "option_added": "(optname)",
    "option_removed": "(optname)",
    "option_type_changed": "(optname, oldtype, newvalue)",
    "add_cubes": "(cubes, update_database=True)",
    "drop_cube": "(cube, removedeps=False)",
    # ServerMigrationHelper._create_context
    "commit": "(ask_confirm=True)",
    "rollback": "()",
    "sql": "(sql, args=None, ask_confirm=True)",
    "rql": "(rql, kwargs=None, build_descr=True, ask_confirm=False)",
    "rqliter": "(rql, kwargs=None, ask_confirm=True)",
    "schema": "",
    "cnx": "",
    "fsschema": "",
    "session": "",
    "repo": "",
    # ServerMigrationHelper.cmd_*
    "exec_event_script": "(event, cube=None, funcname=None, *args, **kwargs)",
    "install_custom_sql_scripts": "(cube=None)",
    "add_cube": "(cube, update_database=True)",
    "add_attribute": "(etype, attrname, attrtype=None, commit=True)",
    "drop_attribute": "(etype, attrname, commit=True)",
    "rename_attribute": "(etype, oldname, newname, commit=True)",
    "add_entity_type": "(etype, auto=True, commit=True)",
    "drop_entity_type": "(etype, commit=True)",
    "rename_entity_type": "(oldname, newname, attrs=None, commit=True)",
    "add_relation_type": "(rtype, addrdef=True, commit=True)",
    "drop_relation_type": "(rtype, commit=True)",
    "rename_relation_type": "(oldname, newname, commit=True, force=False)",
    "add_relation_definition": "(subjtype, rtype, objtype, commit=True)",
    "drop_relation_definition": "(subjtype, rtype, objtype, commit=True)",
    "sync_schema_props_perms": "(ertype=None, syncperms=True, syncprops=True, syncrdefs=True, commit=True)",
    "change_relation_props": "(subjtype, rtype, objtype, commit=True, **kwargs)",
    "set_size_constraint": "(etype, rtype, size, commit=True)",
    "make_workflowable": "(etype)",
    "add_workflow": "(name, wfof, default=True, commit=False, ensure_workflowable=True, **kwargs)",
    "get_workflow_for": "(etype)",
    "property_value": "(pkey)",
    "set_property": "(pkey, value)",
    "storage_changed": "(etype, attribute)",
    "create_entity": "(etype, commit=False, **kwargs)",
    "find": "(etype, **kwargs)",
    "find_entities": "(etype, **kwargs)",
    "find_one_entity": "(etype, **kwargs)",
    "update_etype_fti_weight": "(etype, weight)",
    "reindex_entities": "(etypes=None)",
    "dropped_constraints": "(etype, attrname, cstrtype=None, droprequired=False)",
    "change_attribute_type": "(etype, attr, newtype, commit=True)",
    "add_entity_type_table": "(etype, commit=True)",
    "add_relation_type_table": "(rtype, commit=True)",
    "rename_relation": "(oldname, newname, commit=True)",
}

# The names CubicWeb wraps with `interact` (its cmd_* methods): each accepts ask_confirm.
COMMANDS = {
    "process_script", "option_renamed", "option_group_changed", "option_added", "option_removed",
    "option_type_changed", "add_cubes", "drop_cube", "exec_event_script", "install_custom_sql_scripts",
    "add_cube", "add_attribute", "drop_attribute", "rename_attribute", "add_entity_type", "drop_entity_type",
    "rename_entity_type", "add_relation_type", "drop_relation_type", "rename_relation_type",
    "add_relation_definition", "drop_relation_definition", "sync_schema_props_perms", "change_relation_props",
    "set_size_constraint", "make_workflowable", "add_workflow", "get_workflow_for", "property_value",
    "set_property", "storage_changed", "create_entity", "find", "find_entities", "find_one_entity",
    "update_etype_fti_weight", "reindex_entities", "dropped_constraints", "change_attribute_type",
    "add_entity_type_table", "add_relation_type_table", "rename_relation",
}

# The Erudi guide's own spellings, which stay valid beside CubicWeb's (catalog name -> CubicWeb name).
ERUDI_SPELLINGS = {
    "option_group_change": "option_group_changed",
    "checkpoint": "commit",
    "sqlexec": "sql",
    "rename_relation": "rename_relation_type",
    "repo_schema": "schema",
    "newschema": "fsschema",
}
