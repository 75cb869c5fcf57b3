// The RQL and SQL strings a statement runs: literal arguments of rql()/sql()/sqlexec()/rqliter() and of cnx/session.execute()/system_sql().
import type { SyntaxNode } from '../../core/python/parser';
import { stringLiteral, type StringLiteral } from '../../core/python/string-literal';
import type { CatalogCall } from '../script/catalog-calls';
import { catalogEntryNamed, type ScriptContext } from '../script/script-context';

export interface QueryString {
  language: 'rql' | 'sql';
  /** The call's name as written: `rql`, `sql`, `cnx.system_sql`, ... */
  callee: string;
  literal: StringLiteral;
  /** The whole call. */
  start: number;
  end: number;
}

// Methods of the connection (catalog values cnx and session) that run a query given as their first argument.
const CONNECTION_METHODS: Record<string, 'rql' | 'sql'> = { execute: 'rql', system_sql: 'sql' };

/** Every query string the statement runs, when it is a plain constant (an assembled string cannot be judged). */
export function queryStrings(context: ScriptContext, statement: SyntaxNode, calls: readonly CatalogCall[]): QueryString[] {
  const queries: QueryString[] = [];
  for (const { call, binding } of calls) {
    for (const [argument, parameter] of binding.parameterOf) {
      const language = parameter?.language;
      if ((language === 'rql' || language === 'sql') && argument.literal) {
        queries.push({ language, callee: call.name, literal: argument.literal, start: call.start, end: call.end });
      }
    }
  }
  for (const node of statement.descendantsOfType('call')) {
    const callee = node?.childForFieldName('function');
    if (!node || callee?.type !== 'attribute') continue;
    const object = callee.childForFieldName('object');
    const method = callee.childForFieldName('attribute')?.text ?? '';
    const language = CONNECTION_METHODS[method];
    if (!language || object?.type !== 'identifier' || !['cnx', 'session'].includes(object.text) || !catalogEntryNamed(context, object.text)) continue;
    const first = node.childForFieldName('arguments')?.namedChildren.find((c) => c && c.type !== 'comment');
    const literal = first && first.type !== 'keyword_argument' ? stringLiteral(first) : undefined;
    if (literal) queries.push({ language, callee: `${object.text}.${method}`, literal, start: node.startIndex, end: node.endIndex });
  }
  return queries;
}

/** The query without its quoted literals and comments, so keywords inside values do not count. */
export function queryWords(query: string): string {
  return query.replace(/--[^\n]*/g, ' ').replace(/'(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.)*"/g, "''");
}

/** The statements of a SQL text (split on `;` outside quotes), each stripped of quoted values. */
export function sqlStatements(query: string): string[] {
  return queryWords(query).split(';').map((s) => s.trim()).filter(Boolean);
}

