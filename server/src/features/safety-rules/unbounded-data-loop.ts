// unbounded-data-loop: a loop over an unbounded query that creates or changes entities, with no commit() inside.
import type { SyntaxNode } from '../../core/python/parser';
import { stringLiteral } from '../../core/python/string-literal';
import { catalogEntryNamed, type ScriptContext } from '../script/script-context';
import { queryWords } from './query-strings';
import type { SafetyRule } from './safety-rule';

// Catalog functions returning every row of a query or type, and which argument holds the query (null: no query, all of a type).
const SOURCES: Record<string, 'rql' | null> = { rql: 'rql', rqliter: 'rql', find: null, find_entities: null };
const WRITING_FUNCTIONS = new Set(['create_entity', 'add_entity']);
const WRITING_METHODS = new Set(['cw_set', 'cw_delete', 'set_attributes', 'set_relations', 'create_entity']);
const COMMITS = new Set(['commit', 'checkpoint']);

function calleeName(call: SyntaxNode): { object?: string; name: string } | undefined {
  const callee = call.childForFieldName('function');
  if (callee?.type === 'identifier') return { name: callee.text };
  if (callee?.type === 'attribute') return { object: callee.childForFieldName('object')?.text, name: callee.childForFieldName('attribute')?.text ?? '' };
  return undefined;
}

function firstLiteral(call: SyntaxNode): string | undefined {
  const first = call.childForFieldName('arguments')?.namedChildren.find((c) => c && c.type !== 'comment');
  return first ? stringLiteral(first)?.value : undefined;
}

/** What the loop iterates over, when it is an unbounded query written out: "rql('Any X WHERE X is Person')". */
function unboundedSource(context: ScriptContext, iterated: SyntaxNode | null): string | undefined {
  let call = iterated;
  // `rql(...).entities()` iterates the same rows.
  if (call?.type === 'call' && call.childForFieldName('function')?.type === 'attribute') {
    const inner = call.childForFieldName('function')?.childForFieldName('object');
    if (inner?.type === 'call') call = inner;
  }
  if (call?.type !== 'call') return undefined;
  const callee = calleeName(call);
  if (!callee) return undefined;
  const connection = callee.object !== undefined && ['cnx', 'session'].includes(callee.object) && catalogEntryNamed(context, callee.object) && callee.name === 'execute';
  const source = connection ? 'rql' : callee.object === undefined && callee.name in SOURCES && catalogEntryNamed(context, callee.name) ? SOURCES[callee.name] : undefined;
  if (source === undefined) return undefined;
  const shown = `${callee.object ? `${callee.object}.` : ''}${callee.name}()`;
  if (source === null) return call.childForFieldName('arguments')?.namedChildren.some((c) => c?.type === 'keyword_argument') ? undefined : shown;
  const query = firstLiteral(call);
  // An assembled query cannot be judged; LIMIT bounds it, and so does any value in its restrictions.
  return query !== undefined && isUnbounded(query) ? shown : undefined;
}

/**
 * True when the query reads every entity of its types: no LIMIT, and a WHERE (if any) that only types variables and
 * follows attributes or relations, comparing nothing to a value (`X is Person, X name N`).
 */
function isUnbounded(query: string): boolean {
  if (/\bLIMIT\b/i.test(queryWords(query))) return false;
  const where = /\bWHERE\b([\s\S]*)$/i.exec(query)?.[1] ?? '';
  return !/['"]|\d|%\(|%s|\b(?:TRUE|FALSE|NULL|NOT|IN|LIKE|ILIKE|TODAY|NOW)\b|[<>=~]/i.test(where);
}

function writesOrCommits(context: ScriptContext, body: SyntaxNode): { writes?: string; commits: boolean } {
  let writes: string | undefined;
  let commits = false;
  for (const call of body.descendantsOfType('call')) {
    const callee = call && calleeName(call);
    if (!call || !callee) continue;
    const plain = callee.object === undefined;
    if ((plain && COMMITS.has(callee.name) && catalogEntryNamed(context, callee.name)) || (!plain && callee.name === 'commit')) commits = true;
    if (writes) continue;
    if (plain && WRITING_FUNCTIONS.has(callee.name) && catalogEntryNamed(context, callee.name)) writes = `${callee.name}()`;
    else if (!plain && WRITING_METHODS.has(callee.name)) writes = `.${callee.name}()`;
    else if ((plain && ['rql', 'sql', 'sqlexec'].includes(callee.name)) || (!plain && ['execute', 'system_sql'].includes(callee.name))) {
      const query = firstLiteral(call);
      const verb = query && /^\s*(INSERT|SET|DELETE|UPDATE)\b/i.exec(query)?.[1];
      if (verb) writes = `${plain ? '' : `${callee.object}.`}${callee.name}('${verb.toUpperCase()} ...')`;
    }
  }
  return { writes, commits };
}

export const unboundedDataLoop: SafetyRule = {
  code: 'unbounded-data-loop',
  note: 'A loop that creates or changes entities for every row of an unbounded query keeps all of it in one transaction: memory, locks and the time to roll back grow with the data.',
  help: 'Work in batches (LIMIT/OFFSET, or a restriction per run) or call commit() every few hundred rows inside the loop.',
  check({ context, statement }) {
    const problems = [];
    for (const loop of statement.descendantsOfType('for_statement')) {
      if (!loop) continue;
      const source = unboundedSource(context, loop.childForFieldName('right'));
      const body = loop.childForFieldName('body');
      if (!source || !body) continue;
      const { writes, commits } = writesOrCommits(context, body);
      if (!writes || commits) continue;
      const header = loop.childForFieldName('right')!;
      problems.push({ code: 'unbounded-data-loop' as const, start: loop.startIndex, end: header.endIndex,
        message: `This loop over every row of ${source} calls ${writes} with no commit() inside, so it all happens in one transaction: ${unboundedDataLoop.help}` });
    }
    return problems;
  },
  cases: [
    { script: "for eid, name in rql('Any X, N WHERE X is Person, X name N'):\n    rql('SET X name %(n)s WHERE X eid %(x)s', {'n': name.title(), 'x': eid})\n", expected: "This loop over every row of rql() calls rql('SET ...') with no commit() inside" },
    { script: "for person in find('Person').entities():\n    person.cw_set(age=0)\n", expected: 'calls .cw_set()' },
    { script: "for row in cnx.execute('Any X WHERE X is Ticket'):\n    create_entity('Comment', content=u'migrated')\n", expected: 'every row of cnx.execute() calls create_entity()' },
    { script: "for i, (eid,) in enumerate(rql('Any X WHERE X is Person')):\n    rql('SET X age 0 WHERE X eid %(x)s', {'x': eid})\n", expected: null },
    { script: "for eid, in rql('Any X WHERE X is Person'):\n    rql('SET X age 0 WHERE X eid %(x)s', {'x': eid})\n    commit()\n", expected: null },
    { script: "for state, name in rql('Any S, N WHERE S is State, S participant_type_id 6, S name N'):\n    rql('SET S name %(n)s WHERE S eid %(s)s', {'n': name, 's': state})\n", expected: null },
    { script: "for person in find('Person', age=3).entities():\n    person.cw_set(age=4)\n", expected: null },
    { script: "for eid, in rql('Any X LIMIT 500 WHERE X is Person'):\n    rql('SET X age 0 WHERE X eid %(x)s', {'x': eid})\n", expected: null },
    { script: "for eid, in rql(query):\n    rql('SET X age 0 WHERE X eid %(x)s', {'x': eid})\n", expected: null },
    { script: "for eid, name in rql('Any X, N WHERE X is Person, X name N'):\n    print(name)\n", expected: null },
  ],
};
