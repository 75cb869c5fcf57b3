// schema-change-in-sql: sql()/sqlexec() that creates, alters or drops tables, columns or indexes.
import { sqlStatements } from './query-strings';
import type { SafetyRule } from './safety-rule';

const SCHEMA_CHANGE = /^(CREATE|ALTER|DROP)\s+(?:UNIQUE\s+)?(TABLE|INDEX|VIEW|SEQUENCE|TRIGGER|COLUMN|SCHEMA|TYPE)\b/i;
const TEMPORARY = /^CREATE\s+(?:GLOBAL\s+|LOCAL\s+)?TEMP(?:ORARY)?\b/i;

export const schemaChangeInSql: SafetyRule = {
  code: 'schema-change-in-sql',
  note: "SQL that creates, alters or drops tables, columns or indexes changes the database behind the persisted schema's back: the next schema sync or upgrade disagrees with what is really there.",
  help: 'Use the schema primitives (add_attribute, add_entity_type, drop_attribute, change_attribute_type, set_size_constraint, sync_schema_props_perms) and keep sql() for data.',
  check({ queries }) {
    const problems = [];
    for (const query of queries) {
      if (query.language !== 'sql') continue;
      const statement = sqlStatements(query.literal.value).find((s) => SCHEMA_CHANGE.test(s) && !TEMPORARY.test(s));
      if (!statement) continue;
      const [, verb, what] = SCHEMA_CHANGE.exec(statement)!;
      problems.push({ code: 'schema-change-in-sql' as const, start: query.start, end: query.end,
        message: `${query.callee}() runs ${verb.toUpperCase()} ${what.toUpperCase()}, which changes the schema behind the persisted schema's back: ${schemaChangeInSql.help}` });
    }
    return problems;
  },
  cases: [
    { script: "sql('ALTER TABLE cw_Person ADD COLUMN cw_age integer')\n", expected: 'sql() runs ALTER TABLE' },
    { script: "sqlexec('CREATE UNIQUE INDEX person_name ON cw_Person (cw_name)')\n", expected: 'sqlexec() runs CREATE INDEX' },
    { script: "cnx.system_sql('DROP TABLE old_stuff')\n", expected: 'cnx.system_sql() runs DROP TABLE' },
    { script: "sql('UPDATE cw_Person SET cw_age = 0 WHERE cw_age IS NULL')\n", expected: null },
    { script: "sql('CREATE TEMPORARY TABLE seen (eid integer)')\n", expected: null },
    { script: "query = 'ALTER TABLE ' + table\nsql(query)\n", expected: null },
  ],
};
