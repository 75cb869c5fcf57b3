// The script's complete calls of catalog functions (not shadowed by the script), found once per parsed text.
import type { Primitive } from '../../core/catalog/catalog';
import { findCalls, type CallArgument, type PythonCall } from '../../core/python/calls';
import type { ParsedPython } from '../../core/python/parsed-python';
import { bindArguments, type Binding } from './argument-binding';
import { catalogEntryNamed, type ScriptContext } from './script-context';

export interface CatalogCall {
  call: PythonCall;
  primitive: Primitive;
  binding: Binding<CallArgument>;
}

const cache = new WeakMap<ParsedPython, CatalogCall[]>();

export function catalogCalls(context: ScriptContext): CatalogCall[] {
  let calls = cache.get(context.script);
  if (!calls) {
    calls = [];
    for (const call of findCalls(context.script.tree, (name) => context.catalog.byName.get(name)?.kind === 'function')) {
      const entry = catalogEntryNamed(context, call.name);
      if (entry?.kind === 'function') calls.push({ call, primitive: entry, binding: bindArguments(entry, call.arguments) });
    }
    cache.set(context.script, calls);
  }
  return calls;
}
