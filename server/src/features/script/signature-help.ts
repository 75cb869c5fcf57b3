// Signature help: the signature of the catalog function whose parentheses the cursor is in, with the active parameter.
import { bindArguments } from './argument-binding';
import type { NamedKind, Parameter } from '../../core/catalog/catalog';
import { renderSignature } from '../../core/catalog/signature';
import { surroundingsAt } from '../../core/python/call-at-cursor';
import { catalogEntryNamed, memberCallOf, type ScriptContext } from './script-context';

export interface ScriptSignatureHelp {
  label: string;
  /** Markdown: the summary and the modes. */
  documentation: string;
  parameters: { label: [number, number]; documentation?: string }[];
  /** Index into `parameters`; undefined when the argument fits no parameter (an unknown keyword). */
  activeParameter?: number;
}

const NAMED: Record<NamedKind, string> = {
  'entity-type': 'an entity type',
  'relation-type': 'a relation type',
  attribute: 'an attribute',
  'entity-or-relation-type': 'an entity or relation type',
};

/** "Names an attribute of `etype` that schema.py defines.": what a schema-aware parameter expects. */
function parameterDocumentation(parameter: Parameter): string | undefined {
  if (!parameter.names) return undefined;
  const what = parameter.kind === 'var-keyword' ? `Keywords name ${NAMED[parameter.names].replace(/^an? /, '')}s` : `Names ${NAMED[parameter.names]}`;
  const of = parameter.of ? ` of \`${parameter.of}\`` : '';
  const state = parameter.schema === 'defined' ? ' that schema.py defines' : parameter.schema === 'removed' ? ' that schema.py no longer defines' : '';
  return `${what}${of}${state}.`;
}

export function signatureHelpAt(context: ScriptContext, offset: number): ScriptSignatureHelp | undefined {
  const { call } = surroundingsAt(context.script.tree, context.script.text, offset, memberCallOf(context));
  if (!call) return undefined;
  const entry = catalogEntryNamed(context, call.name);
  if (entry?.kind !== 'function') return undefined;
  const rendered = renderSignature(entry);
  // Bind what is typed so far plus the argument being typed, as Python would.
  const binding = bindArguments(entry, [...call.previous, call.active]);
  const parameter = binding.parameterOf.get(call.active);
  const index = parameter ? entry.parameters.indexOf(parameter) : -1;
  return {
    label: rendered.label,
    documentation: `${entry.summary}\n\nModes: ${entry.modes.join(', ')}${entry.destructive ? '\n\n**Destroys data.**' : ''}`,
    parameters: entry.parameters.map((p, i) => ({
      label: rendered.parameterOffsets[i],
      documentation: parameterDocumentation(p),
    })),
    activeParameter: index >= 0 ? index : undefined,
  };
}
