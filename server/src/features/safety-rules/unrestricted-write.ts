// unrestricted-write: an RQL DELETE/SET or a SQL DELETE/UPDATE without WHERE, which touches every row.
import { queryWords, sqlStatements } from './query-strings';
import type { SafetyRule } from './safety-rule';

const RQL_WRITE = /^\s*(DELETE|SET)\b/i;
const SQL_WRITE = /^(DELETE\s+FROM|UPDATE)\s+("?[\w.]+"?)/i;
// `DELETE Person X` names the type whose every entity goes.
const RQL_DELETE_TYPE = /^\s*DELETE\s+([A-Z]\w*)\s+[A-Z]\w*\s*$/;

export const unrestrictedWrite: SafetyRule = {
  code: 'unrestricted-write',
  note: 'A DELETE or UPDATE (RQL SET) without WHERE touches every row of the type or table, often by accident.',
  help: 'Add a WHERE restriction naming the rows; when every row is meant, say so in a comment and add # erudi: ignore[unrestricted-write].',
  check({ queries, figures }) {
    const problems = [];
    for (const query of queries) {
      if (query.language === 'rql') {
        const words = queryWords(query.literal.value);
        const write = RQL_WRITE.exec(words);
        if (!write || /\bWHERE\b/i.test(words)) continue;
        const etype = RQL_DELETE_TYPE.exec(words)?.[1];
        const count = etype !== undefined ? figures?.entityTypes[etype]?.rows : undefined;
        const scope = count !== undefined ? `all ${count} ${etype} entit${count === 1 ? 'y' : 'ies'}` : 'every matching entity';
        problems.push({ code: 'unrestricted-write' as const, start: query.start, end: query.end,
          message: `${query.callee}() runs ${write[1].toUpperCase()} without WHERE, which touches ${scope}: ${unrestrictedWrite.help}` });
        continue;
      }
      const statement = sqlStatements(query.literal.value).find((s) => SQL_WRITE.test(s) && !/\bWHERE\b/i.test(s));
      if (!statement) continue;
      const [, verb, table] = SQL_WRITE.exec(statement)!;
      problems.push({ code: 'unrestricted-write' as const, start: query.start, end: query.end,
        message: `${query.callee}() runs ${verb.toUpperCase().replace(/\s+/, ' ')} ${table} without WHERE, which touches every row of the table: ${unrestrictedWrite.help}` });
    }
    return problems;
  },
  cases: [
    { script: "rql('DELETE Person X')\n", expected: 'rql() runs DELETE without WHERE, which touches every matching entity' },
    { script: "rql('DELETE Person X')\n", figures: { entityTypes: { Person: { rows: 1204 } } }, expected: 'touches all 1204 Person entities' },
    { script: "rql('SET X age 0')\n", expected: 'rql() runs SET without WHERE' },
    { script: "sql('UPDATE cw_Person SET cw_age = 0')\n", expected: 'sql() runs UPDATE cw_Person without WHERE' },
    { script: "cnx.system_sql('delete from cw_Ticket')\n", expected: 'cnx.system_sql() runs DELETE FROM cw_Ticket without WHERE' },
    { script: "rql('DELETE Person X WHERE X age > 100')\nsql(\"UPDATE cw_Person SET cw_note = 'where' WHERE cw_eid = 1\")\n", expected: null },
    { script: "rql('Any X WHERE X is Person')\nrql(query)\n", expected: null },
  ],
};
