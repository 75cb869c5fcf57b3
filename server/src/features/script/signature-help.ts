// Signature help: the signature of the catalog function whose parentheses the cursor is in, with the active parameter.
import { bindArguments } from './argument-binding';
import { renderSignature } from '../../core/catalog/signature';
import { surroundingsAt } from '../../core/python/call-at-cursor';
import { catalogEntryNamed, type ScriptContext } from './script-context';

export interface ScriptSignatureHelp {
  label: string;
  /** Markdown: the summary and the modes. */
  documentation: string;
  parameters: { label: [number, number]; documentation?: string }[];
  /** Index into `parameters`; undefined when the argument fits no parameter (an unknown keyword). */
  activeParameter?: number;
}

export function signatureHelpAt(context: ScriptContext, offset: number): ScriptSignatureHelp | undefined {
  const { call } = surroundingsAt(context.script.tree, context.script.text, offset);
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
      documentation: p.names ? `Names ${p.names === 'attribute' ? `an attribute of \`${p.of}\`` : `a${p.names === 'entity-type' || p.names === 'entity-or-relation-type' ? 'n' : ''} ${p.names.replace(/-/g, ' ')}`}${p.schema === 'defined' ? ' that schema.py defines' : p.schema === 'removed' ? ' no longer in schema.py' : ''}.` : undefined,
    })),
    activeParameter: index >= 0 ? index : undefined,
  };
}
