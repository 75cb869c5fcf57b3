// RQL strings given to CubicWeb's connection objects: `cnx.execute('Any X ...')`, `session.execute(...)`, as rql() strings are checked.
import type { SyntaxNode } from '../../core/python/parser';
import { readArguments, type CallArgument } from '../../core/python/calls';

/** The objects whose `execute()` runs RQL in a CubicWeb migration script. */
const RQL_RUNNERS = new Set(['cnx', 'session', 'self._cw', '_cw', 'self.session', 'repo_cnx']);

/** The literal query argument of each `<runner>.execute(query, ...)` call inside `within`. */
export function rqlMethodArguments(within: SyntaxNode): CallArgument[] {
  const found: CallArgument[] = [];
  for (const node of within.descendantsOfType('call')) {
    const callee = node?.childForFieldName('function');
    const argumentList = node?.childForFieldName('arguments');
    if (!callee || callee.type !== 'attribute' || !argumentList || argumentList.type !== 'argument_list') continue;
    if (callee.childForFieldName('attribute')?.text !== 'execute') continue;
    if (!RQL_RUNNERS.has(callee.childForFieldName('object')?.text ?? '')) continue;
    const query = readArguments(argumentList).find((a) => (a.kind === 'positional' && a.position === 0) || a.keyword === 'rql');
    if (query?.literal) found.push(query);
  }
  return found;
}
