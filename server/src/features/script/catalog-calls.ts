// The complete calls of catalog functions (not shadowed by the script) inside one statement, with their arguments bound.
import type { Primitive } from '../../core/catalog/catalog';
import { findCalls, type CallArgument, type PythonCall } from '../../core/python/calls';
import type { SyntaxNode } from '../../core/python/parser';
import { bindArguments, type Binding } from './argument-binding';
import { catalogEntryNamed, type ScriptContext } from './script-context';

export interface CatalogCall {
  call: PythonCall;
  primitive: Primitive;
  binding: Binding<CallArgument>;
}

export function catalogCallsIn(context: ScriptContext, within: SyntaxNode): CatalogCall[] {
  const calls: CatalogCall[] = [];
  for (const call of findCalls(within, (name) => context.catalog.byName.get(name)?.kind === 'function')) {
    const entry = catalogEntryNamed(context, call.name);
    if (entry?.kind === 'function') calls.push({ call, primitive: entry, binding: bindArguments(entry, call.arguments) });
  }
  return calls;
}
